/**
 * ConfigMap validation and patch semantics of the real API server, as far as the stand-in
 * needs them (k8s.io/kubernetes pkg/apis/core/validation ValidateConfigMap; RFC 7386).
 */
import type { StatusBody } from './kube-status';
import { badRequest, invalid } from './kube-status';

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const MAX_TOTAL_BYTES = 1024 * 1024;

/** Checks apiVersion/kind and the URL's namespace/name against the body (400 on mismatch). */
export function checkIdentity(body: Record<string, unknown>, namespace: string, name: string | undefined): StatusBody | undefined {
  if (body.apiVersion !== undefined && body.apiVersion !== 'v1') {
    return badRequest(`the API version in the data (${String(body.apiVersion)}) does not match the expected API version (v1)`);
  }
  if (body.kind !== undefined && body.kind !== 'ConfigMap') {
    return badRequest(`the kind in the data (${String(body.kind)}) does not match the expected kind (ConfigMap)`);
  }
  const meta = body.metadata as Record<string, unknown> | undefined;
  if (meta !== undefined && (typeof meta !== 'object' || meta === null || Array.isArray(meta))) {
    return badRequest('metadata must be an object');
  }
  if (meta?.namespace !== undefined && meta.namespace !== namespace) {
    return badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  if (name !== undefined && meta?.name !== name) {
    return badRequest(`the name of the object (${String(meta?.name)}) does not match the name on the URL (${name})`);
  }
  return undefined;
}

/** ValidateConfigMap: name, keys, value types, total size (422 Invalid). */
export function validateConfigMap(body: Record<string, unknown>): StatusBody | undefined {
  const meta = (body.metadata ?? {}) as Record<string, unknown>;
  const name = typeof meta.name === 'string' ? meta.name : '';
  const causes: Array<{ field: string; message: string }> = [];
  if (!name) {
    causes.push({ field: 'metadata.name', message: 'Required value: name or generateName is required' });
  } else if (name.length > 253 || !DNS_SUBDOMAIN.test(name)) {
    causes.push({ field: 'metadata.name', message: `Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.'` });
  }
  for (const field of ['labels', 'annotations'] as const) {
    const map = meta[field];
    if (map !== undefined && !isStringMap(map)) {
      causes.push({ field: `metadata.${field}`, message: 'Invalid value: must be a map of strings' });
    }
  }
  let total = 0;
  const seen = new Set<string>();
  for (const field of ['data', 'binaryData'] as const) {
    const map = body[field];
    if (map === undefined || map === null) {
      continue;
    }
    if (!isStringMap(map)) {
      causes.push({ field, message: 'Invalid value: must be a map of strings' });
      continue;
    }
    for (const [k, v] of Object.entries(map)) {
      if (!CONFIG_KEY.test(k) || k.length > 253) {
        causes.push({ field: `${field}[${k}]`, message: `Invalid value: "${k}": a valid config key must consist of alphanumeric characters, '-', '_' or '.'` });
      }
      if (seen.has(k)) {
        causes.push({ field: `${field}[${k}]`, message: `Invalid value: "${k}": duplicate of key present in ${field === 'data' ? 'binaryData' : 'data'}` });
      }
      seen.add(k);
      total += Buffer.byteLength(v, 'utf8');
    }
  }
  if (total > MAX_TOTAL_BYTES) {
    causes.push({ field: '[]', message: `Too long: must have at most ${MAX_TOTAL_BYTES} bytes` });
  }
  return causes.length > 0 ? invalid('ConfigMap', name, causes) : undefined;
}

function isStringMap(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    && Object.values(value).every((v) => typeof v === 'string');
}

/** RFC 7386 JSON merge patch. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    return patch;
  }
  const base: Record<string, unknown> = typeof target === 'object' && target !== null && !Array.isArray(target)
    ? { ...(target as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) {
      delete base[k];
    } else {
      base[k] = mergePatch(base[k], v);
    }
  }
  return base;
}

/**
 * The object with empty `metadata.labels` and `metadata.annotations` maps dropped: ObjectMeta's
 * maps are `omitempty`, so a patch that removes their last key leaves no field at all.
 */
export function omitEmptyMetadataMaps<T>(obj: T): T {
  const meta = typeof obj === 'object' && obj !== null ? (obj as { metadata?: unknown }).metadata : undefined;
  if (typeof meta !== 'object' || meta === null) return obj;
  const out = { ...(meta as Record<string, unknown>) };
  for (const f of ['labels', 'annotations']) {
    const v = out[f];
    if (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0) delete out[f];
  }
  return { ...obj, metadata: out };
}

/**
 * Strategic merge patch on a ConfigMap: every field is a map or scalar, where it equals a merge
 * patch. `$patch`/`$retainKeys`/`$setElementOrder` directives are refused rather than guessed.
 */
export function findDirective(patch: unknown, path = ''): string | undefined {
  if (typeof patch !== 'object' || patch === null) {
    return undefined;
  }
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$')) {
      return `${path}${k}`;
    }
    const inner = findDirective(v, `${path}${k}.`);
    if (inner) {
      return inner;
    }
  }
  return undefined;
}
