import { AWS_AUTH_NAME, AWS_AUTH_NAMESPACE } from '../../../lambda/aws-auth/api';
import { clusterAdminPolicyArn } from '../../../lib/cli/creator-admin';
import type { StandInAccessPolicy } from '../../support/aws-endpoints';
import { TEST_IDENTITIES } from '../../support/identities';
import { Groups } from '../../../lib/k8s/groups';
import type { CliSetup } from './cli-setup';
import { ACCOUNT, EKSCTL_ENTRY, REGION, role, startCliSetup, testEnvironment } from './cli-setup';

const OWNER = 'eks-access/test/people';
const CREATOR = `arn:aws:iam::${ACCOUNT}:role/cdk-hnb659fds-cfn-exec-role-${ACCOUNT}-${REGION}`;
const CLUSTER_ADMIN: StandInAccessPolicy = { policyArn: clusterAdminPolicyArn('aws'), accessScope: { type: 'cluster' } };
const VIEW: StandInAccessPolicy = { policyArn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy', accessScope: { type: 'cluster' } };
const entry = (principalArn: string, policies: StandInAccessPolicy[]) => ({ clusterName: 'eks-access-test', principalArn, policies });

let s: CliSetup;
afterEach(async () => {
  await s.close();
});

/** EKS calls other than DescribeCluster, as `Operation status identity`. */
function eksCalls(): string[] {
  return s.harness.aws.requests.filter((r) => r.service === 'eks' && r.operation !== 'DescribeCluster').map((r) => `${r.operation} ${r.status} ${r.identity ?? '-'}`);
}

/** Requests the CLI made to the Kubernetes stand-in after `since`, as `METHOD path`. */
function cliRequests(since: number): string[] {
  return s.harness.kube.requests.slice(since).map((r) => `${r.method} ${r.path}`);
}

describe('plan', () => {
  test('no drift: prints "no changes", exits 0 even with --detailed-exitcode, and only reads aws-auth', async () => {
    s = await startCliSetup();
    const before = s.harness.awsAuth();
    const since = s.harness.kube.requests.length;
    const run = await s.run(['plan', '--env', 'test', '--detailed-exitcode']);
    expect(run).toEqual({
      code: 0,
      out: ['## test', '  no changes: aws-auth already holds every declared entry exactly once'],
      err: ['test: plan eks-access-test in eu-west-1 (account 111122223333)...', 'test: no changes'],
    });
    expect(cliRequests(since)).toEqual([`GET /api/v1/namespaces/${AWS_AUTH_NAMESPACE}/configmaps/${AWS_AUTH_NAME}`]);
    expect(s.harness.awsAuth()).toEqual(before);
  });

  test('drift: an owned entry edited by hand, one deleted by hand and an unowned duplicate are each listed', async () => {
    s = await startCliSetup();
    s.editByHand('mapRoles', (entries) => [
      ...entries
        .filter((e) => e.rolearn !== role('external_reader'))
        .map((e) => (e.rolearn === role('external_developer') ? { ...e, groups: [Groups.developer, Groups.clusterAdmin] } : e)),
      EKSCTL_ENTRY, // eksctl create iamidentitymapping, run again by a pipeline
    ]);
    const before = s.harness.awsAuth();

    const plain = await s.run(['plan', '--env', 'test']);
    expect(plain.code).toBe(0);
    expect(plain.out).toEqual([
      '## test',
      `  ~ changed role ${role('external_developer')} -> developer [developer]`,
      `  + added role ${role('external_reader')} -> reader [reader]`,
      `  ! drift: role ${role('external_developer')} was edited by hand (owned by ${OWNER}): expected -> developer [developer], `
        + `found [{"rolearn":"${role('external_developer')}","username":"developer","groups":["developer","system:masters"]}]`,
      `  ! drift: role ${role('external_reader')} was deleted by hand (owned by ${OWNER})`,
      `  ! drift: role ${role('ci-deployer')} appears 2 times (unowned)`,
    ]);
    expect(plain.err).toEqual(['test: plan eks-access-test in eu-west-1 (account 111122223333)...', 'test: 2 change(s), 3 drift item(s)']);

    const detailed = await s.run(['plan', '--env', 'test', '--detailed-exitcode']);
    expect(detailed.code).toBe(2);
    expect(detailed.out).toEqual(plain.out);
    expect(s.harness.awsAuth()).toEqual(before); // plan never writes
  });

  test('a deploy fixes what it owns; the unowned duplicate stays drift, which plan keeps reporting', async () => {
    s = await startCliSetup();
    s.editByHand('mapRoles', (entries) => [...entries, EKSCTL_ENTRY]);
    await s.deploy();
    const run = await s.run(['plan', '--env', 'test', '--detailed-exitcode']);
    expect(run.out).toEqual(['## test', `  ! drift: role ${role('ci-deployer')} appears 2 times (unowned)`]);
    expect(run.code).toBe(2);
  });

  test('a duplicate of an owned entry is shown as the collapse a deploy would make, and as drift naming its owner', async () => {
    s = await startCliSetup();
    s.editByHand('mapUsers', (entries) => [...entries, ...entries]);
    const run = await s.run(['plan', '--env', 'test', '--detailed-exitcode']);
    expect(run.out).toEqual([
      '## test',
      `  * collapsed user arn:aws:iam::111122223333:user/ci-bot -> ci-bot [reader]`,
      `  ! drift: user arn:aws:iam::111122223333:user/ci-bot appears 2 times (owned by ${OWNER})`,
    ]);
    expect(run.code).toBe(2);
  });

  test('a declared mapping not deployed yet is listed as an addition', async () => {
    s = await startCliSetup();
    const next = testEnvironment();
    const withAuditor = testEnvironment({ people: [...next.people, { roleName: 'external_auditor', username: 'auditor', groups: [Groups.reader] }] });
    const run = await s.run(['plan', '--env', 'test', '--detailed-exitcode'], [withAuditor]);
    expect(run.out).toEqual(['## test', `  + added role ${role('external_auditor')} -> auditor [reader]`]);
    expect(run.code).toBe(2);
    expect(run.err[1]).toBe('test: 1 change(s), 0 drift item(s)');
  });

  test('a fresh cluster without aws-auth: every declared entry would be added', async () => {
    s = await startCliSetup(testEnvironment(), { deploy: false });
    s.harness.kube.store.delete(AWS_AUTH_NAMESPACE, AWS_AUTH_NAME);
    const run = await s.run(['plan', '--env', 'test', '--detailed-exitcode']);
    expect(run.code).toBe(2);
    expect(run.out).toEqual([
      '## test',
      `  ${AWS_AUTH_NAMESPACE}/${AWS_AUTH_NAME} does not exist yet: it will be created`,
      `  + added role ${role('eks-access-test-node-general')} -> system:node:{{EC2PrivateDNSName}} [system:bootstrappers, system:nodes]`,
      `  + added role ${role('external_admin')} -> admin [system:masters]`,
      `  + added role ${role('external_developer')} -> developer [developer]`,
      `  + added role ${role('external_reader')} -> reader [reader]`,
      '  + added user arn:aws:iam::111122223333:user/ci-bot -> ci-bot [reader]',
    ]);
  });

  test('before the first deploy, the node role EKS wrote is adopted, not added; the eksctl entry is left alone', async () => {
    s = await startCliSetup(testEnvironment(), { deploy: false });
    const run = await s.run(['plan', '--env', 'test']);
    expect(run.out).toEqual([
      '## test',
      `  = adopted role ${role('eks-access-test-node-general')} -> system:node:{{EC2PrivateDNSName}} [system:bootstrappers, system:nodes]`,
      `  + added role ${role('external_admin')} -> admin [system:masters]`,
      `  + added role ${role('external_developer')} -> developer [developer]`,
      `  + added role ${role('external_reader')} -> reader [reader]`,
      '  + added user arn:aws:iam::111122223333:user/ci-bot -> ci-bot [reader]',
    ]);
  });

  test('creator entry present with admin policy, config true: listed as the creator, with the safe removal, never a change', async () => {
    s = await startCliSetup();
    s.harness.aws.accessEntries.push(entry(CREATOR, [CLUSTER_ADMIN]), entry(role('aws-auth-handler'), []));
    const run = await s.run(['plan', '--env', 'test', '--detailed-exitcode'], [testEnvironment({ bootstrapCreatorAdmin: true })]);
    expect(run.code).toBe(0);
    expect(run.out).toEqual([
      '## test',
      '  no changes: aws-auth already holds every declared entry exactly once',
      `  i cluster admin access entry: ${CREATOR}, the cluster creator (CloudFormation's execution role), holds AmazonEKSClusterAdminPolicy at cluster scope `
        + '(bootstrapCreatorAdmin: true); remove it with "aws eks delete-access-entry" once another admin path works (README "Creator admin"), '
        + 'never by changing bootstrapCreatorAdmin (create-only: that replaces the cluster)',
    ]);
    expect(run.err[1]).toBe('test: no changes');
    expect(eksCalls()).toEqual([
      `ListAccessEntries 200 ${TEST_IDENTITIES.deployer.arn}`,
      `ListAssociatedAccessPolicies 200 ${TEST_IDENTITIES.deployer.arn}`,
    ]);
  });

  test('creator entry absent while config says true (removed as the README shows): an informational line, exit unchanged', async () => {
    s = await startCliSetup();
    const run = await s.run(['plan', '--env', 'test', '--detailed-exitcode'], [testEnvironment({ bootstrapCreatorAdmin: true })]);
    expect(run.code).toBe(0);
    expect(run.out.slice(2)).toEqual([
      `  i creator admin (bootstrapCreatorAdmin: true): the cluster creator ${CREATOR} holds no AmazonEKSClusterAdminPolicy access entry at cluster scope `
        + '(removed, as README "Creator admin" shows); nothing to do: keep the setting true, it is create-only',
    ]);
  });

  test('creator entry present while config says false: a warning line with the delete command, exit unchanged', async () => {
    s = await startCliSetup();
    s.harness.aws.accessEntries.push(entry(CREATOR, [CLUSTER_ADMIN]));
    const run = await s.run(['plan', '--env', 'test', '--detailed-exitcode']);
    expect(run.code).toBe(0);
    expect(run.out.slice(2)).toEqual([
      `  i cluster admin access entry: ${CREATOR}, the cluster creator (CloudFormation's execution role), holds AmazonEKSClusterAdminPolicy at cluster scope `
        + '(bootstrapCreatorAdmin: false); remove it with "aws eks delete-access-entry" once another admin path works (README "Creator admin"), '
        + 'never by changing bootstrapCreatorAdmin (create-only: that replaces the cluster)',
      '  ! creator admin (bootstrapCreatorAdmin: false): config says the cluster creator has no admin, but its access entry holds AmazonEKSClusterAdminPolicy; '
        + `delete it with "aws eks delete-access-entry --cluster-name eks-access-test --region ${REGION} --principal-arn ${CREATOR}" once another admin path works`,
    ]);
  });

  test('config false and no cluster admin entry: no creator line; an entry without admin policy is not asked about', async () => {
    s = await startCliSetup();
    s.harness.aws.accessEntries.push(entry(role('aws-auth-handler'), []));
    const run = await s.run(['plan', '--env', 'test']);
    expect(run.out).toEqual(['## test', '  no changes: aws-auth already holds every declared entry exactly once']);
    expect(eksCalls()).toEqual([`ListAccessEntries 200 ${TEST_IDENTITIES.deployer.arn}`]);
  });

  test('other principals with cluster admin are listed; namespace scope, other policies and other clusters are not', async () => {
    s = await startCliSetup();
    s.harness.aws.accessEntries.push(
      entry(role('platform-admin'), [VIEW, CLUSTER_ADMIN]),
      entry(role('team-admin'), [{ ...CLUSTER_ADMIN, accessScope: { type: 'namespace', namespaces: ['payments'] } }]),
      entry(role('viewer'), [VIEW]),
      { ...entry(role('elsewhere'), [CLUSTER_ADMIN]), clusterName: 'another-cluster' },
      entry(CREATOR, [CLUSTER_ADMIN]),
    );
    const run = await s.run(['plan', '--env', 'test'], [testEnvironment({ bootstrapCreatorAdmin: true })]);
    expect(run.out.slice(2).map((l) => l.split(' holds ')[0])).toEqual([
      `  i cluster admin access entry: ${role('platform-admin')}`,
      `  i cluster admin access entry: ${CREATOR}, the cluster creator (CloudFormation's execution role),`,
    ]);
    expect(run.out[2]).toBe(`  i cluster admin access entry: ${role('platform-admin')} holds AmazonEKSClusterAdminPolicy at cluster scope`);
  });

  test('pagination: every page of ListAccessEntries and of ListAssociatedAccessPolicies is read (nextToken)', async () => {
    s = await startCliSetup();
    s.harness.aws.maxPageSize = 2;
    const admins = ['a1', 'a2', 'a3', 'a4', 'a5'].map(role);
    s.harness.aws.accessEntries.push(
      ...admins.map((a) => entry(a, [CLUSTER_ADMIN])),
      // The admin policy on the third page of this entry's associations.
      entry(CREATOR, [VIEW, { ...VIEW, policyArn: VIEW.policyArn.replace('View', 'Edit') }, { ...VIEW, policyArn: VIEW.policyArn.replace('View', 'Admin') }, { ...VIEW, policyArn: VIEW.policyArn.replace('View', 'Secret') }, CLUSTER_ADMIN]),
    );
    const run = await s.run(['plan', '--env', 'test'], [testEnvironment({ bootstrapCreatorAdmin: true })]);
    expect(run.out.slice(2).map((l) => l.split(' holds ')[0].split(', the')[0])).toEqual([...admins, CREATOR].map((a) => `  i cluster admin access entry: ${a}`));
    const calls = eksCalls();
    expect(calls.filter((c) => c.startsWith('ListAccessEntries 200'))).toHaveLength(3);
    expect(calls.filter((c) => c.startsWith('ListAssociatedAccessPolicies 200'))).toHaveLength(5 + 3);
  });

  test('AccessDenied: a sentence naming the missing permissions; the rest of the plan and its exit code unchanged', async () => {
    s = await startCliSetup();
    s.harness.aws.accessEntries.push(entry(CREATOR, [CLUSTER_ADMIN]));
    s.harness.aws.deny(TEST_IDENTITIES.deployer.arn, 'eks:ListAccessEntries');
    s.editByHand('mapRoles', (entries) => entries.filter((e) => e.rolearn !== role('external_reader')));
    const run = await s.run(['plan', '--env', 'test', '--detailed-exitcode'], [testEnvironment({ bootstrapCreatorAdmin: true })]);
    expect(run.code).toBe(2);
    expect(run.out).toEqual([
      '## test',
      `  + added role ${role('external_reader')} -> reader [reader]`,
      `  ! drift: role ${role('external_reader')} was deleted by hand (owned by ${OWNER})`,
      `  ! access entries not read: User: ${TEST_IDENTITIES.deployer.arn} is not authorized to perform: eks:ListAccessEntries on resource: `
        + `arn:aws:eks:${REGION}:${ACCOUNT}:cluster/eks-access-test; grant eks:ListAccessEntries and eks:ListAssociatedAccessPolicies on cluster eks-access-test `
        + "to see which access entries hold AmazonEKSClusterAdminPolicy (the cluster creator's among them)",
    ]);
    expect(eksCalls()).toEqual([`ListAccessEntries 403 ${TEST_IDENTITIES.deployer.arn}`]);

  });

  test('AccessDenied on ListAssociatedAccessPolicies: the same sentence, with AWS naming that action', async () => {
    s = await startCliSetup();
    s.harness.aws.accessEntries.push(entry(CREATOR, [CLUSTER_ADMIN]));
    s.harness.aws.deny(TEST_IDENTITIES.deployer.arn, 'eks:ListAssociatedAccessPolicies');
    const run = await s.run(['plan', '--env', 'test', '--detailed-exitcode'], [testEnvironment({ bootstrapCreatorAdmin: true })]);
    expect(run.code).toBe(0);
    expect(run.out.slice(2)).toEqual([
      `  ! access entries not read: User: ${TEST_IDENTITIES.deployer.arn} is not authorized to perform: eks:ListAssociatedAccessPolicies on resource: `
        + `arn:aws:eks:${REGION}:${ACCOUNT}:cluster/eks-access-test; grant eks:ListAccessEntries and eks:ListAssociatedAccessPolicies on cluster eks-access-test `
        + "to see which access entries hold AmazonEKSClusterAdminPolicy (the cluster creator's among them)",
    ]);
    expect(eksCalls()).toEqual([`ListAccessEntries 200 ${TEST_IDENTITIES.deployer.arn}`, `ListAssociatedAccessPolicies 403 ${TEST_IDENTITIES.deployer.arn}`]);
  });

  test('a cluster in CONFIG_MAP mode has no access entries: not asked; with config true a line says so', async () => {
    s = await startCliSetup(testEnvironment(), { deploy: false, authenticationMode: 'CONFIG_MAP' });
    const on = await s.run(['plan', '--env', 'test'], [testEnvironment({ bootstrapCreatorAdmin: true })]);
    expect(on.code).toBe(0);
    expect(on.out.slice(-1)).toEqual([
      "  i creator admin (bootstrapCreatorAdmin: true): the cluster's authentication mode is CONFIG_MAP, so it has no access entries to show",
    ]);
    const off = await s.run(['plan', '--env', 'test']);
    expect(off.out.some((l) => l.includes('access entr'))).toBe(false);
    expect(eksCalls()).toEqual([]);
  });

  test('a plan that cannot be applied (an unowned entry maps a declared role differently) fails with the conflict', async () => {
    s = await startCliSetup();
    s.editByHand('mapRoles', (entries) => [...entries, { rolearn: role('external_auditor'), username: 'someone', groups: ['ops'] }]);
    const withAuditor = testEnvironment({ people: [...testEnvironment().people, { roleName: 'external_auditor', username: 'auditor', groups: [Groups.reader] }] });
    const run = await s.run(['plan', '--env', 'test', '--detailed-exitcode'], [withAuditor]);
    expect(run.code).toBe(1);
    expect(run.out).toEqual([]);
    expect(run.err[1]).toMatch(new RegExp(`^test: aws-auth role ${role('external_auditor')} is already mapped by an unowned entry .*set takeOverUnowned`));
  });
});
