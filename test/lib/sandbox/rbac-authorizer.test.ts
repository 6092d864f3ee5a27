import { AWS_AUTH_NAME, WRITER_GROUP } from '../../../lambda/aws-auth/api';
import { Groups } from '../../../lib/k8s/groups';
import { awsAuthWriterRbac, developerRbac, readerRbac } from '../../../lib/k8s/rbac';
import type { RbacBindingLike, RbacObject, RbacRequest, RbacRuleLike, RbacSubjectLike } from '../../../lib/sandbox/rbac-authorizer';
import { RbacEvaluator, rbacAuthorizer } from '../../../lib/sandbox/rbac-authorizer';

const dev = { user: 'developer', groups: [Groups.developer] };
const reader = { user: 'reader', groups: [Groups.reader] };
const writer = { user: 'handler', groups: [WRITER_GROUP] };

/** The app's own RBAC: developer in payments only, reader cluster-wide, the aws-auth writer. */
function appRbac(): RbacEvaluator {
  return new RbacEvaluator([...developerRbac('payments'), ...readerRbac(), ...awsAuthWriterRbac()]);
}

describe('RbacEvaluator on the RBAC lib/k8s builds', () => {
  const cases: Array<[string, RbacRequest, boolean]> = [
    ['developer gets pods in its namespace', { ...dev, verb: 'get', resource: 'pods', namespace: 'payments' }, true],
    ['developer reads pod logs (subresource) in its namespace', { ...dev, verb: 'get', resource: 'pods', subresource: 'log', namespace: 'payments' }, true],
    ['developer cannot exec into pods', { ...dev, verb: 'create', resource: 'pods', subresource: 'exec', namespace: 'payments' }, false],
    ['developer lists deployments (apps group)', { ...dev, verb: 'list', apiGroup: 'apps', resource: 'deployments', namespace: 'payments' }, true],
    ['the API group matters: deployments in the core group', { ...dev, verb: 'list', resource: 'deployments', namespace: 'payments' }, false],
    ['developer cannot create pods', { ...dev, verb: 'create', resource: 'pods', namespace: 'payments' }, false],
    ['developer cannot get secrets', { ...dev, verb: 'get', resource: 'secrets', namespace: 'payments' }, false],
    ['developer has nothing in a namespace without a binding', { ...dev, verb: 'get', resource: 'pods', namespace: 'web' }, false],
    ['a RoleBinding grants nothing cluster-wide', { ...dev, verb: 'list', resource: 'pods' }, false],
    ['a rule with verb get does not answer verb *', { ...dev, verb: '*', apiGroup: '*', resource: '*', namespace: 'payments' }, false],
    ['reader lists pods cluster-wide', { ...reader, verb: 'list', resource: 'pods' }, true],
    ['a ClusterRoleBinding also applies in every namespace', { ...reader, verb: 'get', resource: 'pods', namespace: 'web' }, true],
    ['reader gets nodes', { ...reader, verb: 'get', resource: 'nodes' }, true],
    ['reader cannot get secrets', { ...reader, verb: 'get', resource: 'secrets' }, false],
    ['reader cannot delete pods', { ...reader, verb: 'delete', resource: 'pods' }, false],
    ['the username alone is not a group', { user: 'reader', groups: [], verb: 'list', resource: 'pods' }, false],
    ['writer gets aws-auth', { ...writer, verb: 'get', resource: 'configmaps', namespace: 'kube-system', name: AWS_AUTH_NAME }, true],
    ['writer cannot get another ConfigMap', { ...writer, verb: 'get', resource: 'configmaps', namespace: 'kube-system', name: 'coredns' }, false],
    ['resourceNames never match a request without a name (list)', { ...writer, verb: 'list', resource: 'configmaps', namespace: 'kube-system' }, false],
    ['writer may create ConfigMaps (rule without resourceNames)', { ...writer, verb: 'create', resource: 'configmaps', namespace: 'kube-system' }, true],
    ['the writer Role applies in kube-system only', { ...writer, verb: 'get', resource: 'configmaps', namespace: 'default', name: AWS_AUTH_NAME }, false],
    ['system:masters may do anything', { user: 'admin', groups: [Groups.clusterAdmin], verb: '*', apiGroup: '*', resource: '*' }, true],
    ['nobody else may do anything', { user: 'x', groups: ['developer', 'reader', WRITER_GROUP], verb: '*', apiGroup: '*', resource: '*' }, false],
  ];
  test.each(cases)('%s', (_, req, allowed) => {
    expect(appRbac().authorize(req).allowed).toBe(allowed);
  });

  test('an allowed answer names the binding, role and subject, as Kubernetes does', () => {
    expect(appRbac().authorize({ ...dev, verb: 'get', resource: 'pods', namespace: 'payments' }).reason)
      .toBe('RBAC: allowed by RoleBinding "eks-access-developer/payments" of Role "eks-access-developer" to Group "developer"');
    expect(appRbac().authorize({ ...reader, verb: 'list', resource: 'pods' }).reason)
      .toBe('RBAC: allowed by ClusterRoleBinding "eks-access-reader" of ClusterRole "eks-access-reader" to Group "reader"');
  });
});

describe('RbacEvaluator semantics beyond the app RBAC', () => {
  const clusterRole = (name: string, rules: RbacRuleLike[]): RbacObject => ({ kind: 'ClusterRole', metadata: { name }, rules });
  const roleBinding = (name: string, ns: string, roleRef: RbacBindingLike['roleRef'], subjects: RbacSubjectLike[]): RbacObject =>
    ({ kind: 'RoleBinding', metadata: { name, namespace: ns }, roleRef, subjects });

  test('wildcards in verbs, apiGroups and resources match anything, including a * question', () => {
    const rbac = new RbacEvaluator([
      clusterRole('all', [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }]),
      { kind: 'ClusterRoleBinding', metadata: { name: 'ops-all' }, roleRef: { kind: 'ClusterRole', name: 'all' }, subjects: [{ kind: 'Group', name: 'ops' }] },
    ]);
    expect(rbac.authorize({ user: 'o', groups: ['ops'], verb: '*', apiGroup: '*', resource: '*' }).allowed).toBe(true);
    expect(rbac.authorize({ user: 'o', groups: ['ops'], verb: 'delete', apiGroup: 'apps', resource: 'deployments', namespace: 'x' }).allowed).toBe(true);
  });

  test('*/subresource matches that subresource of any resource, not the resource itself', () => {
    const rbac = new RbacEvaluator([
      clusterRole('scaler', [{ apiGroups: ['apps'], resources: ['*/scale'], verbs: ['update'] }]),
      roleBinding('scale', 'web', { kind: 'ClusterRole', name: 'scaler' }, [{ kind: 'User', name: 'hpa' }]),
    ]);
    const ask = (subresource?: string) => rbac.authorize({ user: 'hpa', groups: [], verb: 'update', apiGroup: 'apps', resource: 'deployments', namespace: 'web', ...(subresource ? { subresource } : {}) }).allowed;
    expect([ask('scale'), ask(), ask('status')]).toEqual([true, false, false]);
  });

  test('a RoleBinding to a ClusterRole grants its rules in the binding namespace only', () => {
    const rbac = new RbacEvaluator([
      clusterRole('view-secrets', [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }]),
      roleBinding('s', 'payments', { kind: 'ClusterRole', name: 'view-secrets' }, [{ kind: 'Group', name: 'developer' }]),
    ]);
    const ask = (namespace?: string) => rbac.authorize({ ...dev, verb: 'get', resource: 'secrets', ...(namespace ? { namespace } : {}) }).allowed;
    expect([ask('payments'), ask('web'), ask()]).toEqual([true, false, false]);
  });

  test('resourceNames limit get to the named object', () => {
    const rbac = new RbacEvaluator([
      clusterRole('one', [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: ['tls'] }]),
      roleBinding('one', 'web', { kind: 'ClusterRole', name: 'one' }, [{ kind: 'User', name: 'u' }]),
    ]);
    const ask = (name?: string) => rbac.authorize({ user: 'u', groups: [], verb: 'get', resource: 'secrets', namespace: 'web', ...(name ? { name } : {}) }).allowed;
    expect([ask('tls'), ask('db'), ask()]).toEqual([true, false, false]);
  });

  test('User and ServiceAccount subjects; a ServiceAccount without namespace defaults to the binding namespace', () => {
    const rbac = new RbacEvaluator([
      clusterRole('pods', [{ apiGroups: [''], resources: ['pods'], verbs: ['list'] }]),
      roleBinding('b', 'web', { kind: 'ClusterRole', name: 'pods' }, [{ kind: 'User', name: 'alice' }, { kind: 'ServiceAccount', name: 'ci' }]),
    ]);
    const ask = (user: string) => rbac.authorize({ user, groups: [], verb: 'list', resource: 'pods', namespace: 'web' }).allowed;
    expect([ask('alice'), ask('bob'), ask('system:serviceaccount:web:ci'), ask('system:serviceaccount:other:ci')]).toEqual([true, false, true, false]);
  });

  test('a binding whose role does not exist grants nothing; apply replaces and remove deletes', () => {
    const rbac = new RbacEvaluator([roleBinding('b', 'web', { kind: 'Role', name: 'missing' }, [{ kind: 'Group', name: 'developer' }])]);
    const ask = () => rbac.authorize({ ...dev, verb: 'get', resource: 'pods', namespace: 'web' }).allowed;
    expect(ask()).toBe(false);
    rbac.apply({ kind: 'Role', metadata: { name: 'missing', namespace: 'web' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] });
    expect(ask()).toBe(true);
    rbac.apply(roleBinding('b', 'web', { kind: 'Role', name: 'missing' }, [{ kind: 'Group', name: 'someone-else' }]));
    expect(ask()).toBe(false);
    expect(rbac.remove('RoleBinding', 'b', 'web')).toBe(true);
    expect(rbac.list().map((o) => o.kind)).toEqual(['Role']);
  });

  test('refuses objects the API server would reject or that it does not model', () => {
    expect(() => new RbacEvaluator([{ kind: 'Role', metadata: { name: 'r' }, rules: [] }])).toThrow('Role "r" needs metadata.namespace');
    expect(() => new RbacEvaluator([{ kind: 'ClusterRoleBinding', metadata: { name: 'b' }, roleRef: { kind: 'Role', name: 'r' }, subjects: [] }]))
      .toThrow('ClusterRoleBinding "b" may only refer to a ClusterRole, not a Role');
    expect(() => new RbacEvaluator([{ kind: 'ClusterRole', metadata: { name: 'agg' }, rules: [], aggregationRule: {} }])).toThrow('aggregationRule');
  });
});

describe('rbacAuthorizer (the stand-in hook)', () => {
  const groupsOf = (user: string) => (user === 'arn:aws:iam::111122223333:user/deployer' ? [WRITER_GROUP] : []);
  const authz = rbacAuthorizer(appRbac(), groupsOf);

  test('a caller ARN gets the groups groupsOf gives it', () => {
    expect(authz('arn:aws:iam::111122223333:user/deployer', 'get', 'configmaps', 'kube-system', AWS_AUTH_NAME, undefined, { apiGroup: '' }))
      .toMatchObject({ allowed: true });
    expect(authz('arn:aws:iam::111122223333:user/other', 'get', 'configmaps', 'kube-system', AWS_AUTH_NAME)).toMatchObject({ allowed: false });
  });

  test('a review is evaluated with its own groups, with no groups added', () => {
    expect(authz('developer', 'get', 'pods', 'payments', undefined, ['developer'], { apiGroup: '' })).toMatchObject({ allowed: true });
    expect(authz('developer', 'get', 'pods', 'payments', undefined, [], { apiGroup: '' })).toMatchObject({ allowed: false });
    expect(authz('developer', 'list', 'deployments', 'payments', undefined, ['developer'], { apiGroup: 'apps' })).toMatchObject({ allowed: true });
    expect(authz('developer', 'get', 'pods', 'payments', undefined, ['developer'], { apiGroup: '', subresource: 'exec' })).toMatchObject({ allowed: false });
  });
});
