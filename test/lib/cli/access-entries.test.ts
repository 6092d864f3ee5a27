/**
 * The CLI's access entry reader with the real SDK v3 client against the strict EKS stand-in:
 * every page read, signatures checked, AccessDenied turned into a sentence-ready error, and the
 * stand-in refusing what EKS refuses (unknown query parameters, maxResults out of range, a
 * nextToken from another request, clusters without access entries, unknown principals).
 */
import { DescribeAccessEntryCommand, EKSClient, ListAccessEntriesCommand, ListAssociatedAccessPoliciesCommand } from '@aws-sdk/client-eks';
import { AccessEntriesDeniedError, createAccessEntryReader } from '../../../lib/cli/access-entries';
import { clusterAdminPolicyArn } from '../../../lib/cli/creator-admin';
import { TEST_IDENTITIES } from '../../support/identities';
import type { AwsSetup } from '../../lambda/edge/aws-setup';
import { ACCOUNT, startAwsSetup } from '../../lambda/edge/aws-setup';

const REGION = 'eu-west-1';
const CLUSTER = 'dev';
const ADMIN = { policyArn: clusterAdminPolicyArn('aws'), accessScope: { type: 'cluster' as const } };
const VIEW = { policyArn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy', accessScope: { type: 'namespace' as const, namespaces: ['web'] } };
const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const deployer = async () => ({ ...TEST_IDENTITIES.deployer });

let aws: AwsSetup;
beforeEach(async () => {
  aws = await startAwsSetup(REGION, {
    clusters: [{ name: CLUSTER, endpoint: 'https://127.0.0.1:1', caData: 'Q0E=' }, { name: 'old', endpoint: 'https://127.0.0.1:1', caData: 'Q0E=', authenticationMode: 'CONFIG_MAP' }],
    accessEntries: [
      { clusterName: CLUSTER, principalArn: role('path/with/slashes/admin'), policies: [ADMIN, VIEW] },
      { clusterName: CLUSTER, principalArn: role('viewer'), policies: [VIEW], username: 'viewer:{{SessionName}}', kubernetesGroups: ['readers'], tags: { team: 'ops' } },
      { clusterName: CLUSTER, principalArn: role('second-admin'), policies: [ADMIN] },
      { clusterName: 'other', principalArn: role('elsewhere'), policies: [ADMIN] },
    ],
  });
});
afterEach(async () => {
  await aws.close();
});

const operations = () => aws.server.requests.map((r) => `${r.operation} ${r.status}${r.errorCode ? ` ${r.errorCode}` : ''}`);

test('lists every entry, or those with a policy, over every page; reads an entry\'s policies over every page', async () => {
  aws.server.maxPageSize = 1;
  const reader = createAccessEntryReader(REGION, deployer);
  expect(await reader.listAccessEntries(CLUSTER)).toEqual([role('path/with/slashes/admin'), role('viewer'), role('second-admin')]);
  expect(await reader.listAccessEntries(CLUSTER, clusterAdminPolicyArn('aws'))).toEqual([role('path/with/slashes/admin'), role('second-admin')]);
  expect(await reader.listAssociatedPolicies(CLUSTER, role('path/with/slashes/admin'))).toEqual([
    { policyArn: ADMIN.policyArn, scope: 'cluster', namespaces: [] },
    { policyArn: VIEW.policyArn, scope: 'namespace', namespaces: ['web'] },
  ]);
  expect(operations()).toEqual([...Array(3).fill('ListAccessEntries 200'), ...Array(2).fill('ListAccessEntries 200'), ...Array(2).fill('ListAssociatedAccessPolicies 200')]);
});

test('describes an entry (a pathed principal too): type, username, groups, tags; none for a principal without one', async () => {
  const reader = createAccessEntryReader(REGION, deployer);
  expect(await reader.describeAccessEntry(CLUSTER, role('viewer'))).toEqual({
    principalArn: role('viewer'), type: 'STANDARD', username: 'viewer:{{SessionName}}', groups: ['readers'], tags: { team: 'ops' },
  });
  expect(await reader.describeAccessEntry(CLUSTER, role('path/with/slashes/admin'))).toEqual({
    principalArn: role('path/with/slashes/admin'), type: 'STANDARD', username: role('path/with/slashes/admin'), groups: [], tags: {},
  });
  expect(await reader.describeAccessEntry(CLUSTER, role('nobody'))).toBeUndefined();
  await expect(reader.describeAccessEntry('old', role('viewer'))).rejects.toThrow(/authentication mode must be set to one of \[API, API_AND_CONFIG_MAP\]/);
  aws.server.deny(TEST_IDENTITIES.deployer.arn, 'eks:DescribeAccessEntry');
  await expect(reader.describeAccessEntry(CLUSTER, role('viewer'))).rejects.toBeInstanceOf(AccessEntriesDeniedError);
  expect(operations()).toEqual(['DescribeAccessEntry 200', 'DescribeAccessEntry 200', 'DescribeAccessEntry 404 ResourceNotFoundException', 'DescribeAccessEntry 400 InvalidRequestException', 'DescribeAccessEntry 403 AccessDeniedException']);
});

test('the stand-in answers DescribeAccessEntry as EKS does: the entry\'s ARN under access-entry/, the same every time', async () => {
  const client = new EKSClient({ region: REGION, credentials: deployer });
  const { accessEntry } = await client.send(new DescribeAccessEntryCommand({ clusterName: CLUSTER, principalArn: role('viewer') }));
  expect(accessEntry?.accessEntryArn).toMatch(new RegExp(`^arn:aws:eks:${REGION}:${ACCOUNT}:access-entry/${CLUSTER}/role/${ACCOUNT}/viewer/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`));
  expect(accessEntry?.createdAt).toBeInstanceOf(Date);
  expect((await client.send(new DescribeAccessEntryCommand({ clusterName: CLUSTER, principalArn: role('viewer') }))).accessEntry?.accessEntryArn).toBe(accessEntry?.accessEntryArn);
});

test('AccessDeniedException becomes AccessEntriesDeniedError with AWS\'s message; other errors pass through', async () => {
  aws.server.deny(TEST_IDENTITIES.deployer.arn, 'eks:ListAccessEntries');
  const reader = createAccessEntryReader(REGION, deployer);
  const denied = reader.listAccessEntries(CLUSTER);
  await expect(denied).rejects.toBeInstanceOf(AccessEntriesDeniedError);
  await expect(denied).rejects.toThrow(`User: ${TEST_IDENTITIES.deployer.arn} is not authorized to perform: eks:ListAccessEntries on resource: arn:aws:eks:${REGION}:${ACCOUNT}:cluster/${CLUSTER}`);
  // Only the denied caller and action are refused.
  expect(await reader.listAssociatedPolicies(CLUSTER, role('viewer'))).toHaveLength(1);
  await expect(createAccessEntryReader(REGION, async () => ({ ...TEST_IDENTITIES.handler })).listAccessEntries(CLUSTER)).resolves.toHaveLength(3);

  await expect(reader.listAssociatedPolicies(CLUSTER, role('nobody'))).rejects.toThrow(/^The specified principalArn could not be found/);
  await expect(reader.listAssociatedPolicies('missing', role('viewer'))).rejects.toThrow('No cluster found for name: missing.');
  await expect(reader.listAssociatedPolicies('old', role('viewer'))).rejects.toThrow(/authentication mode must be set to one of \[API, API_AND_CONFIG_MAP\]/);
});

test('every call is SigV4-verified: a wrong secret or an unknown key is refused as EKS refuses it', async () => {
  const wrongSecret = createAccessEntryReader(REGION, async () => ({ ...TEST_IDENTITIES.deployer, secretAccessKey: 'not-the-secret' }));
  await expect(wrongSecret.listAccessEntries(CLUSTER)).rejects.toMatchObject({ name: 'InvalidSignatureException' });
  const unknown = createAccessEntryReader(REGION, async () => ({ accessKeyId: 'AKIDUNKNOWN000000000', secretAccessKey: 'x' }));
  await expect(unknown.listAssociatedPolicies(CLUSTER, role('viewer'))).rejects.toMatchObject({ name: 'UnrecognizedClientException' });
  expect(operations()).toEqual(['ListAccessEntries 403 InvalidSignatureException', 'ListAssociatedAccessPolicies 403 UnrecognizedClientException']);
});

describe('the stand-in refuses what EKS refuses (signed requests)', () => {
  /** A real client whose requests get `extra` query parameters before they are signed. */
  function clientWith(extra: Record<string, string>): EKSClient {
    const client = new EKSClient({ region: REGION, credentials: deployer });
    client.middlewareStack.add((next) => async (args) => {
      const request = args.request as { query?: Record<string, string> };
      request.query = { ...request.query, ...extra };
      return next(args);
    }, { step: 'build', name: 'extraQuery' });
    return client;
  }

  test.each([
    ['an unknown query parameter', { includeAll: 'true' }, 'unexpected query parameter(s) includeAll for ListAccessEntries'],
    ['maxResults above 100', { maxResults: '101' }, 'maxResults must be an integer from 1 to 100, got "101"'],
    ['maxResults 0', { maxResults: '0' }, 'maxResults must be an integer from 1 to 100, got "0"'],
    ['a malformed policy filter', { associatedPolicyArn: 'AmazonEKSClusterAdminPolicy' }, 'associatedPolicyArn "AmazonEKSClusterAdminPolicy" is not an access policy ARN'],
    ['a forged nextToken', { nextToken: 'bm90LWEtdG9rZW4' }, 'The nextToken is not valid for this request.'],
  ])('ListAccessEntries with %s: 400', async (_, extra, message) => {
    await expect(clientWith(extra).send(new ListAccessEntriesCommand({ clusterName: CLUSTER }))).rejects.toMatchObject({ name: 'InvalidParameterException', message });
  });

  test('a nextToken is valid only for the request that issued it', async () => {
    aws.server.maxPageSize = 1;
    const client = new EKSClient({ region: REGION, credentials: deployer });
    const first = await client.send(new ListAccessEntriesCommand({ clusterName: CLUSTER }));
    expect(first.nextToken).toEqual(expect.any(String));
    await expect(client.send(new ListAssociatedAccessPoliciesCommand({ clusterName: CLUSTER, principalArn: role('viewer'), nextToken: first.nextToken })))
      .rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(client.send(new ListAccessEntriesCommand({ clusterName: CLUSTER, associatedPolicyArn: ADMIN.policyArn, nextToken: first.nextToken })))
      .rejects.toMatchObject({ name: 'InvalidParameterException' });
    expect((await client.send(new ListAccessEntriesCommand({ clusterName: CLUSTER, nextToken: first.nextToken }))).accessEntries).toEqual([role('viewer')]);
  });

  test('another method or path on the access entry routes: 404 UnknownOperationException', async () => {
    for (const [method, path] of [['PATCH', `/clusters/${CLUSTER}/access-entries`], ['DELETE', `/clusters/${CLUSTER}/access-entries/x/access-policies`], ['PUT', `/clusters/${CLUSTER}/access-entries/x`]]) {
      const res = await fetch(`${aws.server.url}${path}`, { method });
      expect([method, path, res.status, res.headers.get('x-amzn-errortype')]).toEqual([method, path, 404, 'UnknownOperationException']);
    }
  });

  test('an unsigned request to a served route: 403 MissingAuthenticationTokenException', async () => {
    const res = await fetch(`${aws.server.url}/clusters/${CLUSTER}/access-entries`);
    expect([res.status, res.headers.get('x-amzn-errortype')]).toEqual([403, 'MissingAuthenticationTokenException']);
  });
});
