import { AWS_AUTH_NAME, AWS_AUTH_NAMESPACE } from '../../../lambda/aws-auth/api';
import { creatorRoleArn } from '../../../lib/cli/plan';
import type { ResolvedEnvironment } from '../../../lib/config/validate';
import { Groups } from '../../../lib/k8s/groups';
import type { CliSetup } from './cli-setup';
import { ACCOUNT, EKSCTL_ENTRY, REGION, role, startCliSetup, testEnvironment } from './cli-setup';

const OWNER = 'eks-access/test/people';

let s: CliSetup;
afterEach(async () => {
  await s.close();
});

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

  test('creator admin on: an informational line names the CloudFormation execution role and its access entry, never a change', async () => {
    s = await startCliSetup();
    const run = await s.run(['plan', '--env', 'test', '--detailed-exitcode'], [testEnvironment({ bootstrapCreatorAdmin: true })]);
    expect(run.code).toBe(0);
    expect(run.out).toEqual([
      '## test',
      '  no changes: aws-auth already holds every declared entry exactly once',
      `  i creator admin (bootstrapCreatorAdmin: true): arn:aws:iam::${ACCOUNT}:role/cdk-hnb659fds-cfn-exec-role-${ACCOUNT}-${REGION}, the cluster creator (CloudFormation's execution role), `
        + 'holds AmazonEKSClusterAdminPolicy through an access entry EKS created; it is create-only, so remove the entry with '
        + '"aws eks delete-access-entry" once another admin path works (README "Creator admin"), never by setting false',
    ]);
    expect(run.err[1]).toBe('test: no changes');
  });

  test('creator admin off: no creator line', async () => {
    s = await startCliSetup();
    const run = await s.run(['plan', '--env', 'test'], [testEnvironment({ bootstrapCreatorAdmin: false })]);
    expect(run.out.some((l) => l.includes('creator admin'))).toBe(false);
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

test('the cluster creator is the default synthesizer\'s execution role, in the environment\'s partition, account and region', () => {
  const env = { partition: 'aws-cn', account: '444455556666', region: 'cn-north-1' } as ResolvedEnvironment;
  expect(creatorRoleArn(env)).toBe('arn:aws-cn:iam::444455556666:role/cdk-hnb659fds-cfn-exec-role-444455556666-cn-north-1');
});
