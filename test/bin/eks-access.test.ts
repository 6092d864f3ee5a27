/**
 * The real entry point as a process (`tsx bin/eks-access.ts`), as a new user first runs it:
 * with no AWS credentials at all (no AWS_* variables, HOME an empty directory), and with the
 * SDK pointed at the local AWS stand-in through AWS_ENDPOINT_URL_*. Errors are sentences with
 * the right exit code, never a stack trace.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import { createServer } from 'http';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { CliExit, USAGE } from '../../lib/cli/args';
import { permissionsSentence } from '../../lib/cli/permissions';
import { ENVIRONMENTS } from '../../lib/config/environments';
import { validateEnvironments } from '../../lib/config/validate';
import type { AwsEndpointsHandle } from '../support/aws-endpoints';
import { awsEndpointEnv, startAwsEndpoints } from '../support/aws-endpoints';
import { jsonError } from '../support/aws-wire';
import { TEST_IDENTITIES } from '../support/identities';

const ROOT = path.join(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const ENTRY = path.join(ROOT, 'bin', 'eks-access.ts');
const STACK_LINE = /^ {4}at /m;

const dev = validateEnvironments(ENVIRONMENTS)[0];

let home: string;
beforeAll(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'eks-access-home-'));
});
afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

interface Run { readonly status: number | null; readonly stdout: string; readonly stderr: string }

/** Runs the entry point with only PATH and HOME (plus `extra`) in its environment. */
function eksAccess(args: string[], extra: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [ENTRY, ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: home, ...extra }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString('utf8'); });
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString('utf8'); });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('with no AWS credentials anywhere', () => {
  test('plan: exit 1, the missing credentials explained (profiles, SSO, keys, --assume-role, permissions), no stack trace', async () => {
    const run = await eksAccess(['plan', '--env', dev.name]);
    expect(run.status).toBe(CliExit.error);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`${dev.name}: plan ${dev.clusterName} in ${dev.region} (account ${dev.account})...\n`);
    expect(run.stderr).toContain(`${dev.name}: no usable AWS credentials for account ${dev.account} were found (Could not load credentials from any providers); see below how to give them\n`);
    expect(run.stderr).toContain(`  - a profile: npm run eks-access -- plan --env ${dev.name} --profile NAME, or AWS_PROFILE=NAME (profiles are read from ~/.aws/config and ~/.aws/credentials)\n`);
    expect(run.stderr).toContain('  - IAM Identity Center (SSO): aws sso login --profile NAME');
    expect(run.stderr).toContain(`  - a role: --assume-role ROLE_ARN makes the EKS and Kubernetes calls as that role, for example arn:aws:iam::${dev.account}:role/${dev.clusterName}-verifier`);
    expect(run.stderr).toContain(`${permissionsSentence('plan', { clusterNames: [dev.clusterName] })}\n`);
    expect(run.stderr).not.toMatch(STACK_LINE);
  }, 60_000);

  test('verify --output json: the error in the document on stdout, the sentences on stderr', async () => {
    const run = await eksAccess(['verify', '--env', dev.name, '--output', 'json']);
    expect(run.status).toBe(CliExit.error);
    expect(JSON.parse(run.stdout)).toMatchObject({
      command: 'verify', exitCode: 1,
      environments: [{ name: dev.name, status: 'error', error: { kind: 'no-credentials' } }],
    });
    expect(run.stderr).toContain(permissionsSentence('verify', { clusterNames: [dev.clusterName] }));
    expect(run.stderr).not.toMatch(STACK_LINE);
  }, 60_000);
});

describe('the command line', () => {
  test.each([['--help'], ['-h']])('%s prints the usage on stdout, exit 0', async (flag) => {
    const run = await eksAccess([flag]);
    expect(run).toEqual({ status: 0, stdout: `${USAGE}\n`, stderr: '' });
  }, 60_000);

  test('a usage error: exit 64, the usage on stderr', async () => {
    const run = await eksAccess(['plan']);
    expect(run).toEqual({ status: CliExit.usage, stdout: '', stderr: `${USAGE}\n` });
  }, 60_000);
});

describe('against the AWS stand-in (AWS_ENDPOINT_URL_*)', () => {
  let aws: AwsEndpointsHandle;
  beforeAll(async () => {
    aws = await startAwsEndpoints({ region: dev.region, identities: [TEST_IDENTITIES.deployer] });
  });
  afterAll(() => aws.close());

  test('credentials AWS does not know: exit 1, explained', async () => {
    const run = await eksAccess(['plan', '--env', dev.name], { ...awsEndpointEnv(aws.url, dev.region), AWS_ACCESS_KEY_ID: 'AKIDUNKNOWN000000001' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${dev.name}: AWS does not recognize the credentials (UnrecognizedClientException: The security token included in the request is invalid); `);
    expect(run.stderr).toContain('  - keys: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, plus AWS_SESSION_TOKEN for temporary keys\n');
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(aws.requests).toContainEqual(expect.objectContaining({ operation: 'DescribeCluster', status: 403, errorCode: 'UnrecognizedClientException' }));
  }, 60_000);

  test('--profile NAME: the profile\'s keys from ~/.aws/credentials sign the calls; an unknown profile is explained', async () => {
    // The endpoints and region, but no keys: the profile must supply them.
    const endpoints = Object.fromEntries(Object.entries(awsEndpointEnv(aws.url, dev.region)).filter(([k]) => !['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'].includes(k)));
    fs.mkdirSync(path.join(home, '.aws'), { recursive: true });
    fs.writeFileSync(path.join(home, '.aws', 'credentials'),
      `[ops]\naws_access_key_id = ${TEST_IDENTITIES.deployer.accessKeyId}\naws_secret_access_key = ${TEST_IDENTITIES.deployer.secretAccessKey}\n`);
    try {
      const before = aws.requests.length;
      const run = await eksAccess(['plan', '--env', dev.name, '--profile', 'ops', '--output', 'json'], endpoints);
      expect(JSON.parse(run.stdout).environments[0].error.kind).toBe('cluster-not-found');
      expect(aws.requests.slice(before)).toContainEqual(expect.objectContaining({ operation: 'DescribeCluster', status: 404, identity: TEST_IDENTITIES.deployer.arn }));
      const unknown = await eksAccess(['plan', '--env', dev.name, '--profile', 'nobody'], endpoints);
      expect(unknown.status).toBe(1);
      expect(unknown.stderr).toContain(`${dev.name}: no usable AWS credentials for account ${dev.account} were found (Could not load credentials from any providers); `
        + 'with profile "nobody": check that ~/.aws/config has [profile nobody] (or ~/.aws/credentials [nobody]) and, for SSO, run aws sso login --profile nobody; see below how to give them\n');
      expect(unknown.stderr).not.toMatch(STACK_LINE);
    } finally {
      fs.rmSync(path.join(home, '.aws'), { recursive: true, force: true });
    }
  }, 60_000);

  test('--output json with known credentials and no such cluster: one document, exit 1', async () => {
    const run = await eksAccess(['plan', '--env', dev.name, '--output', 'json'], awsEndpointEnv(aws.url, dev.region));
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({
      version: 1, command: 'plan', exitCode: 1,
      environments: [{
        name: dev.name, clusterName: dev.clusterName, region: dev.region, account: dev.account, status: 'error',
        error: { kind: 'cluster-not-found', message: expect.stringContaining(`EKS cluster "${dev.clusterName}" was not found in region ${dev.region}`) },
      }],
    });
    expect(run.stderr).not.toMatch(STACK_LINE);
  }, 60_000);
});

describe('a session AWS refuses as expired', () => {
  test('ExpiredTokenException (EKS\'s wire format, read by the real SDK client): exit 1, explained', async () => {
    // The stand-in checks no expiry; this one answers every call as AWS answers an expired session.
    const expired = jsonError(403, 'ExpiredTokenException', 'The security token included in the request is expired');
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(expired.status, { ...expired.headers, 'content-length': String(Buffer.byteLength(expired.body)) });
        res.end(expired.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const run = await eksAccess(['verify', '--env', dev.name], awsEndpointEnv(url, dev.region, { ...TEST_IDENTITIES.handler }));
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`${dev.name}: AWS refused the credentials as expired (ExpiredTokenException: The security token included in the request is expired); `
        + 'sign in again (for SSO: aws sso login) or refresh the keys, then run the command again\n');
      expect(run.stderr).toContain('  - IAM Identity Center (SSO): aws sso login --profile NAME');
      expect(run.stderr).not.toMatch(STACK_LINE);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }, 60_000);
});
