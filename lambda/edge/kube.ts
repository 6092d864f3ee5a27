/**
 * A minimal Kubernetes REST client for the handlers: node:https with the server
 * certificate verified against the cluster CA (never disabled), a bearer token fetched per
 * attempt, and retries of 429 / 5xx / transport failures with full-jitter backoff while the
 * deadline allows. 409 Conflict and AlreadyExists are returned to the caller, which re-reads.
 * Why not kubectl: the CDK kubectl layer is about 34 MiB and shells out; this is a few KiB.
 */
import { Agent, request as httpsRequest } from 'node:https';
import type { IncomingMessage } from 'node:http';
import { KubeApiError, KubeTransportError, isRetryable } from './kube-errors';
import type {
  AccessReviewResult, ConfigMapObject, KubeStatus, SelfSubjectAccessReviewSpec, SubjectAccessReviewSpec,
} from './kube-types';
import type { RetryPolicy } from './retry';
import { DEFAULT_RETRY, backoffDelay, sleep as realSleep } from './retry';

export type { ConfigMapObject } from './kube-types';

/** Where the API server is and how to authenticate to it. */
export interface KubeTarget {
  /** `https://...` endpoint as EKS DescribeCluster returns it. */
  readonly endpoint: string;
  /** Base64 of the PEM CA bundle (`certificateAuthority.data`). */
  readonly caData: string;
  /** Bearer token, or a provider called before every attempt (tokens expire). */
  readonly token: string | (() => Promise<string>);
}

/** Tuning, mostly for tests. */
export interface KubeClientOptions {
  /** Per-attempt timeout. @default 10000 */
  readonly requestTimeoutMs?: number;
  /** Epoch ms after which no new attempt starts. @default - no deadline */
  readonly deadline?: number;
  /** @default DEFAULT_RETRY */
  readonly retry?: RetryPolicy;
  /** @default setTimeout-based sleep */
  readonly sleep?: (ms: number) => Promise<void>;
  /** @default Math.random */
  readonly random?: () => number;
  /** Clock for the deadline. @default Date.now */
  readonly now?: () => number;
  /** The `user-agent` header (the API server derives an Update's field manager from it). @default 'eks-access-aws-auth' */
  readonly userAgent?: string;
}

/** One request of {@link KubeClient.request}. */
export interface KubeCall {
  /** The HTTP method. */
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path and query, starting with `/` (the endpoint's own path is prefixed). */
  readonly path: string;
  /** Sent as JSON. @default - no body */
  readonly body?: unknown;
  /** Content type of the body. @default 'application/json' */
  readonly contentType?: string;
}

/** A successful answer (2xx) of {@link KubeClient.request}. */
export interface KubeAnswer {
  /** HTTP status (2xx). */
  readonly status: number;
  /** The parsed JSON body. */
  readonly body: unknown;
}

const NAME_RE = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/**
 * Kubernetes REST client limited to what the handlers need: the aws-auth merge's ConfigMap calls
 * here, generic object calls (server-side apply, delete, discovery) in `kube-objects.ts` over
 * {@link KubeClient.request}.
 */
export class KubeClient {
  private readonly base: URL;
  private readonly agent: Agent;
  private readonly tokenProvider: () => Promise<string>;
  private readonly timeoutMs: number;
  private readonly retry: RetryPolicy;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly now: () => number;
  private readonly deadline?: number;
  private readonly userAgent: string;
  private attempts = 0;

  constructor(target: KubeTarget, options: KubeClientOptions = {}) {
    this.base = new URL(target.endpoint);
    if (this.base.protocol !== 'https:') {
      throw new Error(`Kubernetes endpoint must be https, got "${target.endpoint}"`);
    }
    const ca = Buffer.from(target.caData, 'base64').toString('utf8');
    if (!ca.includes('-----BEGIN CERTIFICATE-----')) {
      throw new Error('cluster caData is not a base64-encoded PEM certificate bundle');
    }
    this.agent = new Agent({ ca, keepAlive: true, maxSockets: 4 });
    const token = target.token;
    this.tokenProvider = typeof token === 'string' ? async () => token : token;
    this.timeoutMs = options.requestTimeoutMs ?? 10_000;
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.sleep = options.sleep ?? realSleep;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
    this.deadline = options.deadline;
    this.userAgent = options.userAgent ?? 'eks-access-aws-auth';
  }

  /** HTTP attempts made so far (retries included). */
  get requests(): number {
    return this.attempts;
  }

  /** Reads a ConfigMap; `undefined` when it does not exist. */
  async getConfigMap(namespace: string, name: string): Promise<ConfigMapObject | undefined> {
    try {
      return asConfigMap(await this.body({ method: 'GET', path: configMapPath(namespace, name) }));
    } catch (e) {
      if (e instanceof KubeApiError && e.status === 404) {
        return undefined;
      }
      throw e;
    }
  }

  /** Creates a ConfigMap; 409 AlreadyExists surfaces as {@link KubeApiError}. */
  async createConfigMap(obj: ConfigMapObject): Promise<ConfigMapObject> {
    const namespace = requireNamespace(obj);
    const body = { ...obj, apiVersion: 'v1', kind: 'ConfigMap' };
    return asConfigMap(await this.body({ method: 'POST', path: configMapPath(namespace), body }));
  }

  /**
   * Replaces a ConfigMap, conditional on `metadata.resourceVersion` (required: an unconditional
   * replace would silently drop a concurrent writer's edit). A stale version gives 409 Conflict.
   */
  async replaceConfigMap(obj: ConfigMapObject): Promise<ConfigMapObject> {
    const namespace = requireNamespace(obj);
    if (!obj.metadata.resourceVersion) {
      throw new Error(`refusing to replace configmap ${namespace}/${obj.metadata.name} without metadata.resourceVersion; read it first`);
    }
    const body = { ...obj, apiVersion: 'v1', kind: 'ConfigMap' };
    return asConfigMap(await this.body({ method: 'PUT', path: configMapPath(namespace, obj.metadata.name), body }));
  }

  /** Asks whether the caller itself may perform an action. */
  async createSelfSubjectAccessReview(spec: SelfSubjectAccessReviewSpec): Promise<AccessReviewResult> {
    return asReview(await this.body({
      method: 'POST',
      path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
      body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec },
    }));
  }

  /** Asks whether another user may perform an action (needs create on subjectaccessreviews). */
  async createSubjectAccessReview(spec: SubjectAccessReviewSpec): Promise<AccessReviewResult> {
    return asReview(await this.body({
      method: 'POST',
      path: '/apis/authorization.k8s.io/v1/subjectaccessreviews',
      body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec },
    }));
  }

  /** Releases pooled connections. */
  close(): void {
    this.agent.destroy();
  }

  private async body(call: KubeCall): Promise<unknown> {
    return (await this.request(call)).body;
  }

  /**
   * Sends one request, retrying 429 / 5xx / transport failures while attempts and the deadline
   * allow. Any other failure is thrown as {@link KubeApiError} (its Status body kept).
   */
  async request(call: KubeCall): Promise<KubeAnswer> {
    for (let attempt = 1; ; attempt++) {
      let error: unknown;
      try {
        const answer = await this.once(call);
        if (answer.status >= 200 && answer.status < 300) {
          return answer;
        }
        error = answer.body;
      } catch (e) {
        error = e;
      }
      if (!isRetryable(error) || attempt >= this.retry.maxAttempts) {
        throw error;
      }
      const retryAfterMs = error instanceof KubeApiError && error.retryAfterSeconds !== undefined
        ? error.retryAfterSeconds * 1000 : 0;
      const delay = backoffDelay(this.retry, attempt, this.random, retryAfterMs);
      if (this.deadline !== undefined && this.now() + delay >= this.deadline) {
        throw error;
      }
      await this.sleep(delay);
    }
  }

  private async once(call: KubeCall): Promise<KubeAnswer> {
    const label = `${call.method} ${call.path}`;
    const timeoutMs = this.deadline === undefined
      ? this.timeoutMs
      : Math.max(1, Math.min(this.timeoutMs, this.deadline - this.now()));
    const token = await this.tokenProvider();
    this.attempts++;
    const payload = call.body === undefined ? undefined : Buffer.from(JSON.stringify(call.body), 'utf8');
    const response = await new Promise<{ res: IncomingMessage; text: string }>((resolve, reject) => {
      const req = httpsRequest({
        protocol: 'https:',
        hostname: this.base.hostname,
        port: this.base.port || 443,
        method: call.method,
        path: `${this.base.pathname.replace(/\/$/, '')}${call.path}`,
        agent: this.agent,
        headers: {
          accept: 'application/json',
          authorization: `Bearer ${token}`,
          'user-agent': this.userAgent,
          ...(payload ? { 'content-type': call.contentType ?? 'application/json', 'content-length': String(payload.length) } : {}),
        },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ res, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      const timer = setTimeout(() => {
        req.destroy(Object.assign(new Error(`no response within ${timeoutMs} ms`), { code: 'ETIMEDOUT' }));
      }, timeoutMs);
      req.on('error', reject);
      req.on('close', () => clearTimeout(timer));
      req.end(payload);
    }).catch((e: Error & { code?: string }) => {
      throw new KubeTransportError(label, e);
    });
    const { res, text } = response;
    const status = res.statusCode ?? 0;
    const parsed = parseJson(text);
    if (status >= 200 && status < 300) {
      if (parsed === undefined) {
        throw new KubeApiError(label, status, { message: `response is not JSON (${res.headers['content-type'] ?? 'no content-type'})` });
      }
      return { status, body: parsed };
    }
    const statusBody = isStatus(parsed) ? parsed : { message: text.slice(0, 200) || res.statusMessage };
    return { status, body: new KubeApiError(label, status, statusBody, retryAfter(res, statusBody)) };
  }
}

function configMapPath(namespace: string, name?: string): string {
  for (const [what, value] of [['namespace', namespace], ['name', name]] as const) {
    if (value !== undefined && (!NAME_RE.test(value) || value.length > 253)) {
      throw new Error(`invalid Kubernetes ${what} ${JSON.stringify(value)}: use lower-case letters, digits, '-' and '.'`);
    }
  }
  const base = `/api/v1/namespaces/${namespace}/configmaps`;
  return name === undefined ? base : `${base}/${name}`;
}

function requireNamespace(obj: ConfigMapObject): string {
  const ns = obj.metadata?.namespace;
  if (!ns || !obj.metadata.name) {
    throw new Error('configmap must carry metadata.name and metadata.namespace');
  }
  return ns;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isStatus(value: unknown): value is KubeStatus {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'Status';
}

function retryAfter(res: IncomingMessage, body: Partial<KubeStatus>): number | undefined {
  const header = res.headers['retry-after'];
  if (typeof header === 'string' && /^\d+$/.test(header)) {
    return Number(header);
  }
  return body.details?.retryAfterSeconds;
}

function asConfigMap(value: unknown): ConfigMapObject {
  const obj = value as Partial<ConfigMapObject> | undefined;
  if (!obj || obj.kind !== 'ConfigMap' || typeof obj.metadata?.name !== 'string') {
    throw new Error(`expected a ConfigMap from the API server, got kind ${JSON.stringify(obj?.kind)}`);
  }
  return obj as ConfigMapObject;
}

function asReview(value: unknown): AccessReviewResult {
  const status = (value as { status?: { allowed?: unknown; reason?: unknown } } | undefined)?.status;
  if (!status || typeof status.allowed !== 'boolean') {
    throw new Error('access review answer carries no status.allowed');
  }
  return typeof status.reason === 'string' && status.reason !== ''
    ? { allowed: status.allowed, reason: status.reason }
    : { allowed: status.allowed };
}
