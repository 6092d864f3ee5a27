/**
 * aws-auth entries as the authenticator sees them: which principal an entry maps (its key),
 * what mapping it gives, and how to write an owned mapping. Field names inside an entry are
 * matched case-insensitively, the last one written winning, as Go `encoding/json` does.
 */
import type { RoleMapping, UserMapping } from '../api';
import { goToLower, roleKey, userKey } from './arn';
import type { EntryKind } from './types';
import { foldKey } from './yaml11';

/** The data key of each entry kind. */
export const DATA_KEYS = { role: 'mapRoles', user: 'mapUsers', account: 'mapAccounts' } as const;

/** The three kinds, in the order changes are reported. */
export const KINDS: readonly EntryKind[] = ['role', 'user', 'account'];

/** Kubernetes group that marks a node-role entry (EKS adds these for node groups and Fargate). */
export const NODES_GROUP = 'system:nodes';

/** Kubernetes group with unrestricted access; mapping it needs `allowClusterAdmin`. */
export const MASTERS_GROUP = 'system:masters';

/** An owned mapping of any kind (role, user or account id). */
export type OwnedMapping = RoleMapping | UserMapping | string;

/** Go struct fields of the authenticator's mappings that are strings (JSON null or another type leaves them as they were). */
const STRING_FIELDS: ReadonlySet<string> = new Set(['rolearn', 'userarn', 'username', 'userid']);
/** Go slice or pointer fields (JSON null sets them to nil; a value of another type leaves them as they were). */
const SHAPED_FIELDS: ReadonlyMap<string, (v: unknown) => boolean> = new Map([
  ['groups', (v: unknown) => Array.isArray(v)],
  ['sso', (v: unknown) => typeof v === 'object' && !Array.isArray(v)],
]);

/** Compares two strings by their UTF-8 bytes (Buffer.from encodes UTF-8), as Go's `sort.Strings` does. */
function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/**
 * Fields of an entry by folded (lower-case) name, as Go `encoding/json` fills the
 * authenticator's structs: `sigs.k8s.io/yaml` hands it the entry as JSON with its keys sorted
 * by bytes, every spelling of a field (`RoleARN`, `rolearn`) sets the same struct field, so the
 * spelling LAST IN BYTE ORDER wins (not the last in the document); a JSON null or a value of the
 * wrong type for a string field, and a value of the wrong type for `groups` or `sso`, leave the
 * field as an earlier spelling set it.
 */
export function foldedFields(raw: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return out;
  const record = raw as Record<string, unknown>;
  const keys = Object.keys(record);
  // The usual entry spells each field once: then order does not matter (no sort, no allocation).
  for (const k of keys) out.set(foldKey(k), record[k]);
  if (out.size === keys.length) return out;
  out.clear();
  for (const k of keys.sort(compareUtf8)) {
    const name = foldKey(k);
    const v = record[k];
    if (out.has(name)) {
      if (STRING_FIELDS.has(name) && typeof v !== 'string') continue;
      const shaped = SHAPED_FIELDS.get(name);
      if (shaped && v !== null && !shaped(v)) continue;
    }
    out.set(name, v);
  }
  return out;
}

/**
 * The principal an entry maps, or undefined when it maps none we could own (an `sso` block,
 * no ARN). Roles: `roleKey()` (path stripped, lower-cased); an ARN we cannot parse keys as its
 * self lower-cased as Go does it (`goToLower`), as the authenticator keys it. Users: `userKey()`
 * (the ARN lower-cased, as the authenticator matches it). Accounts: the id.
 */
export function entryKey(kind: EntryKind, raw: unknown): string | undefined {
  if (kind === 'account') return typeof raw === 'string' ? raw : undefined;
  const f = foldedFields(raw);
  if (kind === 'user') {
    const arn = f.get('userarn');
    return typeof arn === 'string' && arn !== '' ? userKey(arn) : undefined;
  }
  const arn = f.get('rolearn');
  if (typeof arn !== 'string' || arn === '') return undefined;
  const sso = f.get('sso');
  if (sso !== undefined && sso !== null) return undefined; // the authenticator drops rolearn+sso
  try {
    return roleKey(arn);
  } catch {
    return goToLower(arn);
  }
}

/** The key of an owned mapping. */
export function mappingKey(kind: EntryKind, m: OwnedMapping): string {
  if (kind === 'account') return m as string;
  if (kind === 'user') return userKey((m as UserMapping).userarn);
  return roleKey((m as RoleMapping).rolearn);
}

/** The entry we write for an owned mapping (field order: ARN, username, groups). */
export function mappingEntry(kind: EntryKind, m: OwnedMapping): unknown {
  if (kind === 'account') return m;
  if (kind === 'user') {
    const u = m as UserMapping;
    return { userarn: u.userarn, username: u.username, groups: [...u.groups] };
  }
  const r = m as RoleMapping;
  return { rolearn: r.rolearn, username: r.username, groups: [...r.groups] };
}

function sortedGroups(groups: unknown): string | undefined {
  if (!Array.isArray(groups) || !groups.every((g) => typeof g === 'string')) return undefined;
  return JSON.stringify([...new Set(groups as string[])].sort());
}

/**
 * True when a stored entry gives exactly this mapping: the same principal, username and set of
 * groups, and no other field (`userid`, `sso`, unknown fields make it different).
 */
export function sameMapping(kind: EntryKind, raw: unknown, m: OwnedMapping): boolean {
  if (kind === 'account') return raw === m;
  const f = foldedFields(raw);
  const arnField = kind === 'role' ? 'rolearn' : 'userarn';
  if (f.size !== 3 || !f.has(arnField) || !f.has('username') || !f.has('groups')) return false;
  const mm = m as RoleMapping | UserMapping;
  const g = sortedGroups(f.get('groups'));
  return entryKey(kind, raw) === mappingKey(kind, m)
    && f.get('username') === mm.username
    && g !== undefined && g === sortedGroups(mm.groups);
}

/** True when two owned mappings map the principal alike (username and set of groups). */
export function sameOwnedMapping(kind: EntryKind, a: OwnedMapping, b: OwnedMapping): boolean {
  return sameMapping(kind, mappingEntry(kind, a), b);
}

/** True for an entry whose groups include `system:nodes` (a node role). */
export function isNodeEntry(kind: EntryKind, raw: unknown): boolean {
  if (kind === 'account') return false;
  const groups = foldedFields(raw).get('groups');
  return Array.isArray(groups) && groups.includes(NODES_GROUP);
}

/** JSON with object keys sorted: equality of parsed values regardless of field order. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (typeof v === 'object' && v !== null) {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
  }
  return v === undefined ? 'null' : JSON.stringify(v);
}

/** A mapping for messages: `{"username":"...","groups":[...]}` or the stored entry itself. */
export function showMapping(kind: EntryKind, m: OwnedMapping): string {
  if (kind === 'account') return JSON.stringify(m);
  const mm = m as RoleMapping | UserMapping;
  return JSON.stringify({ username: mm.username, groups: mm.groups });
}

/**
 * True when two stored entries mean the same to the authenticator field by field: the same
 * fields up to key spelling (`RoleARN` = `rolearn`) and order, with equal values. Used so that
 * an entry already written as we would write it is left as it is (no rewrite, no change).
 */
export function equivalent(kind: EntryKind, a: unknown, b: unknown): boolean {
  if (kind === 'account') return a === b;
  if (canonicalJson(a) === canonicalJson(b)) return true;
  const fa = foldedFields(a);
  const fb = foldedFields(b);
  if (fa.size === 0 || fa.size !== fb.size) return false;
  if (Object.keys(a as object).length !== fa.size || Object.keys(b as object).length !== fb.size) return false;
  for (const [k, v] of fa) {
    if (!fb.has(k) || canonicalJson(v) !== canonicalJson(fb.get(k))) return false;
  }
  return true;
}

/** `equivalent` for two lists of entries, position by position. */
export function equivalentLists(kind: EntryKind, a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => equivalent(kind, x, b[i]));
}
