/**
 * `--output json` against the stand-ins: stdout is exactly one JSON document (every
 * environment's result: plan changes and drift, cluster-admin access entries, verify findings,
 * errors), progress stays on stderr, and the exit code is the one text output gives.
 */
import { CLI_JSON_VERSION, verifyFinding } from '../../../lib/cli/json-output';
import type { CliJsonDocument } from '../../../lib/cli/json-output';
import { Groups } from '../../../lib/k8s/groups';
import type { CliSetup } from './cli-setup';
import { ACCOUNT, CLUSTER, EKSCTL_ENTRY, REGION, role, startCliSetup, testEnvironment } from './cli-setup';

let s: CliSetup;
beforeAll(async () => {
  s = await startCliSetup();
});
afterAll(async () => {
  await s.close();
});

const missing = testEnvironment({ name: 'gone', clusterName: 'missing-cluster' });
const where = { clusterName: CLUSTER, region: REGION, account: ACCOUNT };

function parse(out: string[]): CliJsonDocument {
  return JSON.parse(out.join('\n')) as CliJsonDocument;
}

describe('plan --output json', () => {
  test('no changes: one document, exit 0, progress on stderr only', async () => {
    const run = await s.run(['plan', '--env', 'test', '--output', 'json', '--detailed-exitcode']);
    expect(run.code).toBe(0);
    expect(parse(run.out)).toEqual({
      version: CLI_JSON_VERSION,
      command: 'plan',
      exitCode: 0,
      environments: [{
        name: 'test', ...where, status: 'no-changes',
        plan: { awsAuthExists: true, changes: [], drift: [], clusterAdmins: { kind: 'read', principals: [] }, notes: [] },
      }],
    });
    expect(run.err).toEqual([`test: plan ${CLUSTER} in ${REGION} (account ${ACCOUNT})...`, 'test: no changes']);
  });

  test('changes, drift and an environment that fails: exit codes as in text, every environment listed', async () => {
    s.editByHand('mapRoles', (entries) => [
      ...entries.map((e) => (e.rolearn === role('external_developer') ? { ...e, groups: [Groups.developer, Groups.clusterAdmin] } : e)),
      EKSCTL_ENTRY,
    ]);
    try {
      const detailed = await s.run(['plan', '--env', 'test', '--output', 'json', '--detailed-exitcode']);
      expect(detailed.code).toBe(2);
      const doc = parse(detailed.out);
      expect(doc.exitCode).toBe(2);
      const [test] = doc.environments;
      expect(test.status).toBe('changes');
      expect(test.plan?.changes).toEqual([expect.objectContaining({ action: 'changed', kind: 'role', key: role('external_developer').toLowerCase() })]);
      expect(test.plan?.drift.map((d) => [d.drift, d.kind, d.key])).toEqual(expect.arrayContaining([
        ['edited', 'role', role('external_developer').toLowerCase()],
        ['duplicate', 'role', role('ci-deployer').toLowerCase()],
      ]));

      const both = await s.run(['plan', '--all', '--output', 'json', '--detailed-exitcode'], [missing, testEnvironment()]);
      expect(both.code).toBe(1);
      const all = parse(both.out);
      expect(all.exitCode).toBe(1);
      expect(all.environments.map((e) => [e.name, e.status])).toEqual([['gone', 'error'], ['test', 'changes']]);
      expect(all.environments[0].error).toEqual({
        kind: 'cluster-not-found',
        message: `EKS cluster "missing-cluster" was not found in region ${REGION}; check clusterName and region of environment "gone" in the config, and that your AWS credentials are for account ${ACCOUNT}`,
      });
      // The error is a sentence on stderr too, for the person watching.
      expect(both.err).toContain(`gone: ${all.environments[0].error?.message}`);
    } finally {
      s.editByHand('mapRoles', (entries) => entries.slice(0, -1).map((e) => (e.rolearn === role('external_developer') ? { ...e, groups: [Groups.developer] } : e)));
    }
  });

  test('cluster-admin access entries as read', async () => {
    s.harness.aws.accessEntries.push({ clusterName: CLUSTER, principalArn: role('ops'), policies: [{ policyArn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy', accessScope: { type: 'cluster' } }] });
    try {
      const run = await s.run(['plan', '--env', 'test', '--output', 'json']);
      const plan = parse(run.out).environments[0].plan;
      expect(plan?.clusterAdmins).toEqual({ kind: 'read', principals: [role('ops')] });
      expect(plan?.notes).toEqual([`i cluster admin access entry: ${role('ops')} holds AmazonEKSClusterAdminPolicy at cluster scope`]);
    } finally {
      s.harness.aws.accessEntries.pop();
    }
  });
});

describe('verify --output json', () => {
  test('every finding, ok or not, and the exit code', async () => {
    const run = await s.run(['verify', '--env', 'test', '--output', 'json']);
    expect(run.code).toBe(0);
    const [test] = parse(run.out).environments;
    expect(test).toMatchObject({ name: 'test', ...where, status: 'verified', verify: { ok: true } });
    expect(test.verify?.findings).toContainEqual({ ok: true, message: 'admin can do * on * cluster-wide' });
    expect(test.verify?.findings.every((f) => f.ok)).toBe(true);

    s.editByHand('mapRoles', (entries) => entries.map((e) => (e.rolearn === role('external_developer') ? { ...e, groups: [Groups.clusterAdmin] } : e)));
    try {
      const failed = await s.run(['verify', '--env', 'test', '--output', 'json']);
      expect(failed.code).toBe(1);
      const [env] = parse(failed.out).environments;
      expect(env.status).toBe('failed');
      expect(env.verify?.ok).toBe(false);
      expect(env.verify?.findings).toContainEqual({ ok: false, message: expect.stringMatching(/^developer cannot do \* on \* cluster-wide: the cluster says allowed/) });
    } finally {
      s.editByHand('mapRoles', (entries) => entries.map((e) => (e.rolearn === role('external_developer') ? { ...e, groups: [Groups.developer] } : e)));
    }
  });
});

describe('verifyFinding', () => {
  test.each([
    ['ok   admin can do * on * cluster-wide', { ok: true, message: 'admin can do * on * cluster-wide' }],
    ['FAIL aws-auth does not exist', { ok: false, message: 'aws-auth does not exist' }],
  ])('%s', (line, finding) => {
    expect(verifyFinding(line)).toEqual(finding);
  });
});
