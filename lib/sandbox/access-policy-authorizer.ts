/**
 * The kube stand-in's authorizer for a cluster with EKS access entries, composed as EKS composes
 * it: a caller whose access entry (in the AWS stand-in, read on every decision) holds
 * AmazonEKSClusterAdminPolicy at cluster scope is allowed everything, the way EKS's access-policy
 * webhook authorizer allows it; any other caller is decided by the RBAC evaluator as the user
 * and with the `kubernetesGroups` of its access entry: the entry's `username` when it has one
 * (what EKS's authenticator hands Kubernetes), else the caller's ARN; no groups without an entry.
 *
 * EKS applies access-entry changes eventually: they "may take several seconds to be effective
 * after the initial API call returns successfully" (EKS User Guide, Create access entries). `propagationDelayMs` models that: an association counts only from
 * `associatedAt + propagationDelayMs`. A disassociation counts at once (the stand-in does not
 * model a lingering grant; the admin window confirms removal with ListAssociatedAccessPolicies,
 * never with an access review).
 *
 * A SubjectAccessReview about another user (`groups` given) is RBAC's alone: the review names a
 * Kubernetes user and groups, not an IAM principal. Other access policies (View, Edit, Admin,
 * namespace scopes) are not modelled and grant nothing here.
 */
import { CLUSTER_ADMIN_POLICY_ARN } from '../../lambda/manifests/api';
import type { StandInAccessEntry } from './aws-endpoints';
import { callerPrincipal } from './callers';
import type { KubeAuthorizer } from './kube-api-server';
import type { RbacEvaluator } from './rbac-authorizer';
import { rbacAuthorizer } from './rbac-authorizer';

/** Options of {@link accessPolicyAuthorizer}. */
export interface AccessPolicyAuthorizerOptions {
  /** The cluster whose access entries count. */
  readonly clusterName: string;
  /** The AWS stand-in's access entries (its handle's live array: associations change it). */
  readonly accessEntries: readonly StandInAccessEntry[];
  /** The RBAC objects of the cluster. */
  readonly rbac: RbacEvaluator;
  /** How long after its association the admin policy takes effect. @default 0 */
  readonly propagationDelayMs?: number;
  /** Clock of the decisions. @default Date.now */
  readonly now?: () => number;
}

/** The access entry of a caller ARN (an assumed-role session is its role's) in `clusterName`. */
export function accessEntryOf(entries: readonly StandInAccessEntry[], clusterName: string, callerArn: string): StandInAccessEntry | undefined {
  const principal = callerPrincipal(callerArn).arn.toLowerCase();
  return entries.find((e) => e.clusterName === clusterName && e.principalArn.toLowerCase() === principal);
}

/**
 * Whether `entry` holds the cluster admin policy at cluster scope, in effect at `now`
 * (associated at least `delayMs` ago; an association without a time is long in effect).
 */
export function holdsClusterAdmin(entry: StandInAccessEntry | undefined, now: number, delayMs: number): boolean {
  return !!entry?.policies.some((p) => p.policyArn === CLUSTER_ADMIN_POLICY_ARN && p.accessScope.type === 'cluster'
    && (p.associatedAt === undefined || p.associatedAt.getTime() + delayMs <= now));
}

/** The composed authorizer (see the module comment). */
export function accessPolicyAuthorizer(o: AccessPolicyAuthorizerOptions): KubeAuthorizer {
  const now = o.now ?? Date.now;
  const delay = o.propagationDelayMs ?? 0;
  // Groups are always passed below: the callback is never asked.
  const rbac = rbacAuthorizer(o.rbac, () => []);
  return (user, verb, resource, namespace, name, groups, details) => {
    // A review about another user (groups given) names a Kubernetes user already.
    if (groups !== undefined) return rbac(user, verb, resource, namespace, name, groups, details);
    const entry = accessEntryOf(o.accessEntries, o.clusterName, user);
    if (holdsClusterAdmin(entry, now(), delay)) {
      return { allowed: true, reason: `EKS Access Policy: allowed by ClusterRoleBinding "${entry!.principalArn}" of ClusterRole "${CLUSTER_ADMIN_POLICY_ARN}" to User "${user}"` };
    }
    return rbac(entry?.username ?? user, verb, resource, namespace, name, [...(entry?.kubernetesGroups ?? [])], details);
  };
}
