import { createAwsEdge, ClusterNotFoundError } from '../../../lambda/edge/aws';
import { KubeClient } from '../../../lambda/edge/kube';
import { buildEksToken } from '../../../lambda/edge/token';
import { TEST_IDENTITIES } from '../../support/identities';
import { startKubeApiServer, testCaData } from '../../support/kube-api-server';
import type { AwsSetup } from './aws-setup';
import { HANDLER_ROLE_ARN, startAwsSetup } from './aws-setup';


const REGION = 'eu-west-1';
let setup: AwsSetup;

beforeAll(async () => {
  setup = await startAwsSetup(REGION, {
    clusters: [
      { name: 'prod', endpoint: 'https://127.0.0.1:6443', caData: testCaData() },
      { name: 'legacy', endpoint: 'https://127.0.0.1:6444', caData: testCaData(), authenticationMode: null },
    ],
  });
});
afterAll(async () => {
  await setup.close();
});

const deployer = async () => TEST_IDENTITIES.deployer;

describe('aws edge with real SDK v3 clients against the AWS stand-in', () => {
  test('describeCluster returns endpoint, CA and authentication mode', async () => {
    const edge = createAwsEdge(REGION);
    await expect(edge.describeCluster('prod')).resolves.toEqual({
      name: 'prod',
      arn: 'arn:aws:eks:eu-west-1:111122223333:cluster/prod',
      endpoint: 'https://127.0.0.1:6443',
      caData: testCaData(),
      status: 'ACTIVE',
      authenticationMode: 'API_AND_CONFIG_MAP',
    });
    await expect(edge.describeCluster('legacy')).resolves.not.toHaveProperty('authenticationMode');
    expect(setup.server.requests.at(-1)).toMatchObject({ service: 'eks', operation: 'DescribeCluster', status: 200, identity: TEST_IDENTITIES.deployer.arn });
  });

  test('describeCluster of a missing cluster throws ClusterNotFoundError naming cluster and region', async () => {
    const e = await createAwsEdge(REGION).describeCluster('nope').then(() => undefined, (err: unknown) => err);
    expect(e).toBeInstanceOf(ClusterNotFoundError);
    expect((e as Error).message).toContain('"nope"');
    expect((e as Error).message).toContain(REGION);
    expect(setup.server.requests.at(-1)).toMatchObject({ status: 404, errorCode: 'ResourceNotFoundException' });
  });

  test('callerIdentity and resolveCredentials use the default chain (environment)', async () => {
    const edge = createAwsEdge(REGION);
    await expect(edge.callerIdentity()).resolves.toEqual({ arn: TEST_IDENTITIES.deployer.arn, account: '111122223333' });
    await expect(edge.resolveCredentials()).resolves.toMatchObject({
      accessKeyId: TEST_IDENTITIES.deployer.accessKeyId, secretAccessKey: TEST_IDENTITIES.deployer.secretAccessKey,
    });
  });

  test('assumeRole yields credentials the stand-ins accept, also as an EKS token', async () => {
    const edge = createAwsEdge(REGION, deployer);
    const creds = await edge.assumeRole(HANDLER_ROLE_ARN, 'eks-access-aws-auth');
    expect(creds.accessKeyId).toMatch(/^ASIA/);
    expect(creds.expiration).toBeInstanceOf(Date);
    const assumed = createAwsEdge(REGION, async () => creds);
    await expect(assumed.callerIdentity()).resolves.toEqual({
      arn: 'arn:aws:sts::111122223333:assumed-role/aws-auth-kube-writer/eks-access-aws-auth', account: '111122223333',
    });
    const kube = await startKubeApiServer({ clusterName: 'prod', region: REGION, identities: setup.identities });
    const client = new KubeClient({ endpoint: kube.url, caData: kube.caData, token: () => buildEksToken({ clusterName: 'prod', region: REGION, credentials: creds }) });
    try {
      await expect(client.getConfigMap('kube-system', 'aws-auth')).resolves.toBeUndefined();
      expect(kube.requests[0].identity).toBe('arn:aws:sts::111122223333:assumed-role/aws-auth-kube-writer/eks-access-aws-auth');
    } finally {
      client.close();
      await kube.close();
    }
  });

  test('assumeRole of an unknown role is AccessDenied', async () => {
    await expect(createAwsEdge(REGION, deployer).assumeRole('arn:aws:iam::111122223333:role/ghost', 's1'))
      .rejects.toMatchObject({ name: 'AccessDenied' });
  });

  test('a wrong secret is refused by every service with its own error', async () => {
    const bad = createAwsEdge(REGION, async () => ({ ...TEST_IDENTITIES.deployer, secretAccessKey: 'wrong' }));
    await expect(bad.callerIdentity()).rejects.toMatchObject({ name: 'SignatureDoesNotMatch' });
    await expect(bad.describeCluster('prod')).rejects.toMatchObject({ name: 'InvalidSignatureException' });
  });

  test('an unknown access key is refused', async () => {
    const stranger = createAwsEdge(REGION, async () => ({ accessKeyId: 'AKIDSTRANGER0000', secretAccessKey: 'x' }));
    await expect(stranger.callerIdentity()).rejects.toMatchObject({ name: 'InvalidClientTokenId' });
    await expect(stranger.describeCluster('prod')).rejects.toMatchObject({ name: 'UnrecognizedClientException' });
  });

  test('a client signing for another region is refused', async () => {
    const other = createAwsEdge('us-west-2', deployer);
    await expect(other.describeCluster('prod')).rejects.toMatchObject({ name: 'InvalidSignatureException' });
  });
});
