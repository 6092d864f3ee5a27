/**
 * Generic object calls of the Kubernetes client, for any kind at its REST path (the manifests
 * handler's server-side apply, delete and discovery). Free functions over
 * {@link KubeClient.request}, so a handler that does not use them (aws-auth) does not bundle them.
 * @see https://kubernetes.io/docs/reference/using-api/server-side-apply/
 */
import type { KubeClient } from './kube';
import { KubeApiError } from './kube-errors';
import type { ObjectMeta } from './kube-types';

/** An object as the API server returns it (any kind). */
export interface KubeObject {
  /** `v1`, `<group>/<version>`. */
  apiVersion: string;
  /** The object's kind. */
  kind: string;
  /** Its metadata, server fields included (resourceVersion, managedFields). */
  metadata: ObjectMeta;
  [field: string]: unknown;
}

/** What a server-side apply answered. */
export interface AppliedObject {
  /** 201 when the apply created the object, 200 otherwise. */
  readonly status: number;
  readonly object: KubeObject;
}

/** What a delete answered. */
export type DeleteAnswer =
  /** The server accepted the delete (200 or 202; a namespace then terminates). */
  | {
    readonly result: 'deleted';
    /** HTTP status: 200 (or 202). */
    readonly status: number;
    /** The Status, or the object still being deleted (a namespace, an object with finalizers). */
    readonly body: unknown;
  }
  /** 404: the object was already gone, which is what a delete wants. */
  | {
    /** 404. */
    readonly result: 'gone';
  };

/** Content type of a server-side apply (JSON is valid YAML). */
export const APPLY_PATCH_CONTENT_TYPE = 'application/apply-patch+yaml';

/** Content type of a JSON merge patch. */
export const MERGE_PATCH_CONTENT_TYPE = 'application/merge-patch+json';

const OBJECT_PATH_RE = /^\/(api|apis)\/[^?#]+$/;

function checkedPath(path: string): string {
  if (!OBJECT_PATH_RE.test(path) || path.split('/').some((s) => s === '.' || s === '..')) {
    throw new Error(`refusing Kubernetes path ${JSON.stringify(path)}: expected /api/... or /apis/... without a query, '.' or '..'`);
  }
  return path;
}

/** Reads the object at `path`; `undefined` when it does not exist (404). */
export async function getObject(kube: KubeClient, path: string): Promise<KubeObject | undefined> {
  try {
    return asObject((await kube.request({ method: 'GET', path: checkedPath(path) })).body, `GET ${path}`);
  } catch (e) {
    if (e instanceof KubeApiError && e.status === 404) return undefined;
    throw e;
  }
}

/** How a server-side apply treats fields another manager owns. */
export interface ApplyOptions {
  /**
   * Whether the apply takes over fields another manager owns with a different value (`force=true`);
   * without force such a field is a 409 conflict naming the manager and the field. An equal value
   * is shared ownership either way, never a conflict.
   * @default true
   */
  readonly force?: boolean;
}

/**
 * Server-side apply of `body` at `path` under `fieldManager`, with `force=true` unless
 * `options.force` is false (with force, the manager takes over fields others set, so a conflict
 * is impossible for this manager's own fields).
 * @throws KubeApiError for any refusal (403, 409 of a non-forced conflict, 422, ...).
 */
export async function applyObject(kube: KubeClient, path: string, body: object, fieldManager: string, options: ApplyOptions = {}): Promise<AppliedObject> {
  const query = `?fieldManager=${encodeURIComponent(fieldManager)}${options.force === false ? '' : '&force=true'}`;
  const answer = await kube.request({ method: 'PATCH', path: `${checkedPath(path)}${query}`, body, contentType: APPLY_PATCH_CONTENT_TYPE });
  return { status: answer.status, object: asObject(answer.body, `PATCH ${path}`) };
}

/**
 * JSON merge patch (RFC 7386) of the object at `path` under `fieldManager` (an Update in its
 * managedFields); `null` values remove keys. Works for every kind, custom ones included.
 * @throws KubeApiError for any refusal (404 when the object is gone).
 */
export async function mergePatchObject(kube: KubeClient, path: string, patch: object, fieldManager: string): Promise<KubeObject> {
  const query = `?fieldManager=${encodeURIComponent(fieldManager)}`;
  const answer = await kube.request({ method: 'PATCH', path: `${checkedPath(path)}${query}`, body: patch, contentType: MERGE_PATCH_CONTENT_TYPE });
  return asObject(answer.body, `PATCH ${path}`);
}

/**
 * Deletes the object at `path` with `propagationPolicy=Background` (dependents are collected
 * after the object goes). 404 answers `gone`.
 * @throws KubeApiError for any other refusal (a second delete of a terminating namespace answers
 * 200 with it since Kubernetes 1.17, a 409 before).
 */
export async function deleteObject(kube: KubeClient, path: string): Promise<DeleteAnswer> {
  try {
    const answer = await kube.request({ method: 'DELETE', path: `${checkedPath(path)}?propagationPolicy=Background` });
    return { result: 'deleted', status: answer.status, body: answer.body };
  } catch (e) {
    if (e instanceof KubeApiError && e.status === 404) return { result: 'gone' };
    throw e;
  }
}

/**
 * Reads a discovery document (`/api/v1`, `/apis/<group>/<version>`); `undefined` when the
 * server does not serve that group version (404).
 */
export async function getDiscovery(kube: KubeClient, path: string): Promise<unknown> {
  try {
    return (await kube.request({ method: 'GET', path: checkedPath(path) })).body;
  } catch (e) {
    if (e instanceof KubeApiError && e.status === 404) return undefined;
    throw e;
  }
}

function asObject(value: unknown, request: string): KubeObject {
  const obj = value as Partial<KubeObject> | undefined;
  if (typeof obj !== 'object' || obj === null || typeof obj.kind !== 'string' || typeof obj.metadata?.name !== 'string') {
    throw new Error(`Kubernetes API ${request} answered something that is not an object with kind and metadata.name`);
  }
  return obj as KubeObject;
}
