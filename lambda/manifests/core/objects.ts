/**
 * Validation of the declared objects and patches before anything is sent, and the ownership
 * labels added to owned objects. A message names the item (`Objects[2]`), the object
 * (kind namespace/name) once known, the field, the value and the fix.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/names/
 */
import { MANAGED_BY_LABEL, OWNER_LABEL } from '../api';
import { ManifestInputError } from './errors';
import { describeId, idKey } from './ids';
import { BUILTIN_KINDS, DNS_LABEL_RE, DNS_SUBDOMAIN_RE, parseApiVersion } from './kinds';
import { ownershipLabels } from './labels';
import { describeType, isRecord } from './json';
import type { DeclaredObject, DeclaredPatch, KindInfo, ManifestObject, ObjectId } from './types';

const KIND_RE = /^[A-Za-z][A-Za-z0-9]{0,62}$/;
const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** Metadata fields the server writes; a declared object may not carry them. */
export const SERVER_METADATA_FIELDS = ['resourceVersion', 'uid', 'managedFields'] as const;

/**
 * Parses a property holding a JSON list (`Objects`, `Patches`); absent or empty is no items.
 * @throws ManifestInputError naming the property when it is not a JSON list.
 */
export function parseJsonList(property: string, value: unknown): unknown[] {
  if (value === undefined || value === '') return [];
  let parsed: unknown = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      throw new ManifestInputError(`property ${property} is not valid JSON (${value.length} characters starting ${JSON.stringify(value.slice(0, 20))}); the construct renders it, so pass it unchanged`);
    }
  }
  if (!Array.isArray(parsed)) throw new ManifestInputError(`property ${property} must be a JSON list of Kubernetes objects, got ${describeType(parsed)}`);
  return parsed;
}

type Checked = { readonly id: ObjectId; readonly obj: ManifestObject } | { readonly problem: string };

/**
 * Validates the declared objects and adds the ownership labels of `owner` to each.
 * @throws ManifestInputError listing every invalid item (its first problem), or the duplicates.
 */
export function validateObjects(items: readonly unknown[], owner: string): DeclaredObject[] {
  const checked = items.map((item, i) => checkItem(item, `Objects[${i}]`, checkOwnedLabels));
  const ok = okOrThrow(checked);
  checkDistinct(ok, 'Objects');
  return ok.map(({ id, obj }) => ({ id, body: withOwnership(id, obj, owner) }));
}

/**
 * Validates the declared patches of objects owned by others. A patch may not carry the
 * ownership labels, must own at least one field, and may not target an owned object.
 * @throws ManifestInputError listing every invalid item, the duplicates or the overlap.
 */
export function validatePatches(items: readonly unknown[], objects: readonly DeclaredObject[]): DeclaredPatch[] {
  const checked = items.map((item, i) => checkItem(item, `Patches[${i}]`, checkPatchFields));
  const ok = okOrThrow(checked);
  checkDistinct(ok, 'Patches');
  const owned = new Map(objects.map((o, i) => [idKey(o.id), i]));
  ok.forEach(({ id }, i) => {
    const j = owned.get(idKey(id));
    if (j !== undefined) throw new ManifestInputError(`Patches[${i}] patches ${describeId(id)}, which Objects[${j}] declares; an object is either owned or patched, so remove one of them`);
  });
  return ok.map(({ id, obj }) => ({ id, body: obj }));
}

/**
 * Checks an object's namespace against the scope the server reported for a discovered kind
 * (built-in kinds are checked by the validation itself).
 * @throws ManifestInputError naming the object and the fix.
 */
export function checkScope(id: ObjectId, info: KindInfo): void {
  const problem = scopeProblem(id, info.namespaced);
  if (problem !== undefined) throw new ManifestInputError(`${describeId(id)}: ${problem}`);
}

function scopeProblem(id: ObjectId, namespaced: boolean): string | undefined {
  if (namespaced && id.namespace === undefined) return `${id.kind} is namespaced and needs metadata.namespace; add the namespace`;
  if (!namespaced && id.namespace !== undefined) return `${id.kind} is cluster-scoped and may not have metadata.namespace (${JSON.stringify(id.namespace)}); remove it`;
  return undefined;
}

function okOrThrow(checked: readonly Checked[]): Array<{ id: ObjectId; obj: ManifestObject }> {
  const problems = checked.flatMap((c) => ('problem' in c ? [c.problem] : []));
  if (problems.length > 0) throw new ManifestInputError(problems.length === 1 ? problems[0] : `${problems.length} invalid items: ${problems.join('; ')}`);
  return checked as Array<{ id: ObjectId; obj: ManifestObject }>;
}

function checkDistinct(ok: ReadonlyArray<{ id: ObjectId; obj: ManifestObject }>, property: string): void {
  const seen = new Map<string, number>();
  ok.forEach(({ id, obj }, i) => {
    const j = seen.get(idKey(id));
    if (j !== undefined) {
      throw new ManifestInputError(`${property}[${j}] and ${property}[${i}] both declare ${describeId(id)} (apiVersions ${ok[j].obj.apiVersion} and ${obj.apiVersion} are one object); declare each object once`);
    }
    seen.set(idKey(id), i);
  });
}

type ExtraCheck = (obj: Record<string, unknown>, meta: Record<string, unknown>) => string | undefined;

function checkItem(item: unknown, where: string, extra: ExtraCheck): Checked {
  if (!isRecord(item)) return { problem: `${where} is ${describeType(item)}, not a Kubernetes object; each item must be an object with apiVersion, kind and metadata` };
  const { apiVersion, kind, metadata } = item;
  const gv = typeof apiVersion === 'string' ? parseApiVersion(apiVersion) : undefined;
  if (gv === undefined) return { problem: `${where}: apiVersion ${JSON.stringify(apiVersion)} is not "v1" or "<group>/<version>"; fix the apiVersion` };
  if (typeof kind !== 'string' || !KIND_RE.test(kind)) return { problem: `${where}: kind ${JSON.stringify(kind)} is not a kind name (1-63 letters and digits, starting with a letter); fix the kind` };
  if (!isRecord(metadata)) return { problem: `${where} (${kind}): metadata is missing or not an object; add metadata with a name` };
  const { name, namespace } = metadata;
  if (typeof name !== 'string' || name === '') return { problem: `${where} (${kind}): metadata.name ${JSON.stringify(name)} is missing or empty; name the object` };
  if (namespace !== undefined && (typeof namespace !== 'string' || namespace.length > 63 || !DNS_LABEL_RE.test(namespace))) {
    return { problem: `${where} (${kind} ${name}): metadata.namespace ${JSON.stringify(namespace)} is not a DNS-1123 label (at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit); fix the namespace` };
  }
  const id: ObjectId = { group: gv.group, kind, ...(namespace === undefined ? {} : { namespace }), name };
  const problem = nameProblem(id) ?? builtinScopeProblem(id) ?? serverFieldProblem(item, metadata) ?? extra(item, metadata);
  return problem === undefined ? { id, obj: item as ManifestObject } : { problem: `${where} (${describeId(id)}): ${problem}` };
}

function nameProblem(id: ObjectId): string | undefined {
  const n = JSON.stringify(id.name);
  if (id.group === '' && id.kind === 'Namespace') {
    return id.name.length <= 63 && DNS_LABEL_RE.test(id.name) ? undefined : `metadata.name ${n} is not a DNS-1123 label (at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit); fix the name`;
  }
  if (id.group !== RBAC_GROUP && BUILTIN_KINDS.some((k) => k.group === id.group && k.kind === id.kind)) {
    return id.name.length <= 253 && DNS_SUBDOMAIN_RE.test(id.name) ? undefined : `metadata.name ${n} is not a DNS-1123 subdomain (at most 253 lowercase letters, digits, '-' and '.', each part starting and ending with a letter or digit); fix the name`;
  }
  // RBAC names (system:aggregate-to-view) and other kinds: what a REST path segment allows.
  return id.name === '.' || id.name === '..' || /[/%]/.test(id.name) ? `metadata.name ${n} cannot be a path segment (it may not be '.' or '..' nor contain '/' or '%'); fix the name` : undefined;
}

function builtinScopeProblem(id: ObjectId): string | undefined {
  const builtin = BUILTIN_KINDS.find((k) => k.group === id.group && k.kind === id.kind);
  return builtin === undefined ? undefined : scopeProblem(id, builtin.namespaced);
}

function serverFieldProblem(obj: Record<string, unknown>, meta: Record<string, unknown>): string | undefined {
  const field = SERVER_METADATA_FIELDS.find((f) => meta[f] !== undefined);
  const path = field !== undefined ? `metadata.${field}` : obj.status !== undefined ? 'status' : undefined;
  if (path === undefined) return undefined;
  return `${path} is set; a declared object may not carry metadata.resourceVersion, metadata.uid, metadata.managedFields or status (the server writes them, and server-side apply refuses or ignores them); remove ${path}`;
}

function checkOwnedLabels(_obj: Record<string, unknown>, meta: Record<string, unknown>): string | undefined {
  const labels = meta.labels;
  if (labels === undefined) return undefined;
  if (!isRecord(labels)) return `metadata.labels is ${describeType(labels)}, not a map of strings; fix the labels`;
  for (const [key, value] of Object.entries(labels)) {
    if (typeof value !== 'string') return `metadata.labels.${key} is ${describeType(value)}, not a string; quote the value`;
  }
  return undefined;
}

function checkPatchFields(obj: Record<string, unknown>, meta: Record<string, unknown>): string | undefined {
  const labelProblem = checkOwnedLabels(obj, meta);
  if (labelProblem !== undefined) return labelProblem;
  const labels = (meta.labels ?? {}) as Record<string, string>;
  const owned = [OWNER_LABEL, MANAGED_BY_LABEL].find((k) => labels[k] !== undefined);
  if (owned !== undefined) return `metadata.labels.${owned} is set (${JSON.stringify(labels[owned])}) on a patch; the ownership labels mark objects this resource owns (Update and Delete may remove those), never an object it only patches; remove the label`;
  const fields = Object.keys(obj).filter((k) => k !== 'apiVersion' && k !== 'kind' && k !== 'metadata').length
    + Object.keys(meta).filter((k) => k !== 'name' && k !== 'namespace').length;
  return fields === 0 ? 'the patch declares no field to own (only apiVersion, kind and metadata.name/namespace); add the fields to set, or remove the patch' : undefined;
}

/**
 * The object `id` with the ownership labels of `owner` added. A declared label with the same key and
 * another value is refused: it would make the object look owned by someone else.
 * @throws ManifestInputError naming the object, the label and both values.
 */
export function withOwnership(id: ObjectId, obj: ManifestObject, owner: string): ManifestObject {
  const declared = obj.metadata.labels ?? {};
  const ours = ownershipLabels(owner);
  for (const [key, value] of Object.entries(ours)) {
    if (declared[key] !== undefined && declared[key] !== value) {
      throw new ManifestInputError(`${describeId(id)}: metadata.labels.${key} is declared as ${JSON.stringify(declared[key])}, but the app sets it to ${JSON.stringify(value)} on every object it owns; remove the label`);
    }
  }
  return { ...obj, metadata: { ...obj.metadata, labels: { ...declared, ...ours } } };
}
