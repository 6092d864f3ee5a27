/**
 * The IAM part of the AWS edge (lambda/edge/aws-iam.ts) with the real SDK v3 IAM client against
 * the AWS stand-in: GetRole/GetUser by name, NoSuchEntity as false, other refusals thrown; and
 * the combined edge the aws-auth handler builds, one set of credentials for every service.
 */
import { createAwsEdgeWithIam, createIamEdge } from '../../../lambda/edge/aws-iam';
import { TEST_IDENTITIES } from '../../support/identities';
import type { AwsSetup } from './aws-setup';
import { ROLE_ARN, USER_ARN, startAwsSetup } from './aws-setup';

/** The names GetRole/GetUser take: the last segment of the ARN (ROLE_ARN has an IAM path). */
const ROLE_NAME = ROLE_ARN.split('/').at(-1) as string;
const USER_NAME = USER_ARN.split('/').at(-1) as string;

const REGION = 'eu-west-1';
let setup: AwsSetup;

beforeAll(async () => {
  setup = await startAwsSetup(REGION);
});
afterAll(async () => {
  await setup.close();
});

const deployer = async () => TEST_IDENTITIES.deployer;
const since = (n: number) => setup.server.requests.slice(n).map((r) => [r.service, r.operation, r.status, r.errorCode ?? '', r.identity ?? '']);

describe('iam edge', () => {
  test('principalExists: roles (one with a path) and users by name, present and missing', async () => {
    const n = setup.server.requests.length;
    const iam = createIamEdge(REGION, deployer);
    await expect(iam.principalExists(ROLE_NAME, 'role')).resolves.toBe(true);
    await expect(iam.principalExists('ghost', 'role')).resolves.toBe(false);
    await expect(iam.principalExists(USER_NAME, 'user')).resolves.toBe(true);
    await expect(iam.principalExists('bob', 'user')).resolves.toBe(false);
    const who = TEST_IDENTITIES.deployer.arn;
    expect(since(n)).toEqual([
      ['iam', 'GetRole', 200, '', who], ['iam', 'GetRole', 404, 'NoSuchEntity', who],
      ['iam', 'GetUser', 200, '', who], ['iam', 'GetUser', 404, 'NoSuchEntity', who],
    ]);
  });

  test('without credentials it uses the SDK default chain (the environment)', async () => {
    const n = setup.server.requests.length;
    await expect(createIamEdge(REGION).principalExists(ROLE_NAME, 'role')).resolves.toBe(true);
    expect(since(n)).toEqual([['iam', 'GetRole', 200, '', TEST_IDENTITIES.deployer.arn]]);
  });

  test('a refusal other than NoSuchEntity is thrown', async () => {
    const bad = createIamEdge(REGION, async () => ({ ...TEST_IDENTITIES.deployer, secretAccessKey: 'wrong' }));
    await expect(bad.principalExists(ROLE_NAME, 'role')).rejects.toMatchObject({ name: 'SignatureDoesNotMatch' });
    await expect(bad.principalExists(USER_NAME, 'user')).rejects.toMatchObject({ name: 'SignatureDoesNotMatch' });
  });
});

describe('the aws edge with IAM (what the aws-auth handler builds)', () => {
  test('EKS, STS and IAM calls, all with the credentials given', async () => {
    const n = setup.server.requests.length;
    const handler = async () => TEST_IDENTITIES.handler;
    const edge = createAwsEdgeWithIam(REGION, handler);
    await expect(edge.callerIdentity()).resolves.toEqual({ arn: TEST_IDENTITIES.handler.arn, account: '111122223333' });
    await expect(edge.principalExists(ROLE_NAME, 'role')).resolves.toBe(true);
    await expect(edge.describeCluster('nope')).rejects.toMatchObject({ name: 'ClusterNotFoundError' });
    const who = TEST_IDENTITIES.handler.arn;
    expect(since(n)).toEqual([
      ['sts', 'GetCallerIdentity', 200, '', who], ['iam', 'GetRole', 200, '', who], ['eks', 'DescribeCluster', 404, 'ResourceNotFoundException', who],
    ]);
  });
});
