/**
 * Dry run for a `plan` command: what `applyOwner` would change, and where aws-auth has drifted
 * from the owners record (owned entries edited or deleted by hand, duplicated principals).
 */
import { OWNERS_ANNOTATION } from '../api';
import { DATA_KEYS, KINDS, entryKey, equivalent, mappingEntry, mappingKey } from './entries';
import { checkDistinctPrincipals, checkOwner, intendedOf, mergeOwner, modeOf } from './merge';
import { ownedOfKind, parseOwnersRecord } from './owners';
import { parseList } from './parse';
import type { ConfigMapState, DesiredEntries, DriftItem, EntryKind, MergeOptions, PlanResult } from './types';
import { validateDesired } from './validate';

function driftOfKind(kind: EntryKind, current: ConfigMapState, owner: string): DriftItem[] {
  const rec = parseOwnersRecord(current.annotations[OWNERS_ANNOTATION]);
  const intended = intendedOf(rec, kind);
  const stored = parseList(DATA_KEYS[kind], current.data[DATA_KEYS[kind]], modeOf(kind)).items;
  const byKey = new Map<string, unknown[]>();
  for (const raw of stored) {
    const k = entryKey(kind, raw);
    if (k === undefined) continue;
    const list = byKey.get(k);
    if (list) list.push(raw); else byKey.set(k, [raw]);
  }
  const out: DriftItem[] = [];
  const mine = new Set<string>();
  if (Object.prototype.hasOwnProperty.call(rec.owners, owner)) {
    for (const m of ownedOfKind(rec.owners[owner], kind)) mine.add(mappingKey(kind, m));
  }
  for (const key of [...mine].sort()) {
    const want = intended.get(key);
    if (!want) continue;
    const expected = mappingEntry(kind, want.mapping);
    const actual = byKey.get(key) ?? [];
    if (actual.length === 0) {
      out.push({ kind, key, drift: 'deleted', owners: want.owners, expected, actual });
    } else if (actual.some((a) => !equivalent(kind, a, expected))) {
      out.push({ kind, key, drift: 'edited', owners: want.owners, expected, actual });
    }
  }
  for (const key of [...byKey.keys()].sort()) {
    const actual = byKey.get(key) as unknown[];
    if (actual.length < 2) continue;
    const want = intended.get(key);
    out.push({ kind, key, drift: 'duplicate', owners: want ? want.owners : [], expected: want ? mappingEntry(kind, want.mapping) : undefined, actual });
  }
  return out;
}

/**
 * What `applyOwner` would do, without writing: the entry changes, plus drift in the kinds the
 * owner has or wants entries of.
 * @throws the same errors as `applyOwner` (a conflict is a plan that cannot be applied).
 */
export function planOwner(current: ConfigMapState, owner: string, desired: DesiredEntries, options: MergeOptions): PlanResult {
  checkOwner(owner);
  const d = checkDistinctPrincipals(validateDesired(desired, options));
  const { changes } = mergeOwner(current, owner, d, options);
  const rec = parseOwnersRecord(current.annotations[OWNERS_ANNOTATION]);
  const previous = Object.prototype.hasOwnProperty.call(rec.owners, owner) ? rec.owners[owner] : undefined;
  const drift: DriftItem[] = [];
  for (const kind of KINDS) {
    if ((previous && ownedOfKind(previous, kind).length > 0) || ownedOfKind(d, kind).length > 0) {
      drift.push(...driftOfKind(kind, current, owner));
    }
  }
  return { changes, drift };
}
