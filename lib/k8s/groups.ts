/**
 * The one definition of every Kubernetes group name the app uses. Mappings (aws-auth) and
 * bindings (RBAC) both import from here, so a group cannot be spelled two ways.
 */
export const Groups = {
  /** Read-only access to common workload kinds in the namespaces where it is bound. */
  developer: 'developer',
  /** Cluster-wide read-only access to common workload kinds. */
  reader: 'reader',
  /** The `verify` command's identity: reads aws-auth and asks SubjectAccessReviews, nothing else. */
  verifier: 'eks-access:verifier',
  /** Kubernetes' built-in superuser group; only with `allowClusterAdmin: true`. */
  clusterAdmin: 'system:masters',
  /** Node identities (added by EKS for managed node groups). */
  nodes: 'system:nodes',
  /** Node bootstrap identities. */
  bootstrappers: 'system:bootstrappers',
} as const;

/** Groups a node role mapping may carry. */
export const NODE_GROUPS: readonly string[] = [Groups.bootstrappers, Groups.nodes];
