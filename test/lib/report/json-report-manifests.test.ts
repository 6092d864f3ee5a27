/**
 * The report over a head that adds a manifests provider (the 0.2 shape): its RBAC bootstrap and
 * adopting resources read like kubectl manifests, the adopted objects counted once, its paths to
 * cluster admin with their own kinds, and critical findings; `--format json` and Markdown.
 */
import { baseline, manifestsProviderResources } from './fixtures';
import { parseJsonReport, removeWrittenAssemblies, runReport } from './run-report';

afterAll(removeWrittenAssemblies);

const ADMIN = 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy';
const ENTRY = 'Access/P/AccessEntry.AccessEntryArn';
const base = { dev: baseline('dev') };
const withProvider = (options: Parameters<typeof manifestsProviderResources>[1] = {}) => ({ dev: baseline('dev', { extraAccess: manifestsProviderResources('dev', options) }) });
const newKinds = ['RBAC escalate or bind', 'associate the admin policy'];

describe('a head that adds a manifests provider', () => {
  const report = parseJsonReport(runReport(base, withProvider(), ['--format', 'json']).markdown);
  const dev = report.environments.find((e) => e.name === 'dev');

  test('the verdict: critical findings gate it, one per new path', () => {
    expect(report).toMatchObject({ highest: 'critical', exitCode: 2 });
    expect(report.findings.map((f) => `${f.severity} ${f.rule}`)).toEqual([
      'critical new-rbac-escalation',
      'critical new-admin-policy-associator',
      'critical new-admin-function',
      'critical new-admin-function',
      'critical new-function-controller',
      'critical new-admin-role-assumer',
      'high new-cluster-role-binding',
    ]);
    expect(report.findings.every((f) => /^[0-9a-f]{24}$/.test(f.fingerprint))).toBe(true);
  });

  test('the new rows of "Who can reach cluster admin", with their own kinds', () => {
    expect(dev?.adminPaths.filter((p) => newKinds.includes(p.kind))).toEqual([
      {
        kind: 'RBAC escalate or bind', principal: 'role:Access/P/HandlerRole', target: 'ClusterRole eks-access-reader',
        how: 'is admin-equivalent through RBAC: may `escalate` and `bind` `ClusterRole eks-access-reader` (`escalate`: write any rule into them; `bind`: bind them to anyone, itself included), so it can grant itself anything through them as `User eks-access:manifests:dev.Access.P`, bound by `ClusterRoleBinding eks-access-manifests-dev.Access.P` to `ClusterRole eks-access-manifests-dev.Access.P` (cluster-wide)',
      },
      {
        kind: 'associate the admin policy', principal: 'role:Access/P/HandlerRole', target: 'role:Access/P/HandlerRole',
        how: `can make itself cluster admin: may \`eks:AssociateAccessPolicy\` on \`${ENTRY}\` (its own access entry) when \`ArnEquals eks:policyArn = ${ADMIN}\`; by design only temporarily, during the RBAC bootstrap \`Custom::EksAccessManifestsRbac Access/P/RbacBootstrap\` (associate, apply only the generated RBAC, disassociate, in one run), but IAM allows it at any time; the boundary is IAM: who may invoke or update the function that runs as it, and the CloudFormation execution role`,
      },
    ]);
    expect(dev?.adminPaths.filter((p) => p.kind === 'function' || p.kind === 'invoke or update a function').map((p) => `${p.kind} ${p.principal} -> ${p.target}`)).toEqual(expect.arrayContaining([
      'function function:Access/P/Handler -> role:Access/P/HandlerRole',
      'invoke or update a function role:Access/P/Provider/framework-onEvent/ServiceRole -> function:Access/P/Handler',
      'function function:Access/P/Provider/framework-onEvent -> role:Access/P/Provider/framework-onEvent/ServiceRole',
    ]));
  });

  test('the adopted reader objects are not added again (the retained kubectl resource declares them alike); the generated RBAC is', () => {
    expect(dev?.added.filter((g) => g.section.startsWith('RBAC')).map((g) => g.id)).toEqual([
      'ClusterRole eks-access-manifests-dev.Access.P', 'ClusterRoleBinding eks-access-manifests-dev.Access.P',
    ]);
    expect(dev?.changed.filter((g) => g.section.startsWith('RBAC'))).toEqual([]);
  });

  test('Markdown: the same rows in the table', () => {
    const { markdown } = runReport(base, withProvider());
    expect(markdown).toContain('| associate the admin policy | `role:Access/P/HandlerRole` | `role:Access/P/HandlerRole` | can make itself cluster admin: may `eks:AssociateAccessPolicy` on');
    expect(markdown).toContain('| RBAC escalate or bind | `role:Access/P/HandlerRole` | `ClusterRole eks-access-reader` | is admin-equivalent through RBAC:');
  });
});

describe('hand-written templates with the same grants are reported too', () => {
  const kindsOf = (options: Parameters<typeof manifestsProviderResources>[1]) => {
    const report = parseJsonReport(runReport(base, withProvider(options), ['--format', 'json']).markdown);
    return report.environments.find((e) => e.name === 'dev')?.adminPaths.filter((p) => newKinds.includes(p.kind)).map((p) => p.kind);
  };
  const reader = [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }];

  test('no condition on the association: a path', () => {
    expect(kindsOf({ associationCondition: null, rules: reader })).toEqual(['associate the admin policy']);
  });

  test('StringLike `*` on eks:policyArn: a path', () => {
    expect(kindsOf({ associationCondition: { StringLike: { 'eks:policyArn': '*' } }, rules: reader })).toEqual(['associate the admin policy']);
  });

  test('ArnEquals on another policy: no path', () => {
    expect(kindsOf({ associationCondition: { ArnEquals: { 'eks:policyArn': 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy' } }, rules: reader })).toEqual([]);
  });

  test('bind alone on a Role name, cluster-wide: a path naming it in every namespace', () => {
    const report = parseJsonReport(runReport(base, withProvider({
      associationCondition: { ArnEquals: { 'eks:policyArn': 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy' } },
      rules: [{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'], verbs: ['bind'], resourceNames: ['developer'] }],
    }), ['--format', 'json']).markdown);
    expect(report.environments.find((e) => e.name === 'dev')?.adminPaths.filter((p) => newKinds.includes(p.kind)).map((p) => `${p.kind}: ${p.target}`)).toEqual(['RBAC escalate or bind: Role */developer']);
  });
});
