import { USAGE } from '../../../lib/cli/run';
import { Groups } from '../../../lib/k8s/groups';
import type { CliSetup } from './cli-setup';
import { CLUSTER, EKSCTL_ENTRY, VERIFIER_ROLE, VERIFIER_SESSION, role, startCliSetup, testEnvironment } from './cli-setup';

let s: CliSetup;
beforeAll(async () => {
  s = await startCliSetup();
});
afterAll(async () => {
  await s.close();
});

/** Total requests both stand-ins have seen. */
const requestCount = () => s.harness.kube.requests.length + s.harness.aws.requests.length;

describe('command line', () => {
  test.each([
    ['no arguments', [], USAGE],
    ['an unknown command', ['apply', '--env', 'test'], USAGE],
    ['no environment', ['plan'], USAGE],
    ['--env without a name', ['verify', '--env'], `--env needs an environment name\n${USAGE}`],
    ['--env followed by a flag', ['plan', '--env', '--all'], `--env needs an environment name\n${USAGE}`],
    ['an unknown flag', ['plan', '--env', 'test', '--force'], `unknown argument "--force"\n${USAGE}`],
  ])('usage error, exit 64: %s', async (_, argv, message) => {
    const before = requestCount();
    const run = await s.run(argv);
    expect(run).toEqual({ code: 64, out: [], err: message.split('\n') });
    expect(requestCount()).toBe(before); // nothing reached AWS or Kubernetes
  });

  test('an unknown environment is a usage error naming the known ones', async () => {
    const before = requestCount();
    const run = await s.run(['plan', '--env', 'test', '--env', 'nope']);
    expect(run).toEqual({ code: 64, out: [], err: ['unknown environment "nope"; known: test'] });
    expect(requestCount()).toBe(before);
  });

  test('invalid config stops before any call, exit 1, naming environment and field', async () => {
    const run = await s.run(['plan', '--all'], [testEnvironment({ people: [{ roleName: 'x', username: 'system:x', groups: [Groups.developer] }] })]);
    expect(run.code).toBe(1);
    expect(run.err.join('\n')).toMatch(/test.*people\[0\]\.username.*system:x/s);
  });
});

describe('environments', () => {
  const missing = testEnvironment({ name: 'gone', clusterName: 'missing-cluster' });

  test('cluster not found: exit 1, the message names cluster, region, environment and account', async () => {
    const run = await s.run(['verify', '--env', 'gone'], [testEnvironment(), missing]);
    expect(run).toEqual({
      code: 1,
      out: [],
      err: [
        'gone: verify missing-cluster in eu-west-1 (account 111122223333)...',
        'gone: EKS cluster "missing-cluster" was not found in region eu-west-1; check clusterName and region of environment "gone" '
          + 'in the config, and that your AWS credentials are for account 111122223333',
      ],
    });
  });

  test('--all runs every environment in order with a progress line each; one failing does not stop the others', async () => {
    const run = await s.run(['plan', '--all', '--detailed-exitcode'], [missing, testEnvironment()]);
    expect(run.code).toBe(1);
    expect(run.err).toEqual([
      'gone: plan missing-cluster in eu-west-1 (account 111122223333)...',
      expect.stringMatching(/^gone: EKS cluster "missing-cluster" was not found/),
      'test: plan eks-access-test in eu-west-1 (account 111122223333)...',
      'test: no changes',
    ]);
    expect(run.out).toEqual(['## test', '  no changes: aws-auth already holds every declared entry exactly once']);
  });

  test('with --detailed-exitcode, an error (1) wins over changes (2) whatever the order', async () => {
    s.editByHand('mapRoles', (entries) => [...entries, EKSCTL_ENTRY]);
    try {
      const changesFirst = await s.run(['plan', '--env', 'test', '--env', 'gone', '--detailed-exitcode'], [testEnvironment(), missing]);
      expect(changesFirst.err.map((l) => l.split(':')[0])).toEqual(['test', 'test', 'gone', 'gone']);
      expect(changesFirst.code).toBe(1);
      const errorFirst = await s.run(['plan', '--all', '--detailed-exitcode'], [missing, testEnvironment()]);
      expect(errorFirst.err.map((l) => l.split(':')[0])).toEqual(['gone', 'gone', 'test', 'test']);
      expect(errorFirst.code).toBe(1);
      const alone = await s.run(['plan', '--env', 'test', '--detailed-exitcode'], [testEnvironment(), missing]);
      expect(alone.code).toBe(2);
    } finally {
      s.editByHand('mapRoles', (entries) => entries.slice(0, -1));
    }
  });
});

describe('--assume-role: verify as the environment verifier role (what the pipeline does)', () => {
  const config = testEnvironment({ verifierTrustedRoleArns: [role('pipeline-verify-step')] });

  test('every Kubernetes request is made as the verifier, and its RBAC is exactly enough', async () => {
    const v = await startCliSetup(config);
    try {
      const kubeBefore = v.harness.kube.requests.length;
      const run = await v.run(['verify', '--env', 'test', '--assume-role', VERIFIER_ROLE], [config]);
      expect(run.code).toBe(0);
      expect(run.out.filter((l) => l.includes('FAIL'))).toEqual([]);
      // The verifier mapping itself is declared, so verify expects it and does not flag it.
      expect(run.out).toContain('  ok   eks-access-verifier cannot do * on * cluster-wide');
      const identities = new Set(v.harness.kube.requests.slice(kubeBefore).map((r) => r.identity));
      expect(identities).toEqual(new Set([VERIFIER_SESSION]));
      expect(v.harness.aws.requests.filter((r) => r.operation === 'AssumeRole' && r.status === 200).length).toBeGreaterThan(0);
    } finally {
      await v.close();
    }
  });

  test('without the verifier RBAC the same run fails with 403 (so the RBAC is not decoration)', async () => {
    const v = await startCliSetup(config);
    try {
      expect(v.rbac.remove('ClusterRole', 'eks-access-verifier')).toBe(true);
      expect(v.rbac.remove('Role', 'eks-access-verifier', 'kube-system')).toBe(true);
      const run = await v.run(['verify', '--env', 'test', '--assume-role', VERIFIER_ROLE], [config]);
      expect(run.code).toBe(1);
      expect(run.err.join('\n')).toMatch(/403|Forbidden/);
    } finally {
      await v.close();
    }
  });

  test('a malformed role ARN is a usage error', async () => {
    const run = await s.run(['verify', '--env', 'test', '--assume-role', `${CLUSTER}-verifier`]);
    expect(run.code).toBe(64);
    expect(run.err[0]).toBe(`--assume-role needs an IAM role ARN, got "${CLUSTER}-verifier"`);
  });
});
