import { AWS_AUTH_NAME, AWS_AUTH_NAMESPACE } from '../../../lambda/aws-auth/api';
import { accessChecks } from '../../../lib/cli/access-checks';
import { COMMAND_PERMISSIONS } from '../../../lib/cli/permissions';
import { validateEnvironment } from '../../../lib/config/validate';
import { SAMPLE_SESSION_NAME } from '../../../lib/cli/session-template';
import { Groups } from '../../../lib/k8s/groups';
import { DEVELOPER_ROLE_NAME } from '../../../lib/k8s/rbac';
import type { CliSetup } from './cli-setup';
import { KUBE_SYSTEM_NAMESPACE } from '../../../lib/k8s/manifest';
import { AWS_NODE_SERVICE_ACCOUNT, NETWORK_POLICY_CONTROLLER_KEY, VPC_CNI_CONFIGMAP } from '../../../lib/k8s/vpc-cni';
import { ACCOUNT, EKSCTL_ENTRY, VERIFIER_ROLE, VERIFIER_SESSION, operatorRbacName, role, startCliSetup, testEnvironment } from './cli-setup';

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
      '  ok   node role eks-access-test-node-general cannot do * on * cluster-wide',
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
      // The reviews are asked as the live entries: the developer is now a cluster admin ...
      ...['do * on * cluster-wide', 'create pods in payments', 'get secrets in payments', 'create pods in web', 'get secrets in web', 'get pods in platform']
        .map((what) => `  FAIL developer cannot ${what}: the cluster says allowed (allowed: member of system:masters); the live aws-auth (mapRoles entry 4) `
          + `maps role ${role('external_developer')} to developer [developer, system:masters], config declares developer [developer]`),
      // ... and the reader cannot sign in at all.
      `  FAIL role ${role('external_reader')} (reader): no entry in the live aws-auth maps it, so it cannot sign in; its 4 access check(s) were not asked; deploy the environment again to restore the entry`,
    ]);
    expect(run.out).toContain('  ok   developer can get pods in payments');
  });

  test('a declared mapping that was never deployed fails as missing', async () => {
    s = await startCliSetup();
    const withAuditor = testEnvironment({ people: [...testEnvironment().people, { roleName: 'external_auditor', username: 'auditor', groups: [Groups.reader] }] });
    const run = await s.run(['verify', '--env', 'test'], [withAuditor]);
    expect(run.code).toBe(1);
    expect(fails(run.out)).toEqual([
      `  FAIL role ${role('external_auditor')}: a deploy would make it added (missing)`,
      `  FAIL role ${role('external_auditor')} (auditor): no entry in the live aws-auth maps it, so it cannot sign in; its 4 access check(s) were not asked; deploy the environment again to restore the entry`,
    ]);
    expect(run.out.filter((l) => l.includes('auditor can'))).toEqual([]);
  });

  test('aws-auth missing altogether fails', async () => {
    s = await startCliSetup(testEnvironment(), { deploy: false });
    s.harness.kube.store.delete(AWS_AUTH_NAMESPACE, AWS_AUTH_NAME);
    const run = await s.run(['verify', '--env', 'test']);
    expect(run.code).toBe(1);
    expect(fails(run.out)[0]).toBe('  FAIL aws-auth does not exist');
    expect(fails(run.out)).toContain(`  FAIL role ${role('external_admin')}: a deploy would make it added (missing)`);
    expect(fails(run.out)).toContain(`  FAIL role ${role('external_admin')} (admin): no entry in the live aws-auth maps it, so it cannot sign in; its 1 access check(s) were not asked; deploy the environment again to restore the entry`);
    // Nothing was asked: no identity exists to ask for.
    expect(run.out.filter((l) => l.startsWith('  ok'))).toEqual([]);
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
    const reviews = COMMAND_PERMISSIONS.verify.kubernetes.find((p) => p.resource === 'subjectaccessreviews');
    expect(s.rbac.remove('ClusterRoleBinding', operatorRbacName(reviews!))).toBe(true);
    const run = await s.run(['verify', '--env', 'test']);
    expect(run.code).toBe(1);
    expect(run.out).toEqual([]);
    expect(run.err[1]).toMatch(/^test: .*403.*subjectaccessreviews/);
  });
});

describe('verify asks as the identity the LIVE aws-auth gives each mapping', () => {
  const reader = role('external_reader');
  const live = (groups: string, entry = 'mapRoles entry 5') => `; the live aws-auth (${entry}) maps role ${reader} to reader [${groups}], config declares reader [reader]`;
  const masters = 'the cluster says allowed (allowed: member of system:masters)';
  const editReader = (edit: (e: Record<string, unknown>) => Record<string, unknown>) => s.editByHand('mapRoles', (entries) => entries.map((e) => (e.rolearn === reader ? edit(e) : e)));

  test('the reader\'s entry edited by hand to system:masters fails every check it now passes, naming the mapping and the grant', async () => {
    s = await startCliSetup();
    editReader((e) => ({ ...e, groups: [Groups.clusterAdmin] }));
    const run = await s.run(['verify', '--env', 'test']);
    expect(run.code).toBe(1);
    expect(run.err[1]).toBe('test: FAILED');
    expect(fails(run.out)).toEqual([
      `  FAIL role ${reader}: a deploy would make it changed (differs from config)`,
      `  FAIL role ${reader} was edited by hand (owned by ${OWNER}): expected -> reader [reader], found [{"rolearn":"${reader}","username":"reader","groups":["system:masters"]}]`,
      `  FAIL reader cannot do * on * cluster-wide: ${masters}${live('system:masters')}`,
      `  FAIL reader cannot get secrets cluster-wide: ${masters}${live('system:masters')}`,
      `  FAIL reader cannot delete pods cluster-wide: ${masters}${live('system:masters')}`,
    ]);
    // Before: asked with config's groups, the cluster said "denied" and verify printed this line.
    expect(run.out).not.toContain('  ok   reader cannot do * on * cluster-wide');
    expect(run.out).toContain('  ok   reader can list pods cluster-wide');
  });

  test('system:masters added beside the declared group fails the same checks', async () => {
    s = await startCliSetup();
    editReader((e) => ({ ...e, groups: [Groups.reader, Groups.clusterAdmin] }));
    const run = await s.run(['verify', '--env', 'test']);
    expect(run.code).toBe(1);
    expect(fails(run.out).slice(2)).toEqual([
      `  FAIL reader cannot do * on * cluster-wide: ${masters}${live('reader, system:masters')}`,
      `  FAIL reader cannot get secrets cluster-wide: ${masters}${live('reader, system:masters')}`,
      `  FAIL reader cannot delete pods cluster-wide: ${masters}${live('reader, system:masters')}`,
    ]);
  });

  test('an unowned entry for the same role added after the owned one wins, as in the authenticator; one with an IAM path maps nobody', async () => {
    s = await startCliSetup();
    s.editByHand('mapRoles', (entries) => [...entries, { rolearn: reader.replace('external_reader', 'External_Reader'), username: 'reader', groups: [Groups.clusterAdmin] }]);
    let run = await s.run(['verify', '--env', 'test']);
    expect(run.code).toBe(1);
    expect(fails(run.out)).toContain(`  FAIL reader cannot do * on * cluster-wide: ${masters}${live('system:masters', 'mapRoles entry 6')}`);

    await s.close();
    s = await startCliSetup();
    s.editByHand('mapRoles', (entries) => [...entries, { rolearn: reader.replace('role/', 'role/team/'), username: 'reader', groups: [Groups.clusterAdmin] }]);
    run = await s.run(['verify', '--env', 'test']);
    // The pathed duplicate is drift (a deploy collapses it), but it grants nothing: the checks pass.
    expect(fails(run.out).every((l) => l.startsWith(`  FAIL role ${reader}`))).toBe(true);
    expect(fails(run.out).length).toBeGreaterThan(0);
    expect(run.out).toContain('  ok   reader cannot do * on * cluster-wide');
  });

  test('an untouched cluster passes with the live identities, which equal the declared ones', async () => {
    s = await startCliSetup();
    const run = await s.run(['verify', '--env', 'test']);
    expect(run.code).toBe(0);
    expect(run.out.filter((l) => l.includes('live aws-auth'))).toEqual([]);
  });

  test('a username template is rendered for a sample session as the authenticator renders it ("@" -> "-")', async () => {
    const oncall = { roleName: 'external_oncall', username: 'oncall:{{SessionName}}', groups: [Groups.reader] };
    const config = testEnvironment({ people: [...testEnvironment().people, oncall] });
    s = await startCliSetup(config);
    const rendered = `oncall:${SAMPLE_SESSION_NAME.replaceAll('@', '-')}`;
    expect(rendered).toBe('oncall:eks-access-verify-example.com');
    s.rbac.apply(
      { kind: 'ClusterRole', metadata: { name: 'secret-reader' }, rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }] },
      // Bound to the raw session name: never the username the authenticator gives, so it grants nothing.
      { kind: 'ClusterRoleBinding', metadata: { name: 'raw' }, roleRef: { kind: 'ClusterRole', name: 'secret-reader' }, subjects: [{ kind: 'User', name: `oncall:${SAMPLE_SESSION_NAME}` }] },
    );
    let run = await s.run(['verify', '--env', 'test'], [config]);
    expect(run.code).toBe(0);
    expect(run.out).toContain('  ok   oncall:{{SessionName}} cannot get secrets cluster-wide');

    s.rbac.apply({ kind: 'ClusterRoleBinding', metadata: { name: 'rendered' }, roleRef: { kind: 'ClusterRole', name: 'secret-reader' }, subjects: [{ kind: 'User', name: rendered }] });
    run = await s.run(['verify', '--env', 'test'], [config]);
    expect(run.code).toBe(1);
    expect(fails(run.out)).toEqual([
      `  FAIL oncall:{{SessionName}} cannot get secrets cluster-wide: the cluster says allowed (RBAC: allowed by ClusterRoleBinding "rendered" of ClusterRole "secret-reader" to User "${rendered}")`,
    ]);
  });

  test('a live entry whose groups the authenticator cannot read as strings fails, naming it', async () => {
    s = await startCliSetup();
    const cm = s.harness.kube.store.get(AWS_AUTH_NAMESPACE, AWS_AUTH_NAME)!;
    s.harness.kube.seed({ ...cm, data: { ...cm.data, mapUsers: `- userarn: arn:aws:iam::${ACCOUNT}:user/ci-bot\n  username: ci-bot\n  groups: [reader, yes]\n` } });
    const run = await s.run(['verify', '--env', 'test']);
    expect(run.code).toBe(1);
    expect(fails(run.out)).toContain(`  FAIL user arn:aws:iam::${ACCOUNT}:user/ci-bot (ci-bot): its live aws-auth entry (mapUsers entry 1) has a username or groups that are not strings, `
      + `{"userarn":"arn:aws:iam::${ACCOUNT}:user/ci-bot","username":"ci-bot","groups":["reader",true]}; the authenticator cannot map it as declared; `
      + 'fix it by hand (kubectl -n kube-system edit configmap aws-auth) and deploy again');
  });
});

describe('verify checks that network policies are enforced where config says so', () => {
  const enforced = (overrides = {}) => testEnvironment({
    networkPolicyEnforcement: true,
    serviceAccounts: [{ ...AWS_NODE_SERVICE_ACCOUNT, managedPolicyNames: ['AmazonEKS_CNI_Policy'] }],
    ...overrides,
  });
  const cniPath = `/api/v1/namespaces/${KUBE_SYSTEM_NAMESPACE}/configmaps/${VPC_CNI_CONFIGMAP}`;
  /** The ConfigMap as the vpc-cni add-on leaves it (its other keys included), with the controller key as given. */
  const seedCni = (value?: string) => s.harness.kube.seed({
    metadata: { name: VPC_CNI_CONFIGMAP, namespace: KUBE_SYSTEM_NAMESPACE },
    data: { 'enable-windows-ipam': 'false', ...(value === undefined ? {} : { [NETWORK_POLICY_CONTROLLER_KEY]: value }) },
  });
  const fix = 'the vpc-cni add-on has not (yet) turned on network policy: deploy the environment, then compare '
    + '`aws eks describe-addon --cluster-name eks-access-test --addon-name vpc-cni --query addon.[status,configurationValues,health]` '
    + 'with `kubectl -n kube-system get configmap amazon-vpc-cni -o yaml` (README, "Network policies")';

  test('enforcement on in the cluster: one ok line, exit 0', async () => {
    const config = enforced();
    s = await startCliSetup(config);
    seedCni('true');
    const run = await s.run(['verify', '--env', 'test'], [config]);
    expect(run.code).toBe(0);
    expect(run.out[run.out.length - 1]).toBe('  ok   network policies are enforced (kube-system/amazon-vpc-cni enable-network-policy-controller: "true")');
    expect(fails(run.out)).toEqual([]);
  });

  test.each([
    ['"false"', 'false', 'enable-network-policy-controller is "false", not "true"'],
    ['absent', undefined, 'enable-network-policy-controller is not set, not "true"'],
  ])('configured but off in the cluster (the key %s): verify fails, exit 1, naming the key, its value and how to look', async (_, value, found) => {
    const config = enforced();
    s = await startCliSetup(config);
    seedCni(value);
    const run = await s.run(['verify', '--env', 'test'], [config]);
    expect(run.code).toBe(1);
    expect(run.err[1]).toBe('test: FAILED');
    expect(fails(run.out)).toEqual([
      `  FAIL network policies are not enforced: kube-system/amazon-vpc-cni ${found}, although networkPolicyEnforcement is true; ${fix}`,
    ]);
  });

  test('configured but the ConfigMap does not exist (no VPC CNI network policy controller): verify fails', async () => {
    const config = enforced();
    s = await startCliSetup(config);
    const run = await s.run(['verify', '--env', 'test'], [config]);
    expect(run.code).toBe(1);
    expect(fails(run.out)).toEqual([
      `  FAIL network policies are not enforced: kube-system/amazon-vpc-cni does not exist, so no VPC CNI network policy controller runs; ${fix}`,
    ]);
  });

  test('enforcement not configured: the ConfigMap is not even read, whatever it says', async () => {
    s = await startCliSetup();
    seedCni('false');
    const since = s.harness.kube.requests.length;
    const run = await s.run(['verify', '--env', 'test']);
    expect(run.code).toBe(0);
    expect(run.out.filter((l) => l.includes('network policies'))).toEqual([]);
    expect(s.harness.kube.requests.slice(since).filter((r) => r.path === cniPath)).toEqual([]);
  });

  test('as the environment verifier role (the pipeline\'s verify step), whose RBAC allows reading that ConfigMap and nothing more', async () => {
    const config = enforced({ verifierTrustedRoleArns: [role('pipeline-verify-step')] });
    s = await startCliSetup(config);
    seedCni('true');
    const since = s.harness.kube.requests.length;
    const run = await s.run(['verify', '--env', 'test', '--assume-role', VERIFIER_ROLE], [config]);
    expect(run.code).toBe(0);
    expect(run.out).toContain('  ok   network policies are enforced (kube-system/amazon-vpc-cni enable-network-policy-controller: "true")');
    const reads = s.harness.kube.requests.slice(since).filter((r) => r.path === cniPath);
    expect(reads.map((r) => `${r.identity} ${r.method} ${r.status}`)).toEqual([`${VERIFIER_SESSION} GET 200`]);
    // The grant names the ConfigMap: any other kube-system ConfigMap stays unreadable to the verifier.
    const ask = (name: string) => s.rbac.authorize({ user: VERIFIER_SESSION, groups: [Groups.verifier], verb: 'get', resource: 'configmaps', namespace: KUBE_SYSTEM_NAMESPACE, name }).allowed;
    expect([ask(VPC_CNI_CONFIGMAP), ask('kube-proxy-config'), ask('coredns')]).toEqual([true, false, false]);
  });
});
