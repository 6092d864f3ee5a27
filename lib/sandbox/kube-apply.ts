/**
 * Server-side apply algebra of the kube stand-in, pure (no I/O, no clock: the caller passes the
 * time): field sets per manager, the `FieldsV1` encoding of `metadata.managedFields`, apply with
 * conflicts and `force`, and the ownership an ordinary write (PUT, merge PATCH, POST) takes.
 *
 * Follows kubernetes/kubernetes staging/src/k8s.io/apimachinery/pkg/util/managedfields/internal
 * (conflict.go, managedfields.go BuildManagerIdentifier) and sigs.k8s.io/structured-merge-diff:
 * - a manager is identified by name and operation, and for an `Update` also by apiVersion;
 * - applying sets every field the manager sends, and removes a field it sent last time and no
 *   longer sends when no other manager owns it;
 * - a field another manager owns with a different value is a conflict unless `force`, which
 *   moves the ownership to the applier; an equal value is shared, not a conflict;
 * - an ordinary write makes its manager the owner of every field whose value it changed and
 *   takes those fields from the others; a removed field leaves every set;
 * - an apply that changes neither the object nor any field set writes nothing;
 * - managedFields are sorted by operation (Apply first), time, manager and apiVersion.
 * Simplifications (documented, not hidden): every list is atomic (one field, as `rules`,
 * `subjects`, `ingress` and `policyTypes` are in the real schemas); a map's own `.` entry is not
 * recorded; a map left empty by a removal is removed with it.
 */

/** A JSON value. */
export type Json = null | boolean | number | string | Json[] | JsonObject;

/** A JSON object. */
export interface JsonObject { [key: string]: Json }

/** One `metadata.managedFields` entry as the API server writes it. */
export interface ManagedFieldsEntry {
  readonly manager: string;
  readonly operation: 'Apply' | 'Update';
  readonly apiVersion: string;
  readonly time: string;
  readonly fieldsType: 'FieldsV1';
  readonly fieldsV1: JsonObject;
}

/** A field another manager owns that an apply would change. */
export interface ApplyConflict {
  /** The owning manager's entry (name, operation, apiVersion). */
  readonly owner: Pick<ManagedFieldsEntry, 'manager' | 'operation' | 'apiVersion'>;
  /** The field, as path segments (`['data', 'key']`). */
  readonly path: readonly string[];
}

/** What {@link applyObject} is given. */
export interface ApplyInput {
  /** The stored object (with its `metadata.managedFields`), undefined to create. */
  readonly live: JsonObject | undefined;
  /** The applied configuration, already checked against the kind (status stripped). */
  readonly config: JsonObject;
  readonly manager: string;
  readonly force: boolean;
  /** Timestamp for the manager's entry (RFC 3339, seconds). */
  readonly time: string;
}

/** The result of an apply: the object to store (unchanged: the live one), or the conflicts. */
export type ApplyOutcome =
  | { readonly ok: true; readonly object: JsonObject; readonly changed: boolean }
  | { readonly ok: false; readonly conflicts: readonly ApplyConflict[] };

/** Fields the field manager never tracks (managedfields StripMeta). */
const UNTRACKED = new Set([
  'apiVersion', 'kind', 'metadata.name', 'metadata.namespace', 'metadata.uid', 'metadata.resourceVersion',
  'metadata.creationTimestamp', 'metadata.generation', 'metadata.managedFields', 'metadata.selfLink',
  'metadata.deletionTimestamp', 'metadata.deletionGracePeriodSeconds', 'metadata.generateName',
]);

function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep copy of a JSON value. */
export function cloneJson<T extends Json>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/** Structural equality of JSON values (object key order ignored). */
export function jsonEqual(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && jsonEqual(a[k], b[k]));
  }
  return false;
}

/**
 * The fields an object sets, as paths: the leaves of its maps (a scalar, a list, an empty map),
 * without the fields the field manager never tracks.
 */
export function leafPaths(obj: JsonObject): string[][] {
  const out: string[][] = [];
  const walk = (v: Json, path: string[]): void => {
    if (UNTRACKED.has(path.join('.'))) return;
    if (isObject(v) && Object.keys(v).length > 0) {
      for (const [k, child] of Object.entries(v)) walk(child, [...path, k]);
    } else if (path.length > 0) {
      out.push(path);
    }
  };
  walk(obj, []);
  return out;
}

/** The value at `path`, undefined when absent. */
export function valueAt(obj: Json | undefined, path: readonly string[]): Json | undefined {
  let node: Json | undefined = obj;
  for (const k of path) {
    if (!isObject(node)) return undefined;
    node = node[k];
  }
  return node;
}

function setAt(obj: JsonObject, path: readonly string[], value: Json): void {
  let node = obj;
  for (const k of path.slice(0, -1)) {
    if (!isObject(node[k])) node[k] = {};
    node = node[k] as JsonObject;
  }
  const last = path[path.length - 1];
  // Maps merge: an empty map sets nothing inside one that is already there.
  if (isObject(value) && Object.keys(value).length === 0 && isObject(node[last])) return;
  node[last] = cloneJson(value);
}

function removeAt(obj: JsonObject, path: readonly string[]): void {
  const parents: JsonObject[] = [];
  let node = obj;
  for (const k of path.slice(0, -1)) {
    const next = node[k];
    if (!isObject(next)) return;
    parents.push(node);
    node = next;
  }
  delete node[path[path.length - 1]];
  // A map the removal leaves empty goes too (metadata always stays).
  for (let i = parents.length - 1; i >= 0; i--) {
    const key = path[i];
    const child = parents[i][key];
    if (!isObject(child) || Object.keys(child).length > 0 || (i === 0 && key === 'metadata')) break;
    delete parents[i][key];
  }
}

const keyOf = (path: readonly string[]): string => JSON.stringify(path);
const pathOf = (key: string): string[] => JSON.parse(key) as string[];

/** A field path as the API server prints it in a conflict (`.data.key`). */
export function fieldPathString(path: readonly string[]): string {
  return path.map((k) => `.${k}`).join('');
}

/** Encodes field paths as `FieldsV1` (`{"f:data":{"f:key":{}}}`). */
export function encodeFieldsV1(paths: Iterable<readonly string[]>): JsonObject {
  const root: JsonObject = {};
  for (const path of paths) {
    let node = root;
    for (const k of path) {
      const key = `f:${k}`;
      if (!isObject(node[key])) node[key] = {};
      node = node[key] as JsonObject;
    }
  }
  return root;
}

/** Decodes `FieldsV1` into the field paths it records (the leaves; `.` entries are ignored). */
export function decodeFieldsV1(fields: JsonObject): string[][] {
  const out: string[][] = [];
  const walk = (node: JsonObject, path: string[]): void => {
    const keys = Object.keys(node).filter((k) => k.startsWith('f:'));
    if (keys.length === 0) {
      if (path.length > 0) out.push(path);
      return;
    }
    for (const k of keys) {
      const child = node[k];
      walk(isObject(child) ? child : {}, [...path, k.slice(2)]);
    }
  };
  walk(fields, []);
  return out;
}

interface Owner {
  entry: ManagedFieldsEntry;
  fields: Set<string>;
}

function identity(e: Pick<ManagedFieldsEntry, 'manager' | 'operation' | 'apiVersion'>): string {
  return JSON.stringify([e.manager, e.operation, e.operation === 'Apply' ? '' : e.apiVersion]);
}

function ownersOf(obj: JsonObject | undefined): Owner[] {
  const meta = obj?.metadata;
  const entries = isObject(meta) && Array.isArray(meta.managedFields) ? meta.managedFields as unknown as ManagedFieldsEntry[] : [];
  return entries.map((entry) => ({ entry, fields: new Set(decodeFieldsV1(entry.fieldsV1).map(keyOf)) }));
}

/** Sort order of managedFields (managedfields.go sortEncodedManagedFields): operation, time, manager, apiVersion. */
function entryOrder(a: ManagedFieldsEntry, b: ManagedFieldsEntry): number {
  for (const k of ['operation', 'time', 'manager', 'apiVersion'] as const) {
    if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  }
  return 0;
}

function entriesOf(owners: readonly Owner[]): ManagedFieldsEntry[] {
  return owners.filter((o) => o.fields.size > 0).map((o): ManagedFieldsEntry => ({
    manager: o.entry.manager, operation: o.entry.operation, apiVersion: o.entry.apiVersion, time: o.entry.time,
    fieldsType: 'FieldsV1', fieldsV1: encodeFieldsV1([...o.fields].sort().map(pathOf)),
  })).sort(entryOrder);
}

/** Same field sets per manager (times ignored). */
function sameOwnership(a: readonly ManagedFieldsEntry[], b: readonly ManagedFieldsEntry[]): boolean {
  const view = (list: readonly ManagedFieldsEntry[]): Json => list.map((e) => [identity(e), e.fieldsV1]) as Json;
  return jsonEqual(view(a), view(b));
}

function withoutManagedFields(obj: JsonObject | undefined): JsonObject | undefined {
  if (!obj) return undefined;
  const copy = cloneJson(obj);
  if (isObject(copy.metadata)) delete copy.metadata.managedFields;
  return copy;
}

function setManagedFields(obj: JsonObject, entries: ManagedFieldsEntry[]): void {
  const meta = isObject(obj.metadata) ? obj.metadata : (obj.metadata = {});
  if (entries.length > 0) {
    meta.managedFields = entries as unknown as Json;
  } else {
    delete meta.managedFields;
  }
}

/** Server-side apply of `config` by `manager` onto `live` (see the file comment for the rules). */
export function applyObject(input: ApplyInput): ApplyOutcome {
  const { live, config, manager, force, time } = input;
  const apiVersion = String(config.apiVersion);
  const owners = ownersOf(live);
  const me = { manager, operation: 'Apply' as const, apiVersion };
  const others = owners.filter((o) => identity(o.entry) !== identity(me));
  const applied = leafPaths(config);
  const conflicts: ApplyConflict[] = [];
  for (const path of applied) {
    for (const o of others) {
      if (o.fields.has(keyOf(path)) && !jsonEqual(valueAt(live, path), valueAt(config, path))) {
        conflicts.push({ owner: { manager: o.entry.manager, operation: o.entry.operation, apiVersion: o.entry.apiVersion }, path });
      }
    }
  }
  if (conflicts.length > 0 && !force) {
    return { ok: false, conflicts };
  }
  for (const c of conflicts) {
    others.find((o) => identity(o.entry) === identity(c.owner))?.fields.delete(keyOf(c.path));
  }
  const object = withoutManagedFields(live) ?? { apiVersion, kind: config.kind, metadata: {} };
  const mine = owners.find((o) => identity(o.entry) === identity(me));
  const appliedKeys = new Set(applied.map(keyOf));
  for (const key of mine?.fields ?? []) {
    if (!appliedKeys.has(key) && !others.some((o) => o.fields.has(key))) {
      removeAt(object, pathOf(key));
    }
  }
  for (const path of applied) {
    setAt(object, path, valueAt(config, path)!);
  }
  object.apiVersion = apiVersion;
  const next: Owner = { entry: { ...me, time, fieldsType: 'FieldsV1', fieldsV1: {} }, fields: appliedKeys };
  const updated = mine ? owners.map((o) => (o === mine ? next : o)) : [...owners, next];
  const entries = entriesOf(updated);
  if (live && jsonEqual(object, withoutManagedFields(live)) && sameOwnership(entriesOf(ownersOf(live)), entries)) {
    return { ok: true, object: live, changed: false };
  }
  setManagedFields(object, entries);
  return { ok: true, object, changed: true };
}

/**
 * The managedFields after an ordinary write (PUT, merge PATCH, POST) by `manager`: it owns every
 * field whose value changed from `before` to `after` (all of them on a create); removed fields
 * leave every set. Returns `after` with those managedFields.
 */
export function recordUpdate(before: JsonObject | undefined, after: JsonObject, manager: string, time: string): JsonObject {
  const owners = ownersOf(before);
  const apiVersion = String(after.apiVersion);
  const me = { manager, operation: 'Update' as const, apiVersion };
  const next = withoutManagedFields(after)!;
  const old = withoutManagedFields(before);
  const changed = leafPaths(next).filter((p) => !jsonEqual(valueAt(old, p), valueAt(next, p))).map(keyOf);
  const removed = old ? leafPaths(old).filter((p) => valueAt(next, p) === undefined).map(keyOf) : [];
  for (const o of owners) {
    for (const key of [...changed, ...removed]) o.fields.delete(key);
  }
  if (changed.length > 0) {
    const mine = owners.find((o) => identity(o.entry) === identity(me));
    if (mine) {
      mine.entry = { ...mine.entry, time };
      changed.forEach((k) => mine.fields.add(k));
    } else {
      owners.push({ entry: { ...me, time, fieldsType: 'FieldsV1', fieldsV1: {} }, fields: new Set(changed) });
    }
  }
  setManagedFields(next, entriesOf(owners));
  return next;
}
