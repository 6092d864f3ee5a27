/**
 * `verify` of the access entries of an environment on accessBackend "both": each declared
 * principal has this app's entry (tagged with the environment's owner), type STANDARD, with the
 * declared username and groups, and `AmazonEKSClusterAdminPolicy` at cluster scope exactly when
 * it maps to `system:masters`, no other policy. An entry edited outside the app fails, with the
 * command that restores it: CloudFormation does not redo a resource whose template is unchanged.
 */
import type { ResolvedEnvironment } from '../config/validate';
import { accessEntryShape } from '../k8s/access-entry';
import type { AccessEntryReader, AssociatedPolicy, DescribedAccessEntry } from './access-entries';
import { ACCESS_ENTRY_OWNER_TAG, entryPrincipals, entryState } from './people-entries';
import type { VerifyResult } from './verify';

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
const policyText = (p: AssociatedPolicy) => `${p.policyArn.split('/').pop()} (${p.scope}${p.namespaces.length ? `: ${p.namespaces.join(', ')}` : ''})`;

/** What differs between a live entry and its declaration; empty when none does. */
export function entryDifferences(
  env: ResolvedEnvironment, declared: { readonly username: string; readonly groups: readonly string[] },
  entry: DescribedAccessEntry, policies: readonly AssociatedPolicy[],
): string[] {
  const shape = accessEntryShape(declared, env.partition);
  const out: string[] = [];
  if (entry.type !== 'STANDARD') out.push(`type ${entry.type}, not STANDARD`);
  if (entry.username !== shape.username) out.push(`username ${JSON.stringify(entry.username)}, config ${JSON.stringify(shape.username)}`);
  if (!sameSet(entry.groups, shape.kubernetesGroups)) out.push(`groups [${entry.groups.join(', ')}], config [${shape.kubernetesGroups.join(', ')}]`);
  const wanted = shape.accessPolicies.map((a) => a.policyArn);
  const live = policies.map((p) => (p.scope === 'cluster' ? p.policyArn : `${p.policyArn} ${p.scope}`));
  if (!sameSet(live, wanted)) {
    out.push(`access policies [${policies.map(policyText).join(', ')}], config [${wanted.map((a) => `${a.split('/').pop()} (cluster)`).join(', ')}]`);
  }
  return out;
}

/** The commands that restore an entry to its declaration. */
function restoreCommands(env: ResolvedEnvironment, principalArn: string, declared: { readonly username: string; readonly groups: readonly string[] }, policies: readonly AssociatedPolicy[]): string {
  const shape = accessEntryShape(declared, env.partition);
  const target = `--cluster-name ${env.clusterName} --region ${env.region} --principal-arn ${principalArn}`;
  const commands = [`aws eks update-access-entry ${target} --username '${shape.username}' --kubernetes-groups ${shape.kubernetesGroups.length ? shape.kubernetesGroups.join(' ') : '[]'}`];
  for (const p of policies.filter((x) => !shape.accessPolicies.some((a) => a.policyArn === x.policyArn && x.scope === 'cluster'))) {
    commands.push(`aws eks disassociate-access-policy ${target} --policy-arn ${p.policyArn}`);
  }
  for (const a of shape.accessPolicies.filter((x) => !policies.some((p) => p.policyArn === x.policyArn && p.scope === 'cluster'))) {
    commands.push(`aws eks associate-access-policy ${target} --policy-arn ${a.policyArn} --access-scope type=cluster`);
  }
  return commands.join('; ');
}

/** Verifies the people access entries of `env` (nothing on aws-auth). */
export async function verifyPeopleEntries(env: ResolvedEnvironment, reader: AccessEntryReader): Promise<VerifyResult> {
  const lines: string[] = [];
  let ok = true;
  for (const declared of entryPrincipals(env)) {
    const { field, principalArn } = declared;
    const entry = await reader.describeAccessEntry(env.clusterName, principalArn);
    const state = entryState(env, entry);
    if (state.kind === 'none') {
      ok = false;
      lines.push(`FAIL access entry ${principalArn} (${field}): missing; deploy ${env.name}/Access to create it`);
      continue;
    }
    if (state.kind === 'other') {
      ok = false;
      lines.push(`FAIL access entry ${principalArn} (${field}): not this app's (no ${ACCESS_ENTRY_OWNER_TAG}=eks-access/${env.name}/people tag); eks-access plan shows it and how to replace it`);
      continue;
    }
    const policies = await reader.listAssociatedPolicies(env.clusterName, principalArn);
    const differences = entryDifferences(env, declared, entry as DescribedAccessEntry, policies);
    if (differences.length) {
      ok = false;
      lines.push(`FAIL access entry ${principalArn} (${field}): edited outside the app: ${differences.join('; ')}; a deploy does not redo an unchanged resource, so restore it: ${restoreCommands(env, principalArn, declared, policies)}`);
    } else {
      lines.push(`ok access entry ${principalArn} (${field}): as declared`);
    }
  }
  return { ok, lines };
}
