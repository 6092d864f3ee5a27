/**
 * For an environment on accessBackend "both", what `plan` shows before a deploy about the access
 * entries its people need: each declared principal that already has an access entry this app
 * did not create (EKS allows one per principal, so the deploy of `<env>/Access` would fail with
 * ResourceInUseException), with its type, username and groups and the fix. The app tags its own
 * entries ({@link ACCESS_ENTRY_OWNER_TAG}); an entry without that tag, or another value, is
 * someone else's: a hand-made one, eksctl's, the cluster creator's, a node role's.
 */
import { ACCESS_ENTRY_OWNER_TAG } from '../k8s/access-entry';
import { entryMappings, peopleOwner } from '../config/mappings';
import type { EntryMapping } from '../config/mappings';
import type { ResolvedEnvironment } from '../config/validate';
import type { AccessEntryReader, DescribedAccessEntry } from './access-entries';
import { AccessEntriesDeniedError, DESCRIBE_ACCESS_ENTRY_ACTION } from './access-entries';

export { ACCESS_ENTRY_OWNER_TAG };

/** The mappings of an environment that get access entries (none on aws-auth): {@link entryMappings}. */
export function entryPrincipals(env: ResolvedEnvironment): EntryMapping[] {
  return env.accessBackend === 'aws-auth' ? [] : entryMappings(env);
}

/** What the live cluster holds for one declared principal. */
export type EntryState =
  | { readonly kind: 'none' }
  | { readonly kind: 'ours' }
  | { readonly kind: 'other'; readonly entry: DescribedAccessEntry };

/** The state of one principal's entry: none, this app's (tagged with its owner), or someone else's. */
export function entryState(env: ResolvedEnvironment, entry: DescribedAccessEntry | undefined): EntryState {
  if (entry === undefined) return { kind: 'none' };
  return entry.tags[ACCESS_ENTRY_OWNER_TAG] === peopleOwner(env) ? { kind: 'ours' } : { kind: 'other', entry };
}

/** The plan line of a principal whose entry is someone else's. */
export function conflictLine(env: ResolvedEnvironment, field: string, entry: DescribedAccessEntry): string {
  const owner = entry.tags[ACCESS_ENTRY_OWNER_TAG];
  const what = `type ${entry.type}, username ${JSON.stringify(entry.username)}, groups [${entry.groups.join(', ')}]${owner === undefined ? '' : `, tagged ${ACCESS_ENTRY_OWNER_TAG}=${owner}`}`;
  const target = `--cluster-name ${env.clusterName} --region ${env.region} --principal-arn ${entry.principalArn}`;
  return `  ! ${field} ${entry.principalArn} already has an access entry this app did not create (${what}): EKS allows one per principal, so the deploy of ${env.name}/Access would fail with ResourceInUseException. `
    + `Check what it grants (aws eks describe-access-entry ${target}; aws eks list-associated-access-policies ${target}), then delete it (aws eks delete-access-entry ${target}) so that the deploy creates this app's; `
    + 'its aws-auth entry keeps the principal\'s access meanwhile. Or remove the mapping from config.';
}

/**
 * The plan lines of an environment on "both": one `!` per declared principal whose entry is
 * someone else's, one `i` summary; none on "aws-auth".
 */
export async function planPeopleEntries(env: ResolvedEnvironment, reader: AccessEntryReader): Promise<string[]> {
  const principals = entryPrincipals(env);
  if (principals.length === 0) return [];
  let states: EntryState[];
  try {
    states = await Promise.all(principals.map(async (p) => entryState(env, await reader.describeAccessEntry(env.clusterName, p.principalArn))));
  } catch (e) {
    if (!(e instanceof AccessEntriesDeniedError)) throw e;
    return [`  ! people access entries: not checked: ${e.message}; allow ${DESCRIBE_ACCESS_ENTRY_ACTION} on the cluster's access entries to see which declared principals already have an access entry`];
  }
  const lines = principals.flatMap((p, i) => {
    const s = states[i];
    return s.kind === 'other' ? [conflictLine(env, p.field, s.entry)] : [];
  });
  const count = (kind: EntryState['kind']) => states.filter((s) => s.kind === kind).length;
  lines.push(`  i people access entries (accessBackend ${env.accessBackend}): ${principals.length} declared; ${count('ours')} this app's, ${count('none')} to create, ${count('other')} someone else's`);
  return lines;
}
