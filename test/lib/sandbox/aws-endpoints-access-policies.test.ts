/**
 * The AWS stand-in's AssociateAccessPolicy / DisassociateAccessPolicy over the wire: the real
 * SDK v3 client's requests (modelled exceptions included), SigV4 checked as on every route,
 * injected faults, and the real awscli running the exact command the admin window prints.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  AssociateAccessPolicyCommand, DisassociateAccessPolicyCommand, EKSClient, InvalidParameterException, ListAssociatedAccessPoliciesCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-eks';
import { disassociateCommand } from '../../../lambda/manifests/admin-window';
import type { AwsEndpointsHandle } from '../../support/aws-endpoints';
import { startAwsEndpoints } from '../../support/aws-endpoints';
import { TEST_IDENTITIES } from '../../support/identities';
import { describeWithTool } from '../../support/real-tools';

const run = promisify(execFile);
const REGION = 'eu-west-1';
const ADMIN = 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy';
const ROLE = 'arn:aws:iam::111122223333:role/manifests-fn';
/** The server's fixed clock: this second (signatures must stay within the 5-minute skew). */
const NOW = new Date(Math.floor(Date.now() / 1000) * 1000);
let server: AwsEndpointsHandle;
let client: EKSClient;

beforeAll(async () => {
  server = await startAwsEndpoints({
    region: REGION, identities: [TEST_IDENTITIES.deployer], now: () => NOW,
    clusters: [{ name: 'prod', endpoint: 'https://127.0.0.1:6443', caData: 'Y2E=' }],
  });
  client = new EKSClient({ region: REGION, endpoint: server.url, credentials: TEST_IDENTITIES.deployer, maxAttempts: 1 });
});
afterAll(async () => {
  client.destroy();
  await server.close();
});
beforeEach(() => {
  server.accessEntries.splice(0, server.accessEntries.length, { clusterName: 'prod', principalArn: ROLE, policies: [] });
  server.requests.length = 0;
});

const ops = () => server.requests.map((r) => `${r.operation} ${r.status}${r.errorCode ? ` ${r.errorCode}` : ''}`);

describe('through the SDK', () => {
  test('the association and its answer, then the list shows its times', async () => {
    const out = await client.send(new AssociateAccessPolicyCommand({ clusterName: 'prod', principalArn: ROLE, policyArn: ADMIN, accessScope: { type: 'namespace', namespaces: ['team-a'] } }));
    expect(out.clusterName).toBe('prod');
    expect(out.principalArn).toBe(ROLE);
    expect(out.associatedAccessPolicy).toEqual({ policyArn: ADMIN, accessScope: { type: 'namespace', namespaces: ['team-a'] }, associatedAt: NOW, modifiedAt: NOW });
    const listed = await client.send(new ListAssociatedAccessPoliciesCommand({ clusterName: 'prod', principalArn: ROLE }));
    expect(listed.associatedAccessPolicies).toEqual([{ policyArn: ADMIN, accessScope: { type: 'namespace', namespaces: ['team-a'] }, associatedAt: NOW, modifiedAt: NOW }]);
    expect(ops()).toEqual(['AssociateAccessPolicy 200', 'ListAssociatedAccessPolicies 200']);
    expect(server.requests[0].identity).toBe(TEST_IDENTITIES.deployer.arn);
  });

  test('a bad scope is the modelled InvalidParameterException; an unknown principal ResourceNotFoundException', async () => {
    const bad = await client.send(new AssociateAccessPolicyCommand({ clusterName: 'prod', principalArn: ROLE, policyArn: ADMIN, accessScope: { type: 'cluster', namespaces: ['a'] } }))
      .then(() => undefined, (e: unknown) => e);
    expect(bad).toBeInstanceOf(InvalidParameterException);
    expect((bad as InvalidParameterException).message).toBe('accessScope.namespaces must be empty when accessScope.type is cluster');
    expect((bad as InvalidParameterException).clusterName).toBe('prod');
    const ghost = await client.send(new AssociateAccessPolicyCommand({ clusterName: 'prod', principalArn: `${ROLE}-ghost`, policyArn: ADMIN, accessScope: { type: 'cluster' } }))
      .then(() => undefined, (e: unknown) => e);
    expect(ghost).toBeInstanceOf(ResourceNotFoundException);
    expect(ops()).toEqual(['AssociateAccessPolicy 400 InvalidParameterException', 'AssociateAccessPolicy 404 ResourceNotFoundException']);
  });

  test('the policy ARN travels encoded in the DELETE path and is decoded', async () => {
    server.accessEntries[0] = { ...server.accessEntries[0], policies: [{ policyArn: ADMIN, accessScope: { type: 'cluster' } }] };
    await client.send(new DisassociateAccessPolicyCommand({ clusterName: 'prod', principalArn: ROLE, policyArn: ADMIN }));
    expect(server.accessEntries[0].policies).toEqual([]);
    await expect(client.send(new DisassociateAccessPolicyCommand({ clusterName: 'prod', principalArn: ROLE, policyArn: ADMIN }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    expect(ops()).toEqual(['DisassociateAccessPolicy 200', 'DisassociateAccessPolicy 404 ResourceNotFoundException']);
  });

  test('failNext fails exactly the next requests of that operation, after the signature check', async () => {
    server.failNext('AssociateAccessPolicy', { status: 503, code: 'ServiceUnavailableException', times: 2 });
    const assoc = () => client.send(new AssociateAccessPolicyCommand({ clusterName: 'prod', principalArn: ROLE, policyArn: ADMIN, accessScope: { type: 'cluster' } }));
    await client.send(new ListAssociatedAccessPoliciesCommand({ clusterName: 'prod', principalArn: ROLE }));
    await expect(assoc()).rejects.toMatchObject({ name: 'ServiceUnavailableException', message: 'injected ServiceUnavailableException' });
    const wrong = new EKSClient({ region: REGION, endpoint: server.url, credentials: { ...TEST_IDENTITIES.deployer, secretAccessKey: 'wrong' }, maxAttempts: 1 });
    await expect(wrong.send(new AssociateAccessPolicyCommand({ clusterName: 'prod', principalArn: ROLE, policyArn: ADMIN, accessScope: { type: 'cluster' } })))
      .rejects.toMatchObject({ name: 'InvalidSignatureException' });
    wrong.destroy();
    await expect(assoc()).rejects.toMatchObject({ name: 'ServiceUnavailableException' });
    await assoc();
    expect(ops()).toEqual([
      'ListAssociatedAccessPolicies 200', 'AssociateAccessPolicy 503 ServiceUnavailableException', 'AssociateAccessPolicy 403 InvalidSignatureException',
      'AssociateAccessPolicy 503 ServiceUnavailableException', 'AssociateAccessPolicy 200',
    ]);
  });

  test('a query parameter (signed, so past the signature check) is refused on both write routes', async () => {
    const extra = new EKSClient({ region: REGION, endpoint: server.url, credentials: TEST_IDENTITIES.deployer, maxAttempts: 1 });
    extra.middlewareStack.add((next) => async (args) => {
      (args.request as { query: Record<string, string> }).query.dryRun = 'true';
      return next(args);
    }, { step: 'build' });
    try {
      await expect(extra.send(new AssociateAccessPolicyCommand({ clusterName: 'prod', principalArn: ROLE, policyArn: ADMIN, accessScope: { type: 'cluster' } })))
        .rejects.toMatchObject({ name: 'InvalidParameterException', message: 'unexpected query parameter(s) dryRun for AssociateAccessPolicy' });
      await expect(extra.send(new DisassociateAccessPolicyCommand({ clusterName: 'prod', principalArn: ROLE, policyArn: ADMIN })))
        .rejects.toMatchObject({ name: 'InvalidParameterException', message: 'unexpected query parameter(s) dryRun for DisassociateAccessPolicy' });
    } finally {
      extra.destroy();
    }
    expect(server.accessEntries[0].policies).toEqual([]);
  });

  test('an unsigned request is refused before anything else', async () => {
    const res = await fetch(`${server.url}/clusters/prod/access-entries/${encodeURIComponent(ROLE)}/access-policies`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ policyArn: ADMIN, accessScope: { type: 'cluster' } }),
    });
    expect([res.status, res.headers.get('x-amzn-errortype')]).toEqual([403, 'MissingAuthenticationTokenException']);
    expect(server.accessEntries[0].policies).toEqual([]);
    expect(ops()).toEqual(['AssociateAccessPolicy 403 MissingAuthenticationTokenException']);
  });

  test('another method on the policy path is no operation', async () => {
    const res = await fetch(`${server.url}/clusters/prod/access-entries/${encodeURIComponent(ROLE)}/access-policies/${encodeURIComponent(ADMIN)}`, { method: 'GET' });
    expect([res.status, res.headers.get('x-amzn-errortype')]).toEqual([404, 'UnknownOperationException']);
  });
});

describeWithTool('aws', 'awscli')('the real awscli', () => {
  let home: string;
  beforeAll(() => {
    home = mkdtempSync(join(tmpdir(), 'awscli-access-policies-'));
  });
  afterAll(() => {
    rmSync(home, { recursive: true, force: true });
  });

  async function aws(args: string[]): Promise<{ stdout: string; code: number; stderr: string }> {
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      AWS_ACCESS_KEY_ID: TEST_IDENTITIES.deployer.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_IDENTITIES.deployer.secretAccessKey,
      AWS_EC2_METADATA_DISABLED: 'true', AWS_MAX_ATTEMPTS: '1',
    };
    try {
      const out = await run('aws', [...args, '--endpoint-url', server.url, '--region', REGION, '--output', 'json'], { env, timeout: 30_000 });
      return { ...out, code: 0 };
    } catch (e) {
      const err = e as { stdout: string; stderr: string; code: number };
      return { stdout: err.stdout, stderr: err.stderr, code: err.code };
    }
  }

  test('associate-access-policy, then the admin window\'s own disassociate command, word for word', async () => {
    const associated = await aws(['eks', 'associate-access-policy', '--cluster-name', 'prod', '--principal-arn', ROLE, '--policy-arn', ADMIN, '--access-scope', 'type=cluster']);
    expect(associated.code).toBe(0);
    expect(JSON.parse(associated.stdout)).toMatchObject({ clusterName: 'prod', principalArn: ROLE, associatedAccessPolicy: { policyArn: ADMIN, accessScope: { type: 'cluster', namespaces: [] } } });
    const command = disassociateCommand('prod', ROLE).split(' ');
    expect(command.slice(0, 3)).toEqual(['aws', 'eks', 'disassociate-access-policy']);
    const removed = await aws(command.slice(1));
    expect(removed.code).toBe(0);
    expect(server.accessEntries[0].policies).toEqual([]);
    expect(ops()).toEqual(['AssociateAccessPolicy 200', 'DisassociateAccessPolicy 200']);
  });

  test('a scope with a bad type is refused with EKS\'s error', async () => {
    const out = await aws(['eks', 'associate-access-policy', '--cluster-name', 'prod', '--principal-arn', ROLE, '--policy-arn', ADMIN, '--access-scope', 'type=account']);
    expect(out.code).not.toBe(0);
    expect(out.stderr).toContain('(InvalidParameterException) when calling the AssociateAccessPolicy operation: accessScope.type must be one of [cluster, namespace], got "account"');
  });
});
