/**
 * The merge: one owner's desired entries into aws-auth, keeping everything else.
 *
 * Placement (stable, minimal diff):
 * - unowned entries keep their position and, when read from block YAML, their exact text;
 * - an owned entry already present stays where its first occurrence is; later duplicates of
 *   the principal are dropped ("collapsed");
 * - an adopted or taken-over unowned entry is replaced in place;
 * - a principal no owner declares any more is removed, and the unowned entries it had adopted
 *   are put back in its place;
 * - entries for principals not yet in aws-auth are appended, sorted by key.
 * The authenticator's view (principal -> mapping) therefore does not depend on the order in
 * which owners are applied; the owners record is rendered sorted and is identical too.
 */
import { OWNERS_ANNOTATION } from '../api';
import {
  DATA_KEYS, KINDS, entryKey, equivalent, equivalentLists, isNodeEntry, mappingEntry, mappingKey, sameMapping, sameOwnedMapping, showMapping,
} from './entries';
import type { OwnedMapping } from './entries';
import { AwsAuthConflictError, AwsAuthInputError, AwsAuthParseError } from './errors';
import { OWNER_ID_RE, isEmptyRecord, ownedOfKind, parseOwnersRecord, renderOwnersRecord } from './owners';
import type { OwnersRecord } from './owners';
import { parseList } from './parse';
import type { ParsedList } from './parse';
import { renderList } from './render';
import { checkSizes } from './size';
import type { ConfigMapState, DesiredEntries, EntryChange, EntryKind, MergeOptions, MergeResult } from './types';
import { validateDesired } from './validate';

/** Who intends what for one principal, from the owners record. */
interface Intended {
  /** The mapping written (from the first owner in sorted order that declares it). */
  readonly mapping: OwnedMapping;
  /** Owners declaring it, sorted. */
  readonly owners: string[];
}

/** The parse mode of each data key. */
export function modeOf(kind: EntryKind): 'entries' | 'scalars' {
  return kind === 'account' ? 'scalars' : 'entries';
}

function display(kind: EntryKind, m: OwnedMapping): string {
  if (kind === 'account') return m as string;
  return kind === 'role' ? (m as { rolearn: string }).rolearn : (m as { userarn: string }).userarn;
}

/**
 * Principal key -> intended mapping over all owners of a record. Keys are the authenticator's
 * (`mappingKey`): role ARNs without path and user ARNs lower-cased, so `user/Alice` and
 * `user/alice` are one principal. Two owners (or one owner twice) mapping a principal
 * differently is a conflict: it throws when `strictFor` is one of them. Conflicts among other
 * owners can only stand in a record written before user ARNs were compared ignoring case; they
 * resolve to the first owner in sorted order (the duplicates collapse to its entry), so that
 * removing or updating an unrelated owner never fails on them.
 */
export function intendedOf(rec: OwnersRecord, kind: EntryKind, strictFor?: string): Map<string, Intended> {
  const out = new Map<string, { mapping: OwnedMapping; owners: string[] }>();
  for (const id of Object.keys(rec.owners).sort()) {
    for (const m of ownedOfKind(rec.owners[id], kind)) {
      const k = mappingKey(kind, m);
      const ex = out.get(k);
      if (!ex) {
        out.set(k, { mapping: m, owners: [id] });
        continue;
      }
      if (!sameOwnedMapping(kind, ex.mapping, m)) {
        if (strictFor !== undefined && (ex.owners.includes(strictFor) || id === strictFor)) throw conflict(kind, ex, id, m);
        continue;
      }
      if (!ex.owners.includes(id)) ex.owners.push(id);
    }
  }
  return out;
}

function conflict(kind: EntryKind, ex: Intended, id: string, m: OwnedMapping): AwsAuthConflictError {
  const spelled = display(kind, ex.mapping) === display(kind, m) ? '' : ` (as ${display(kind, ex.mapping)} and as ${display(kind, m)}, one principal to the authenticator, which compares ARNs ignoring case)`;
  return new AwsAuthConflictError(
    `aws-auth ${kind} ${display(kind, m)} is claimed by two owners${spelled} with different mappings: `
    + `owner "${ex.owners[0]}" maps it as ${showMapping(kind, ex.mapping)}, owner "${id}" as ${showMapping(kind, m)}; `
    + 'declare the same username and groups in both, or map it in one owner only',
  );
}

/**
 * Refuses an owner's desired entries that name one principal twice as the authenticator keys
 * it: user ARNs that differ only in case (exact duplicates are refused by `validateDesired`).
 */
export function checkDistinctPrincipals(d: DesiredEntries): DesiredEntries {
  for (const kind of KINDS) {
    const seen = new Map<string, OwnedMapping>();
    for (const m of ownedOfKind(d, kind)) {
      const k = mappingKey(kind, m);
      const prev = seen.get(k);
      if (prev !== undefined) {
        throw new AwsAuthInputError(
          `${DATA_KEYS[kind]} maps ${display(kind, prev)} and ${display(kind, m)}, which differ only in case; the authenticator compares ARNs ignoring case, `
          + 'so they are one principal; declare it once',
        );
      }
      seen.set(k, m);
    }
  }
  return d;
}

/** The switch the merge itself reads (`allowClusterAdmin` is checked by `validateDesired`). */
type MergeSwitches = Pick<MergeOptions, 'takeOverUnowned'>;

/** Checks the unowned entries an owner is about to replace; true when one is taken over. */
function checkUnowned(kind: EntryKind, unowned: readonly unknown[], want: Intended, owner: string, options: MergeSwitches): boolean {
  let takeOver = false;
  const who = want.owners.includes(owner) ? owner : want.owners[0];
  for (const entry of unowned) {
    if (sameMapping(kind, entry, want.mapping)) continue;
    const principal = `aws-auth ${kind} ${display(kind, want.mapping)}`;
    if (isNodeEntry(kind, entry)) {
      throw new AwsAuthConflictError(
        `${principal} is mapped by an unowned node-role entry ${JSON.stringify(entry)} (groups include system:nodes); `
        + `owner "${who}" wants ${showMapping(kind, want.mapping)}; node-role entries are never rewritten, not even with takeOverUnowned, `
        + 'because the nodes would lose access; declare exactly that mapping to adopt it, or map a different role',
      );
    }
    if (!options.takeOverUnowned) {
      throw new AwsAuthConflictError(
        `${principal} is already mapped by an unowned entry ${JSON.stringify(entry)}; owner "${who}" wants ${showMapping(kind, want.mapping)}; `
        + 'change or remove that entry by hand, declare the same mapping to adopt it, or set takeOverUnowned to replace it',
      );
    }
    takeOver = true;
  }
  return takeOver;
}

/** The outcome of merging one data key. */
interface KindOutcome {
  readonly items: unknown[];
  /** Verbatim text of the leading items that kept theirs; shorter than `items` when entries were appended. */
  readonly sources: (string | undefined)[];
  readonly adopted: Record<string, unknown[]>;
  readonly modified: boolean;
}

/** Merges one kind: stored entries, old and new owners records -> new entries and adopted set. */
function mergeKind(
  kind: EntryKind, list: ParsedList, oldRec: OwnersRecord, newRec: OwnersRecord,
  owner: string, options: MergeSwitches, changes: EntryChange[],
): KindOutcome {
  const stored = list.items;
  const oldInt = intendedOf(oldRec, kind);
  const newInt = intendedOf(newRec, kind, owner);
  const oldAdopted = oldRec.adopted[kind];
  const adopted: Record<string, unknown[]> = {};
  const inPlay = new Set<string>([...oldInt.keys(), ...newInt.keys(), ...Object.keys(oldAdopted)]);
  const groups = new Map<string, number[]>();
  stored.forEach((raw, i) => {
    const k = entryKey(kind, raw);
    if (k === undefined || !inPlay.has(k)) return;
    const g = groups.get(k);
    if (g) g.push(i); else groups.set(k, [i]);
  });
  const atAnchor = new Map<number, unknown[]>();
  const dropped = new Set<number>();
  const appended: unknown[] = [];
  for (const key of [...inPlay].sort()) {
    const idx = groups.get(key) ?? [];
    const present = idx.map((i) => stored[i]);
    const want = newInt.get(key);
    const had = oldInt.get(key);
    const originals = Object.prototype.hasOwnProperty.call(oldAdopted, key) ? oldAdopted[key] : undefined;
    let replacement: unknown[];
    if (want) {
      const entry = mappingEntry(kind, want.mapping);
      replacement = [entry];
      if (!had) {
        // Newly claimed: whatever stands there is unowned.
        const takeOver = checkUnowned(kind, [...(originals ?? []), ...present], want, owner, options);
        const keep = originals ?? present;
        if (keep.length > 0) adopted[key] = [...keep];
        if (present.length === 0) {
          changes.push({ kind, key, action: 'added', after: entry });
        } else {
          changes.push({ kind, key, action: takeOver ? 'changed' : 'adopted', before: present[present.length - 1], after: entry });
        }
      } else {
        if (originals) {
          adopted[key] = originals;
          if (!sameOwnedMapping(kind, had.mapping, want.mapping)) checkUnowned(kind, originals, want, owner, options);
        }
        if (present.length === 0) {
          changes.push({ kind, key, action: 'added', after: entry });
        } else if (!equivalent(kind, present[0], entry)) {
          changes.push({ kind, key, action: 'changed', before: present[0], after: entry });
        }
      }
      for (const extra of present.slice(1)) changes.push({ kind, key, action: 'collapsed', before: extra, after: entry });
    } else {
      // Released: no owner declares it any more; put back what it had adopted.
      replacement = originals ? [...originals] : [];
      if (!originals) {
        for (const p of present) changes.push({ kind, key, action: 'removed', before: p });
      } else if (!equivalentLists(kind, present, originals)) {
        // before: the last entry standing there, undefined when none stands there (deleted by hand)
        changes.push({ kind, key, action: 'changed', before: present[present.length - 1], after: originals[originals.length - 1] });
      }
    }
    if (idx.length > 0) {
      atAnchor.set(idx[0], replacement);
      for (const i of idx.slice(1)) dropped.add(i);
    } else {
      appended.push(...replacement);
    }
  }
  const items: unknown[] = [];
  const sources: (string | undefined)[] = [];
  let modified = dropped.size > 0 || appended.length > 0;
  for (let i = 0; i < stored.length; i++) {
    if (dropped.has(i)) continue;
    const rep = atAnchor.get(i);
    if (rep === undefined || (rep.length === 1 && equivalent(kind, stored[i], rep[0]))) {
      items.push(stored[i]);
      sources.push(list.sources?.[i]);
      continue;
    }
    modified = true;
    for (const r of rep) {
      items.push(r);
      sources.push(undefined);
    }
  }
  items.push(...appended); // no source: sources ends before them, and renderList renders them
  return { items, sources, adopted, modified };
}

/** Renders a data value and proves it reads back to exactly the intended entries. */
function renderChecked(dataKey: string, kind: EntryKind, items: unknown[], sources: (string | undefined)[]): string {
  const text = renderList(items, sources);
  let back: unknown[];
  try {
    back = parseList(dataKey, text, modeOf(kind)).items;
  } catch (e) {
    throw new AwsAuthParseError(`the merged ${dataKey} does not parse back (${(e as Error).message}); nothing was written; this is a bug in eks-access, please report it`);
  }
  if (JSON.stringify(back) !== JSON.stringify(items)) {
    throw new AwsAuthParseError(`the merged ${dataKey} does not read back as the intended entries; nothing was written; this is a bug in eks-access, please report it`);
  }
  return text;
}

/** Checks an owner id. */
export function checkOwner(owner: unknown): string {
  if (typeof owner !== 'string' || !OWNER_ID_RE.test(owner)) {
    throw new AwsAuthInputError(`owner must be 1 to 256 letters, digits and ._:/@- starting with a letter or digit, got ${JSON.stringify(owner)}; use a stable id unique per cluster, such as the stack name`);
  }
  return owner;
}

function isEmptyDesired(d: DesiredEntries): boolean {
  return d.mapRoles.length === 0 && d.mapUsers.length === 0 && d.mapAccounts.length === 0;
}

function countOwned(d: DesiredEntries | undefined): MergeResult['owned'] {
  return { roles: d?.mapRoles.length ?? 0, users: d?.mapUsers.length ?? 0, accounts: d?.mapAccounts.length ?? 0 };
}

/**
 * The merge engine behind applyOwner and removeOwner: `desired` undefined removes the owner.
 * Only the data keys of the kinds the owner had or wants are read and written.
 */
export function mergeOwner(current: ConfigMapState, owner: string, desired: DesiredEntries | undefined, options: MergeSwitches): MergeResult {
  const oldRec = parseOwnersRecord(current.annotations[OWNERS_ANNOTATION]);
  const previous = Object.prototype.hasOwnProperty.call(oldRec.owners, owner) ? oldRec.owners[owner] : undefined;
  const owners: Record<string, DesiredEntries> = { ...oldRec.owners };
  delete owners[owner];
  // The owner's entries after the merge (undefined when none). Not read back as owners[owner]:
  // an owner id such as "constructor" would find Object.prototype's member there.
  const next = desired && !isEmptyDesired(desired) ? desired : undefined;
  if (next) owners[owner] = next;
  const adopted = { ...oldRec.adopted };
  const newRecBase: OwnersRecord = { owners, adopted: oldRec.adopted };
  const changes: EntryChange[] = [];
  const data: Record<string, string> = { ...current.data };
  let dataChanged = false;
  for (const kind of KINDS) {
    const touched = (previous && ownedOfKind(previous, kind).length > 0) || (desired && ownedOfKind(desired, kind).length > 0);
    if (!touched) continue;
    const dataKey = DATA_KEYS[kind];
    const list = parseList(dataKey, current.data[dataKey], modeOf(kind));
    const out = mergeKind(kind, list, oldRec, newRecBase, owner, options, changes);
    adopted[kind] = out.adopted;
    if (out.modified) {
      data[dataKey] = renderChecked(dataKey, kind, out.items, out.sources);
      dataChanged = true;
    }
  }
  const newRec: OwnersRecord = { owners, adopted };
  const annotations: Record<string, string> = { ...current.annotations };
  const recordChanged = renderOwnersRecord(newRec) !== renderOwnersRecord(oldRec);
  if (recordChanged) {
    if (isEmptyRecord(newRec)) delete annotations[OWNERS_ANNOTATION];
    else annotations[OWNERS_ANNOTATION] = renderOwnersRecord(newRec);
  }
  if (!dataChanged && !recordChanged) {
    return { changed: false, state: current, changes, owned: countOwned(next) };
  }
  const state: ConfigMapState = { data, annotations };
  checkSizes(state);
  return { changed: true, state, changes, owned: countOwned(next) };
}

/**
 * Create and Update: makes `desired` the owner's entries. Entries it declared before and no
 * longer declares are removed unless another owner declares them; identical unowned entries
 * are adopted; duplicates collapsed. When nothing changes, `changed` is false and `state` is
 * the input object (write nothing).
 * @throws AwsAuthInputError, AwsAuthParseError, AwsAuthConflictError, AwsAuthSizeError.
 */
export function applyOwner(current: ConfigMapState, owner: string, desired: DesiredEntries, options: MergeOptions): MergeResult {
  checkOwner(owner);
  return mergeOwner(current, owner, checkDistinctPrincipals(validateDesired(desired, options)), options);
}

/**
 * Delete: removes the owner's entries that no other owner declares (putting back the unowned
 * entries it had adopted) and its record. An owner that is not recorded is a no-op.
 * @throws AwsAuthParseError, AwsAuthSizeError.
 */
export function removeOwner(current: ConfigMapState, owner: string): MergeResult {
  checkOwner(owner);
  // An owner not recorded had no kind: mergeOwner then reads no data key, the record renders
  // as before, and it returns `current` unchanged.
  return mergeOwner(current, owner, undefined, { takeOverUnowned: false });
}
