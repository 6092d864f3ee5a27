/**
 * RBAC as data: the Roles, ClusterRoles and bindings this app installs, built from the group
 * names in `groups.ts` and the aws-auth contract in `lambda/aws-auth/api.ts`. Nothing here grants
 * a wildcard or the `secrets` resource; a test walks every builder's output to keep it so.
 * @see https://kubernetes.io/docs/reference/access-authn-authz/rbac/
 */
import { AWS_AUTH_NAME, AWS_AUTH_NAMESPACE, WRITER_GROUP, WRITER_RBAC_NAME } from '../../lambda/aws-auth/api';
import { Groups } from './groups';
import { ApiGroups, apiVersionOf, managedLabels } from './manifest';
import type { ApiGroup, KubernetesObject } from './manifest';

/**
 * One rule of a Role or ClusterRole.
 * @see https://kubernetes.io/docs/reference/kubernetes-api/authorization-resources/role-v1/#Role
 */
export interface PolicyRule {
  apiGroups: ApiGroup[];
  resources: string[];
  verbs: string[];
  /** Limits the rule to these object names. Ignored by Kubernetes for `create` and `list`/`watch` of a collection. */
  resourceNames?: string[];
}

/** A subject of a binding: always a group here (people and the handler reach RBAC through groups). */
export interface GroupSubject {
  kind: 'Group';
  apiGroup: typeof ApiGroups.rbac;
  name: string;
}

/** A Role or ClusterRole. */
export interface RbacRole extends KubernetesObject {
  kind: 'Role' | 'ClusterRole';
  rules: PolicyRule[];
}

/** A RoleBinding or ClusterRoleBinding. */
export interface RbacBinding extends KubernetesObject {
  kind: 'RoleBinding' | 'ClusterRoleBinding';
  roleRef: { apiGroup: typeof ApiGroups.rbac; kind: 'Role' | 'ClusterRole'; name: string };
  subjects: GroupSubject[];
}

/** Verbs that read and never change: the only verbs the people-facing roles carry. */
export const READ_VERBS: readonly string[] = ['get', 'list', 'watch'];

/** Name of the namespaced Role (and its RoleBinding) giving `Groups.developer` read access. */
export const DEVELOPER_ROLE_NAME = 'eks-access-developer';

/** Name of the ClusterRole (and its ClusterRoleBinding) giving `Groups.reader` read access. */
export const READER_CLUSTER_ROLE_NAME = 'eks-access-reader';

/**
 * Common workload kinds, read by both developers (in a namespace) and readers (cluster-wide).
 * `secrets` is deliberately absent: read access to a Secret is access to what it protects.
 */
const WORKLOAD_RESOURCES: ReadonlyArray<{ group: ApiGroup; resources: readonly string[] }> = [
  { group: ApiGroups.core, resources: ['pods', 'pods/log', 'services', 'configmaps', 'endpoints'] },
  { group: ApiGroups.apps, resources: ['deployments', 'replicasets', 'statefulsets', 'daemonsets'] },
  { group: ApiGroups.batch, resources: ['jobs', 'cronjobs'] },
  { group: ApiGroups.networking, resources: ['ingresses'] },
];

/** Cluster-scoped kinds the reader may also see. */
const CLUSTER_RESOURCES: readonly string[] = ['namespaces', 'nodes'];

function readRules(): PolicyRule[] {
  return WORKLOAD_RESOURCES.map(({ group, resources }) => ({
    apiGroups: [group],
    resources: [...resources],
    verbs: [...READ_VERBS],
  }));
}

function role(name: string, namespace: string | undefined, rules: PolicyRule[]): RbacRole {
  return {
    apiVersion: apiVersionOf(ApiGroups.rbac),
    kind: namespace === undefined ? 'ClusterRole' : 'Role',
    metadata: { name, ...(namespace === undefined ? {} : { namespace }), labels: managedLabels() },
    rules,
  };
}

/** Binds `bound` to one group, with the same name and scope as the role. */
function bindToGroup(bound: RbacRole, group: string): RbacBinding {
  const clusterWide = bound.kind === 'ClusterRole';
  return {
    apiVersion: apiVersionOf(ApiGroups.rbac),
    kind: clusterWide ? 'ClusterRoleBinding' : 'RoleBinding',
    metadata: { ...bound.metadata, labels: managedLabels() },
    roleRef: { apiGroup: ApiGroups.rbac, kind: bound.kind, name: bound.metadata.name },
    subjects: [{ kind: 'Group', apiGroup: ApiGroups.rbac, name: group }],
  };
}

/**
 * Read-only access for {@link Groups.developer} to common workload kinds in one namespace: a Role
 * (get/list/watch, no secrets, no write verbs) and a RoleBinding to the group.
 * @param namespace the namespace the Role lives and applies in
 * @see https://kubernetes.io/docs/reference/access-authn-authz/rbac/#role-and-clusterrole
 * @see https://kubernetes.io/docs/reference/access-authn-authz/rbac/#rolebinding-and-clusterrolebinding
 */
export function developerRbac(namespace: string): [RbacRole, RbacBinding] {
  const developer = role(DEVELOPER_ROLE_NAME, namespace, readRules());
  return [developer, bindToGroup(developer, Groups.developer)];
}

/**
 * Cluster-wide read-only access for {@link Groups.reader}: a ClusterRole on common workload kinds
 * plus namespaces and nodes (get/list/watch, no secrets), and a ClusterRoleBinding to the group.
 * @see https://kubernetes.io/docs/reference/access-authn-authz/rbac/#role-and-clusterrole
 * @see https://kubernetes.io/docs/reference/access-authn-authz/rbac/#rolebinding-and-clusterrolebinding
 */
export function readerRbac(): [RbacRole, RbacBinding] {
  const reader = role(READER_CLUSTER_ROLE_NAME, undefined, [
    ...readRules(),
    { apiGroups: [ApiGroups.core], resources: [...CLUSTER_RESOURCES], verbs: [...READ_VERBS] },
  ]);
  return [reader, bindToGroup(reader, Groups.reader)];
}

/**
 * What the aws-auth handler may do in Kubernetes, and nothing more: in `kube-system`, a Role
 * {@link WRITER_RBAC_NAME} that reads and updates the `aws-auth` ConfigMap only and may create a
 * ConfigMap (for clusters where aws-auth does not exist yet), bound to {@link WRITER_GROUP}, the
 * group the handler's access entry carries.
 * @see https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-resources
 * @see https://docs.aws.amazon.com/eks/latest/userguide/auth-configmap.html
 */
export function awsAuthWriterRbac(): [RbacRole, RbacBinding] {
  const writer = role(WRITER_RBAC_NAME, AWS_AUTH_NAMESPACE, [
    {
      apiGroups: [ApiGroups.core],
      resources: ['configmaps'],
      resourceNames: [AWS_AUTH_NAME],
      verbs: ['get', 'update', 'patch'],
    },
    // Kubernetes cannot limit `create` by resourceNames: the object's name is not known at
    // authorization time, so a rule with resourceNames never matches a create. This rule
    // therefore allows creating any ConfigMap in kube-system; the handler only ever creates
    // aws-auth, and cannot read or change any other ConfigMap afterwards.
    { apiGroups: [ApiGroups.core], resources: ['configmaps'], verbs: ['create'] },
  ]);
  return [writer, bindToGroup(writer, WRITER_GROUP)];
}

/** Name of the verifier's ClusterRole (and its binding) and of its kube-system Role. */
export const VERIFIER_RBAC_NAME = 'eks-access-verifier';

/**
 * What `eks-access verify` may do, and nothing more, for {@link Groups.verifier}: a ClusterRole
 * allowing only `create` on subjectaccessreviews (asking "can X do Y", which grants nothing by
 * itself), and a kube-system Role allowing only `get` on the `aws-auth` ConfigMap.
 * @see https://kubernetes.io/docs/reference/access-authn-authz/authorization/#checking-api-access
 */
export function verifierRbac(): [RbacRole, RbacBinding, RbacRole, RbacBinding] {
  const reviews = role(VERIFIER_RBAC_NAME, undefined, [
    { apiGroups: [ApiGroups.authorization], resources: ['subjectaccessreviews'], verbs: ['create'] },
  ]);
  const readAwsAuth = role(VERIFIER_RBAC_NAME, AWS_AUTH_NAMESPACE, [
    { apiGroups: [ApiGroups.core], resources: ['configmaps'], resourceNames: [AWS_AUTH_NAME], verbs: ['get'] },
  ]);
  return [reviews, bindToGroup(reviews, Groups.verifier), readAwsAuth, bindToGroup(readAwsAuth, Groups.verifier)];
}
