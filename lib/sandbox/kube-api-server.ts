/**
 * A strict local stand-in for an EKS Kubernetes API server: HTTPS with the test CA, bearer
 * tokens checked as aws-iam-authenticator does (signature verified against the identity's
 * secret), ConfigMap CRUD with resourceVersion preconditions, access reviews answered by a
 * pluggable authorizer, and injectable faults. Every answer is a Kubernetes object or a
 * `Status`. Anything it does not implement is refused with an error, never accepted silently.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { SeedConfigMap, StoredConfigMap } from './configmap-store';
import { ConfigMapStore } from './configmap-store';
import { checkIdentity, findDirective, mergePatch, omitEmptyMetadataMaps, validateConfigMap } from './kube-configmap-rules';
import { AUTHORIZATION_V1_RESOURCES, VERSION_INFO, apiGroupList, apiVersions, coreResourceList, groupResourceList } from './kube-discovery';
import type { JsonObject } from './kube-apply';
import type { TerminationDelay } from './kube-objects';
import { BUILT_IN_KINDS, ObjectStore } from './kube-objects';
import { APPLY_PATCH, routeObject, updateManager } from './kube-object-routes';
import { FORCE_FORBIDDEN, deletePreconditionFailed, namespaceTerminating } from './kube-object-status';
import type { StatusBody } from './kube-status';
import * as S from './kube-status';
import type { DeleteRequestOptions, WriteOptions } from './kube-write-options';
import { deleteOptions, failedPrecondition, isRefusal, queryWriteOptions } from './kube-write-options';
import { verifyEksToken } from './eks-token-verify';
import type { TestIdentity } from './identities';

/** Options of {@link startKubeApiServer}. */
export interface KubeApiServerOptions {
  /** The cluster name tokens must be signed for (`x-k8s-aws-id`). */
  readonly clusterName: string;
  /** Region of the STS host tokens must name. */
  readonly region: string;
  /** Known identities; the array is read on every request, so later pushes count. */
  readonly identities: TestIdentity[];
  /** Server clock (token expiry, timestamps). @default - real time */
  readonly now?: () => Date;
  /** Namespaces that exist. @default default, kube-system, kube-public, kube-node-lease */
  readonly namespaces?: readonly string[];
  /** How long a deleted namespace stays Terminating (ms, or 'manual': until `objects.finishNamespaceDeletion`). @default 50 */
  readonly namespaceTerminationDelay?: TerminationDelay;
}

/** Kinds of injectable failure. */
export type KubeFaultKind = 'conflict' | 'throttle' | 'error' | 'hang' | 'drop';

/** Makes the next `times` matching (authenticated) requests fail. */
export interface KubeFault {
  readonly kind: KubeFaultKind;
  /** @default 1 */
  readonly times?: number;
  /** Only requests with this method. @default - any */
  readonly method?: string;
  /** Only requests whose path equals this string or matches this pattern. @default - any */
  readonly path?: string | RegExp;
  /** `Retry-After` seconds of a `throttle` answer. @default 1 */
  readonly retryAfterSeconds?: number;
}

/** One handled request. `status` is 0 when no response was written (hang, drop). */
export interface KubeRequestRecord {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  status: number;
  readonly identity?: string;
  fault?: KubeFaultKind;
}

/** What a request is about beyond the positional arguments of {@link KubeAuthorizer}. */
export interface KubeAuthzDetails {
  /** API group (`''` for the core group, `'*'` when a review asks about every group). */
  readonly apiGroup: string;
  readonly subresource?: string;
}

/** An authorizer's answer: a boolean, or a decision with the reason a SubjectAccessReview reports. */
export type KubeAuthzVerdict = boolean | { readonly allowed: boolean; readonly reason?: string };

/**
 * Decides whether `identityArnOrUser` may `verb` the resource. The subject is the caller's ARN
 * for its own requests and SelfSubjectAccessReviews, and the review's `spec.user` for a
 * SubjectAccessReview; `groups` is then the review's `spec.groups` (`[]` when absent), and
 * undefined otherwise (the authorizer decides the caller's groups).
 */
export type KubeAuthorizer = (
  identityArnOrUser: string, verb: string, resource: string, namespace?: string, name?: string,
  groups?: string[], details?: KubeAuthzDetails,
) => KubeAuthzVerdict;

const CORE: KubeAuthzDetails = { apiGroup: '' };
const AUTHORIZATION: KubeAuthzDetails = { apiGroup: 'authorization.k8s.io' };

function verdictOf(v: KubeAuthzVerdict): { allowed: boolean; reason?: string } {
  return typeof v === 'boolean' ? { allowed: v } : v;
}

/** A running stand-in. */
export interface KubeApiServerHandle {
  /** `https://127.0.0.1:<port>` */
  readonly url: string;
  /** Base64 PEM of the CA that signed the server certificate (as EKS returns it). */
  readonly caData: string;
  readonly store: ConfigMapStore;
  /** Generic objects (server-side apply), namespaces and the served kinds (register or unserve one here). */
  readonly objects: ObjectStore;
  readonly requests: KubeRequestRecord[];
  injectFault(fault: KubeFault): void;
  /** Faults not yet consumed. */
  pendingFaults(): number;
  setAuthorizer(authorizer: KubeAuthorizer): void;
  /** Tells the server the callers' groups (as the authorizer sees them), for the texts that name them. */
  setCallerGroups(groupsOf: (identity: string) => readonly string[]): void;
  /** Seeds a ConfigMap (server fields filled in). */
  seed(obj: SeedConfigMap): StoredConfigMap;
  close(): Promise<void>;
}

const CERT_DIR = join(__dirname, 'certs');
const MAX_BODY = 3 * 1024 * 1024;
const KNOWN_QUERY = new Set([
  'fieldManager', 'force', 'fieldValidation', 'dryRun', 'timeout', 'limit', 'continue', 'resourceVersion',
  'resourceVersionMatch', 'labelSelector', 'fieldSelector', 'pretty', 'propagationPolicy', 'gracePeriodSeconds',
]);
const TOP_FIELDS = new Set(['apiVersion', 'kind', 'metadata', 'data', 'binaryData', 'immutable']);
const META_FIELDS = new Set([
  'name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp',
  'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields',
]);
const MERGE_PATCH = 'application/merge-patch+json';
const STRATEGIC_PATCH = 'application/strategic-merge-patch+json';

/** The test CA as EKS `certificateAuthority.data` would carry it. */
export function testCaData(): string {
  return readFileSync(join(CERT_DIR, 'ca.pem')).toString('base64');
}

interface Reply {
  readonly status: number;
  readonly body: object;
  readonly headers?: Record<string, string>;
}

interface Ctx {
  readonly req: IncomingMessage;
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly identity: string;
  readonly body: Buffer;
}

/** Starts the stand-in on 127.0.0.1 with an ephemeral port. */
export async function startKubeApiServer(opts: KubeApiServerOptions): Promise<KubeApiServerHandle> {
  const now = opts.now ?? (() => new Date());
  const store = new ConfigMapStore(now, new Set(opts.namespaces ?? ['default', 'kube-system', 'kube-public', 'kube-node-lease']));
  const objects = new ObjectStore({ now, configMaps: store, ...(opts.namespaceTerminationDelay !== undefined ? { terminationDelay: opts.namespaceTerminationDelay } : {}) });
  const requests: KubeRequestRecord[] = [];
  const faults: Array<KubeFault & { left: number }> = [];
  let authorizer: KubeAuthorizer = () => true;
  let callerGroups: ((identity: string) => readonly string[]) | undefined;
  let address = '';

  const server = createServer({
    key: readFileSync(join(CERT_DIR, 'server-key.pem')),
    cert: readFileSync(join(CERT_DIR, 'server.pem')),
  }, (req, res) => {
    void handle(req, res).catch((e: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        send(res, { status: 500, body: S.internalError(e instanceof Error ? e.message : String(e)) });
      }
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://stand-in');
    const method = req.method ?? 'GET';
    const record: KubeRequestRecord = { method, path: url.pathname, query: url.search, status: 0 };
    requests.push(record);
    const body = await readBody(req);
    if (body === undefined) {
      record.status = 413;
      send(res, { status: 413, body: S.failure(413, 'RequestEntityTooLarge', `request body larger than ${MAX_BODY} bytes`) });
      return;
    }
    const identity = authenticate(req);
    if (!identity) {
      record.status = 401;
      send(res, { status: 401, body: S.unauthorized() });
      return;
    }
    (record as { identity?: string }).identity = identity;
    const impersonation = refuseImpersonation(req, identity);
    if (impersonation) {
      record.status = impersonation.status;
      send(res, impersonation);
      return;
    }
    const fault = takeFault(method, url.pathname);
    if (fault) {
      record.fault = fault.kind;
      if (fault.kind === 'hang') {
        return; // never answer; the client's timeout fires, close() drops the socket
      }
      if (fault.kind === 'drop') {
        req.socket.destroy();
        return;
      }
      const reply = faultReply(fault, url.pathname);
      record.status = reply.status;
      send(res, reply);
      return;
    }
    const reply = route({ req, method, path: url.pathname, query: url.searchParams, identity, body });
    record.status = reply.status;
    send(res, reply);
  }

  function authenticate(req: IncomingMessage): string | undefined {
    const header = req.headers.authorization;
    const m = header ? /^Bearer (\S+)$/.exec(header) : null;
    if (!m) {
      return undefined;
    }
    const result = verifyEksToken(m[1], { clusterName: opts.clusterName, region: opts.region, identities: opts.identities, now: now() });
    return result.ok ? result.identity.arn : undefined;
  }

  /**
   * Impersonation (`kubectl --as`) is not modelled: refused, never ignored (answering as the
   * caller would tell `--as` the wrong thing). A caller RBAC does not allow to impersonate the
   * user gets the API server's 403; any other use of the headers a 400.
   */
  function refuseImpersonation(req: IncomingMessage, identity: string): Reply | undefined {
    const headers = Object.keys(req.headers).filter((h) => h.startsWith('impersonate-'));
    if (!headers.length) {
      return undefined;
    }
    const user = req.headers['impersonate-user'];
    if (typeof user === 'string' && !verdictOf(authorizer(identity, 'impersonate', 'users', undefined, user, undefined, CORE)).allowed) {
      return { status: 403, body: S.forbidden(identity, 'impersonate', 'users', '', undefined, user) };
    }
    return { status: 400, body: S.badRequest(`impersonation (${headers.join(', ')}) is not supported by this stand-in`) };
  }

  function takeFault(method: string, path: string): KubeFault | undefined {
    const i = faults.findIndex((f) => (f.method === undefined || f.method === method)
      && (f.path === undefined || (typeof f.path === 'string' ? f.path === path : f.path.test(path))));
    if (i < 0) {
      return undefined;
    }
    const f = faults[i];
    f.left--;
    if (f.left <= 0) {
      faults.splice(i, 1);
    }
    return f;
  }

  function route(ctx: Ctx): Reply {
    for (const key of ctx.query.keys()) {
      if (!KNOWN_QUERY.has(key)) {
        return { status: 400, body: S.badRequest(`query parameter "${key}" is not supported by this stand-in`) };
      }
    }
    const accept = ctx.req.headers.accept;
    if (accept && !/(application\/json|\*\/\*|application\/\*)/.test(accept)) {
      return { status: 406, body: S.notAcceptable(accept) };
    }
    const p = ctx.path.split('/').slice(1);
    if (ctx.method === 'GET') {
      switch (ctx.path) {
        case '/version': return { status: 200, body: VERSION_INFO };
        case '/api': return { status: 200, body: apiVersions(address) };
        case '/apis': return { status: 200, body: apiGroupList(objects.servedKinds()) };
        case '/api/v1': return { status: 200, body: coreResourceList(objects.servedKinds()) };
        case '/apis/authorization.k8s.io/v1': return { status: 200, body: AUTHORIZATION_V1_RESOURCES };
      }
      const groupDoc = p[0] === 'apis' && p.length === 3 ? groupResourceList(p[1], p[2], objects.servedKinds()) : undefined;
      if (groupDoc) {
        return { status: 200, body: groupDoc };
      }
    }
    if (p[0] === 'api' && p[1] === 'v1' && p[2] === 'namespaces' && p[4] === 'configmaps' && p.length <= 6 && p[3]) {
      return configMapRoute(ctx, decodeURIComponent(p[3]), p[5] === undefined ? undefined : decodeURIComponent(p[5]));
    }
    if (ctx.path === '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews') {
      return review(ctx, 'SelfSubjectAccessReview');
    }
    if (ctx.path === '/apis/authorization.k8s.io/v1/subjectaccessreviews') {
      return review(ctx, 'SubjectAccessReview');
    }
    const generic = objectRoute(ctx);
    if (generic) {
      return generic;
    }
    return { status: 404, body: S.failure(404, 'NotFound', 'the server could not find the requested resource') };
  }

  function contentType(ctx: Ctx): string {
    return (ctx.req.headers['content-type'] ?? '').split(';')[0].trim();
  }

  function objectRoute(ctx: Ctx): Reply | undefined {
    return routeObject({
      method: ctx.method, path: ctx.path, query: ctx.query, identity: ctx.identity, body: ctx.body,
      contentType: contentType(ctx), userAgent: ctx.req.headers['user-agent'],
    }, {
      store: objects, now, ...(callerGroups ? { groupsOf: callerGroups } : {}),
      authorize: (who, verb, resource, apiGroup, ns, name) => verdictOf(authorizer(who, verb, resource, ns, name, undefined, { apiGroup })),
    });
  }

  /**
   * ConfigMaps: a server-side apply goes to the generic object routes (same store); any other
   * write is answered here, and its manager then owns the fields it changed.
   */
  function configMapRoute(ctx: Ctx, ns: string, name: string | undefined): Reply {
    if (ctx.method === 'PATCH' && contentType(ctx) === APPLY_PATCH) {
      return objectRoute(ctx)!;
    }
    if (ctx.method === 'POST' && objects.namespacePhase(ns) === 'Terminating') {
      const named = (parseJson(ctx.body) as { metadata?: { name?: unknown } } | undefined)?.metadata?.name;
      return { status: 403, body: namespaceTerminating('configmaps', '', typeof named === 'string' ? named : '', ns) };
    }
    const kind = BUILT_IN_KINDS.find((k) => k.kind === 'ConfigMap')!;
    const before = name === undefined ? undefined : objects.get(kind, ns, name);
    const reply = configMaps(ctx, ns, name);
    if (ctx.method === 'GET' && name !== undefined && reply.status === 200) {
      return { status: 200, body: objects.get(kind, ns, name)! };
    }
    if (ctx.method === 'GET' && name === undefined && reply.status === 200) {
      // The list as before (items keep apiVersion and kind), filtered by labelSelector, with managedFields.
      try {
        return { status: 200, body: { ...reply.body, items: objects.list(kind, ns, ctx.query.get('labelSelector') ?? '') } };
      } catch (e) {
        return { status: 400, body: S.badRequest((e as Error).message) };
      }
    }
    const written = (reply.body as { metadata?: { name?: unknown } }).metadata?.name;
    if (['POST', 'PUT', 'PATCH'].includes(ctx.method) && reply.status < 300 && ctx.query.get('dryRun') === null && typeof written === 'string') {
      objects.recordConfigMapWrite(ns, written, before as JsonObject | undefined, updateManager(ctx.query, ctx.req.headers['user-agent']));
    }
    return reply;
  }

  function configMaps(ctx: Ctx, ns: string, name: string | undefined): Reply {
    const verb = verbOf(ctx.method, name);
    if (!verb) {
      return { status: 405, body: S.methodNotAllowed(ctx.method) };
    }
    if (!verdictOf(authorizer(ctx.identity, verb, 'configmaps', ns, name, undefined, CORE)).allowed) {
      return { status: 403, body: S.forbidden(ctx.identity, verb, 'configmaps', '', ns, name) };
    }
    const options = configMapWriteOptions(ctx, verb);
    if (isRefusal(options)) {
      return { status: options.code, body: options };
    }
    if (!store.namespaces.has(ns)) {
      return { status: 404, body: S.notFound('namespaces', ns) };
    }
    const persist = !options.dryRun;
    const strict = ctx.query.get('fieldValidation') === 'Strict';
    switch (verb) {
      case 'list':
        return { status: 200, body: { apiVersion: 'v1', kind: 'ConfigMapList', metadata: { resourceVersion: store.resourceVersion }, items: store.list(ns) } };
      case 'get': {
        const found = store.get(ns, name!);
        return found ? { status: 200, body: found } : { status: 404, body: S.notFound('configmaps', name!) };
      }
      case 'create': {
        const parsed = parseObject(ctx, strict);
        if ('status' in parsed) {
          return parsed;
        }
        const obj = parsed.obj;
        const meta = (obj.metadata ?? {}) as Record<string, unknown>;
        const problem = checkIdentity(obj, ns, undefined) ?? validateConfigMap(obj);
        if (problem) {
          return { status: problem.code, body: problem };
        }
        if (meta.resourceVersion !== undefined && meta.resourceVersion !== '') {
          return { status: 500, body: S.internalError('resourceVersion should not be set on objects to be created') };
        }
        const objName = String(meta.name);
        if (store.get(ns, objName)) {
          return { status: 409, body: S.alreadyExists('configmaps', objName) };
        }
        const toStore = { ...obj, metadata: { ...meta, name: objName, namespace: ns } } as SeedConfigMap;
        const kind = BUILT_IN_KINDS.find((k) => k.kind === 'ConfigMap')!;
        return { status: 201, body: persist ? store.put(toStore) : objects.preview(kind, { ...toStore, apiVersion: 'v1', kind: 'ConfigMap' } as unknown as JsonObject) };
      }
      case 'update': {
        const parsed = parseObject(ctx, strict);
        if ('status' in parsed) {
          return parsed;
        }
        return writeExisting(ns, name!, parsed.obj, persist);
      }
      case 'patch':
        return patch(ctx, ns, name!, persist);
      case 'delete': {
        const current = store.get(ns, name!);
        if (!current) {
          return { status: 404, body: S.notFound('configmaps', name!) };
        }
        const failed = failedPrecondition((options as DeleteRequestOptions).preconditions, current.metadata);
        if (failed) {
          return { status: 409, body: deletePreconditionFailed('ConfigMap', '', name!, failed) };
        }
        if (persist) {
          store.delete(ns, name!);
        }
        return { status: 200, body: S.success('configmaps', name!, current.metadata.uid) };
      }
    }
    return { status: 405, body: S.methodNotAllowed(ctx.method) };
  }

  /**
   * The checked options of a ConfigMap write (kube-write-options): the dry run, or the 422. A
   * write whose media type is refused answers its 415 first (the handler negotiates it before).
   */
  function configMapWriteOptions(ctx: Ctx, verb: string): WriteOptions | StatusBody {
    if (verb === 'delete') return deleteOptions(ctx.query, ctx.body);
    const kinds: Record<string, 'CreateOptions' | 'UpdateOptions' | 'PatchOptions'> = { create: 'CreateOptions', update: 'UpdateOptions', patch: 'PatchOptions' };
    const accepted = verb === 'patch' ? [MERGE_PATCH, STRATEGIC_PATCH] : ['application/json'];
    if (!kinds[verb] || !accepted.includes(contentType(ctx))) return { dryRun: false };
    return queryWriteOptions(kinds[verb], ctx.query, verb === 'patch' && ctx.query.has('force') ? [FORCE_FORBIDDEN] : []);
  }

  function writeExisting(ns: string, name: string, obj: Record<string, unknown>, persist: boolean): Reply {
    const current = store.get(ns, name);
    if (!current) {
      return { status: 404, body: S.notFound('configmaps', name) };
    }
    const problem = checkIdentity(obj, ns, name) ?? validateConfigMap(obj);
    if (problem) {
      return { status: problem.code, body: problem };
    }
    const meta = (obj.metadata ?? {}) as Record<string, unknown>;
    const rv = meta.resourceVersion;
    if (rv !== undefined && rv !== '' && rv !== current.metadata.resourceVersion) {
      return { status: 409, body: S.conflict('configmaps', name) };
    }
    if (meta.uid !== undefined && meta.uid !== '' && meta.uid !== current.metadata.uid) {
      return { status: 409, body: S.conflict('configmaps', name) };
    }
    if (current.immutable === true && (JSON.stringify(obj.data ?? {}) !== JSON.stringify(current.data ?? {}) || obj.immutable !== true)) {
      return { status: 422, body: S.invalid('ConfigMap', name, [{ field: 'data', message: 'Forbidden: field is immutable when `immutable` is set' }]) };
    }
    const next = { ...obj, metadata: { ...meta, name, namespace: ns } } as SeedConfigMap;
    if (!persist) {
      // What the write would store (uid, creationTimestamp and resourceVersion the live ones), stored nowhere.
      const kind = BUILT_IN_KINDS.find((k) => k.kind === 'ConfigMap')!;
      return { status: 200, body: objects.preview(kind, { ...next, apiVersion: 'v1', kind: 'ConfigMap' } as unknown as JsonObject) };
    }
    // An update that changes nothing keeps the resourceVersion, as etcd sees no write.
    const { uid, creationTimestamp, resourceVersion } = current.metadata;
    const candidate = { ...next, apiVersion: 'v1', kind: 'ConfigMap', metadata: { ...next.metadata, uid, creationTimestamp, resourceVersion } };
    if (sameContent(candidate, current)) {
      return { status: 200, body: current };
    }
    return { status: 200, body: store.put(next) };
  }

  function patch(ctx: Ctx, ns: string, name: string, persist: boolean): Reply {
    const type = (ctx.req.headers['content-type'] ?? '').split(';')[0].trim();
    if (type !== MERGE_PATCH && type !== STRATEGIC_PATCH) {
      return { status: 415, body: S.unsupportedMediaType(type, [MERGE_PATCH, STRATEGIC_PATCH]) };
    }
    const patchBody = parseJson(ctx.body);
    if (typeof patchBody !== 'object' || patchBody === null || Array.isArray(patchBody)) {
      return { status: 400, body: S.badRequest('the patch body must be a JSON object') };
    }
    const directive = type === STRATEGIC_PATCH ? findDirective(patchBody) : undefined;
    if (directive) {
      return { status: 400, body: S.badRequest(`strategic merge directive "${directive}" is not supported by this stand-in`) };
    }
    const current = store.get(ns, name);
    if (!current) {
      return { status: 404, body: S.notFound('configmaps', name) };
    }
    const wanted = (patchBody as { metadata?: { resourceVersion?: unknown } }).metadata?.resourceVersion;
    if (wanted !== undefined && wanted !== null && wanted !== current.metadata.resourceVersion) {
      return { status: 409, body: S.conflict('configmaps', name) };
    }
    const merged = omitEmptyMetadataMaps(mergePatch(current, patchBody) as Record<string, unknown>);
    const pruned = prune(merged);
    if (ctx.query.get('fieldValidation') === 'Strict' && pruned.unknown.length > 0) {
      return { status: 400, body: S.badRequest(`strict decoding error: unknown field "${pruned.unknown[0]}"`) };
    }
    const meta = (pruned.obj.metadata ?? {}) as Record<string, unknown>;
    return writeExisting(ns, name, { ...pruned.obj, metadata: { ...meta, resourceVersion: current.metadata.resourceVersion } }, persist);
  }

  function parseObject(ctx: Ctx, strict: boolean): { obj: Record<string, unknown> } | Reply {
    const type = (ctx.req.headers['content-type'] ?? '').split(';')[0].trim();
    if (type !== 'application/json') {
      return { status: 415, body: S.unsupportedMediaType(type, ['application/json']) };
    }
    const parsed = parseJson(ctx.body);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return { status: 400, body: S.badRequest('the request body is not a JSON object') };
    }
    const pruned = prune(parsed as Record<string, unknown>);
    if (strict && pruned.unknown.length > 0) {
      return { status: 400, body: S.badRequest(`strict decoding error: unknown field "${pruned.unknown[0]}"`) };
    }
    return { obj: pruned.obj };
  }

  function review(ctx: Ctx, kind: 'SelfSubjectAccessReview' | 'SubjectAccessReview'): Reply {
    if (ctx.method !== 'POST') {
      return { status: 405, body: S.methodNotAllowed(ctx.method) };
    }
    if (kind === 'SubjectAccessReview' && !verdictOf(authorizer(ctx.identity, 'create', 'subjectaccessreviews', undefined, undefined, undefined, AUTHORIZATION)).allowed) {
      return { status: 403, body: S.forbidden(ctx.identity, 'create', 'subjectaccessreviews', 'authorization.k8s.io') };
    }
    const parsed = parseObject(ctx, false);
    if ('status' in parsed) {
      return parsed;
    }
    const obj = parseJson(ctx.body) as { apiVersion?: unknown; kind?: unknown; spec?: Record<string, unknown> };
    if (obj.apiVersion !== 'authorization.k8s.io/v1' || obj.kind !== kind) {
      return { status: 400, body: S.badRequest(`expected apiVersion authorization.k8s.io/v1 kind ${kind}`) };
    }
    const attrs = obj.spec?.resourceAttributes as {
      verb?: unknown; resource?: unknown; namespace?: unknown; name?: unknown; group?: unknown; subresource?: unknown;
    } | undefined;
    if (!attrs || typeof attrs.verb !== 'string' || typeof attrs.resource !== 'string') {
      return { status: 422, body: S.invalid(kind, '', [{ field: 'spec.resourceAttributes', message: 'Required value: exactly one of nonResourceAttributes or resourceAttributes must be specified' }]) };
    }
    let subject = ctx.identity;
    let groups: string[] | undefined;
    if (kind === 'SubjectAccessReview') {
      const g = obj.spec?.groups;
      if (g !== undefined && (!Array.isArray(g) || g.some((x) => typeof x !== 'string'))) {
        return { status: 400, body: S.badRequest('spec.groups must be a list of strings') };
      }
      groups = (g as string[] | undefined) ?? [];
      const user = obj.spec?.user;
      if (typeof user !== 'string' || user === '') {
        return { status: 422, body: S.invalid(kind, '', [{ field: 'spec.user', message: 'Invalid value: "": at least one of user or group must be specified' }]) };
      }
      subject = user;
    }
    const ns = typeof attrs.namespace === 'string' && attrs.namespace !== '' ? attrs.namespace : undefined;
    const nm = typeof attrs.name === 'string' && attrs.name !== '' ? attrs.name : undefined;
    const details: KubeAuthzDetails = {
      apiGroup: typeof attrs.group === 'string' ? attrs.group : '',
      ...(typeof attrs.subresource === 'string' && attrs.subresource !== '' ? { subresource: attrs.subresource } : {}),
    };
    const verdict = verdictOf(authorizer(subject, attrs.verb, attrs.resource, ns, nm, groups, details));
    const status = verdict.allowed
      ? { allowed: true, reason: verdict.reason ?? 'allowed by stand-in authorizer' }
      : { allowed: false, ...(verdict.reason ? { reason: verdict.reason } : {}) };
    return { status: 201, body: { apiVersion: 'authorization.k8s.io/v1', kind, metadata: { creationTimestamp: null }, spec: obj.spec, status } };
  }

  function faultReply(fault: KubeFault, path: string): Reply {
    const name = path.split('/').pop() ?? '';
    switch (fault.kind) {
      case 'conflict': return { status: 409, body: S.conflict('configmaps', name) };
      case 'throttle': {
        const after = fault.retryAfterSeconds ?? 1;
        return { status: 429, body: S.tooManyRequests(after), headers: { 'retry-after': String(after) } };
      }
      default: return { status: 500, body: S.internalError('injected fault') };
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  address = `127.0.0.1:${port}`;

  return {
    url: `https://127.0.0.1:${port}`,
    caData: testCaData(),
    store,
    requests,
    injectFault: (fault) => {
      faults.push({ ...fault, left: fault.times ?? 1 });
    },
    pendingFaults: () => faults.reduce((n, f) => n + f.left, 0),
    setAuthorizer: (fn) => {
      authorizer = fn;
    },
    setCallerGroups: (fn) => {
      callerGroups = fn;
    },
    seed: (obj) => store.put(obj),
    objects,
    close: () => new Promise<void>((resolve) => {
      objects.close();
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

function verbOf(method: string, name: string | undefined): string | undefined {
  if (name === undefined) {
    return method === 'GET' ? 'list' : method === 'POST' ? 'create' : undefined;
  }
  return ({ GET: 'get', PUT: 'update', PATCH: 'patch', DELETE: 'delete' } as Record<string, string>)[method];
}

function prune(obj: Record<string, unknown>): { obj: Record<string, unknown>; unknown: string[] } {
  const unknown: string[] = [];
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (TOP_FIELDS.has(k)) {
      out[k] = v;
    } else {
      unknown.push(k);
    }
  }
  if (typeof out.metadata === 'object' && out.metadata !== null && !Array.isArray(out.metadata)) {
    const meta: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(out.metadata as Record<string, unknown>)) {
      if (META_FIELDS.has(k)) {
        meta[k] = v;
      } else {
        unknown.push(`metadata.${k}`);
      }
    }
    out.metadata = meta;
  }
  return { obj: out, unknown };
}

function sameContent(a: object, b: object): boolean {
  return stableJson(a) === stableJson(b);
}

function stableJson(value: unknown): string {
  if (typeof value !== 'object' || value === null) {
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map(stableJson).join(',')}]`;
  }
  return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) {
        chunks.push(c);
      }
    });
    req.on('end', () => resolve(size > MAX_BODY ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, reply: Reply): void {
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...(reply.headers ?? {}),
  });
  res.end(text);
}

export type { StatusBody };
