/**
 * A strict local stand-in for what the pipeline's termination-protection step reaches, on one
 * HTTP server: STS AssumeRole and CloudFormation UpdateTerminationProtection / DescribeStacks
 * (query protocol, XML). Every request's SigV4 signature is verified against the known
 * identities (the sessions AssumeRole issues included). AssumeRole evaluates the protector
 * role's REAL trust statements (from the synthesized `<env>/Access` template): an account-root
 * principal whose `ArnEquals aws:PrincipalArn` names the caller's role; any other principal or
 * condition operator is refused. The issued sessions may call only what the role's REAL inline
 * policy allows on the stack ARNs it names. Each stack holds its termination protection, so a
 * test reads the end state, not just the calls.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { QUERY_VERSION, queryError, queryResult, xmlElements, xmlEscape } from './aws-wire';
import type { WireReply } from './aws-wire';
import { iamMatches, policyAllows } from './iam-policy';
import type { PolicyStatementJson } from './iam-policy';
import type { TestIdentity } from './identities';
import { verifyAuthorizationHeader } from './sigv4-verify';

export type { PolicyStatementJson } from './iam-policy';

/** A role as deployed: ARN, trust statements, permission statements. */
export interface StandInProtectorRole {
  readonly arn: string;
  readonly trust: readonly PolicyStatementJson[];
  readonly statements: readonly PolicyStatementJson[];
}

/** A deployed stack and its termination protection. */
export interface StandInProtectedStack {
  readonly name: string;
  terminationProtection: boolean;
  /** Answer UpdateTerminationProtection with success but change nothing (a fault to detect). */
  readonly ignoresUpdates?: boolean;
}

/** Options of {@link startTerminationProtectionAws}. */
export interface TerminationProtectionAwsOptions {
  /** The account the roles and stacks live in. */
  readonly account: string;
  readonly region: string;
  /** Identities that may sign requests; AssumeRole appends its sessions. */
  readonly identities: TestIdentity[];
  readonly roles: readonly StandInProtectorRole[];
  readonly stacks: StandInProtectedStack[];
}

/** One call. */
export interface TerminationProtectionCall {
  readonly action: string;
  /** The role ARN the caller's session belongs to (aws:PrincipalArn). */
  readonly principal?: string;
  readonly target?: string;
  readonly result: 'ok' | string;
}

/** A running stand-in. */
export interface TerminationProtectionAwsHandle {
  readonly url: string;
  readonly calls: TerminationProtectionCall[];
  close(): Promise<void>;
}

const CFN_NS = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';
const CFN_VERSION = '2010-05-15';
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

/** aws:PrincipalArn of a caller: an assumed-role session is its role; anything else is itself. */
export function principalArnOf(arn: string): string {
  const m = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/.exec(arn);
  return m ? `arn:${m[1]}:iam::${m[2]}:role/${m[3]}` : arn;
}

/** The trust admits the caller: account-root principal of its account and ArnEquals naming its role, no other condition. */
function trusts(trust: readonly PolicyStatementJson[], callerArn: string): boolean {
  const principal = principalArnOf(callerArn);
  const [, partition, , , account] = principal.split(':');
  return trust.some((s) => {
    if (s.Effect !== 'Allow' || ![s.Action].flat().includes('sts:AssumeRole')) return false;
    if (![s.Principal?.AWS ?? []].flat().includes(`arn:${partition}:iam::${account}:root`)) return false;
    const condition = s.Condition ?? {};
    if (Object.keys(condition).join() !== 'ArnEquals' || Object.keys(condition.ArnEquals).join() !== 'aws:PrincipalArn') return false;
    return [condition.ArnEquals['aws:PrincipalArn']].flat().some((arn) => iamMatches(arn, principal, false));
  });
}

const cfnError = (status: number, code: string, message: string): WireReply => ({
  status,
  headers: { 'content-type': 'text/xml' },
  body: `<ErrorResponse xmlns="${CFN_NS}"><Error><Type>Sender</Type><Code>${xmlEscape(code)}</Code><Message>${xmlEscape(message)}</Message></Error><RequestId>${randomBytes(8).toString('hex')}</RequestId></ErrorResponse>`,
  errorCode: code,
});
const cfnResult = (operation: string, fields: string): WireReply => ({
  status: 200,
  headers: { 'content-type': 'text/xml' },
  body: `<${operation}Response xmlns="${CFN_NS}"><${operation}Result>${fields}</${operation}Result><ResponseMetadata><RequestId>${randomBytes(8).toString('hex')}</RequestId></ResponseMetadata></${operation}Response>`,
});

/** Starts the stand-in on 127.0.0.1 with an ephemeral port. */
export async function startTerminationProtectionAws(opts: TerminationProtectionAwsOptions): Promise<TerminationProtectionAwsHandle> {
  const calls: TerminationProtectionCall[] = [];
  /** Issued session access key -> the role it is a session of. */
  const sessions = new Map<string, StandInProtectorRole>();

  function handle(req: IncomingMessage, body: Buffer): WireReply {
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim();
    if (req.method !== 'POST' || (req.url ?? '/') !== '/' || type !== 'application/x-www-form-urlencoded') {
      calls.push({ action: `${req.method} ${req.url}`, result: 'unknown call' });
      return cfnError(400, 'InvalidAction', `the stand-in serves only query-protocol POST /, not ${req.method} ${req.url} (${type})`);
    }
    const form = new URLSearchParams(body.toString('utf8'));
    const action = form.get('Action') ?? '';
    const version = form.get('Version');
    const service = version === QUERY_VERSION.sts ? 'sts' : version === CFN_VERSION ? 'cloudformation' : undefined;
    if (!service) {
      calls.push({ action, result: 'unknown version' });
      return cfnError(400, 'InvalidAction', `unknown Version ${JSON.stringify(version)}`);
    }
    const verified = verifyAuthorizationHeader(
      { method: 'POST', rawPath: '/', rawQuery: '', headers: req.headersDistinct as Record<string, string[]>, body },
      { identities: opts.identities, service, regions: [opts.region], now: new Date() },
    );
    if (!verified.ok) {
      calls.push({ action, result: verified.failure });
      return service === 'sts' ? queryError('sts', 403, verified.failure, verified.message) : cfnError(403, verified.failure, verified.message);
    }
    const caller = verified.identity;
    const principal = principalArnOf(caller.arn);

    if (service === 'sts') {
      if (action !== 'AssumeRole') {
        calls.push({ action, principal, result: 'unknown call' });
        return queryError('sts', 400, 'InvalidAction', `the stand-in does not serve sts:${action}`);
      }
      const roleArn = form.get('RoleArn') ?? '';
      const sessionName = form.get('RoleSessionName') ?? '';
      const role = opts.roles.find((r) => r.arn === roleArn);
      if (!SESSION_NAME.test(sessionName)) {
        calls.push({ action, principal, target: roleArn, result: 'ValidationError' });
        return queryError('sts', 400, 'ValidationError', `1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`);
      }
      if (!role || !trusts(role.trust, caller.arn)) {
        calls.push({ action, principal, target: roleArn, result: 'AccessDenied' });
        return queryError('sts', 403, 'AccessDenied', `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
      }
      const name = roleArn.split('/').pop() as string;
      const session: TestIdentity = {
        accessKeyId: `ASIA${randomBytes(8).toString('hex').toUpperCase()}`,
        secretAccessKey: randomBytes(20).toString('base64'),
        sessionToken: randomBytes(32).toString('base64'),
        arn: `arn:aws:sts::${opts.account}:assumed-role/${name}/${sessionName}`,
      };
      opts.identities.push(session);
      sessions.set(session.accessKeyId, role);
      calls.push({ action, principal, target: roleArn, result: 'ok' });
      return queryResult('sts', 'AssumeRole', {
        Credentials: { AccessKeyId: session.accessKeyId, SecretAccessKey: session.secretAccessKey, SessionToken: session.sessionToken, Expiration: new Date(Date.now() + 3600_000).toISOString() },
        AssumedRoleUser: { Arn: session.arn, AssumedRoleId: `AROA${session.accessKeyId.slice(4)}:${sessionName}` },
      });
    }

    if (action !== 'UpdateTerminationProtection' && action !== 'DescribeStacks') {
      calls.push({ action, principal, result: 'unknown call' });
      return cfnError(400, 'InvalidAction', `the stand-in does not serve cloudformation:${action}`);
    }
    const name = form.get('StackName') ?? '';
    const stack = opts.stacks.find((s) => s.name === name);
    const stackArn = `arn:aws:cloudformation:${opts.region}:${opts.account}:stack/${name}/0a1b2c3d-0000-4000-8000-${Buffer.from(name).toString('hex').slice(0, 12).padEnd(12, '0')}`;
    const role = sessions.get(caller.accessKeyId);
    if (!role || !policyAllows(role.statements, `cloudformation:${action}`, stackArn)) {
      calls.push({ action, principal, target: name, result: 'AccessDenied' });
      return cfnError(403, 'AccessDenied', `User: ${caller.arn} is not authorized to perform: cloudformation:${action} on resource: ${stackArn}`);
    }
    if (!stack) {
      calls.push({ action, principal, target: name, result: 'ValidationError' });
      return cfnError(400, 'ValidationError', `Stack with id ${name} does not exist`);
    }
    if (action === 'UpdateTerminationProtection') {
      const flag = form.get('EnableTerminationProtection');
      if (flag !== 'true' && flag !== 'false') {
        calls.push({ action, principal, target: name, result: 'ValidationError' });
        return cfnError(400, 'ValidationError', `EnableTerminationProtection must be true or false, not ${JSON.stringify(flag)}`);
      }
      if (!stack.ignoresUpdates) stack.terminationProtection = flag === 'true';
      calls.push({ action, principal, target: name, result: 'ok' });
      return cfnResult(action, xmlElements({ StackId: stackArn }));
    }
    calls.push({ action, principal, target: name, result: 'ok' });
    return cfnResult(action, `<Stacks><member>${xmlElements({
      StackName: name, StackId: stackArn, StackStatus: 'UPDATE_COMPLETE', CreationTime: '2026-01-01T00:00:00.000Z',
      EnableTerminationProtection: String(stack.terminationProtection),
    })}</member></Stacks>`);
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const reply = handle(req, Buffer.concat(chunks));
      res.writeHead(reply.status, reply.headers);
      res.end(reply.body);
    });
    req.on('error', () => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, calls, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
