/**
 * Compares the grants of one environment in two assemblies: grants only in head are added,
 * only in base removed, in both with different field values changed. Field values compare as
 * sets, so reordering is not a change. Pure.
 */
import { SECTION_ORDER } from './grants';
import type { Grant } from './grants';

/** How one field of a grant changed. */
export interface FieldChange {
  readonly name: string;
  readonly before: readonly string[];
  readonly after: readonly string[];
  /** Values in `after` and not in `before`. */
  readonly added: readonly string[];
  /** Values in `before` and not in `after`. */
  readonly removed: readonly string[];
}

/** A grant present in both assemblies whose fields differ. */
export interface GrantChange {
  readonly section: string;
  /** Label in head. */
  readonly label: string;
  readonly id: string;
  readonly fields: readonly FieldChange[];
}

/** The changes of one environment. */
export interface EnvironmentDiff {
  readonly name: string;
  readonly added: readonly Grant[];
  readonly removed: readonly Grant[];
  readonly changed: readonly GrantChange[];
}

function keyOf(g: Pick<Grant, 'section' | 'id'>): string {
  return `${g.section}\u0000${g.id}`;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

function diffFields(before: Grant, after: Grant): FieldChange[] {
  const names = [...new Set([...after.fields.map(([n]) => n), ...before.fields.map(([n]) => n)])];
  const valuesOf = (g: Grant, name: string) => unique(g.fields.find(([n]) => n === name)?.[1] ?? []);
  return names.flatMap((name) => {
    const b = valuesOf(before, name);
    const a = valuesOf(after, name);
    const added = a.filter((v) => !b.includes(v));
    const removed = b.filter((v) => !a.includes(v));
    return added.length === 0 && removed.length === 0 ? [] : [{ name, before: b, after: a, added, removed }];
  });
}

/** Report order: by section, then id. */
export function compareGrants(a: Pick<Grant, 'section' | 'id'>, b: Pick<Grant, 'section' | 'id'>): number {
  const bySection = SECTION_ORDER.indexOf(a.section) - SECTION_ORDER.indexOf(b.section);
  if (bySection !== 0) return bySection;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The added, removed and changed grants of environment `name`. */
export function diffGrants(name: string, base: readonly Grant[], head: readonly Grant[]): EnvironmentDiff {
  const baseByKey = new Map(base.map((g) => [keyOf(g), g]));
  const headByKey = new Map(head.map((g) => [keyOf(g), g]));
  const added = head.filter((g) => !baseByKey.has(keyOf(g)));
  const removed = base.filter((g) => !headByKey.has(keyOf(g)));
  const changed = head.flatMap((g) => {
    const before = baseByKey.get(keyOf(g));
    if (!before) return [];
    const fields = diffFields(before, g);
    return fields.length === 0 ? [] : [{ section: g.section, label: g.label, id: g.id, fields }];
  });
  return { name, added: added.sort(compareGrants), removed: removed.sort(compareGrants), changed: changed.sort(compareGrants) };
}

/** Whether an environment has any change. */
export function hasChanges(diff: EnvironmentDiff): boolean {
  return diff.added.length + diff.removed.length + diff.changed.length > 0;
}
