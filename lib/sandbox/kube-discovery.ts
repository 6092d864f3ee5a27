/**
 * Legacy (unaggregated) discovery documents, enough for kubectl to map ConfigMap and the
 * access reviews to their REST paths.
 */

/** `GET /version`. */
export const VERSION_INFO = {
  major: '1', minor: '32', gitVersion: 'v1.32.0-eks-access-standin', gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean', buildDate: '2025-01-01T00:00:00Z', goVersion: 'go1.23.0', compiler: 'gc', platform: 'linux/amd64',
};

/** `GET /api`. */
export function apiVersions(serverAddress: string): object {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

/** `GET /apis`. */
export const API_GROUP_LIST = {
  kind: 'APIGroupList',
  apiVersion: 'v1',
  groups: [{
    name: 'authorization.k8s.io',
    versions: [{ groupVersion: 'authorization.k8s.io/v1', version: 'v1' }],
    preferredVersion: { groupVersion: 'authorization.k8s.io/v1', version: 'v1' },
  }],
};

/** `GET /api/v1`. */
export const CORE_V1_RESOURCES = {
  kind: 'APIResourceList',
  groupVersion: 'v1',
  resources: [{
    name: 'configmaps', singularName: 'configmap', namespaced: true, kind: 'ConfigMap',
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update'], shortNames: ['cm'],
  }],
};

/** `GET /apis/authorization.k8s.io/v1`. */
export const AUTHORIZATION_V1_RESOURCES = {
  kind: 'APIResourceList',
  apiVersion: 'v1',
  groupVersion: 'authorization.k8s.io/v1',
  resources: [
    { name: 'selfsubjectaccessreviews', singularName: 'selfsubjectaccessreview', namespaced: false, kind: 'SelfSubjectAccessReview', verbs: ['create'] },
    { name: 'subjectaccessreviews', singularName: 'subjectaccessreview', namespaced: false, kind: 'SubjectAccessReview', verbs: ['create'] },
  ],
};
