/**
 * A strict local stand-in for the AWS APIs the handler calls, on one HTTP server:
 * EKS DescribeCluster (REST-JSON), IAM GetRole/GetUser and STS GetCallerIdentity/AssumeRole
 * (query protocol, XML); for `eks-access plan`, EKS ListAccessEntries and
 * ListAssociatedAccessPolicies over the access entries of {@link AwsEndpointsHandle.accessEntries};
 * and, for the RBAC bootstrap's admin window, EKS AssociateAccessPolicy and
 * DisassociateAccessPolicy over the same entries (eks-access-policy-routes.ts). Every request's
 * SigV4 `Authorization` header is verified with the
 * independent verifier against the known identities; an unknown key, a wrong secret, a wrong
 * service or region scope, or a stale date gets the service's real error.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WireReply } from './aws-wire';
import { ACCESS_POLICY_ARN, associateAccessPolicy, createAccessEntry, disassociateAccessPolicy } from './eks-access-policy-routes';
import { QUERY_VERSION, jsonAuthError, jsonError, jsonResult, queryAuthError, queryError, queryResult } from './aws-wire';
import type { TestIdentity } from './identities';
import { TEST_IDENTITIES, accountOf, userIdOf } from './identities';
import { verifyAuthorizationHeader } from './sigv4-verify';

/** A cluster DescribeCluster knows. */
export interface StandInCluster {
  readonly name: string;
  readonly endpoint: string;
  readonly caData: string;
  /** @default ACTIVE */
  readonly status?: string;
  /** @default API_AND_CONFIG_MAP; `null` leaves accessConfig out (clusters from before access entries) */
  readonly authenticationMode?: string | null;
  /** @default 1.32 */
  readonly version?: string;
}

/** An EKS access policy associated with an access entry. */
export interface StandInAccessPolicy {
  /** `arn:aws:eks::aws:cluster-access-policy/...` */
  readonly policyArn: string;
  readonly accessScope: { readonly type: 'cluster' | 'namespace'; readonly namespaces?: readonly string[] };
  /**
   * When it was associated (AssociateAccessPolicy sets it; an authorizer may let it take effect
   * only some time later). @default - 2025-01-01, long ago
   */
  readonly associatedAt?: Date;
  /** When it was last associated again. @default - associatedAt */
  readonly modifiedAt?: Date;
}

/** An EKS access entry of a stand-in cluster. */
export interface StandInAccessEntry {
  readonly clusterName: string;
  /** IAM role or user ARN. */
  readonly principalArn: string;
  readonly policies: readonly StandInAccessPolicy[];
  /** `kubernetesGroups` of the entry (what RBAC sees for it). @default none */
  readonly kubernetesGroups?: readonly string[];
  /**
   * `username` of the entry: the user RBAC sees for its principal (EKS passes a username without
   * `{{SessionName}}` on as given).
   * @default - the caller's ARN, as the stand-in authenticates it
   */
  readonly username?: string;
  /** `type` of the entry. @default 'STANDARD' */
  readonly type?: string;
  /** Tags of the entry (DescribeAccessEntry). @default none */
  readonly tags?: Readonly<Record<string, string>>;
  /** When it was created. @default the stand-in's start */
  readonly createdAt?: Date;
}

/** Options of {@link startAwsEndpoints}. */
export interface AwsEndpointsOptions {
  readonly region: string;
  /** Known credentials; AssumeRole appends the sessions it issues to this same array. */
  readonly identities: TestIdentity[];
  readonly clusters?: readonly StandInCluster[];
  /** Existing IAM role ARNs (GetRole, AssumeRole). */
  readonly roles?: readonly string[];
  /** Existing IAM user ARNs (GetUser). */
  readonly users?: readonly string[];
  /** Who may assume what. @default - any known identity may assume any existing role */
  readonly canAssume?: (callerArn: string, roleArn: string) => boolean;
  /** Server clock. @default - real time */
  readonly now?: () => Date;
  /** Account id in generated ARNs. @default 111122223333 */
  readonly account?: string;
  /** Access entries of the clusters (the handle's `accessEntries` starts as a copy). @default none */
  readonly accessEntries?: readonly StandInAccessEntry[];
}

/** One handled request. */
export interface AwsRequestRecord {
  readonly service: 'eks' | 'iam' | 'sts' | 'unknown';
  readonly operation: string;
  readonly status: number;
  readonly identity?: string;
  readonly errorCode?: string;
}

/** A running stand-in. */
export interface AwsEndpointsHandle {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly requests: AwsRequestRecord[];
  /** Access entries EKS List* calls read (mutable: push or remove entries between calls). */
  readonly accessEntries: StandInAccessEntry[];
  /**
   * Most items one EKS List* page holds, below the request's `maxResults` (EKS may return fewer
   * than asked; lower it to make callers page). Mutable. @default 100
   */
  maxPageSize: number;
  /** Refuses `action` (`eks:ListAccessEntries`, ...) to the caller `arn` with AccessDeniedException from now on. */
  deny(arn: string, action: string): void;
  /** Lifts a {@link deny}. */
  allow(arn: string, action: string): void;
  /**
   * Makes the next `times` (default 1) requests of `operation` that pass the signature check
   * fail with `status` and the REST-JSON error `code` (EKS operations only).
   */
  failNext(operation: string, fault: { readonly status: number; readonly code: string; readonly times?: number }): void;
  close(): Promise<void>;
}

type Service = 'eks' | 'iam' | 'sts';

const IAM_OPS = new Set(['GetRole', 'GetUser']);
const STS_OPS = new Set(['GetCallerIdentity', 'AssumeRole']);
const CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9\-_]{0,99}$/;
/** EKS routes the stand-in serves: method and path pattern to operation. */
const EKS_ROUTES: ReadonlyArray<{ readonly method: string; readonly path: RegExp; readonly operation: string; readonly query: readonly string[] }> = [
  { method: 'GET', path: /^\/clusters\/([^/]+)$/, operation: 'DescribeCluster', query: [] },
  { method: 'GET', path: /^\/clusters\/([^/]+)\/access-entries$/, operation: 'ListAccessEntries', query: ['associatedPolicyArn', 'maxResults', 'nextToken'] },
  { method: 'POST', path: /^\/clusters\/([^/]+)\/access-entries$/, operation: 'CreateAccessEntry', query: [] },
  { method: 'GET', path: /^\/clusters\/([^/]+)\/access-entries\/([^/]+)$/, operation: 'DescribeAccessEntry', query: [] },
  { method: 'GET', path: /^\/clusters\/([^/]+)\/access-entries\/([^/]+)\/access-policies$/, operation: 'ListAssociatedAccessPolicies', query: ['maxResults', 'nextToken'] },
  { method: 'POST', path: /^\/clusters\/([^/]+)\/access-entries\/([^/]+)\/access-policies$/, operation: 'AssociateAccessPolicy', query: [] },
  { method: 'DELETE', path: /^\/clusters\/([^/]+)\/access-entries\/([^/]+)\/access-policies\/([^/]+)$/, operation: 'DisassociateAccessPolicy', query: [] },
];
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

/**
 * Environment that points the SDK v3 clients (and awscli) at the stand-in: the service-specific
 * endpoint variables, region and static credentials of `identity`. Also disables IMDS so a
 * missing credential never waits on the network.
 */
export function awsEndpointEnv(url: string, region = 'eu-west-1', identity: TestIdentity = TEST_IDENTITIES.deployer): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_EKS: url,
    AWS_ENDPOINT_URL_IAM: url,
    AWS_ENDPOINT_URL_STS: url,
    AWS_REGION: region,
    AWS_ACCESS_KEY_ID: identity.accessKeyId,
    AWS_SECRET_ACCESS_KEY: identity.secretAccessKey,
    ...(identity.sessionToken ? { AWS_SESSION_TOKEN: identity.sessionToken } : {}),
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

/** Starts the stand-in on 127.0.0.1 with an ephemeral port. */
export async function startAwsEndpoints(opts: AwsEndpointsOptions): Promise<AwsEndpointsHandle> {
  const now = opts.now ?? (() => new Date());
  const account = opts.account ?? '111122223333';
  const requests: AwsRequestRecord[] = [];
  const roles = [...(opts.roles ?? [])];
  const users = [...(opts.users ?? [])];
  const accessEntries = [...(opts.accessEntries ?? [])];
  const denied = new Set<string>();
  const faults: Array<{ operation: string; status: number; code: string; left: number }> = [];
  const paging = { maxPageSize: 100 };

  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const { service, operation, reply, identity } = handle(req, body);
      requests.push({ service, operation, status: reply.status, ...(identity ? { identity } : {}), ...(reply.errorCode ? { errorCode: reply.errorCode } : {}) });
      write(res, reply);
    }, () => res.destroy());
  });

  function handle(req: IncomingMessage, body: Buffer): { service: Service | 'unknown'; operation: string; reply: WireReply; identity?: string } {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const rawPath = (req.url ?? '/').split('?')[0];
    const rawQuery = (req.url ?? '').includes('?') ? (req.url ?? '').slice((req.url ?? '').indexOf('?') + 1) : '';
    const method = req.method ?? 'GET';

    // Which service and operation is this?
    let service: Service | 'unknown' = 'unknown';
    let operation = 'unknown';
    let params = new URLSearchParams();
    const eksRoute = EKS_ROUTES.map((r) => ({ ...r, match: r.method === method ? r.path.exec(rawPath) : null })).find((r) => r.match);
    if (eksRoute) {
      service = 'eks';
      operation = eksRoute.operation;
    } else if (rawPath === '/' && (method === 'POST' || method === 'GET')) {
      if (method === 'POST') {
        const type = (req.headers['content-type'] ?? '').split(';')[0].trim();
        if (type !== 'application/x-www-form-urlencoded') {
          return { service, operation, reply: queryError('sts', 400, 'InvalidParameterValue', `unsupported content-type ${JSON.stringify(type)}`) };
        }
        params = new URLSearchParams(body.toString('utf8'));
      } else {
        params = url.searchParams;
      }
      operation = params.get('Action') ?? 'unknown';
      service = IAM_OPS.has(operation) ? 'iam' : STS_OPS.has(operation) ? 'sts' : 'unknown';
      if (service === 'unknown') {
        return { service, operation, reply: queryError('sts', 400, 'InvalidAction', `Could not find operation ${operation} for version ${params.get('Version') ?? '(none)'}`) };
      }
    } else {
      return { service, operation, reply: jsonError(404, 'UnknownOperationException', `no operation at ${method} ${rawPath}`) };
    }

    const verified = verifyAuthorizationHeader(
      { method, rawPath, rawQuery, headers: req.headersDistinct as Record<string, string[]>, body },
      { identities: opts.identities, service, regions: service === 'iam' ? [opts.region, 'us-east-1'] : [opts.region], now: now() },
    );
    if (!verified.ok) {
      const reply = service === 'eks' ? jsonAuthError(verified.failure, verified.message) : queryAuthError(service, verified.failure, verified.message);
      return { service, operation, reply };
    }
    const caller = verified.identity;
    if (service === 'eks') {
      const [name, principal, policyArn] = eksRoute!.match!.slice(1).map((v) => decodeURIComponent(v));
      const fault = faults.find((f) => f.operation === operation && f.left > 0);
      if (fault) {
        fault.left -= 1;
        return { service, operation, identity: caller.arn, reply: jsonError(fault.status, fault.code, `injected ${fault.code}`) };
      }
      if (operation === 'DescribeCluster') {
        return { service, operation, identity: caller.arn, reply: describeCluster(name) };
      }
      if (operation === 'AssociateAccessPolicy' || operation === 'DisassociateAccessPolicy' || operation === 'CreateAccessEntry') {
        const unexpected = [...url.searchParams.keys()];
        if (unexpected.length) {
          return { service, operation, identity: caller.arn, reply: jsonError(400, 'InvalidParameterException', `unexpected query parameter(s) ${unexpected.join(', ')} for ${operation}`) };
        }
        const ctx = { region: opts.region, account, clusters: opts.clusters ?? [], accessEntries, denied: (arn: string, action: string) => denied.has(`${arn} ${action}`), now };
        const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim();
        const reply = operation === 'CreateAccessEntry'
          ? createAccessEntry(ctx, caller.arn, name, contentType, body)
          : operation === 'AssociateAccessPolicy'
            ? associateAccessPolicy(ctx, caller.arn, name, principal, contentType, body)
            : disassociateAccessPolicy(ctx, caller.arn, name, principal, policyArn, body);
        return { service, operation, identity: caller.arn, reply };
      }
      return { service, operation, identity: caller.arn, reply: listAccess(operation, eksRoute!.query, url.searchParams, caller, name, principal) };
    }
    if (params.get('Version') !== QUERY_VERSION[service]) {
      return { service, operation, identity: caller.arn, reply: queryError(service, 400, 'InvalidParameterValue', `Version must be ${QUERY_VERSION[service]}`) };
    }
    const reply = service === 'iam' ? iam(operation, params) : sts(operation, params, caller);
    return { service, operation, identity: caller.arn, reply };
  }

  function describeCluster(name: string): WireReply {
    const c = (opts.clusters ?? []).find((x) => x.name === name);
    if (!c || !CLUSTER_NAME.test(name)) {
      return jsonError(404, 'ResourceNotFoundException', `No cluster found for name: ${name}.`, { clusterName: name });
    }
    const mode = c.authenticationMode === undefined ? 'API_AND_CONFIG_MAP' : c.authenticationMode;
    return jsonResult({
      cluster: {
        name: c.name,
        arn: `arn:aws:eks:${opts.region}:${account}:cluster/${c.name}`,
        createdAt: 1735689600,
        version: c.version ?? '1.32',
        endpoint: c.endpoint,
        roleArn: `arn:aws:iam::${account}:role/eks-cluster-role`,
        resourcesVpcConfig: { subnetIds: ['subnet-0abc'], securityGroupIds: [], clusterSecurityGroupId: 'sg-0abc', vpcId: 'vpc-0abc', endpointPublicAccess: true, endpointPrivateAccess: true, publicAccessCidrs: ['0.0.0.0/0'] },
        kubernetesNetworkConfig: { serviceIpv4Cidr: '10.100.0.0/16', ipFamily: 'ipv4' },
        logging: { clusterLogging: [{ types: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'], enabled: false }] },
        identity: { oidc: { issuer: `https://oidc.eks.${opts.region}.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF` } },
        status: c.status ?? 'ACTIVE',
        certificateAuthority: { data: c.caData },
        platformVersion: 'eks.1',
        tags: {},
        ...(mode === null ? {} : { accessConfig: { bootstrapClusterCreatorAdminPermissions: true, authenticationMode: mode } }),
      },
    });
  }

  /** ListAccessEntries / ListAssociatedAccessPolicies, paged with an opaque nextToken, as EKS answers them. */
  function listAccess(operation: string, allowed: readonly string[], query: URLSearchParams, caller: TestIdentity, name: string, principal?: string): WireReply {
    const unexpected = [...query.keys()].filter((k) => !allowed.includes(k));
    if (unexpected.length) {
      return jsonError(400, 'InvalidParameterException', `unexpected query parameter(s) ${unexpected.join(', ')} for ${operation}`);
    }
    const c = (opts.clusters ?? []).find((x) => x.name === name);
    const clusterArn = `arn:aws:eks:${opts.region}:${account}:cluster/${name}`;
    if (denied.has(`${caller.arn} eks:${operation}`)) {
      return jsonError(403, 'AccessDeniedException', `User: ${caller.arn} is not authorized to perform: eks:${operation} on resource: ${clusterArn}`);
    }
    if (!c || !CLUSTER_NAME.test(name)) {
      return jsonError(404, 'ResourceNotFoundException', `No cluster found for name: ${name}.`, { clusterName: name });
    }
    const mode = c.authenticationMode === undefined ? 'API_AND_CONFIG_MAP' : c.authenticationMode;
    if (mode !== 'API' && mode !== 'API_AND_CONFIG_MAP') {
      return jsonError(400, 'InvalidRequestException', "The cluster's authentication mode must be set to one of [API, API_AND_CONFIG_MAP] to perform this operation.", { clusterName: name });
    }
    const maxResults = query.get('maxResults');
    if (maxResults !== null && (!/^\d+$/.test(maxResults) || Number(maxResults) < 1 || Number(maxResults) > 100)) {
      return jsonError(400, 'InvalidParameterException', `maxResults must be an integer from 1 to 100, got ${JSON.stringify(maxResults)}`, { clusterName: name });
    }
    const filter = query.get('associatedPolicyArn');
    if (filter !== null && !ACCESS_POLICY_ARN.test(filter)) {
      return jsonError(400, 'InvalidParameterException', `associatedPolicyArn ${JSON.stringify(filter)} is not an access policy ARN`, { clusterName: name });
    }
    const entries = accessEntries.filter((e) => e.clusterName === name);
    const scope = JSON.stringify([operation, name, principal ?? '', filter ?? '']);
    let start = 0;
    const token = query.get('nextToken');
    if (token !== null) {
      const decoded = decodeToken(token);
      if (!decoded || decoded.scope !== scope) {
        return jsonError(400, 'InvalidParameterException', 'The nextToken is not valid for this request.', { clusterName: name });
      }
      start = decoded.offset;
    }
    const size = Math.min(Number(maxResults ?? 100), paging.maxPageSize);
    const page = <T>(items: T[]): { items: T[]; nextToken?: string } => {
      const end = start + size;
      return { items: items.slice(start, end), ...(end < items.length ? { nextToken: encodeToken(scope, end) } : {}) };
    };
    if (operation === 'ListAccessEntries') {
      const arns = entries.filter((e) => !filter || e.policies.some((p) => p.policyArn === filter)).map((e) => e.principalArn);
      const { items, nextToken } = page(arns);
      return jsonResult({ accessEntries: items, ...(nextToken ? { nextToken } : {}) });
    }
    const entry = entries.find((e) => e.principalArn === principal);
    if (!entry) {
      return jsonError(404, 'ResourceNotFoundException', "The specified principalArn could not be found. You can view your available access entries with 'list-access-entries'.", { clusterName: name, principalArn: principal });
    }
    if (operation === 'DescribeAccessEntry') return jsonResult({ accessEntry: describedEntry(entry, clusterArn) });
    const { items, nextToken } = page([...entry.policies]);
    return jsonResult({
      clusterName: name,
      principalArn: entry.principalArn,
      ...(nextToken ? { nextToken } : {}),
      associatedAccessPolicies: items.map((p) => ({
        policyArn: p.policyArn,
        accessScope: { type: p.accessScope.type, namespaces: [...(p.accessScope.namespaces ?? [])] },
        associatedAt: epochSeconds(p.associatedAt),
        modifiedAt: epochSeconds(p.modifiedAt ?? p.associatedAt),
      })),
    });
  }

  function iam(operation: string, params: URLSearchParams): WireReply {
    const kind = operation === 'GetRole' ? 'role' : 'user';
    const param = kind === 'role' ? 'RoleName' : 'UserName';
    const name = params.get(param);
    if (!name) {
      return queryError('iam', 400, 'ValidationError', `1 validation error detected: Value null at '${kind}Name' failed to satisfy constraint: Member must not be null`);
    }
    const arn = (kind === 'role' ? roles : users).find((a) => a.split('/').pop()!.toLowerCase() === name.toLowerCase());
    if (!arn) {
      return queryError('iam', 404, 'NoSuchEntity', `The ${kind} with name ${name} cannot be found.`);
    }
    const path = arn.slice(arn.indexOf(`:${kind}/`) + kind.length + 2, arn.lastIndexOf('/') + 1) || '/';
    const storedName = arn.split('/').pop()!;
    const common = { Path: path.startsWith('/') ? path : `/${path}`, Arn: arn, CreateDate: '2025-01-01T00:00:00Z' };
    if (kind === 'role') {
      return queryResult('iam', 'GetRole', { Role: { ...common, RoleName: storedName, RoleId: `AROA${idFor(arn)}`, AssumeRolePolicyDocument: encodeURIComponent('{"Version":"2012-10-17","Statement":[]}'), MaxSessionDuration: '3600' } });
    }
    return queryResult('iam', 'GetUser', { User: { ...common, UserName: storedName, UserId: `AIDA${idFor(arn)}` } });
  }

  function sts(operation: string, params: URLSearchParams, caller: TestIdentity): WireReply {
    if (operation === 'GetCallerIdentity') {
      return queryResult('sts', 'GetCallerIdentity', { Arn: caller.arn, UserId: userIdOf(caller), Account: accountOf(caller) });
    }
    const roleArn = params.get('RoleArn') ?? '';
    const session = params.get('RoleSessionName') ?? '';
    if (!SESSION_NAME.test(session)) {
      return queryError('sts', 400, 'ValidationError', `1 validation error detected: Value '${session}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`);
    }
    if (!roles.includes(roleArn) || !(opts.canAssume ?? (() => true))(caller.arn, roleArn)) {
      return queryError('sts', 403, 'AccessDenied', `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
    }
    const roleName = roleArn.split('/').pop()!;
    const issued: TestIdentity = {
      accessKeyId: `ASIA${randomBytes(8).toString('hex').toUpperCase()}`,
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: `FwoGZXIvYXdzE${randomBytes(48).toString('base64')}`,
      arn: `arn:aws:sts::${roleArn.split(':')[4]}:assumed-role/${roleName}/${session}`,
      userId: `AROA${idFor(roleArn)}:${session}`,
    };
    opts.identities.push(issued);
    const expiration = new Date(now().getTime() + 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    return queryResult('sts', 'AssumeRole', {
      AssumedRoleUser: { AssumedRoleId: issued.userId, Arn: issued.arn },
      Credentials: { AccessKeyId: issued.accessKeyId, SecretAccessKey: issued.secretAccessKey, SessionToken: issued.sessionToken, Expiration: expiration },
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    accessEntries,
    get maxPageSize() { return paging.maxPageSize; },
    set maxPageSize(value: number) { paging.maxPageSize = value; },
    deny(arn, action) { denied.add(`${arn} ${action}`); },
    allow(arn, action) { denied.delete(`${arn} ${action}`); },
    failNext(operation, fault) { faults.push({ operation, status: fault.status, code: fault.code, left: fault.times ?? 1 }); },
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

/** EKS timestamps in REST-JSON: epoch seconds; a seeded association without one dates from 2025-01-01. */
/**
 * An access entry as DescribeAccessEntry answers it. Its ARN ends with a UUID EKS makes; the
 * stand-in derives one from the principal so that it is the same on every call.
 */
function describedEntry(entry: StandInAccessEntry, clusterArn: string): Record<string, unknown> {
  const [, , , , account, resource] = entry.principalArn.split(':');
  const id = createHash('sha256').update(entry.principalArn).digest('hex');
  const uuid = `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20, 32)}`;
  const at = epochSeconds(entry.createdAt ?? STARTED);
  return {
    clusterName: clusterArn.split('/').pop(),
    principalArn: entry.principalArn,
    kubernetesGroups: [...(entry.kubernetesGroups ?? [])],
    accessEntryArn: `${clusterArn.replace(':cluster/', ':access-entry/')}/${resource.split('/')[0]}/${account}/${resource.split('/').pop()}/${uuid}`,
    createdAt: at,
    modifiedAt: at,
    tags: { ...(entry.tags ?? {}) },
    username: entry.username ?? entry.principalArn,
    type: entry.type ?? 'STANDARD',
  };
}

/** When the stand-in module loaded: the default creation time of its access entries. */
const STARTED = new Date();

function epochSeconds(d: Date | undefined): number {
  return d ? Math.floor(d.getTime() / 1000) : 1735689600;
}

function idFor(arn: string): string {
  let h = 0;
  for (const ch of arn) {
    h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  }
  return h.toString(36).toUpperCase().padStart(17, '0').slice(0, 17);
}

function encodeToken(scope: string, offset: number): string {
  return Buffer.from(JSON.stringify({ scope, offset })).toString('base64url');
}

function decodeToken(token: string): { scope: string; offset: number } | undefined {
  try {
    const v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { scope?: unknown; offset?: unknown };
    return typeof v.scope === 'string' && Number.isInteger(v.offset) ? { scope: v.scope, offset: v.offset as number } : undefined;
  } catch {
    return undefined;
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function write(res: ServerResponse, reply: WireReply): void {
  res.writeHead(reply.status, { ...reply.headers, 'content-length': String(Buffer.byteLength(reply.body)) });
  res.end(reply.body);
}
