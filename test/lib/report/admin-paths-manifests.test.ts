/** The paths to cluster admin of the manifests function: its RBAC bootstrap's IAM grant, its escalate/bind RBAC, and the functions around it. */
import { adminPathsOf, AdminPathKinds } from '../../../lib/report/admin-paths';
import type { AdminPath } from '../../../lib/report/admin-paths';
import { messageText } from '../../../lib/report/markdown';
import type { EnvironmentAccess, PolicyCondition, PolicyStatement, RbacRule } from '../../../lib/report/model';
import { allow, env, role } from './rules/environment';

const summary = (paths: AdminPath[]) => paths.map((p) => `${p.kind} | ${p.principal} | ${p.target} | ${messageText(p.how)}`);
const ADMIN = 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy';
const RBAC = 'rbac.authorization.k8s.io';
const ENTRY = 'Access/P/AccessEntry.AccessEntryArn';
const onPolicy = (operator: string, values: string[]): PolicyCondition => ({ operator, key: 'eks:policyArn', values });
const associate = (resources: string[], conditions: PolicyCondition[]): PolicyStatement => ({ ...allow(['eks:AssociateAccessPolicy'], resources), conditions });
const rule = (resources: string[], verbs: string[], resourceNames: string[]): RbacRule => ({ apiGroups: [RBAC], resources, verbs, resourceNames, nonResourceURLs: [] });

/** A manifests provider as the app synthesizes it, with `statement` as its association grant and `rules` as its generated RBAC. */
function manifestsProvider(statement: PolicyStatement, rules: RbacRule[] = [], bootstrap = true): EnvironmentAccess {
  return env({
    roles: [
      role('handler', ['Service lambda.amazonaws.com'], [statement]),
      role('framework', ['Service lambda.amazonaws.com'], [allow(['lambda:InvokeFunction'], ['function:Access/P/Handler'])]),
    ],
    functions: [
      { label: 'function:Access/P/Handler', role: 'role:handler', environment: {} },
      { label: 'function:Access/P/Framework', role: 'role:framework', environment: {} },
    ],
    accessEntries: [{ principal: 'role:handler', cluster: 'Cluster/Cluster', type: 'STANDARD', username: 'eks-access:manifests:o', groups: [], policies: [], arnReference: ENTRY }],
    rbacRoles: rules.length === 0 ? [] : [{ kind: 'ClusterRole', name: 'eks-access-manifests-o', rules }],
    bindings: rules.length === 0 ? [] : [{ kind: 'ClusterRoleBinding', name: 'eks-access-manifests-o', roleRef: { kind: 'ClusterRole', name: 'eks-access-manifests-o' }, subjects: ['User eks-access:manifests:o'] }],
    rbacBootstraps: bootstrap ? [{ label: 'Access/P/RbacBootstrap', principal: 'role:handler', cluster: 'Cluster/Cluster' }] : [],
  });
}

const BOUNDARY = 'the boundary is IAM: who may invoke or update the function that runs as it, and the CloudFormation execution role';
const BY_DESIGN = `by design only temporarily, during the RBAC bootstrap \`Custom::EksAccessManifestsRbac Access/P/RbacBootstrap\` (associate, apply only the generated RBAC, disassociate, in one run), but IAM allows it at any time; ${BOUNDARY}`;

describe('the manifests function\'s association of the admin policy (IAM)', () => {
  test('conditioned on the admin policy: it can make itself cluster admin, by design during the bootstrap; its function, the framework and lambda.amazonaws.com follow (as the aws-auth handler\'s do)', () => {
    const how = `may \`eks:AssociateAccessPolicy\` on \`${ENTRY}\` (its own access entry) when \`ArnEquals eks:policyArn = ${ADMIN}\`; ${BY_DESIGN}`;
    expect(summary(adminPathsOf(manifestsProvider(associate([ENTRY], [onPolicy('ArnEquals', [ADMIN])]))))).toEqual([
      `associate the admin policy | role:handler | role:handler | can make itself cluster admin: ${how}`,
      `function | function:Access/P/Handler | role:handler | runs as \`role:handler\`, which can make itself cluster admin (${how})`,
      'invoke or update a function | role:framework | function:Access/P/Handler | may `lambda:InvokeFunction` on `function:Access/P/Handler`',
      'function | function:Access/P/Framework | role:framework | runs as `role:framework`, which may invoke `function:Access/P/Handler`',
      'assume a role | Service lambda.amazonaws.com | role:handler | trusted by `role:handler` (it can make itself cluster admin)',
    ]);
  });

  test('the grant, for fingerprints: action, resources and conditions', () => {
    const [path] = adminPathsOf(manifestsProvider(associate([ENTRY], [onPolicy('ArnEquals', [ADMIN])])));
    expect(path).toEqual(expect.objectContaining({ kind: AdminPathKinds.adminAssociation, grant: `eks:AssociateAccessPolicy on ${ENTRY} ArnEquals eks:policyArn = ${ADMIN}` }));
  });

  test('no condition (a hand-written template, no bootstrap): a path at any time', () => {
    const paths = adminPathsOf(manifestsProvider(associate(['*'], []), [], false)).filter((p) => p.kind === AdminPathKinds.adminAssociation);
    expect(summary(paths)).toEqual([`associate the admin policy | role:handler | role:handler | can make itself cluster admin: may \`eks:AssociateAccessPolicy\` on \`*\` (its own access entry); at any time; ${BOUNDARY}`]);
    expect(paths[0].grant).toBe('eks:AssociateAccessPolicy on *');
  });

  test('StringLike `*` on the policy is a path', () => {
    const paths = adminPathsOf(manifestsProvider(associate([ENTRY], [onPolicy('StringLike', ['*'])]))).filter((p) => p.kind === AdminPathKinds.adminAssociation);
    expect(paths.map((p) => p.grant)).toEqual([`eks:AssociateAccessPolicy on ${ENTRY} StringLike eks:policyArn = *`]);
  });

  test('ArnEquals on another policy is no path, and the function is then no admin function', () => {
    const paths = adminPathsOf(manifestsProvider(associate([ENTRY], [onPolicy('ArnEquals', ['arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy'])])));
    expect(paths).toEqual([]);
  });

  test('a statement on another access entry does not reach this one', () => {
    expect(adminPathsOf(manifestsProvider(associate(['Access/Other/AccessEntry.AccessEntryArn'], [])))).toEqual([]);
  });

  test('a role that may associate it with another principal\'s entry makes that principal admin, not itself', () => {
    const head = manifestsProvider(associate([ENTRY], []), [], false);
    const other = { ...head, roles: [...head.roles, role('operator', [], [associate([ENTRY], [])])] };
    const rows = summary(adminPathsOf(other).filter((p) => p.principal === 'role:operator'));
    expect(rows).toEqual([`associate the admin policy | role:operator | role:handler | can make \`role:handler\` cluster admin: may \`eks:AssociateAccessPolicy\` on \`${ENTRY}\` (the access entry of \`role:handler\`); at any time; ${BOUNDARY}`]);
  });
});

describe('the manifests function\'s generated RBAC (escalate and bind on named roles)', () => {
  const rules = [
    rule(['clusterrolebindings'], ['create', 'get', 'patch'], ['reader']),
    rule(['clusterroles'], ['bind', 'create', 'escalate', 'get', 'patch'], ['reader', 'verifier']),
    rule(['roles'], ['bind', 'escalate'], ['writer']),
  ];
  const via = 'may `escalate` and `bind` `ClusterRole reader`, `ClusterRole verifier`, `Role */writer` (`escalate`: write any rule into them; `bind`: bind them to anyone, itself included), so it can grant itself anything through them as `User eks-access:manifests:o`, bound by `ClusterRoleBinding eks-access-manifests-o` to `ClusterRole eks-access-manifests-o` (cluster-wide)';

  test('admin-equivalent on the names it may escalate and bind, listed; no separate "manages RBAC" row', () => {
    const paths = adminPathsOf(manifestsProvider(associate([ENTRY], [onPolicy('ArnEquals', ['arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy'])]), rules));
    expect(summary(paths).slice(0, 2)).toEqual([
      `RBAC escalate or bind | role:handler | ClusterRole reader, ClusterRole verifier, Role */writer | is admin-equivalent through RBAC: ${via}`,
      `function | function:Access/P/Handler | role:handler | runs as \`role:handler\`, which is admin-equivalent through RBAC (${via})`,
    ]);
    expect(paths[0]).toEqual(expect.objectContaining({
      origin: 'rbac',
      grant: 'ClusterRoleBinding eks-access-manifests-o ClusterRole eks-access-manifests-o User eks-access:manifests:o escalate and bind ClusterRole reader, ClusterRole verifier, Role */writer',
    }));
    expect(paths.filter((p) => p.kind === AdminPathKinds.kubernetesAdmin)).toEqual([]);
  });

  test('different names per verb are listed per verb', () => {
    const paths = adminPathsOf(manifestsProvider(associate(['x'], []), [rule(['roles'], ['escalate'], ['a']), rule(['clusterroles'], ['bind'], ['b'])]));
    expect(summary(paths)[0]).toBe('RBAC escalate or bind | role:handler | ClusterRole b, Role */a | is admin-equivalent through RBAC: may `escalate` `Role */a`; `bind` `ClusterRole b` (`escalate`: write any rule into them; `bind`: bind them to anyone, itself included), so it can grant itself anything through them as `User eks-access:manifests:o`, bound by `ClusterRoleBinding eks-access-manifests-o` to `ClusterRole eks-access-manifests-o` (cluster-wide)');
  });

  test('within one namespace other than kube-system it stays there: no path', () => {
    const head = manifestsProvider(associate(['x'], []), [rule(['roles'], ['escalate', 'bind'], ['developer'])]);
    const namespaced = { ...head, rbacRoles: [{ kind: 'Role' as const, name: 'r', namespace: 'payments', rules: head.rbacRoles[0].rules }], bindings: [{ kind: 'RoleBinding' as const, name: 'b', namespace: 'payments', roleRef: { kind: 'Role', name: 'r' }, subjects: ['User eks-access:manifests:o'] }] };
    expect(adminPathsOf(namespaced)).toEqual([]);
  });

  test('create and patch on bindings without escalate or bind stays "manages RBAC"', () => {
    const paths = adminPathsOf(manifestsProvider(associate(['x'], []), [rule(['rolebindings'], ['create'], ['b'])]));
    expect(summary(paths)[0]).toBe('kubernetes identity | role:handler | manages-rbac | can manage RBAC: manages RBAC as `User eks-access:manifests:o`, bound by `ClusterRoleBinding eks-access-manifests-o` to `ClusterRole eks-access-manifests-o` (cluster-wide)');
  });
});

describe('the EKS access API path judges eks:policyArn as the association path does', () => {
  const cluster = { label: 'Cluster/Cluster', bootstrapCreatorAdmin: false };
  const holder = (statement: PolicyStatement) => adminPathsOf(env({ roles: [role('operator', [], [statement])], clusters: [cluster] })).filter((p) => p.kind === AdminPathKinds.eksAccessApi);

  test('an association limited to another policy is no path; other actions of the statement stay', () => {
    const view = [onPolicy('ArnEquals', ['arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy'])];
    expect(holder(associate(['*'], view))).toEqual([]);
    expect(summary(holder({ ...allow(['eks:CreateAccessEntry', 'eks:AssociateAccessPolicy'], ['*']), conditions: view }))).toEqual([
      'EKS access API | role:operator | Cluster/Cluster | may `eks:CreateAccessEntry` on `*`: can give itself a cluster-admin access entry',
    ]);
  });

  test('an association allowed for the admin policy stays a path', () => {
    expect(summary(holder(associate(['*'], [onPolicy('ArnEquals', [ADMIN])])))).toEqual([
      'EKS access API | role:operator | Cluster/Cluster | may `eks:AssociateAccessPolicy` on `*`: can give itself a cluster-admin access entry',
    ]);
  });
});
