/**
 * Which username and groups the live aws-auth gives one principal, found the way
 * aws-iam-authenticator finds them (pkg/mapper/configmap: configmap.go `ParseMap`/`saveMap`,
 * mapper.go `Map`; pkg/config/mapper.go `Validate`/`Matches`/`Key`; pkg/server/server.go
 * `doMapping`). Pure: no I/O.
 *
 * - The caller's canonical ARN is looked up lower-cased: for a role `arn:P:iam::A:role/NAME`
 *   (its IAM path stripped), for a user its ARN.
 * - A role entry matches when its `rolearn`, lower-cased, equals that key: an entry written
 *   with an IAM path never matches anybody. (The merge core's `entryKey` strips the path of a
 *   stored entry on purpose, to own it; the authenticator does not, so it is not used here.)
 * - Entries are stored by key, so of several entries for one key the last one wins. User
 *   entries are keyed lower-cased by some authenticator versions and as written by others (which
 *   then pick any spelling that matches); every spelling's last entry is therefore a candidate.
 * - An `sso` entry (permission set) matches the roles `AWSReservedSSO_<set>_*` of its account;
 *   the authenticator then picks either it or an exact entry, so both are candidates.
 * - Entries the authenticator refuses (no ARN, or both `rolearn` and `sso`) map nobody.
 * - `mapRoles` is searched before `mapUsers`, both for the same key whatever the principal's
 *   kind (a `mapUsers` entry with a role ARN maps that role); with no entry, an account listed
 *   in `mapAccounts` still signs in, as its canonical ARN with no groups.
 */
import { parseList } from '../../lambda/aws-auth/core';
import type { ConfigMapState } from '../../lambda/aws-auth/core';
import { normalizeRoleArn, parsePrincipalArn } from '../../lambda/aws-auth/core/arn';
import { DATA_KEYS, foldedFields } from '../../lambda/aws-auth/core/entries';

/** A principal as config maps it. */
export interface MappedPrincipal {
  /** Role or user. */
  readonly kind: 'role' | 'user';
  /** The principal's ARN as config declares it (a role ARN may carry an IAM path). */
  readonly arn: string;
}

/** One identity the live aws-auth may give the principal (templates not rendered yet). */
export interface LiveIdentity {
  /** Username template. */
  readonly username: string;
  /** Group templates. */
  readonly groups: string[];
  /** Where it comes from, for messages: `mapRoles entry 3`, `mapAccounts`. */
  readonly source: string;
}

/** What the live aws-auth gives a principal. */
export type LiveLookup =
  /** No entry maps it: it cannot sign in. */
  | { readonly status: 'missing' }
  /** One identity, or several when the authenticator's choice between entries is not fixed. */
  | { readonly status: 'mapped'; readonly identities: LiveIdentity[] }
  /** An entry maps it with a username or groups that are not strings. */
  | { readonly status: 'unreadable'; readonly source: string; readonly entry: unknown };

const ACCOUNT_ID_RE = /^\d{12}$/;
const PERMISSION_SET_RE = /^[\w+=,.@-]{1,32}$/;
const SSO_PARTITIONS = ['', 'aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b'];

/** The caller's canonical ARN as the authenticator prints it (a role without its path). */
export function canonicalArn(p: MappedPrincipal): string {
  return p.kind === 'role' ? normalizeRoleArn(p.arn) : p.arn;
}

function stringField(f: Map<string, unknown>, name: string): string {
  const v = f.get(name);
  return typeof v === 'string' ? v : '';
}

/**
 * True when an `sso` block matches the role: account and permission set valid (`Validate`),
 * and the role named `AWSReservedSSO_<set>_...` in that account, case-insensitively. (Upstream's
 * `SSOArnLike` leaves the partition empty when one is given, so such an entry matches nobody
 * there; treating it as matching its own partition errs on the side of checking it.)
 */
function ssoMatches(sso: unknown, roleArn: string): boolean {
  const f = foldedFields(sso);
  const account = stringField(f, 'accountid');
  const set = stringField(f, 'permissionsetname');
  const partition = stringField(f, 'partition');
  if (!ACCOUNT_ID_RE.test(account) || !PERMISSION_SET_RE.test(set) || !SSO_PARTITIONS.includes(partition)) return false;
  const p = parsePrincipalArn(roleArn, 'role');
  return p.account === account
    && (partition === '' || partition === p.partition)
    && p.name.toLowerCase().startsWith(`awsreservedsso_${set.toLowerCase()}_`);
}

interface Candidate {
  readonly key: string;
  readonly raw: unknown;
  readonly source: string;
}

/** Entries of one data key whose ARN (or `sso` block) matches the lookup key, the last of each key. */
function candidates(state: ConfigMapState, kind: 'role' | 'user', p: MappedPrincipal): Candidate[] {
  const dataKey = DATA_KEYS[kind];
  const items = parseList(dataKey, state.data[dataKey], 'entries').items;
  const lookup = canonicalArn(p).toLowerCase();
  const found: Candidate[] = [];
  items.forEach((raw, i) => {
    const f = foldedFields(raw);
    const source = `${dataKey} entry ${i + 1}`;
    if (kind === 'user') {
      const arn = stringField(f, 'userarn');
      if (arn !== '' && arn.toLowerCase() === lookup) found.push({ key: `user:${arn}`, raw, source });
      return;
    }
    const arn = stringField(f, 'rolearn');
    const sso = f.get('sso');
    const hasSso = sso !== undefined && sso !== null;
    if (arn !== '' && hasSso) return; // "Only one of rolearn or SSO can be supplied": dropped
    if (arn !== '' && arn.toLowerCase() === lookup) found.push({ key: `role:${lookup}`, raw, source });
    else if (arn === '' && hasSso && p.kind === 'role' && ssoMatches(sso, p.arn)) found.push({ key: `sso:${JSON.stringify(sso)}`, raw, source });
  });
  // Entries are stored by key: the last entry of each key wins.
  const lastOfKey = new Map<string, Candidate>();
  for (const c of found) lastOfKey.set(c.key, c);
  return [...lastOfKey.values()];
}

function sameIdentity(a: LiveIdentity, b: LiveIdentity): boolean {
  return a.username === b.username && JSON.stringify(a.groups) === JSON.stringify(b.groups);
}

/**
 * What the live aws-auth (`state`, as read from the cluster) gives principal `p`.
 * @throws AwsAuthParseError when a data key cannot be read (the authenticator would drop it).
 */
export function liveIdentity(state: ConfigMapState, p: MappedPrincipal): LiveLookup {
  const identities: LiveIdentity[] = [];
  // mapRoles is asked first, whatever the principal's kind; mapUsers only when no role entry matches.
  const roleEntries = candidates(state, 'role', p);
  for (const c of roleEntries.length ? roleEntries : candidates(state, 'user', p)) {
    const f = foldedFields(c.raw);
    const username = f.get('username') ?? '';
    const groups = f.get('groups') ?? [];
    if (typeof username !== 'string' || !Array.isArray(groups) || !groups.every((g) => typeof g === 'string')) {
      return { status: 'unreadable', source: c.source, entry: c.raw };
    }
    const identity = { username, groups: groups as string[], source: c.source };
    if (!identities.some((x) => sameIdentity(x, identity))) identities.push(identity);
  }
  if (identities.length) return { status: 'mapped', identities };
  const account = parsePrincipalArn(p.arn, p.kind).account;
  const accounts = parseList(DATA_KEYS.account, state.data[DATA_KEYS.account], 'scalars').items;
  if (accounts.includes(account)) {
    return { status: 'mapped', identities: [{ username: canonicalArn(p), groups: [], source: DATA_KEYS.account }] };
  }
  return { status: 'missing' };
}
