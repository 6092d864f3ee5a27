/**
 * How one aws-auth mapping (username and groups) reads as an EKS access entry of type STANDARD:
 * the same username, the same groups but `system:masters`, which access entries cannot carry
 * (their groups may not start with `system:`) and which becomes the `AmazonEKSClusterAdminPolicy`
 * access policy at cluster scope: the same power, through EKS authorization instead of RBAC.
 * Config validation (lib/config/validate/access-entries.ts) refuses what has no such reading.
 * @see https://docs.aws.amazon.com/eks/latest/userguide/creating-access-entries.html
 */
import { Groups } from './groups';

/**
 * The tag on each access entry the app creates, with the owner of the mappings (as the aws-auth
 * merge records it, `eks-access/<env>/people`): how `plan` and `verify` tell the app's entries
 * from others'.
 */
export const ACCESS_ENTRY_OWNER_TAG = 'eks-access.io/owner';

/** The access policy a `system:masters` mapping becomes. */
export const CLUSTER_ADMIN_ACCESS_POLICY = 'AmazonEKSClusterAdminPolicy';

/** The ARN of an EKS access policy in `partition`. */
export function accessPolicyArn(partition: string, policy: string): string {
  return `arn:${partition}:eks::aws:cluster-access-policy/${policy}`;
}

/** One access policy association of an entry. */
export interface AccessEntryPolicy {
  /** The policy's ARN. */
  readonly policyArn: string;
  /** Where it applies: `cluster` (namespace scopes are not used by this app). */
  readonly accessScope: { readonly type: 'cluster' };
}

/** An access entry's Kubernetes identity. */
export interface AccessEntryShape {
  /** The Kubernetes username, as the mapping declares it. */
  readonly username: string;
  /** The Kubernetes groups, `system:masters` left out. */
  readonly kubernetesGroups: string[];
  /** `AmazonEKSClusterAdminPolicy` at cluster scope for a `system:masters` mapping; none otherwise. */
  readonly accessPolicies: AccessEntryPolicy[];
}

/** The access entry of a mapping (which config validation has accepted for access entries). */
export function accessEntryShape(mapping: { readonly username: string; readonly groups: readonly string[] }, partition: string): AccessEntryShape {
  const admin = mapping.groups.includes(Groups.clusterAdmin);
  return {
    username: mapping.username,
    kubernetesGroups: mapping.groups.filter((g) => g !== Groups.clusterAdmin),
    accessPolicies: admin ? [{ policyArn: accessPolicyArn(partition, CLUSTER_ADMIN_ACCESS_POLICY), accessScope: { type: 'cluster' } }] : [],
  };
}
