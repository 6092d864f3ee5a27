/**
 * What the real API server checks about a generic object before it stores it, as far as the
 * stand-in models it: the body matches the URL and the kind, no field outside the kind's schema
 * in an apply, object names and label values (k8s.io/apimachinery pkg/api/validation,
 * pkg/util/validation), RBAC binding roleRefs and subjects and the immutable roleRef
 * (pkg/apis/rbac/validation), ConfigMap content (kube-configmap-rules.ts), and RBAC escalation
 * prevention (pkg/registry/rbac/escalation_check.go, validation/rule.go ConfirmNoEscalation).
 */
import type { JsonObject } from './kube-apply';
import type { KindInfo } from './kube-objects';
import { apiVersionOf } from './kube-objects';
import type { FieldCause } from './kube-object-status';
import { invalidFor, qualifiedResource } from './kube-object-status';
import { validateConfigMap } from './kube-configmap-rules';
import type { StatusBody } from './kube-status';
import { badRequest, failure } from './kube-status';

const RBAC = 'rbac.authorization.k8s.io';
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
/** ObjectMeta fields a client may send. */
export const META_FIELDS: ReadonlySet<string> = new Set([
  'name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp',
  'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields',
]);

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `group/version, Kind=Kind` (schema.GroupVersionKind String). */
function gvkString(k: KindInfo): string {
  return `${k.group}/${k.version}, Kind=${k.kind}`;
}

/**
 * Checks a request body against the URL: an object, apiVersion and kind of the kind (required
 * for an apply, checked when given otherwise), the URL's name and namespace.
 */
export function checkBodyIdentity(body: unknown, k: KindInfo, namespace: string | undefined, name: string | undefined, apply: boolean): StatusBody | undefined {
  if (!isObject(body)) {
    return badRequest('the request body is not an object (a JSON or YAML map)');
  }
  const apiVersion = apiVersionOf(k);
  if ((apply || body.apiVersion !== undefined) && body.apiVersion !== apiVersion) {
    return badRequest(`the API version in the data (${String(body.apiVersion ?? '')}) does not match the expected API version (${apiVersion})`);
  }
  if ((apply || body.kind !== undefined) && body.kind !== k.kind) {
    return badRequest(`the kind in the data (${String(body.kind ?? '')}) does not match the expected kind (${k.kind})`);
  }
  if (body.metadata !== undefined && !isObject(body.metadata)) {
    return badRequest('metadata must be an object');
  }
  const meta = (body.metadata ?? {}) as JsonObject;
  const bodyNs = meta.namespace;
  if (bodyNs !== undefined && bodyNs !== '' && bodyNs !== (namespace ?? '')) {
    return badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  if (name !== undefined && meta.name !== name) {
    return badRequest(`the name of the object (${String(meta.name ?? '')}) does not match the name on the URL (${name})`);
  }
  if (apply && meta.managedFields !== undefined) {
    return badRequest('metadata.managedFields must be nil');
  }
  return undefined;
}

/**
 * An apply's fields outside the kind's schema. The field manager's typed conversion refuses
 * them with a plain error, which the API server answers as a 500 without a reason
 * (structuredmerge.go "failed to create typed patch object (<ns>/<name>; <gvk>)", the namespace
 * and name as the apply body gives them).
 */
export function checkApplySchema(body: JsonObject, k: KindInfo): StatusBody | undefined {
  const unknown = [
    ...(k.fields ? Object.keys(body).filter((f) => !['apiVersion', 'kind', 'metadata', ...k.fields!].includes(f)).map((f) => `.${f}`) : []),
    ...Object.keys((body.metadata ?? {}) as JsonObject).filter((f) => !META_FIELDS.has(f)).map((f) => `.metadata.${f}`),
  ];
  if (unknown.length === 0) return undefined;
  const meta = (body.metadata ?? {}) as JsonObject;
  const where = `${String(meta.namespace ?? '')}/${String(meta.name ?? '')}; ${gvkString(k)}`;
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `failed to create typed patch object (${where}): ${unknown[0]}: field not declared in schema`, code: 500 };
}

/** Drops the fields outside the kind's schema (the decoder's default for PUT and POST); lists what it dropped. */
export function pruneUnknown(body: JsonObject, k: KindInfo): { obj: JsonObject; unknown: string[] } {
  const unknown: string[] = [];
  const obj: JsonObject = {};
  for (const [f, v] of Object.entries(body)) {
    if (!k.fields || ['apiVersion', 'kind', 'metadata', ...k.fields].includes(f)) obj[f] = v; else unknown.push(f);
  }
  const meta: JsonObject = {};
  for (const [f, v] of Object.entries((body.metadata ?? {}) as JsonObject)) {
    if (META_FIELDS.has(f)) meta[f] = v; else unknown.push(`metadata.${f}`);
  }
  obj.metadata = meta;
  return { obj, unknown };
}

function nameCauses(k: KindInfo, name: string): FieldCause[] {
  if (!name) return [{ reason: 'FieldValueRequired', field: 'metadata.name', message: 'Required value: name or generateName is required' }];
  if (k.group === RBAC) {
    // ValidateRBACName is path.IsValidPathSegmentName.
    if (name === '.' || name === '..') return [{ reason: 'FieldValueInvalid', field: 'metadata.name', message: `Invalid value: "${name}": may not be '${name}'` }];
    const bad = ['/', '%'].find((c) => name.includes(c));
    return bad ? [{ reason: 'FieldValueInvalid', field: 'metadata.name', message: `Invalid value: "${name}": may not contain '${bad}'` }] : [];
  }
  if (k.kind === 'Namespace') {
    return name.length > 63 || !DNS_LABEL.test(name)
      ? [{ reason: 'FieldValueInvalid', field: 'metadata.name', message: `Invalid value: "${name}": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')` }]
      : [];
  }
  return name.length > 253 || !DNS_SUBDOMAIN.test(name)
    ? [{ reason: 'FieldValueInvalid', field: 'metadata.name', message: `Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')` }]
    : [];
}

function labelCauses(meta: JsonObject): FieldCause[] {
  const labels = meta.labels;
  if (labels === undefined || labels === null) return [];
  if (!isObject(labels) || Object.values(labels).some((v) => typeof v !== 'string')) {
    return [{ reason: 'FieldValueInvalid', field: 'metadata.labels', message: 'Invalid value: must be a map of strings' }];
  }
  return Object.values(labels as Record<string, string>).flatMap((v): FieldCause[] => {
    if (v.length > 63) return [{ reason: 'FieldValueInvalid', field: 'metadata.labels', message: `Invalid value: "${v}": must be no more than 63 characters` }];
    if (!LABEL_VALUE.test(v)) {
      return [{ reason: 'FieldValueInvalid', field: 'metadata.labels', message: `Invalid value: "${v}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')` }];
    }
    return [];
  });
}

function bindingCauses(obj: JsonObject, k: KindInfo): FieldCause[] {
  const causes: FieldCause[] = [];
  const ref = isObject(obj.roleRef) ? obj.roleRef : {};
  const kinds = k.kind === 'ClusterRoleBinding' ? ['ClusterRole'] : ['Role', 'ClusterRole'];
  if (ref.apiGroup !== RBAC) {
    causes.push({ reason: 'FieldValueNotSupported', field: 'roleRef.apiGroup', message: `Unsupported value: "${String(ref.apiGroup ?? '')}": supported values: "${RBAC}"` });
  }
  if (!kinds.includes(String(ref.kind))) {
    causes.push({ reason: 'FieldValueNotSupported', field: 'roleRef.kind', message: `Unsupported value: "${String(ref.kind ?? '')}": supported values: ${kinds.map((x) => `"${x}"`).join(', ')}` });
  }
  if (typeof ref.name !== 'string' || ref.name === '') {
    causes.push({ reason: 'FieldValueRequired', field: 'roleRef.name', message: 'Required value' });
  }
  const subjects = Array.isArray(obj.subjects) ? obj.subjects : [];
  subjects.forEach((s, i) => {
    const subject = isObject(s) ? s : {};
    if (!['User', 'Group', 'ServiceAccount'].includes(String(subject.kind))) {
      causes.push({ reason: 'FieldValueNotSupported', field: `subjects[${i}].kind`, message: `Unsupported value: "${String(subject.kind ?? '')}": supported values: "ServiceAccount", "User", "Group"` });
    }
    if (typeof subject.name !== 'string' || subject.name === '') {
      causes.push({ reason: 'FieldValueRequired', field: `subjects[${i}].name`, message: 'Required value' });
    }
    if (subject.kind === 'ServiceAccount' && k.kind === 'ClusterRoleBinding' && !subject.namespace) {
      causes.push({ reason: 'FieldValueRequired', field: `subjects[${i}].namespace`, message: 'Required value' });
    }
  });
  return causes;
}

/** Validates an object about to be stored; `old` is the stored one on an update (roleRef is immutable). */
export function validateObject(obj: JsonObject, k: KindInfo, old: JsonObject | undefined): StatusBody | undefined {
  if (k.group === '' && k.kind === 'ConfigMap') {
    const problem = validateConfigMap(obj);
    if (problem) return problem;
  }
  const meta = (obj.metadata ?? {}) as JsonObject;
  const name = String(meta.name ?? '');
  const causes = [...nameCauses(k, name), ...labelCauses(meta)];
  if (k.kind === 'RoleBinding' || k.kind === 'ClusterRoleBinding') {
    causes.push(...bindingCauses(obj, k));
    const was = old?.roleRef as JsonObject | undefined;
    const now = (obj.roleRef ?? {}) as JsonObject;
    if (was && (was.apiGroup !== now.apiGroup || was.kind !== now.kind || was.name !== now.name)) {
      // field.Invalid prints the internal rbac.RoleRef with %#v.
      const shown = `rbac.RoleRef{APIGroup:${JSON.stringify(String(now.apiGroup ?? ''))}, Kind:${JSON.stringify(String(now.kind ?? ''))}, Name:${JSON.stringify(String(now.name ?? ''))}}`;
      causes.push({ reason: 'FieldValueInvalid', field: 'roleRef', message: `Invalid value: ${shown}: cannot change roleRef` });
    }
  }
  return causes.length > 0 ? invalidFor(k.kind, k.group, name, causes) : undefined;
}

/** One right, as the escalation check breaks a rule down (one verb, group, resource and name). */
export interface Right {
  readonly verb: string;
  readonly apiGroup: string;
  readonly resource: string;
  readonly name?: string;
}

/** Answers whether the requester holds a right (in `namespace`, or cluster-wide when undefined). */
export type HoldsRight = (right: Right, namespace: string | undefined) => boolean;

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** The rights of PolicyRules, one per verb, group, resource and resourceName (BreakdownRule). */
export function breakdown(rules: unknown): Right[] {
  const out: Right[] = [];
  for (const r of Array.isArray(rules) ? rules : []) {
    const rule = isObject(r) ? r : {};
    const names = strings(rule.resourceNames);
    for (const apiGroup of strings(rule.apiGroups)) {
      for (const resource of strings(rule.resources)) {
        for (const verb of strings(rule.verbs)) {
          if (names.length === 0) out.push({ verb, apiGroup, resource });
          else names.forEach((name) => out.push({ verb, apiGroup, resource, name }));
        }
      }
    }
  }
  return out;
}

const quoted = (list: readonly string[]): string => `[${list.map((x) => JSON.stringify(x)).join(' ')}]`;

/**
 * The missing rights as the message lists them: rights of one group and resource without a
 * name merged into one rule with their verbs (CompactRules), each printed as PolicyRule
 * CompactString does (`{APIGroups:[""], Resources:["pods"], ResourceNames:["a"], Verbs:["get" "list"]}`),
 * sorted (a string set).
 */
export function describeMissing(missing: readonly Right[]): string[] {
  const merged = new Map<string, { apiGroup: string; resource: string; name?: string; verbs: string[] }>();
  missing.forEach((r, i) => {
    const key = r.name === undefined ? JSON.stringify([r.apiGroup, r.resource]) : `#${i}`;
    const rule = merged.get(key) ?? { apiGroup: r.apiGroup, resource: r.resource, ...(r.name !== undefined ? { name: r.name } : {}), verbs: [] };
    rule.verbs.push(r.verb);
    merged.set(key, rule);
  });
  const lines = [...merged.values()].map((r) => {
    const names = r.name === undefined ? '' : `, ResourceNames:${quoted([r.name])}`;
    return `{APIGroups:${quoted([r.apiGroup])}, Resources:${quoted([r.resource])}${names}, Verbs:${quoted(r.verbs)}}`;
  });
  return [...new Set(lines)].sort();
}

/**
 * A 403 naming the rights a Role, ClusterRole or binding would grant that its writer does not
 * hold (rule.go ConfirmNoEscalation: `user %q (groups=%q) is attempting ...`); `groups` undefined
 * leaves the groups part out (the stand-in was not told the caller's groups).
 */
export function escalationForbidden(k: KindInfo, name: string, user: string, groups: readonly string[] | undefined, missing: readonly Right[]): StatusBody {
  const who = groups ? `user "${user}" (groups=${quoted(groups)})` : `user "${user}"`;
  return failure(403, 'Forbidden',
    `${qualifiedResource(k.resource, k.group)} "${name}" is forbidden: ${who} is attempting to grant RBAC permissions not currently held:\n${describeMissing(missing).join('\n')}`,
    { name, group: k.group, kind: k.resource });
}

/** The rights of `rules` that `holds` does not answer yes to. */
export function missingRights(rules: unknown, namespace: string | undefined, holds: HoldsRight): Right[] {
  return breakdown(rules).filter((r) => !holds(r, namespace));
}
