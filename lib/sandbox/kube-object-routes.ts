/**
 * The REST routes of generic objects on the kube stand-in: GET (object, list with
 * labelSelector), POST, PUT, merge PATCH and server-side apply (`PATCH` with
 * `application/apply-patch+yaml`, `fieldManager`, `force`, `dryRun=All`), DELETE, at the real
 * paths (`/api/v1/namespaces/<ns>/<resource>/<name>`, `/apis/<group>/<version>/...`), each
 * request authorized as the API server does (the request verb; an apply that creates also needs
 * `create`; writing RBAC needs the rights it grants, or `escalate`/`bind`). Every answer is an
 * object or a `Status`; anything not modelled is refused, never accepted silently.
 */
import { parse as parseYaml } from 'yaml';
import type { JsonObject } from './kube-apply';
import { applyObject, cloneJson, jsonEqual, recordUpdate } from './kube-apply';
import type { KindInfo, ObjectStore } from './kube-objects';
import { apiVersionOf } from './kube-objects';
import type { HoldsRight } from './kube-object-rules';
import { checkApplySchema, checkBodyIdentity, escalationForbidden, missingRights, pruneUnknown, validateObject } from './kube-object-rules';
import * as O from './kube-object-status';
import type { FieldCause } from './kube-object-status';
import type { WriteOptionsKind } from './kube-write-options';
import { deleteOptions, failedPrecondition, isRefusal, queryWriteOptions } from './kube-write-options';
import type { StatusBody } from './kube-status';
import { badRequest, failure, methodNotAllowed, notFound } from './kube-status';
import { findDirective, mergePatch, omitEmptyMetadataMaps } from './kube-configmap-rules';

/** Content type of a server-side apply. */
export const APPLY_PATCH = 'application/apply-patch+yaml';
const MERGE_PATCH = 'application/merge-patch+json';
const STRATEGIC_PATCH = 'application/strategic-merge-patch+json';
const RBAC = 'rbac.authorization.k8s.io';
/** Namespaces the API server refuses to delete (namespace lifecycle admission). */
const UNDELETABLE = new Set(['default', 'kube-system', 'kube-public']);

/** One request, as the server read it (authenticated). */
export interface ObjectRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  /** The authenticated caller (IAM ARN). */
  readonly identity: string;
  readonly body: Buffer;
  /** Media type of the body, without parameters. */
  readonly contentType: string;
  readonly userAgent?: string;
}

/** An answer: status code and JSON body. */
export interface ObjectReply {
  readonly status: number;
  readonly body: object;
}

/** An authorization decision, with the authorizer's reason (RBAC gives none for a denial). */
export interface ObjectDecision {
  readonly allowed: boolean;
  readonly reason?: string;
}

/** Decides one request: `verb` on `resource` of `apiGroup` (in `namespace`, named `name`). */
export type ObjectAuthorize = (identity: string, verb: string, resource: string, apiGroup: string, namespace?: string, name?: string) => ObjectDecision;

/** What the routes need. */
export interface ObjectRoutesDeps {
  readonly store: ObjectStore;
  readonly authorize: ObjectAuthorize;
  readonly now: () => Date;
  /** The caller's groups, for the texts that name them (escalation). @default - not named */
  readonly groupsOf?: (identity: string) => readonly string[];
}

/** A REST path resolved to a served kind. */
export interface ObjectTarget {
  readonly kind: KindInfo;
  readonly namespace?: string;
  readonly name?: string;
}

const RESOURCE_NOT_FOUND = (): ObjectReply => ({ status: 404, body: failure(404, 'NotFound', 'the server could not find the requested resource') });

/**
 * Resolves a path under `/api/v1` or `/apis/<group>/<version>`: a target, a 404 reply for a path
 * of a kind not served, or undefined for a path that is no object path (discovery, reviews).
 */
export function resolveObjectPath(path: string, store: ObjectStore): ObjectTarget | ObjectReply | undefined {
  const parts = path.split('/').slice(1).map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api' && parts[1] === 'v1' && parts.length > 2) {
    [group, version, rest] = ['', 'v1', parts.slice(2)];
  } else if (parts[0] === 'apis' && parts.length > 3) {
    [group, version, rest] = [parts[1], parts[2], parts.slice(3)];
  } else {
    return undefined;
  }
  if (rest.some((s) => s === '')) return RESOURCE_NOT_FOUND();
  const at = (resource: string, namespaced: boolean): KindInfo | undefined => {
    const k = store.kindAt(group, version, resource);
    return k && k.namespaced === namespaced ? k : undefined;
  };
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    const k = at(rest[2], true);
    if (!k || rest.length > 4) return RESOURCE_NOT_FOUND();
    return { kind: k, namespace: rest[1], ...(rest[3] !== undefined ? { name: rest[3] } : {}) };
  }
  if (rest.length > 2) return RESOURCE_NOT_FOUND();
  const k = store.kindAt(group, version, rest[0]);
  if (!k || (k.namespaced && rest.length === 2)) return RESOURCE_NOT_FOUND();
  return { kind: k, ...(rest[1] !== undefined ? { name: rest[1] } : {}) };
}

function isNamespaceKind(k: KindInfo): boolean {
  return k.group === '' && k.kind === 'Namespace';
}

/** Whether an object's metadata.finalizers lists any. */
function hasFinalizers(obj: JsonObject): boolean {
  const f = (obj.metadata as JsonObject).finalizers;
  return Array.isArray(f) && f.length > 0;
}

function isTarget(v: ObjectTarget | ObjectReply): v is ObjectTarget {
  return 'kind' in v;
}

function reply(status: number, body: object): ObjectReply {
  return { status, body };
}

function timestamp(now: () => Date): string {
  return now().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The manager of an ordinary write: `fieldManager`, else the user agent's program name (as the API server derives it). */
export function updateManager(query: URLSearchParams, userAgent: string | undefined): string {
  const given = query.get('fieldManager');
  if (given) return given;
  const agent = (userAgent ?? '').split('/')[0];
  return agent || 'unknown';
}

function parseJsonBody(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** An apply body: JSON, or one YAML document (JSON is YAML). */
function parseApplyBody(body: Buffer): unknown {
  const json = parseJsonBody(body);
  if (json !== undefined) return json;
  try {
    return parseYaml(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** Routes one request to a generic object; undefined when `req.path` is no object path. */
export function routeObject(req: ObjectRequest, deps: ObjectRoutesDeps): ObjectReply | undefined {
  const resolved = resolveObjectPath(req.path, deps.store);
  if (!resolved) return undefined;
  if (!isTarget(resolved)) return resolved;
  return new ObjectRequestHandler(req, deps, resolved).handle();
}

/** Answers one request on one target. */
class ObjectRequestHandler {
  private readonly k: KindInfo;
  private readonly ns: string | undefined;
  private readonly name: string | undefined;
  /** Whether the write's checked options ask for a dry run (set by {@link checkOptions}). */
  private dryRun = false;

  constructor(private readonly req: ObjectRequest, private readonly deps: ObjectRoutesDeps, target: ObjectTarget) {
    this.k = target.kind;
    this.ns = target.namespace;
    this.name = target.name;
  }

  handle(): ObjectReply {
    const verb = this.verb();
    if (!verb) return reply(405, methodNotAllowed(this.req.method));
    // Authorization is a filter before the handler: a 403 comes before any check of the options.
    if (!this.allowed(verb, this.name)) return this.forbidden(verb, this.name);
    switch (verb) {
      case 'list': return this.list();
      case 'get': return this.get();
      case 'create': return this.create();
      case 'update': return this.update();
      case 'patch': return this.req.contentType === APPLY_PATCH ? this.apply() : this.mergePatch();
      default: return this.delete();
    }
  }

  private verb(): string | undefined {
    if (this.name === undefined) {
      return ({ GET: 'list', POST: 'create' } as Record<string, string>)[this.req.method];
    }
    return ({ GET: 'get', PUT: 'update', PATCH: 'patch', DELETE: 'delete' } as Record<string, string>)[this.req.method];
  }

  /** Checks the write's options (query `dryRun`, after `earlier` causes): the 422, or undefined with {@link dryRun} set. */
  private checkOptions(kind: Exclude<WriteOptionsKind, 'DeleteOptions'>, earlier: readonly FieldCause[] = []): ObjectReply | undefined {
    const checked = queryWriteOptions(kind, this.req.query, earlier);
    if (isRefusal(checked)) return reply(checked.code, checked);
    this.dryRun = checked.dryRun;
    return undefined;
  }

  private decide(verb: string, name: string | undefined): ObjectDecision {
    return this.deps.authorize(this.req.identity, verb, this.k.resource, this.k.group, this.ns, name);
  }

  private allowed(verb: string, name: string | undefined): boolean {
    return this.decide(verb, name).allowed;
  }

  private forbidden(verb: string, name: string | undefined): ObjectReply {
    return reply(403, O.forbiddenFor(this.req.identity, verb, this.k.resource, this.k.group, this.ns, name));
  }

  private notFound(name: string): ObjectReply {
    return reply(404, notFound(this.k.resource, name, this.k.group));
  }

  /** Where a new object may not go: a namespace that does not exist (404) or is terminating (403). */
  private admitCreate(name: string): ObjectReply | undefined {
    if (!this.k.namespaced) return undefined;
    const phase = this.deps.store.namespacePhase(this.ns!);
    if (phase === undefined) return reply(404, notFound('namespaces', this.ns!));
    if (phase === 'Terminating') return reply(403, O.namespaceTerminating(this.k.resource, this.k.group, name, this.ns!));
    return undefined;
  }

  private list(): ObjectReply {
    let items: JsonObject[];
    try {
      items = this.deps.store.list(this.k, this.ns, this.req.query.get('labelSelector') ?? '');
    } catch (e) {
      return reply(400, badRequest((e as Error).message));
    }
    // Lists of built-in kinds carry items without apiVersion and kind, as the API server encodes them.
    const builtIn = this.k.fields !== undefined;
    const shown = builtIn ? items.map(({ apiVersion: _a, kind: _k, ...rest }) => rest) : items;
    return reply(200, { apiVersion: apiVersionOf(this.k), kind: `${this.k.kind}List`, metadata: { resourceVersion: this.deps.store.resourceVersion }, items: shown });
  }

  private get(): ObjectReply {
    const found = this.deps.store.get(this.k, this.ns, this.name!);
    return found ? reply(200, found) : this.notFound(this.name!);
  }

  /**
   * A JSON (or YAML) object body of a create or update, pruned of fields outside the kind; its
   * options are checked between the media type and the body (create.go, update.go).
   */
  private objectBody(name: string | undefined, options: 'CreateOptions' | 'UpdateOptions'): { obj: JsonObject } | ObjectReply {
    if (this.req.contentType !== 'application/json' && this.req.contentType !== 'application/yaml') {
      return reply(415, O.unsupportedMedia(['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf']));
    }
    const refused = this.checkOptions(options);
    if (refused) return refused;
    const body = this.req.contentType === 'application/json' ? parseJsonBody(this.req.body) : parseApplyBody(this.req.body);
    const problem = checkBodyIdentity(body, this.k, this.ns, name, false);
    if (problem) return reply(problem.code, problem);
    const pruned = pruneUnknown(body as JsonObject, this.k);
    if (this.req.query.get('fieldValidation') === 'Strict' && pruned.unknown.length > 0) {
      return reply(400, badRequest(`strict decoding error: unknown field "${pruned.unknown[0]}"`));
    }
    const obj = pruned.obj;
    obj.apiVersion = apiVersionOf(this.k);
    obj.kind = this.k.kind;
    return { obj };
  }

  /** The object with the stored one's server fields (uid, resourceVersion, timestamps, status). */
  private withServerFields(obj: JsonObject, live: JsonObject | undefined): JsonObject {
    const out = cloneJson(obj);
    const meta = out.metadata as JsonObject;
    meta.name = this.name ?? meta.name;
    if (this.k.namespaced) meta.namespace = this.ns!; else delete meta.namespace;
    for (const f of this.k.serverFields ?? []) {
      if (live && live[f] !== undefined) out[f] = cloneJson(live[f]); else delete out[f];
    }
    delete meta.managedFields;
    if (live) {
      const liveMeta = live.metadata as JsonObject;
      for (const f of ['uid', 'resourceVersion', 'creationTimestamp', 'deletionTimestamp']) {
        if (liveMeta[f] !== undefined) meta[f] = liveMeta[f]; else delete meta[f];
      }
      if (liveMeta.managedFields !== undefined) meta.managedFields = cloneJson(liveMeta.managedFields);
    } else {
      for (const f of ['uid', 'resourceVersion', 'creationTimestamp', 'deletionTimestamp']) delete meta[f];
    }
    return out;
  }

  /**
   * Stores `next` unless it equals `live` (a new object answers 201); under dryRun stores nothing
   * and answers the object as it would be stored, its resourceVersion the live one or none.
   */
  private store(next: JsonObject, live: JsonObject | undefined): ObjectReply {
    if (live && jsonEqual(next, live)) return reply(200, live);
    if (this.dryRun) return reply(live ? 200 : 201, this.deps.store.preview(this.k, next));
    // A write that removes the last finalizer of an object being deleted deletes it (the registry's shouldDeleteDuringUpdate).
    const meta = next.metadata as JsonObject;
    if (live && meta.deletionTimestamp && !isNamespaceKind(this.k) && !hasFinalizers(next)) {
      this.deps.store.remove(this.k, this.ns, this.name!);
      return reply(200, next);
    }
    return reply(live ? 200 : 201, this.deps.store.write(this.k, next));
  }

  private preconditions(obj: JsonObject, live: JsonObject): ObjectReply | undefined {
    const meta = obj.metadata as JsonObject;
    const liveMeta = live.metadata as JsonObject;
    for (const f of ['resourceVersion', 'uid']) {
      if (meta[f] !== undefined && meta[f] !== '' && meta[f] !== null && meta[f] !== liveMeta[f]) {
        return reply(409, O.staleFor(this.k.resource, this.k.group, String(liveMeta.name)));
      }
    }
    return undefined;
  }

  /** The RBAC escalation check for writing a Role, ClusterRole or binding. */
  private escalation(obj: JsonObject): ObjectReply | undefined {
    if (this.k.group !== RBAC) return undefined;
    const name = String((obj.metadata as JsonObject).name);
    const holds: HoldsRight = (r, ns) => this.deps.authorize(this.req.identity, r.verb, r.resource, r.apiGroup, ns, r.name).allowed;
    if (this.k.kind === 'Role' || this.k.kind === 'ClusterRole') {
      if (this.allowed('escalate', name)) return undefined;
      const missing = missingRights(obj.rules, this.ns, holds);
      return missing.length > 0 ? reply(403, escalationForbidden(this.k, name, this.req.identity, this.deps.groupsOf?.(this.req.identity), missing)) : undefined;
    }
    if (this.k.kind !== 'RoleBinding' && this.k.kind !== 'ClusterRoleBinding') return undefined;
    const ref = obj.roleRef as JsonObject;
    const roleKind = this.deps.store.servedKinds().find((x) => x.group === RBAC && x.kind === ref.kind);
    if (!roleKind) return undefined;
    const roleNs = roleKind.namespaced ? this.ns : undefined;
    if (this.deps.authorize(this.req.identity, 'bind', roleKind.resource, RBAC, roleNs, String(ref.name)).allowed) return undefined;
    const role = this.deps.store.get(roleKind, roleNs, String(ref.name));
    // The rule resolver's lookup error is answered as it is: the role's 404 (policybased/storage.go).
    if (!role) return reply(404, notFound(roleKind.resource, String(ref.name), RBAC));
    const missing = missingRights(role.rules, this.ns, holds);
    return missing.length > 0 ? reply(403, escalationForbidden(this.k, name, this.req.identity, this.deps.groupsOf?.(this.req.identity), missing)) : undefined;
  }

  /** Escalation (the RBAC storage checks it first), validation, then store: the common end of every write. */
  private finishWrite(next: JsonObject, live: JsonObject | undefined): ObjectReply {
    const refused = this.escalation(next);
    if (refused) return refused;
    const problem: StatusBody | undefined = validateObject(next, this.k, live);
    return problem ? reply(problem.code, problem) : this.store(next, live);
  }

  private create(): ObjectReply {
    const parsed = this.objectBody(undefined, 'CreateOptions');
    if (!('obj' in parsed)) return parsed;
    const meta = parsed.obj.metadata as JsonObject;
    if (meta.resourceVersion !== undefined && meta.resourceVersion !== '') {
      return reply(500, failure(500, 'InternalError', 'Internal error occurred: resourceVersion should not be set on objects to be created'));
    }
    const name = String(meta.name ?? '');
    if (name) {
      const admitted = this.admitCreate(name);
      if (admitted) return admitted;
      if (this.deps.store.get(this.k, this.ns, name)) return reply(409, O.alreadyExistsFor(this.k.resource, this.k.group, name));
    }
    const next = recordUpdate(undefined, this.withServerFields(parsed.obj, undefined), updateManager(this.req.query, this.req.userAgent), timestamp(this.deps.now));
    return this.finishWrite(next, undefined);
  }

  private update(): ObjectReply {
    const parsed = this.objectBody(this.name, 'UpdateOptions');
    if (!('obj' in parsed)) return parsed;
    const live = this.deps.store.get(this.k, this.ns, this.name!);
    if (!live) return this.notFound(this.name!);
    const stale = this.preconditions(parsed.obj, live);
    if (stale) return stale;
    const candidate = this.withServerFields(parsed.obj, live);
    return this.finishWrite(this.ownedUpdate(live, candidate), live);
  }

  /** `candidate` with the managedFields an ordinary write by this request's manager leaves (live's when nothing changed). */
  private ownedUpdate(live: JsonObject, candidate: JsonObject): JsonObject {
    const strip = (o: JsonObject): JsonObject => {
      const c = cloneJson(o);
      delete (c.metadata as JsonObject).managedFields;
      return c;
    };
    if (jsonEqual(strip(candidate), strip(live))) return live;
    return recordUpdate(live, candidate, updateManager(this.req.query, this.req.userAgent), timestamp(this.deps.now));
  }

  private patchTypes(): string[] {
    return this.k.fields ? [MERGE_PATCH, STRATEGIC_PATCH, APPLY_PATCH] : [MERGE_PATCH, APPLY_PATCH];
  }

  private mergePatch(): ObjectReply {
    if (!this.patchTypes().includes(this.req.contentType)) return reply(415, O.unsupportedMedia(this.patchTypes()));
    const refused = this.checkOptions('PatchOptions', this.req.query.has('force') ? [O.FORCE_FORBIDDEN] : []);
    if (refused) return refused;
    const patch = parseJsonBody(this.req.body);
    if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
      return reply(400, badRequest('the patch body must be a JSON object'));
    }
    const directive = this.req.contentType === STRATEGIC_PATCH ? findDirective(patch) : undefined;
    if (directive) return reply(400, badRequest(`strategic merge directive "${directive}" is not supported by this stand-in`));
    const live = this.deps.store.get(this.k, this.ns, this.name!);
    if (!live) return this.notFound(this.name!);
    const stale = this.preconditions({ metadata: ((patch as JsonObject).metadata ?? {}) as JsonObject }, live);
    if (stale) return stale;
    const merged = omitEmptyMetadataMaps(mergePatch(live, patch) as JsonObject);
    const problem = checkBodyIdentity(merged, this.k, this.ns, this.name, false);
    if (problem) return reply(problem.code, problem);
    const pruned = pruneUnknown(merged, this.k);
    if (this.req.query.get('fieldValidation') === 'Strict' && pruned.unknown.length > 0) {
      return reply(400, badRequest(`strict decoding error: unknown field "${pruned.unknown[0]}"`));
    }
    const candidate = this.withServerFields(pruned.obj, live);
    return this.finishWrite(this.ownedUpdate(live, candidate), live);
  }

  private apply(): ObjectReply {
    // The query is decoded (a 400 when it cannot be) before the options are validated (patch.go).
    const force = this.req.query.get('force');
    if (force !== null && force !== 'true' && force !== 'false') {
      return reply(400, badRequest(`force must be "true" or "false", got "${force}"`));
    }
    const manager = this.req.query.get('fieldManager') ?? '';
    const refused = this.checkOptions('PatchOptions', manager === '' ? [O.FIELD_MANAGER_REQUIRED] : []);
    if (refused) return refused;
    const body = parseApplyBody(this.req.body);
    const problem = checkBodyIdentity(body, this.k, this.ns, this.name, true) ?? checkApplySchema(body as JsonObject, this.k);
    if (problem) return reply(problem.code, problem);
    const config = cloneJson(body as JsonObject);
    for (const f of this.k.serverFields ?? []) delete config[f];
    const live = this.deps.store.get(this.k, this.ns, this.name!);
    if (live) {
      const stale = this.preconditions(config, live);
      if (stale) return stale;
    } else {
      // The create an apply makes is authorized inside the handler (withAuthorization in the
      // apiserver's handlers): its 403 carries only the authorizer's reason, empty for RBAC.
      const create = this.decide('create', this.name);
      if (!create.allowed) {
        return reply(403, failure(403, 'Forbidden', `${O.qualifiedResource(this.k.resource, this.k.group)} "${this.name}" is forbidden: ${create.reason ?? ''}`,
          { name: this.name, ...(this.k.group ? { group: this.k.group } : {}), kind: this.k.resource }));
      }
      const admitted = this.admitCreate(this.name!);
      if (admitted) return admitted;
    }
    const meta = config.metadata as JsonObject;
    delete meta.resourceVersion;
    delete meta.uid;
    const outcome = applyObject({ live, config, manager, force: force === 'true', time: timestamp(this.deps.now) });
    if (!outcome.ok) return reply(409, O.applyConflicts(outcome.conflicts));
    if (!outcome.changed) return reply(200, live!);
    const next = this.withServerFields(outcome.object, live);
    const managed = (outcome.object.metadata as JsonObject).managedFields;
    if (managed === undefined) delete (next.metadata as JsonObject).managedFields; else (next.metadata as JsonObject).managedFields = managed;
    return this.finishWrite(next, live);
  }

  /**
   * DELETE: its options (body or query) checked first, then the object. Under dryRun nothing is
   * removed or marked, and the answer is the one the real deletion would give: the Success
   * Status, the object marked for deletion (finalizers), or the namespace Terminating.
   */
  private delete(): ObjectReply {
    const options = deleteOptions(this.req.query, this.req.body);
    if (isRefusal(options)) return reply(options.code, options);
    this.dryRun = options.dryRun;
    const live = this.deps.store.get(this.k, this.ns, this.name!);
    if (!live) return this.notFound(this.name!);
    const failed = failedPrecondition(options.preconditions, live.metadata as JsonObject);
    if (failed) return reply(409, O.deletePreconditionFailed(this.k.kind, this.k.group, this.name!, failed));
    const uid = String((live.metadata as JsonObject).uid);
    if (isNamespaceKind(this.k)) {
      // Namespace lifecycle admission refuses these, dry run or not (admission runs on a dry run).
      if (UNDELETABLE.has(this.name!)) {
        return reply(403, failure(403, 'Forbidden', `namespaces "${this.name}" is forbidden: this namespace may not be deleted`, { name: this.name, kind: 'namespaces' }));
      }
      // A second DELETE while its spec.finalizers run answers the namespace as it is (namespace storage
      // Delete since kubernetes/kubernetes#84122, Kubernetes 1.17; it was a 409 Conflict before).
      if ((live.metadata as JsonObject).deletionTimestamp) return reply(200, live);
      return reply(200, this.dryRun ? this.deps.store.previewNamespaceDeletion(this.name!) : this.deps.store.beginNamespaceDeletion(this.name!));
    }
    // An object with finalizers is only marked until they are removed (the registry's markAsDeleting:
    // deletionTimestamp now, deletionGracePeriodSeconds 0); marked already, it is answered as it is.
    if (hasFinalizers(live)) {
      if ((live.metadata as JsonObject).deletionTimestamp) return reply(200, live);
      const marked = cloneJson(live);
      (marked.metadata as JsonObject).deletionTimestamp = timestamp(this.deps.now);
      (marked.metadata as JsonObject).deletionGracePeriodSeconds = 0;
      return reply(200, this.dryRun ? this.deps.store.preview(this.k, marked) : this.deps.store.write(this.k, marked));
    }
    if (!this.dryRun) this.deps.store.remove(this.k, this.ns, this.name!);
    return reply(200, O.deletedFor(this.k.resource, this.k.group, this.name!, uid));
  }
}
