/**
 * The owners record: which owner declared which entries, kept as JSON in the
 * `eks-access.io/owners` annotation of aws-auth, so several owners (stacks) can share one
 * ConfigMap and each removes only its own entries.
 *
 * ```json
 * {"version":1,
 *  "owners":{"<owner id>":{"mapRoles":[{"rolearn":"...","username":"...","groups":["..."]}],
 *                          "mapUsers":[...],"mapAccounts":["111122223333"]}},
 *  "adopted":{"mapRoles":{"<role key>":[<unowned entries as they were>]},"mapUsers":{},"mapAccounts":{}}}
 * ```
 * `adopted` keeps the unowned entries an owner adopted or took over, exactly as they were, so
 * they are put back when no owner declares the principal any more (an EKS node-role entry
 * adopted by an owner survives that owner's deletion). Rendering is deterministic: owners and
 * keys sorted, empty lists and sections left out.
 *
 * Keys of `adopted` are entry keys (`entryKey`): user keys lower-cased. A record written before
 * user ARNs were compared ignoring case may key `mapUsers` as written; reading it folds those
 * keys (entries of keys that fold together are kept, in key order), so nothing adopted is lost.
 */
import { OWNERS_ANNOTATION } from '../api';
import { userKey } from './arn';
import { DATA_KEYS, KINDS, mappingKey } from './entries';
import type { OwnedMapping } from './entries';
import { AwsAuthParseError } from './errors';
import type { DesiredEntries, EntryKind } from './types';
import { validateDesired } from './validate';

/** Version of the owners record format. */
export const OWNERS_RECORD_VERSION = 1;

/** What an owner id may look like: 1 to 256 characters, letters, digits and `._:/@-`. */
export const OWNER_ID_RE = /^[A-Za-z0-9][A-Za-z0-9._:/@-]{0,255}$/;

/** The parsed owners record. */
export interface OwnersRecord {
  /** Each owner id and its normalized desired entries. */
  readonly owners: Readonly<Record<string, DesiredEntries>>;
  /** Per kind: principal key -> the unowned entries that stood there before an owner claimed it. */
  readonly adopted: Readonly<Record<EntryKind, Readonly<Record<string, unknown[]>>>>;
}

/** The record of an aws-auth without owners. */
export const EMPTY_RECORD: OwnersRecord = { owners: {}, adopted: { role: {}, user: {}, account: {} } };

function bad(detail: string): AwsAuthParseError {
  return new AwsAuthParseError(`annotation ${OWNERS_ANNOTATION} on kube-system/aws-auth ${detail}; nothing was written; restore it from a backup or remove it by hand (the entries it listed become unowned)`);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Reads the owners annotation; absent means no owners.
 * @throws AwsAuthParseError when it is not a valid owners record.
 */
export function parseOwnersRecord(value: string | undefined): OwnersRecord {
  if (value === undefined || value.trim() === '') return EMPTY_RECORD;
  let v: unknown;
  try {
    v = JSON.parse(value);
  } catch (e) {
    throw bad(`is not valid JSON (${(e as Error).message})`);
  }
  if (!isObject(v) || v.version !== OWNERS_RECORD_VERSION || !isObject(v.owners)) {
    throw bad(`is not an owners record of version ${OWNERS_RECORD_VERSION}`);
  }
  const owners: Record<string, DesiredEntries> = {};
  for (const [id, entries] of Object.entries(v.owners)) {
    if (!OWNER_ID_RE.test(id)) throw bad(`has an invalid owner id ${JSON.stringify(id)}`);
    try {
      owners[id] = validateDesired(entries, { allowClusterAdmin: true, takeOverUnowned: false });
    } catch (e) {
      throw bad(`has invalid entries for owner "${id}": ${(e as Error).message}`);
    }
  }
  const adoptedIn = v.adopted === undefined ? {} : v.adopted;
  if (!isObject(adoptedIn)) throw bad('has an invalid "adopted" section');
  const adopted = { role: {}, user: {}, account: {} } as Record<EntryKind, Record<string, unknown[]>>;
  for (const kind of KINDS) {
    const section = adoptedIn[DATA_KEYS[kind]] ?? {};
    if (!isObject(section)) throw bad(`has an invalid "adopted.${DATA_KEYS[kind]}" section`);
    for (const key of Object.keys(section).sort()) {
      const list = section[key];
      if (!Array.isArray(list) || list.length === 0 || key === '__proto__') throw bad(`has an invalid "adopted.${DATA_KEYS[kind]}" entry for ${key}`);
      const k = kind === 'user' ? userKey(key) : key;
      adopted[kind][k] = Object.prototype.hasOwnProperty.call(adopted[kind], k) ? [...adopted[kind][k], ...list] : list;
    }
  }
  return { owners, adopted };
}

/** The owned mappings of one kind in a desired set. */
export function ownedOfKind(d: DesiredEntries, kind: EntryKind): readonly OwnedMapping[] {
  return kind === 'role' ? d.mapRoles : kind === 'user' ? d.mapUsers : d.mapAccounts;
}

function sortedKeys(o: object): string[] {
  return Object.keys(o).sort();
}

/** Items sorted by key (string order); items with one key (an older record's users) keep their order. */
function sortedByKey<T>(items: readonly T[], key: (t: T) => string): T[] {
  const byKey = new Map<string, T[]>();
  for (const t of items) {
    const k = key(t);
    const same = byKey.get(k);
    if (same) same.push(t); else byKey.set(k, [t]);
  }
  return [...byKey.keys()].sort().flatMap((k) => byKey.get(k) as T[]);
}

/** True when the record holds no owner and no adopted entry (the annotation is then removed). */
export function isEmptyRecord(r: OwnersRecord): boolean {
  return Object.keys(r.owners).length === 0 && KINDS.every((k) => Object.keys(r.adopted[k]).length === 0);
}

/** Renders the record deterministically (sorted owners and keys, empty parts left out). */
export function renderOwnersRecord(r: OwnersRecord): string {
  const owners: Record<string, unknown> = {};
  for (const id of sortedKeys(r.owners)) {
    const d = r.owners[id];
    const entry: Record<string, unknown> = {};
    for (const kind of KINDS) {
      const list = sortedByKey(ownedOfKind(d, kind), (m) => mappingKey(kind, m));
      if (list.length > 0) entry[DATA_KEYS[kind]] = list;
    }
    owners[id] = entry;
  }
  const out: Record<string, unknown> = { version: OWNERS_RECORD_VERSION, owners };
  const adopted: Record<string, unknown> = {};
  for (const kind of KINDS) {
    const keys = sortedKeys(r.adopted[kind]);
    if (keys.length === 0) continue;
    const section: Record<string, unknown> = {};
    for (const k of keys) section[k] = r.adopted[kind][k];
    adopted[DATA_KEYS[kind]] = section;
  }
  if (Object.keys(adopted).length > 0) out.adopted = adopted;
  return JSON.stringify(out);
}
