/**
 * lib/cli/verify-entries.ts: `verify` of an environment on accessBackend "both" reads each
 * declared principal's access entry and its policies through the real SDK client from the strict
 * EKS stand-in, and fails on a missing, foreign or edited entry with the command that restores it.
 */
import { createAccessEntryReader } from '../../../lib/cli/access-entries';
import { clusterAdminPolicyArn } from '../../../lib/cli/creator-admin';
import { ACCESS_ENTRY_OWNER_TAG } from '../../../lib/cli/people-entries';
import { entryDifferences, verifyPeopleEntries } from '../../../lib/cli/verify-entries';
import { validateEnvironment } from '../../../lib/config/validate';
import { Groups } from '../../../lib/k8s/groups';
import { TEST_IDENTITIES } from '../../support/identities';
import type { StandInAccessEntry } from '../../../lib/sandbox/aws-endpoints';
import type { AwsSetup } from '../../lambda/edge/aws-setup';
import { startAwsSetup } from '../../lambda/edge/aws-setup';
import { ACCOUNT, envConfig } from '../../config-fixtures';

const REGION = 'eu-west-1';
const ADMIN_ARN = clusterAdminPolicyArn('aws');
const ADMIN = { policyArn: ADMIN_ARN, accessScope: { type: 'cluster' as const } };
const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const env = validateEnvironment(envConfig({
  accessBackend: 'both', allowClusterAdmin: true,
  people: [
    { roleName: 'ops_admin', username: 'admin', groups: [Groups.clusterAdmin], trustedPrincipals: [`arn:aws:iam::${ACCOUNT}:user/alice`] },
    { roleName: 'ops_reader', username: 'reader:{{SessionName}}', groups: [Groups.reader, 'auditors'] },
  ],
}));
const OURS = { [ACCESS_ENTRY_OWNER_TAG]: `eks-access/${env.name}/people` };
const deployer = async () => ({ ...TEST_IDENTITIES.deployer });
const target = (name: string) => `--cluster-name ${env.clusterName} --region ${REGION} --principal-arn ${role(name)}`;

let aws: AwsSetup;
afterEach(async () => {
  await aws?.close();
});

async function verifyWith(entries: StandInAccessEntry[]) {
  aws = await startAwsSetup(REGION, { clusters: [{ name: env.clusterName, endpoint: 'https://127.0.0.1:1', caData: 'Q0E=' }], accessEntries: entries });
  return verifyPeopleEntries(env, createAccessEntryReader(REGION, deployer));
}

const adminEntry = { clusterName: env.clusterName, principalArn: role('ops_admin'), policies: [ADMIN], username: 'admin', tags: OURS };
const readerEntry = { clusterName: env.clusterName, principalArn: role('ops_reader'), policies: [], username: 'reader:{{SessionName}}', kubernetesGroups: ['auditors', 'reader'], tags: OURS };

test('every entry as declared: ok, one line each (groups in any order)', async () => {
  expect(await verifyWith([adminEntry, readerEntry])).toEqual({
    ok: true,
    lines: [`ok access entry ${role('ops_admin')} (people[0]): as declared`, `ok access entry ${role('ops_reader')} (people[1]): as declared`],
  });
  expect(aws.server.requests.map((r) => r.operation)).toEqual(['DescribeAccessEntry', 'ListAssociatedAccessPolicies', 'DescribeAccessEntry', 'ListAssociatedAccessPolicies']);
});

test('missing, or someone else\'s: FAIL, naming the fix', async () => {
  const result = await verifyWith([{ ...readerEntry, tags: {} }]);
  expect(result).toEqual({
    ok: false,
    lines: [
      `FAIL access entry ${role('ops_admin')} (people[0]): missing; deploy test/Access to create it`,
      `FAIL access entry ${role('ops_reader')} (people[1]): not this app's (no ${ACCESS_ENTRY_OWNER_TAG}=eks-access/test/people tag); eks-access plan shows it and how to replace it`,
    ],
  });
});

test('edited outside the app: every difference, and the commands that restore it', async () => {
  const result = await verifyWith([
    { ...adminEntry, policies: [] },
    { ...readerEntry, username: 'someone', kubernetesGroups: ['reader'], policies: [ADMIN] },
  ]);
  expect(result.ok).toBe(false);
  expect(result.lines).toEqual([
    `FAIL access entry ${role('ops_admin')} (people[0]): edited outside the app: access policies [], config [AmazonEKSClusterAdminPolicy (cluster)]; a deploy does not redo an unchanged resource, so restore it: aws eks update-access-entry ${target('ops_admin')} --username 'admin' --kubernetes-groups []; aws eks associate-access-policy ${target('ops_admin')} --policy-arn ${ADMIN_ARN} --access-scope type=cluster`,
    `FAIL access entry ${role('ops_reader')} (people[1]): edited outside the app: username "someone", config "reader:{{SessionName}}"; groups [reader], config [reader, auditors]; access policies [AmazonEKSClusterAdminPolicy (cluster)], config []; a deploy does not redo an unchanged resource, so restore it: aws eks update-access-entry ${target('ops_reader')} --username 'reader:{{SessionName}}' --kubernetes-groups reader auditors; aws eks disassociate-access-policy ${target('ops_reader')} --policy-arn ${ADMIN_ARN}`,
  ]);
});

test('entryDifferences: the type, and a policy at namespace scope is not the cluster-scope one', () => {
  const entry = { principalArn: 'p', type: 'EC2_LINUX', username: 'admin', groups: [], tags: {} };
  expect(entryDifferences(env, env.people[0], entry, [{ policyArn: ADMIN_ARN, scope: 'namespace', namespaces: ['web'] }])).toEqual([
    'type EC2_LINUX, not STANDARD',
    'access policies [AmazonEKSClusterAdminPolicy (namespace: web)], config [AmazonEKSClusterAdminPolicy (cluster)]',
  ]);
  expect(entryDifferences(env, env.people[0], { ...entry, type: 'STANDARD' }, [{ policyArn: ADMIN_ARN, scope: 'cluster', namespaces: [] }])).toEqual([]);
});

test('an environment on aws-auth: nothing to verify', async () => {
  const awsAuth = validateEnvironment(envConfig());
  const reader = { listAccessEntries: async () => [], listAssociatedPolicies: async () => [], describeAccessEntry: async () => { throw new Error('asked'); } };
  expect(await verifyPeopleEntries(awsAuth, reader)).toEqual({ ok: true, lines: [] });
});
