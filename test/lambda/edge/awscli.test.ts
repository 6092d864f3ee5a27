/**
 * The AWS stand-in checked with the real awscli (Debian package awscli, botocore signer):
 * describe-cluster, iam get-role/get-user and sts get-caller-identity through --endpoint-url,
 * and the kube stand-in accepting `aws eks get-token` output.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { KubeClient } from '../../../lambda/edge/kube';
import type { AwsEndpointsHandle } from '../../support/aws-endpoints';
import { startAwsEndpoints } from '../../support/aws-endpoints';
import type { TestIdentity } from '../../support/identities';
import { TEST_IDENTITIES } from '../../support/identities';
import { startKubeApiServer, testCaData } from '../../support/kube-api-server';
import { describeWithTool } from '../../support/real-tools';
import { ROLE_ARN, USER_ARN } from './aws-setup';

const run = promisify(execFile);
const REGION = 'eu-west-1';

describeWithTool('aws', 'awscli')('awscli against the stand-ins', () => {
  let server: AwsEndpointsHandle;
  let home: string;

  beforeAll(async () => {
    server = await startAwsEndpoints({
      region: REGION,
      identities: [TEST_IDENTITIES.deployer, TEST_IDENTITIES.handler],
      clusters: [{ name: 'prod', endpoint: 'https://127.0.0.1:6443', caData: testCaData() }],
      roles: [ROLE_ARN],
      users: [USER_ARN],
    });
    home = mkdtempSync(join(tmpdir(), 'awscli-standin-'));
  });
  afterAll(async () => {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  });

  async function aws(args: string[], identity: TestIdentity = TEST_IDENTITIES.deployer): Promise<{ stdout: string; stderr: string; code: number }> {
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      AWS_ACCESS_KEY_ID: identity.accessKeyId, AWS_SECRET_ACCESS_KEY: identity.secretAccessKey, AWS_EC2_METADATA_DISABLED: 'true',
      AWS_MAX_ATTEMPTS: '1',
    };
    if (identity.sessionToken) {
      env.AWS_SESSION_TOKEN = identity.sessionToken;
    }
    try {
      const out = await run('aws', [...args, '--region', REGION, '--output', 'json'], { env, timeout: 30_000 });
      return { ...out, code: 0 };
    } catch (e) {
      const err = e as { stdout: string; stderr: string; code: number };
      return { stdout: err.stdout, stderr: err.stderr, code: err.code };
    }
  }

  test('eks describe-cluster, found and not found', async () => {
    const ok = await aws(['eks', 'describe-cluster', '--name', 'prod', '--endpoint-url', server.url]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({
      cluster: { name: 'prod', status: 'ACTIVE', endpoint: 'https://127.0.0.1:6443', certificateAuthority: { data: testCaData() }, accessConfig: { authenticationMode: 'API_AND_CONFIG_MAP' } },
    });
    const missing = await aws(['eks', 'describe-cluster', '--name', 'nope', '--endpoint-url', server.url]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/ResourceNotFoundException.*No cluster found for name: nope/);
  });

  test('iam get-role / get-user, found and NoSuchEntity', async () => {
    const role = await aws(['iam', 'get-role', '--role-name', 'cluster-admin', '--endpoint-url', server.url]);
    expect(role.code).toBe(0);
    expect(JSON.parse(role.stdout)).toMatchObject({ Role: { RoleName: 'cluster-admin', Arn: ROLE_ARN, Path: '/platform/admins/' } });
    const user = await aws(['iam', 'get-user', '--user-name', 'alice', '--endpoint-url', server.url]);
    expect(JSON.parse(user.stdout)).toMatchObject({ User: { UserName: 'alice', Arn: USER_ARN, Path: '/' } });
    const ghost = await aws(['iam', 'get-role', '--role-name', 'ghost', '--endpoint-url', server.url]);
    expect(ghost.stderr).toMatch(/NoSuchEntity.*The role with name ghost cannot be found/);
  });

  test('sts get-caller-identity with static and session credentials; bad secret refused', async () => {
    const me = await aws(['sts', 'get-caller-identity', '--endpoint-url', server.url]);
    expect(JSON.parse(me.stdout)).toMatchObject({ Arn: TEST_IDENTITIES.deployer.arn, Account: '111122223333' });
    const session = await aws(['sts', 'get-caller-identity', '--endpoint-url', server.url], TEST_IDENTITIES.handler);
    expect(JSON.parse(session.stdout)).toMatchObject({ Arn: TEST_IDENTITIES.handler.arn });
    const bad = await aws(['sts', 'get-caller-identity', '--endpoint-url', server.url], { ...TEST_IDENTITIES.deployer, secretAccessKey: 'wrong' });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/SignatureDoesNotMatch/);
    const badEks = await aws(['eks', 'describe-cluster', '--name', 'prod', '--endpoint-url', server.url], { ...TEST_IDENTITIES.deployer, secretAccessKey: 'wrong' });
    expect(badEks.stderr).toMatch(/InvalidSignatureException/);
  });

  test('the kube stand-in accepts `aws eks get-token` and refuses it for another cluster', async () => {
    const out = await aws(['eks', 'get-token', '--cluster-name', 'prod'], TEST_IDENTITIES.handler);
    const token = (JSON.parse(out.stdout) as { status: { token: string } }).status.token;
    const kube = await startKubeApiServer({ clusterName: 'prod', region: REGION, identities: [TEST_IDENTITIES.handler] });
    const other = await startKubeApiServer({ clusterName: 'staging', region: REGION, identities: [TEST_IDENTITIES.handler] });
    const clients = [kube, other].map((k) => new KubeClient({ endpoint: k.url, caData: k.caData, token }));
    try {
      await expect(clients[0].getConfigMap('kube-system', 'aws-auth')).resolves.toBeUndefined();
      expect(kube.requests[0]).toMatchObject({ status: 404, identity: TEST_IDENTITIES.handler.arn });
      await expect(clients[1].getConfigMap('kube-system', 'aws-auth')).rejects.toMatchObject({ status: 401 });
    } finally {
      clients.forEach((c) => c.close());
      await kube.close();
      await other.close();
    }
  });
});
