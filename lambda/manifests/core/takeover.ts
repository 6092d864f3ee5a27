/**
 * Which fields a forced apply took from other field managers, read from the object's
 * managedFields before and after it. The handler applies its own objects with `force=true`, so
 * the API server never answers a conflict for them: it moves the fields to the applier
 * (server-side-apply docs, "Conflicts": "overwrite the value, ... and take ownership"). This
 * makes that visible: the log names each manager and the fields it lost.
 * @see https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts
 */
import type { FieldConflict } from './conflict';
import { isRecord } from './json';

interface Entry {
  readonly manager: string;
  readonly operation: string;
  readonly subresource: string;
  readonly fields: ReadonlySet<string>;
}

/**
 * The field paths a `FieldsV1` tree records (`{"f:data":{"f:key":{}}}` is `.data.key`; a `k:`
 * list-map key prints as `[{"name":"x"}]`, a `v:` set value as `[="x"]`, an `i:` index as
 * `[0]`), sorted. A node carrying `.` (the node itself) and children counts as both.
 */
export function fieldPaths(fieldsV1: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown, path: string): void => {
    const keys = isRecord(node) ? Object.keys(node) : [];
    const children = keys.filter((k) => k !== '.');
    if (path !== '' && (children.length === 0 || keys.includes('.'))) out.push(path);
    for (const k of children) walk((node as Record<string, unknown>)[k], `${path}${segment(k)}`);
  };
  walk(fieldsV1, '');
  return out.sort();
}

function segment(key: string): string {
  const body = key.slice(2);
  switch (key.slice(0, 2)) {
    case 'f:': return `.${body}`;
    case 'k:': return `[${body}]`;
    case 'v:': return `[=${body}]`;
    case 'i:': return `[${body}]`;
    default: return `.${key}`;
  }
}

function entries(managedFields: unknown): Entry[] {
  if (!Array.isArray(managedFields)) return [];
  return managedFields.filter(isRecord).map((e) => ({
    manager: typeof e.manager === 'string' ? e.manager : '',
    operation: typeof e.operation === 'string' ? e.operation : '',
    subresource: typeof e.subresource === 'string' ? e.subresource : '',
    fields: new Set(fieldPaths(e.fieldsV1)),
  }));
}

function sameOwner(a: Entry, b: Entry): boolean {
  return a.manager === b.manager && a.operation === b.operation && a.subresource === b.subresource;
}

/** How a manager is named: `kubectl-edit (Update)`, `other-tool (Apply)`. */
function describeManager(e: Entry): string {
  return `${e.manager} (${e.operation}${e.subresource ? ` of ${e.subresource}` : ''})`;
}

/**
 * The fields `applier`'s Apply owns after the apply that another manager owned before and no
 * longer owns: what the forced apply took over, by manager (in the order of `before`) and path.
 */
export function takenOver(before: unknown, after: unknown, applier: string): FieldConflict[] {
  const afterEntries = entries(after);
  const mine = new Set(afterEntries.filter((e) => e.manager === applier && e.operation === 'Apply').flatMap((e) => [...e.fields]));
  const out: FieldConflict[] = [];
  // The applier's own Apply entry never counts: after the apply it holds what `mine` holds.
  for (const old of entries(before)) {
    const now = afterEntries.find((e) => sameOwner(e, old))?.fields ?? new Set<string>();
    for (const field of old.fields) {
      if (mine.has(field) && !now.has(field)) out.push({ manager: describeManager(old), field });
    }
  }
  return out;
}
