import { AWS_AUTH_NAME, AWS_AUTH_NAMESPACE } from '../../../lambda/aws-auth/api';
import { accessChecks } from '../../../lib/cli/access-checks';
import { validateEnvironment } from '../../../lib/config/validate';
import { Groups } from '../../../lib/k8s/groups';
import { DEVELOPER_ROLE_NAME } from '../../../lib/k8s/rbac';
import type { CliSetup } from './cli-setup';
import { EKSCTL_ENTRY, role, startCliSetup, testEnvironment } from './cli-setup';

const OWNER = 'eks-access/test/people';

let s: CliSetup;
afterEach(async () => {
  await s.close();
});

const fails = (out: string[]) => out.filter((l) => l.startsWith('  FAIL'));

describe('verify', () => {
  test('no drift and the app\'s own RBAC: exit 0, one "ok" line per access check, only reads', async () => {
    s = await startCliSetup();
    const since = s.harness.kube.requests.length;
    const run = await s.run(['verify', '--env', 'test']);
    expect(run.code).toBe(0);
    expect(run.err).toEqual(['test: verify eks-access-test in eu-west-1 (account 111122223333)...', 'test: verified']);
    const checks = accessChecks(validateEnvironment(testEnvironment()));
    expect(run.out).toEqual(['## test', ...checks.map((c) => `  ok   ${c.describe}`)]);
    expect(run.out).toEqual(expect.arrayContaining([
      '  ok   admin can do * on * cluster-wide',
      '  ok   developer cannot do * on * cluster-wide',
      '  ok   developer can get pods in payments',
      '  ok   developer can list deployments in web',
      '  ok   developer cannot create pods in payments',
      '  ok   developer cannot get secrets in web',
      '  ok   developer cannot get pods in platform',
      '  ok   reader can list pods cluster-wide',
      '  ok   reader cannot get secrets cluster-wide',
      '  ok   ci-bot can list pods cluster-wide',
    ]));
    // One read of aws-auth, then one SubjectAccessReview per check: verify writes nothing.
    expect(s.harness.kube.requests.slice(since).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      `GET /api/v1/namespaces/${AWS_AUTH_NAMESPACE}/configmaps/${AWS_AUTH_NAME} 200`,
      ...checks.map(() => 'POST /apis/authorization.k8s.io/v1/subjectaccessreviews 201'),
    ]);
  });

  test('drift in aws-auth (edited, deleted, unowned duplicate) fails, naming each entry', async () => {
    s = await startCliSetup();
    s.editByHand('mapRoles', (entries) => [
      ...entries
        .filter((e) => e.rolearn !== role('external_reader'))
        .map((e) => (e.rolearn === role('external_developer') ? { ...e, groups: [Groups.developer, Groups.clusterAdmin] } : e)),
      EKSCTL_ENTRY,
    ]);
    const run = await s.run(['verify', '--env', 'test']);
    expect(run.code).toBe(1);
    expect(run.err[1]).toBe('test: FAILED');
    expect(fails(run.out)).toEqual([
      `  FAIL role ${role('external_developer')}: a deploy would make it changed (differs from config)`,
      `  FAIL role ${role('external_reader')}: a deploy would make it added (missing)`,
      `  FAIL role ${role('external_developer')} was edited by hand (owned by ${OWNER}): expected -> developer [developer], `
        + `found [{"rolearn":"${role('external_developer')}","username":"developer","groups":["developer","system:masters"]}]`,
      `  FAIL role ${role('external_reader')} was deleted by hand (owned by ${OWNER})`,
      `  FAIL role ${role('ci-deployer')} appears 2 times (unowned)`,
    ]);
    // RBAC itself is untouched: every access check still passes.
    expect(run.out.filter((l) => l.startsWith('  ok'))).toHaveLength(accessChecks(validateEnvironment(testEnvironment())).length);
  });

  test('a declared mapping that was never deployed fails as missing', async () => {
    s = await startCliSetup();
    const withAuditor = testEnvironment({ people: [...testEnvironment().people, { roleName: 'external_auditor', username: 'auditor', groups: [Groups.reader] }] });
    const run = await s.run(['verify', '--env', 'test'], [withAuditor]);
    expect(run.code).toBe(1);
    expect(fails(run.out)).toEqual([`  FAIL role ${role('external_auditor')}: a deploy would make it added (missing)`]);
    expect(run.out).toContain('  ok   auditor can list pods cluster-wide');
  });

  test('aws-auth missing altogether fails', async () => {
    s = await startCliSetup(testEnvironment(), { deploy: false });
    s.harness.kube.store.delete(AWS_AUTH_NAMESPACE, AWS_AUTH_NAME);
    const run = await s.run(['verify', '--env', 'test']);
    expect(run.code).toBe(1);
    expect(fails(run.out)[0]).toBe('  FAIL aws-auth does not exist');
    expect(fails(run.out)).toContain(`  FAIL role ${role('external_admin')}: a deploy would make it added (missing)`);
  });

  test('entries only adopted (identical, ownership not yet recorded) are not failures', async () => {
    s = await startCliSetup();
    // Before this owner existed, EKS had written the node role; the deploy adopted it. Forget the record.
    const cm = s.harness.kube.store.get(AWS_AUTH_NAMESPACE, AWS_AUTH_NAME)!;
    s.harness.kube.seed({ ...cm, metadata: { ...cm.metadata, annotations: {} } });
    const run = await s.run(['verify', '--env', 'test']);
    expect(fails(run.out)).toEqual([]);
    expect(run.code).toBe(0);
  });

  test('a RoleBinding granting developers `create pods` fails the check that names it, with the binding', async () => {
    s = await startCliSetup();
    s.rbac.apply(
      { kind: 'Role', metadata: { name: 'pod-creator', namespace: 'payments' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['create'] }] },
      { kind: 'RoleBinding', metadata: { name: 'oops', namespace: 'payments' }, roleRef: { kind: 'Role', name: 'pod-creator' }, subjects: [{ kind: 'Group', name: Groups.developer }] },
    );
    const run = await s.run(['verify', '--env', 'test']);
    expect(run.code).toBe(1);
    expect(fails(run.out)).toEqual([
      '  FAIL developer cannot create pods in payments: the cluster says allowed (RBAC: allowed by RoleBinding "oops/payments" of Role "pod-creator" to Group "developer")',
    ]);
    expect(run.out).toContain('  ok   developer cannot create pods in web');
  });

  test('a ClusterRoleBinding giving readers `get secrets` fails for every reader mapping', async () => {
    s = await startCliSetup();
    s.rbac.apply(
      { kind: 'ClusterRole', metadata: { name: 'secret-reader' }, rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] }] },
      { kind: 'ClusterRoleBinding', metadata: { name: 'readers-secrets' }, roleRef: { kind: 'ClusterRole', name: 'secret-reader' }, subjects: [{ kind: 'Group', name: Groups.reader }] },
    );
    const run = await s.run(['verify', '--env', 'test']);
    expect(run.code).toBe(1);
    const why = 'the cluster says allowed (RBAC: allowed by ClusterRoleBinding "readers-secrets" of ClusterRole "secret-reader" to Group "reader")';
    expect(fails(run.out)).toEqual([
      `  FAIL reader cannot get secrets cluster-wide: ${why}`,
      `  FAIL ci-bot cannot get secrets cluster-wide: ${why}`,
    ]);
  });

  test('developers bound in a namespace declared without developer access fail', async () => {
    s = await startCliSetup();
    s.rbac.apply(
      { kind: 'RoleBinding', metadata: { name: 'dev-view', namespace: 'platform' }, roleRef: { kind: 'ClusterRole', name: 'eks-access-reader' }, subjects: [{ kind: 'Group', name: Groups.developer }] },
    );
    const run = await s.run(['verify', '--env', 'test']);
    expect(run.code).toBe(1);
    expect(fails(run.out)).toEqual([
      '  FAIL developer cannot get pods in platform: the cluster says allowed (RBAC: allowed by RoleBinding "dev-view/platform" of ClusterRole "eks-access-reader" to Group "developer")',
    ]);
  });

  test('a permission narrower than declared (the developer RoleBinding in web deleted) fails too', async () => {
    s = await startCliSetup();
    expect(s.rbac.remove('RoleBinding', DEVELOPER_ROLE_NAME, 'web')).toBe(true);
    const run = await s.run(['verify', '--env', 'test']);
    expect(run.code).toBe(1);
    expect(fails(run.out)).toEqual([
      '  FAIL developer can get pods in web: the cluster says denied',
      '  FAIL developer can list deployments in web: the cluster says denied',
    ]);
  });

  test('an operator not allowed to create SubjectAccessReviews gets an error, exit 1', async () => {
    s = await startCliSetup();
    s.rbac.remove('ClusterRoleBinding', 'access-reviewer');
    const run = await s.run(['verify', '--env', 'test']);
    expect(run.code).toBe(1);
    expect(run.out).toEqual([]);
    expect(run.err[1]).toMatch(/^test: .*403.*subjectaccessreviews/);
  });
});
