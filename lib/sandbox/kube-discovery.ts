/**
 * Legacy (unaggregated) discovery documents, enough for kubectl to map the served kinds (the
 * object store's built-in and registered kinds, ConfigMap among them) and the access reviews
 * to their REST paths.
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

/** A served kind as discovery lists it (`KindInfo` of kube-objects.ts adds what its objects may carry). */
export interface DiscoveredKind {
  /** API group, `''` for core. */
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** Plural resource name of the REST path. */
  readonly resource: string;
  readonly singular: string;
  readonly namespaced: boolean;
  readonly shortNames?: readonly string[];
}

/** The verbs the stand-in's object routes answer. */
const OBJECT_VERBS = ['create', 'delete', 'get', 'list', 'patch', 'update'];

function resourceEntry(k: DiscoveredKind): object {
  return {
    name: k.resource, singularName: k.singular, namespaced: k.namespaced, kind: k.kind, verbs: OBJECT_VERBS,
    ...(k.shortNames?.length ? { shortNames: [...k.shortNames] } : {}),
  };
}

/** `GET /api/v1` for the served core kinds. */
export function coreResourceList(kinds: readonly DiscoveredKind[]): object {
  return { kind: 'APIResourceList', groupVersion: 'v1', resources: kinds.filter((k) => k.group === '' && k.version === 'v1').map(resourceEntry) };
}

/** `GET /apis`: authorization.k8s.io and the groups of the served kinds (first version preferred). */
export function apiGroupList(kinds: readonly DiscoveredKind[]): object {
  const groups = new Map<string, string[]>();
  for (const k of kinds.filter((x) => x.group !== '')) {
    const versions = groups.get(k.group) ?? [];
    if (!versions.includes(k.version)) versions.push(k.version);
    groups.set(k.group, versions);
  }
  return {
    ...API_GROUP_LIST,
    groups: [...API_GROUP_LIST.groups, ...[...groups.entries()].map(([name, versions]) => ({
      name,
      versions: versions.map((version) => ({ groupVersion: `${name}/${version}`, version })),
      preferredVersion: { groupVersion: `${name}/${versions[0]}`, version: versions[0] },
    }))],
  };
}

/** `GET /apis/<group>/<version>` of a served group, undefined when no served kind has it. */
export function groupResourceList(group: string, version: string, kinds: readonly DiscoveredKind[]): object | undefined {
  const served = kinds.filter((k) => k.group === group && k.version === version && group !== '');
  return served.length > 0
    ? { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: `${group}/${version}`, resources: served.map(resourceEntry) }
    : undefined;
}
