/**
 * lib/cli/people-entries.ts: before a deploy, `plan` names every declared principal of an
 * environment on accessBackend "both" that already has an access entry this app did not create,
 * read through the real SDK client from the strict EKS stand-in.
 */
import { createAccessEntryReader } from '../../../lib/cli/access-entries';
import { ACCESS_ENTRY_OWNER_TAG, entryPrincipals, entryState, planPeopleEntries } from '../../../lib/cli/people-entries';
import { validateEnvironment } from '../../../lib/config/validate';
import { Groups } from '../../../lib/k8s/groups';
import { TEST_IDENTITIES } from '../../support/identities';
import type { AwsSetup } from '../../lambda/edge/aws-setup';
import { ACCOUNT as STAND_IN_ACCOUNT, startAwsSetup } from '../../lambda/edge/aws-setup';
import { ACCOUNT, FULL, envConfig, fullEnvConfig } from '../../config-fixtures';

const REGION = 'eu-west-1';
const full = validateEnvironment(fullEnvConfig({ accessBackend: 'both' }));
const CLUSTER = full.clusterName;
const OURS = { [ACCESS_ENTRY_OWNER_TAG]: 'eks-access/full/people' };
const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const deployer = async () => ({ ...TEST_IDENTITIES.deployer });

let aws: AwsSetup;
afterEach(async () => {
  await aws?.close();
});

test('the principals: people roles by name, existing roles but node roles, users; none on aws-auth', () => {
  expect(entryPrincipals(full).map(({ field, principalArn }) => ({ field, principalArn }))).toEqual([
    { field: 'people[0]', principalArn: role('full_admin') },
    { field: 'people[1]', principalArn: role('full_break_glass') },
    { field: 'people[2]', principalArn: role('full_developer') },
    { field: 'people[3]', principalArn: role('full_reader') },
    { field: 'existingRoles[0]', principalArn: FULL.ssoRole },
    { field: 'users[0]', principalArn: FULL.ciUser },
  ]);
  expect(entryPrincipals(full).map((m) => [m.username, m.groups])[4]).toEqual(['sso-reader:{{SessionName}}', [Groups.reader]]);
  expect(entryPrincipals(validateEnvironment(fullEnvConfig()))).toEqual([]);
});

test('an entry is this app\'s only with its owner tag of this environment', () => {
  const entry = (tags: Record<string, string>) => ({ principalArn: 'p', type: 'STANDARD', username: 'u', groups: [], tags });
  expect(entryState(full, undefined)).toEqual({ kind: 'none' });
  expect(entryState(full, entry(OURS))).toEqual({ kind: 'ours' });
  expect(entryState(full, entry({ [ACCESS_ENTRY_OWNER_TAG]: 'eks-access/other/people' })).kind).toBe('other');
  expect(entryState(full, entry({})).kind).toBe('other');
});

test('plan: one line per principal whose entry is someone else\'s, with what it holds and the fix; a summary', async () => {
  aws = await startAwsSetup(REGION, {
    clusters: [{ name: CLUSTER, endpoint: 'https://127.0.0.1:1', caData: 'Q0E=' }],
    accessEntries: [
      { clusterName: CLUSTER, principalArn: role('full_admin'), policies: [], tags: OURS },
      { clusterName: CLUSTER, principalArn: FULL.ssoRole, policies: [], username: 'sso:{{SessionName}}', kubernetesGroups: ['viewers'] },
      { clusterName: CLUSTER, principalArn: FULL.ciUser, policies: [], type: 'STANDARD', username: 'ci', tags: { [ACCESS_ENTRY_OWNER_TAG]: 'eks-access/staging/people' } },
      { clusterName: CLUSTER, principalArn: FULL.karpenterNodeRole, policies: [], type: 'EC2_LINUX' },
    ],
  });
  const lines = await planPeopleEntries(full, createAccessEntryReader(REGION, deployer));
  const target = (p: string) => `--cluster-name ${CLUSTER} --region ${REGION} --principal-arn ${p}`;
  const fix = (p: string) => `Check what it grants (aws eks describe-access-entry ${target(p)}; aws eks list-associated-access-policies ${target(p)}), then delete it (aws eks delete-access-entry ${target(p)}) so that the deploy creates this app's; its aws-auth entry keeps the principal's access meanwhile. Or remove the mapping from config.`;
  expect(lines).toEqual([
    `  ! existingRoles[0] ${FULL.ssoRole} already has an access entry this app did not create (type STANDARD, username "sso:{{SessionName}}", groups [viewers]): EKS allows one per principal, so the deploy of full/Access would fail with ResourceInUseException. ${fix(FULL.ssoRole)}`,
    `  ! users[0] ${FULL.ciUser} already has an access entry this app did not create (type STANDARD, username "ci", groups [], tagged ${ACCESS_ENTRY_OWNER_TAG}=eks-access/staging/people): EKS allows one per principal, so the deploy of full/Access would fail with ResourceInUseException. ${fix(FULL.ciUser)}`,
    '  i people access entries (accessBackend both): 6 declared; 1 this app\'s, 3 to create, 2 someone else\'s',
  ]);
  // The node role's EC2_LINUX entry is EKS's: never asked about.
  expect(aws.server.requests.map((r) => r.operation)).toEqual(Array(6).fill('DescribeAccessEntry'));
});

test('denied: one line naming the actions, no failure', async () => {
  aws = await startAwsSetup(REGION, { clusters: [{ name: CLUSTER, endpoint: 'https://127.0.0.1:1', caData: 'Q0E=' }], accessEntries: [] });
  aws.server.deny(TEST_IDENTITIES.deployer.arn, 'eks:DescribeAccessEntry');
  expect(await planPeopleEntries(full, createAccessEntryReader(REGION, deployer))).toEqual([
    `  ! people access entries: not checked: User: ${TEST_IDENTITIES.deployer.arn} is not authorized to perform: eks:DescribeAccessEntry on resource: arn:aws:eks:${REGION}:${STAND_IN_ACCOUNT}:cluster/${CLUSTER}; allow eks:DescribeAccessEntry on the cluster's access entries to see which declared principals already have an access entry`,
  ]);
});

test('an environment on aws-auth: nothing asked, no line', async () => {
  const calls: string[] = [];
  const reader = { listAccessEntries: async () => [], listAssociatedPolicies: async () => [], describeAccessEntry: async (c: string) => { calls.push(c); return undefined; } };
  expect(await planPeopleEntries(validateEnvironment(envConfig({ people: [{ roleName: 'a', username: 'a', groups: [Groups.reader] }] })), reader)).toEqual([]);
  expect(calls).toEqual([]);
});
