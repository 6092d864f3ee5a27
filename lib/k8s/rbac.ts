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
import { VPC_CNI_CONFIGMAP } from './vpc-cni';

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

/**
 * Workload kinds whose content is data rather than shape, read by developers in their own
 * namespaces only and never by the cluster-wide reader: a ConfigMap can hold anything
 * (`kube-system/aws-auth` lists every mapped IAM ARN), and a pod's log prints whatever the
 * program writes. The reader sees what runs where, not what it says.
 */
export const NAMESPACE_ONLY_RESOURCES: readonly string[] = ['pods/log', 'configmaps'];

/** Cluster-scoped kinds the reader may also see. */
const CLUSTER_RESOURCES: readonly string[] = ['namespaces', 'nodes'];

/** get/list/watch rules on the workload kinds, less `omit`. */
function readRules(omit: readonly string[] = []): PolicyRule[] {
  return WORKLOAD_RESOURCES.map(({ group, resources }) => ({
    apiGroups: [group],
    resources: resources.filter((r) => !omit.includes(r)),
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
 * plus namespaces and nodes (get/list/watch), and a ClusterRoleBinding to the group. No secrets,
 * and none of {@link NAMESPACE_ONLY_RESOURCES} (no ConfigMaps, no pod logs) anywhere.
 * @see https://kubernetes.io/docs/reference/access-authn-authz/rbac/#role-and-clusterrole
 * @see https://kubernetes.io/docs/reference/access-authn-authz/rbac/#rolebinding-and-clusterrolebinding
 */
export function readerRbac(): [RbacRole, RbacBinding] {
  const reader = role(READER_CLUSTER_ROLE_NAME, undefined, [
    ...readRules(NAMESPACE_ONLY_RESOURCES),
    { apiGroups: [ApiGroups.core], resources: [...CLUSTER_RESOURCES], verbs: [...READ_VERBS] },
  ]);
  return [reader, bindToGroup(reader, Groups.reader)];
}

/**
 * The verbs the aws-auth handler sends, and nothing more (its Kubernetes client,
 * `lambda/edge/kube.ts`, driven by `lambda/aws-auth/sync.ts`):
 * - `get` on `aws-auth` (GET: read before every merge, and again after a lost race);
 * - `update` on `aws-auth` (PUT, conditional on the resourceVersion read);
 * - `create` on ConfigMaps (POST to the collection, when aws-auth does not exist yet).
 * No `patch`: the handler never PATCHes. A test runs the real handler against the stand-in API
 * with this Role as its only permission and derives these verbs from the requests it sends
 * (`test/lib/k8s/aws-auth-writer-verbs.test.ts`), so the two cannot drift.
 *
 * `create` is not limited to aws-auth, deliberately: a POST names its object in the body, so
 * the authorizer sees no name and a rule with resourceNames never matches it. Server-side apply
 * (PATCH with `application/apply-patch+yaml` to the object's URI) is authorized as `create` with
 * the object's name, which would allow `resourceNames: [aws-auth]`; that needs the handler to
 * apply instead of POSTing, and it does not. So the writer may create any ConfigMap in
 * kube-system, but cannot read, change or delete one afterwards, aws-auth excepted.
 *
 * Bound to {@link WRITER_GROUP}, the group the handler's access entry carries, in
 * {@link AWS_AUTH_NAMESPACE} only.
 * @see https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-resources
 * @see https://kubernetes.io/docs/reference/using-api/server-side-apply/
 * @see https://docs.aws.amazon.com/eks/latest/userguide/auth-configmap.html
 */
export function awsAuthWriterRbac(): [RbacRole, RbacBinding] {
  const writer = role(WRITER_RBAC_NAME, AWS_AUTH_NAMESPACE, [
    { apiGroups: [ApiGroups.core], resources: ['configmaps'], resourceNames: [AWS_AUTH_NAME], verbs: ['get', 'update'] },
    { apiGroups: [ApiGroups.core], resources: ['configmaps'], verbs: ['create'] },
  ]);
  return [writer, bindToGroup(writer, WRITER_GROUP)];
}

/** Name of the verifier's ClusterRole (and its binding) and of its kube-system Role. */
export const VERIFIER_RBAC_NAME = 'eks-access-verifier';

/**
 * What `eks-access verify` may do, and nothing more, for {@link Groups.verifier}: a ClusterRole
 * allowing only `create` on subjectaccessreviews (asking "can X do Y", which grants nothing by
 * itself), and a kube-system Role allowing only `get` on the `aws-auth` ConfigMap and on the
 * VPC CNI's `amazon-vpc-cni` ConfigMap (whether network policies are enforced).
 * @see https://kubernetes.io/docs/reference/access-authn-authz/authorization/#checking-api-access
 */
export function verifierRbac(): [RbacRole, RbacBinding, RbacRole, RbacBinding] {
  const reviews = role(VERIFIER_RBAC_NAME, undefined, [
    { apiGroups: [ApiGroups.authorization], resources: ['subjectaccessreviews'], verbs: ['create'] },
  ]);
  const readAwsAuth = role(VERIFIER_RBAC_NAME, AWS_AUTH_NAMESPACE, [
    { apiGroups: [ApiGroups.core], resources: ['configmaps'], resourceNames: [AWS_AUTH_NAME, VPC_CNI_CONFIGMAP], verbs: ['get'] },
  ]);
  return [reviews, bindToGroup(reviews, Groups.verifier), readAwsAuth, bindToGroup(readAwsAuth, Groups.verifier)];
}
