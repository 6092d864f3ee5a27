/**
 * A strict local stand-in for what the review's diff job reaches: the Actions runtime's ID
 * token endpoint, STS (AssumeRoleWithWebIdentity, GetCallerIdentity, AssumeRole) and
 * CloudFormation (DescribeStacks, GetTemplate, ListStackResources), on one HTTP server.
 *
 * STS evaluates the diff roles' REAL trust policies (taken from synthesized `<env>/CiDiff`
 * templates) against the token's claims, and the issued sessions may call only what the
 * role's REAL inline policy allows, on the resources it names, with its explicit deny applied.
 * So a test shows both that the workflow's token is admitted and that `cdk diff --method
 * template` needs nothing beyond the role's permissions. Every call is recorded.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { xmlElements, xmlEscape } from './aws-wire';
import { policyAllows } from './iam-policy';

/** A diff role as deployed: its ARN, trust and permissions statements (from the template). */
export interface StandInRole {
  readonly arn: string;
  readonly account: string;
  readonly region: string;
  readonly trust: { Condition?: { StringEquals?: Record<string, string> } };
  readonly statements: ReadonlyArray<{ Effect: string; Action: string | string[]; Resource: string | string[] }>;
}

/** A deployed stack. */
export interface StandInStack {
  readonly account: string;
  readonly region: string;
  readonly name: string;
  readonly template: unknown;
}

/** One call. */
export interface ReviewAwsCall {
  readonly service: 'token' | 'sts' | 'cloudformation' | 'unknown';
  readonly action: string;
  /** The role whose session made it. */
  readonly role?: string;
  readonly resource?: string;
  readonly result: 'ok' | string;
}

/** Options. */
export interface ReviewAwsOptions {
  readonly roles: readonly StandInRole[];
  readonly stacks: readonly StandInStack[];
  /** Claims of the ID token the runtime issues. */
  readonly claims: Record<string, string>;
  /** Bearer the runtime expects (ACTIONS_ID_TOKEN_REQUEST_TOKEN). */
  readonly runtimeToken: string;
}

/** A running stand-in. */
export interface ReviewAwsHandle {
  readonly url: string;
  readonly calls: ReviewAwsCall[];
  close(): Promise<void>;
}

const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const CFN_NS = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';

function xml(status: number, body: string): { status: number; body: string } {
  return { status, body };
}
const result = (ns: string, op: string, fields: string) => xml(200, `<${op}Response xmlns="${ns}"><${op}Result>${fields}</${op}Result><ResponseMetadata><RequestId>${randomBytes(8).toString('hex')}</RequestId></ResponseMetadata></${op}Response>`);
const error = (ns: string, status: number, code: string, message: string) => xml(status, `<ErrorResponse xmlns="${ns}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${xmlEscape(message)}</Message></Error><RequestId>${randomBytes(8).toString('hex')}</RequestId></ErrorResponse>`);

/** Starts the stand-in on a free local port. */
export async function startReviewAws(opts: ReviewAwsOptions): Promise<ReviewAwsHandle> {
  const calls: ReviewAwsCall[] = [];
  const sessions = new Map<string, StandInRole>();
  const token = `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from(JSON.stringify(opts.claims)).toString('base64url')}.sig`;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const send = (r: { status: number; body: string }, type = 'text/xml') => { res.writeHead(r.status, { 'content-type': type }); res.end(r.body); };

    if (req.method === 'GET' && url.pathname === '/token') {
      const ok = req.headers.authorization === `Bearer ${opts.runtimeToken}` && url.searchParams.get('audience') === 'sts.amazonaws.com';
      calls.push({ service: 'token', action: 'GetIdToken', result: ok ? 'ok' : 'refused' });
      return send(ok ? { status: 200, body: JSON.stringify({ value: token }) } : { status: 401, body: '{}' }, 'application/json');
    }
    const form = new URLSearchParams(raw);
    const action = form.get('Action') ?? '';
    const keyId = /Credential=([^/]+)\//.exec(String(req.headers.authorization ?? ''))?.[1];
    const session = keyId ? sessions.get(keyId) : undefined;

    if (form.get('Version') === '2011-06-15') {
      if (action === 'AssumeRoleWithWebIdentity') {
        const role = opts.roles.find((r) => r.arn === form.get('RoleArn'));
        const presented = form.get('WebIdentityToken');
        const claims = presented === token ? opts.claims : undefined;
        const conditions = role?.trust.Condition?.StringEquals ?? {};
        const trusted = role && claims && Object.keys(conditions).length > 0
          && Object.entries(conditions).every(([key, value]) => claims[key.replace('token.actions.githubusercontent.com:', '')] === value);
        calls.push({ service: 'sts', action, role: form.get('RoleArn') ?? '', result: trusted ? 'ok' : 'AccessDenied' });
        if (!role || !trusted) return send(error(STS_NS, 403, 'AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity'));
        const id = `ASIA${randomBytes(8).toString('hex').toUpperCase()}`;
        sessions.set(id, role);
        const name = role.arn.split('/').pop() as string;
        return send(result(STS_NS, action, xmlElements({
          Credentials: { AccessKeyId: id, SecretAccessKey: randomBytes(20).toString('hex'), SessionToken: randomBytes(32).toString('hex'), Expiration: new Date(Date.now() + 3600_000).toISOString() },
          AssumedRoleUser: { Arn: `arn:aws:sts::${role.account}:assumed-role/${name}/${form.get('RoleSessionName')}`, AssumedRoleId: `AROA${id}:${form.get('RoleSessionName')}` },
          SubjectFromWebIdentityToken: opts.claims.sub,
        })));
      }
      if (!session) { calls.push({ service: 'sts', action, result: 'InvalidClientTokenId' }); return send(error(STS_NS, 403, 'InvalidClientTokenId', 'The security token included in the request is invalid.')); }
      if (action === 'GetCallerIdentity') {
        calls.push({ service: 'sts', action, role: session.arn, result: 'ok' });
        return send(result(STS_NS, action, xmlElements({ Arn: `arn:aws:sts::${session.account}:assumed-role/${session.arn.split('/').pop()}/s`, UserId: `AROA:${keyId}`, Account: session.account })));
      }
      if (action === 'AssumeRole') {
        const target = form.get('RoleArn') ?? '';
        const ok = policyAllows(session.statements, 'sts:AssumeRole', target);
        calls.push({ service: 'sts', action, role: session.arn, resource: target, result: ok ? 'unexpectedly allowed' : 'AccessDenied' });
        return send(error(STS_NS, 403, 'AccessDenied', `User is not authorized to perform: sts:AssumeRole on resource: ${target}`));
      }
    }
    if (form.get('Version') === '2010-05-15') {
      if (!session) { calls.push({ service: 'cloudformation', action, result: 'InvalidClientTokenId' }); return send(error(CFN_NS, 403, 'InvalidClientTokenId', 'The security token included in the request is invalid.')); }
      const name = form.get('StackName') ?? '';
      const stack = opts.stacks.find((s) => s.name === name && s.account === session.account && s.region === session.region);
      const resource = `arn:aws:cloudformation:${session.region}:${session.account}:stack/${name}/0a1b2c3d-stack-id`;
      if (!['DescribeStacks', 'GetTemplate', 'ListStackResources'].includes(action) || !name) {
        calls.push({ service: 'cloudformation', action, role: session.arn, resource: name, result: 'unknown call' });
        return send(error(CFN_NS, 400, 'InvalidAction', `the stand-in does not serve ${action}`));
      }
      const ok = policyAllows(session.statements, `cloudformation:${action}`, resource);
      calls.push({ service: 'cloudformation', action, role: session.arn, resource: name, result: ok ? 'ok' : 'AccessDenied' });
      if (!ok) return send(error(CFN_NS, 403, 'AccessDenied', `not authorized to perform: cloudformation:${action} on ${resource}`));
      if (!stack) return send(error(CFN_NS, 400, 'ValidationError', `Stack with id ${name} does not exist`));
      if (action === 'DescribeStacks') {
        return send(result(CFN_NS, action, `<Stacks><member>${xmlElements({ StackName: name, StackId: resource, StackStatus: 'UPDATE_COMPLETE', CreationTime: '2026-01-01T00:00:00.000Z' })}</member></Stacks>`));
      }
      if (action === 'GetTemplate') return send(result(CFN_NS, action, xmlElements({ TemplateBody: JSON.stringify(stack.template) })));
      return send(result(CFN_NS, action, '<StackResourceSummaries></StackResourceSummaries>'));
    }
    calls.push({ service: 'unknown', action: `${req.method} ${url.pathname} ${action}`, result: 'unknown call' });
    return send(error(STS_NS, 400, 'InvalidAction', 'unknown call'));
  }

  const server = createServer((req, res) => { handle(req, res).catch(() => { res.writeHead(500); res.end(); }); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, calls, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
