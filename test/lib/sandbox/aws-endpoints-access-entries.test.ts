/**
 * The AWS stand-in's CreateAccessEntry and DescribeAccessEntry over the wire, through the real
 * SDK v3 client: one entry per principal (ResourceInUseException), EKS's username and group
 * rules, the answer, and the entry then described as created.
 */
import { CreateAccessEntryCommand, DescribeAccessEntryCommand, EKSClient, InvalidParameterException, ResourceInUseException } from '@aws-sdk/client-eks';
import type { AwsEndpointsHandle } from '../../support/aws-endpoints';
import { startAwsEndpoints } from '../../support/aws-endpoints';
import { TEST_IDENTITIES } from '../../support/identities';

const REGION = 'eu-west-1';
const ROLE = 'arn:aws:iam::111122223333:role/teams/ops';
let server: AwsEndpointsHandle;
let client: EKSClient;

beforeAll(async () => {
  server = await startAwsEndpoints({
    region: REGION, identities: [TEST_IDENTITIES.deployer],
    clusters: [{ name: 'prod', endpoint: 'https://127.0.0.1:6443', caData: 'Y2E=' }, { name: 'old', endpoint: 'https://127.0.0.1:6443', caData: 'Y2E=', authenticationMode: 'CONFIG_MAP' }],
  });
  client = new EKSClient({ region: REGION, endpoint: server.url, credentials: TEST_IDENTITIES.deployer, maxAttempts: 1 });
});
afterAll(async () => {
  client.destroy();
  await server.close();
});
beforeEach(() => {
  server.accessEntries.splice(0, server.accessEntries.length);
  server.requests.length = 0;
});

const ops = () => server.requests.map((r) => `${r.operation} ${r.status}${r.errorCode ? ` ${r.errorCode}` : ''}`);

test('created with its username, groups and tags, STANDARD by default; described as created; a second is ResourceInUseException', async () => {
  const out = await client.send(new CreateAccessEntryCommand({ clusterName: 'prod', principalArn: ROLE, username: 'ops:{{SessionName}}', kubernetesGroups: ['ops'], tags: { 'eks-access.io/owner': 'x' } }));
  expect(out.accessEntry).toMatchObject({ clusterName: 'prod', principalArn: ROLE, username: 'ops:{{SessionName}}', kubernetesGroups: ['ops'], type: 'STANDARD', tags: { 'eks-access.io/owner': 'x' } });
  const described = await client.send(new DescribeAccessEntryCommand({ clusterName: 'prod', principalArn: ROLE }));
  expect(described.accessEntry).toMatchObject({ principalArn: ROLE, username: 'ops:{{SessionName}}', kubernetesGroups: ['ops'], type: 'STANDARD', tags: { 'eks-access.io/owner': 'x' } });
  const again = client.send(new CreateAccessEntryCommand({ clusterName: 'prod', principalArn: ROLE }));
  await expect(again).rejects.toBeInstanceOf(ResourceInUseException);
  await expect(again).rejects.toThrow('The specified access entry resource is already in use on this cluster.');
  expect(ops()).toEqual(['CreateAccessEntry 200', 'DescribeAccessEntry 200', 'CreateAccessEntry 409 ResourceInUseException']);
});

test.each([
  ['a system: group', { kubernetesGroups: ['system:masters'] }, 'The kubernetes group name system:masters is invalid, it cannot start with system:'],
  ['a reserved username prefix', { username: 'eks:ops' }, 'username "eks:ops" is invalid: it cannot start with system:, eks:, aws:, amazon: or iam:'],
  ['a session principal', { principalArn: 'arn:aws:sts::111122223333:assumed-role/ops/s' }, 'The specified principalArn is invalid: "arn:aws:sts::111122223333:assumed-role/ops/s"'],
])('%s: InvalidParameterException, nothing created', async (_what, change, message) => {
  const create = client.send(new CreateAccessEntryCommand({ clusterName: 'prod', principalArn: ROLE, ...change }));
  await expect(create).rejects.toBeInstanceOf(InvalidParameterException);
  await expect(create).rejects.toThrow(message);
  expect(server.accessEntries).toEqual([]);
});

test('no such cluster, or one without access entries, or denied: as EKS answers', async () => {
  await expect(client.send(new CreateAccessEntryCommand({ clusterName: 'gone', principalArn: ROLE }))).rejects.toThrow('No cluster found for name: gone.');
  await expect(client.send(new CreateAccessEntryCommand({ clusterName: 'old', principalArn: ROLE }))).rejects.toThrow(/authentication mode must be set to one of \[API, API_AND_CONFIG_MAP\]/);
  server.deny(TEST_IDENTITIES.deployer.arn, 'eks:CreateAccessEntry');
  await expect(client.send(new CreateAccessEntryCommand({ clusterName: 'prod', principalArn: ROLE }))).rejects.toThrow(/is not authorized to perform: eks:CreateAccessEntry/);
  expect(server.accessEntries).toEqual([]);
});
