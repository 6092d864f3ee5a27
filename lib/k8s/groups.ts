import { MASTERS_GROUP, NODES_GROUP } from '../../lambda/aws-auth/core/entries';
import { BOOTSTRAPPERS_GROUP } from '../../lambda/aws-auth/core/reserved';

/**
 * The one definition of every Kubernetes group name the app uses. Mappings (aws-auth) and
 * bindings (RBAC) both import from here, so a group cannot be spelled two ways.
 * The reserved ones are owned by the aws-auth core, which judges them.
 */
export const Groups = {
  /** Read-only access to common workload kinds in the namespaces where it is bound. */
  developer: 'developer',
  /** Cluster-wide read-only access to common workload kinds. */
  reader: 'reader',
  /** The `verify` command's identity: reads aws-auth and asks SubjectAccessReviews, nothing else. */
  verifier: 'eks-access:verifier',
  /** Kubernetes' built-in superuser group; only with `allowClusterAdmin: true`. */
  clusterAdmin: MASTERS_GROUP,
  /** Node identities (added by EKS for managed node groups). */
  nodes: NODES_GROUP,
  /** Node bootstrap identities. */
  bootstrappers: BOOTSTRAPPERS_GROUP,
} as const;

/** Groups a node role mapping may carry. */
export const NODE_GROUPS: readonly string[] = [Groups.bootstrappers, Groups.nodes];
