/**
 * The cluster creator's admin as `plan` shows it: which access entries hold
 * AmazonEKSClusterAdminPolicy at cluster scope on the live cluster (the creator's among them),
 * set against what config says (`bootstrapCreatorAdmin`). Informational, never a change.
 */
import { DefaultStackSynthesizer } from 'aws-cdk-lib';
import type { ResolvedEnvironment } from '../config/validate';
import type { AccessEntryReader } from './access-entries';
import { ACCESS_ENTRY_ACTIONS, AccessEntriesDeniedError } from './access-entries';

/** The access policy EKS associates with the cluster creator's access entry. */
export const CREATOR_ADMIN_POLICY = 'AmazonEKSClusterAdminPolicy';

/** Authentication modes in which a cluster has access entries. */
const ACCESS_ENTRY_MODES = ['API', 'API_AND_CONFIG_MAP'];

/**
 * The cluster creator: the role CloudFormation acts as when it creates the cluster, the cdk
 * bootstrap execution role of the app's default synthesizer (qualifier hnb659fds).
 */
export function creatorRoleArn(env: ResolvedEnvironment): string {
  return DefaultStackSynthesizer.DEFAULT_CLOUDFORMATION_ROLE_ARN
    .replace('${AWS::Partition}', env.partition)
    .replace(/\$\{AWS::AccountId\}/g, env.account)
    .replace('${AWS::Region}', env.region)
    .replace('${Qualifier}', DefaultStackSynthesizer.DEFAULT_QUALIFIER);
}

/** ARN of {@link CREATOR_ADMIN_POLICY} in `partition`. */
export function clusterAdminPolicyArn(partition: string): string {
  return `arn:${partition}:eks::aws:cluster-access-policy/${CREATOR_ADMIN_POLICY}`;
}

/** What the live cluster says about cluster-admin access entries. */
export type ClusterAdminEntries =
  | { readonly kind: 'read'; readonly principals: readonly string[] }
  | { readonly kind: 'no-access-entries'; readonly authenticationMode: string }
  | { readonly kind: 'denied'; readonly message: string };

/**
 * Principals whose access entry holds AmazonEKSClusterAdminPolicy at cluster scope, in the
 * order EKS lists them. Clusters in CONFIG_MAP mode have no access entries (not asked);
 * AccessDeniedException is returned as `denied`, any other error thrown.
 */
export async function readClusterAdmins(
  env: ResolvedEnvironment, authenticationMode: string | undefined, reader: AccessEntryReader,
): Promise<ClusterAdminEntries> {
  const mode = authenticationMode ?? 'CONFIG_MAP';
  if (!ACCESS_ENTRY_MODES.includes(mode)) return { kind: 'no-access-entries', authenticationMode: mode };
  const policyArn = clusterAdminPolicyArn(env.partition);
  try {
    const principals: string[] = [];
    for (const principal of await reader.listAccessEntries(env.clusterName, policyArn)) {
      const policies = await reader.listAssociatedPolicies(env.clusterName, principal);
      if (policies.some((p) => p.policyArn === policyArn && p.scope === 'cluster')) principals.push(principal);
    }
    return { kind: 'read', principals };
  } catch (e) {
    if (e instanceof AccessEntriesDeniedError) return { kind: 'denied', message: e.message };
    throw e;
  }
}

/** The creator's entry is create-only config: how to drop it safely. */
const SAFE_REMOVAL = 'remove it with "aws eks delete-access-entry" once another admin path works (README "Creator admin"), never by changing bootstrapCreatorAdmin (create-only: that replaces the cluster)';

/**
 * Lines for `plan`: every cluster-scope AmazonEKSClusterAdminPolicy entry (`i`), the creator's
 * named as such; an informational line when config says true but the creator's entry is gone
 * (removed as the README shows); a warning (`!`) when config says false but the entry exists.
 */
export function renderCreatorAdmin(env: ResolvedEnvironment, live: ClusterAdminEntries): string[] {
  const creator = creatorRoleArn(env);
  const configured = `bootstrapCreatorAdmin: ${env.bootstrapCreatorAdmin}`;
  switch (live.kind) {
    case 'denied':
      return [`  ! access entries not read: ${live.message}; grant ${ACCESS_ENTRY_ACTIONS.join(' and ')} on cluster ${env.clusterName} `
        + `to see which access entries hold ${CREATOR_ADMIN_POLICY} (the cluster creator's among them)`];
    case 'no-access-entries':
      return env.bootstrapCreatorAdmin
        ? [`  i creator admin (${configured}): the cluster's authentication mode is ${live.authenticationMode}, so it has no access entries to show`]
        : [];
    case 'read': {
      const lines = live.principals.map((p) => (p === creator
        ? `  i cluster admin access entry: ${p}, the cluster creator (CloudFormation's execution role), holds ${CREATOR_ADMIN_POLICY} at cluster scope (${configured}); ${SAFE_REMOVAL}`
        : `  i cluster admin access entry: ${p} holds ${CREATOR_ADMIN_POLICY} at cluster scope`));
      const present = live.principals.includes(creator);
      if (env.bootstrapCreatorAdmin && !present) {
        lines.push(`  i creator admin (${configured}): the cluster creator ${creator} holds no ${CREATOR_ADMIN_POLICY} access entry at cluster scope `
          + '(removed, as README "Creator admin" shows); nothing to do: keep the setting true, it is create-only');
      }
      if (!env.bootstrapCreatorAdmin && present) {
        lines.push(`  ! creator admin (${configured}): config says the cluster creator has no admin, but its access entry holds ${CREATOR_ADMIN_POLICY}; `
          + `delete it with "aws eks delete-access-entry --cluster-name ${env.clusterName} --region ${env.region} --principal-arn ${creator}" once another admin path works`);
      }
      return lines;
    }
  }
}
