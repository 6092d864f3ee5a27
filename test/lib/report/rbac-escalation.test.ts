import { ESCALATION_VERBS, escalationGrants, escalationTargets } from '../../../lib/report/rbac-escalation';
import type { RbacRule } from '../../../lib/report/model';

const RBAC = 'rbac.authorization.k8s.io';
const rule = (apiGroups: string[], resources: string[], verbs: string[], resourceNames: string[] = []): RbacRule => ({ apiGroups, resources, verbs, resourceNames, nonResourceURLs: [] });

describe('escalationGrants', () => {
  test('the two verbs that bypass the escalation check', () => {
    expect(ESCALATION_VERBS).toEqual(['escalate', 'bind']);
  });

  test('escalate and bind on named ClusterRoles and Roles, per verb and kind, names merged and sorted', () => {
    expect(escalationGrants([
      rule([RBAC], ['clusterroles'], ['bind', 'create', 'escalate'], ['reader', 'verifier']),
      rule([RBAC], ['roles'], ['escalate'], ['writer']),
      rule([RBAC], ['roles'], ['escalate', 'get'], ['developer', 'writer']),
    ])).toEqual([
      { verb: 'escalate', kind: 'ClusterRole', names: ['reader', 'verifier'] },
      { verb: 'escalate', kind: 'Role', names: ['developer', 'writer'] },
      { verb: 'bind', kind: 'ClusterRole', names: ['reader', 'verifier'] },
    ]);
  });

  test('a rule without resourceNames reaches every name (`*`), and wins over named rules', () => {
    expect(escalationGrants([rule([RBAC], ['roles'], ['bind'], ['a']), rule([RBAC], ['roles'], ['bind'])])).toEqual([{ verb: 'bind', kind: 'Role', names: ['*'] }]);
  });

  test('wildcards in API groups, resources and verbs count', () => {
    expect(escalationGrants([rule(['*'], ['*'], ['*'])])).toEqual([
      { verb: 'escalate', kind: 'ClusterRole', names: ['*'] }, { verb: 'escalate', kind: 'Role', names: ['*'] },
      { verb: 'bind', kind: 'ClusterRole', names: ['*'] }, { verb: 'bind', kind: 'Role', names: ['*'] },
    ]);
  });

  test.each([
    ['another API group', rule(['apps'], ['roles'], ['escalate'])],
    ['bindings, not roles', rule([RBAC], ['rolebindings', 'clusterrolebindings'], ['bind', 'escalate'])],
    ['other verbs', rule([RBAC], ['roles', 'clusterroles'], ['create', 'patch', 'delete'])],
  ])('no grant: %s', (_, r) => {
    expect(escalationGrants([r])).toEqual([]);
  });
});

describe('escalationTargets', () => {
  const grants = [
    { verb: 'escalate', kind: 'Role', names: ['writer'] },
    { verb: 'bind', kind: 'ClusterRole', names: ['reader'] },
    { verb: 'bind', kind: 'Role', names: ['writer'] },
  ] as const;

  test('through a ClusterRoleBinding a Role name reaches every namespace; ids sorted and distinct', () => {
    expect(escalationTargets(grants, { kind: 'ClusterRoleBinding' })).toEqual(['ClusterRole reader', 'Role */writer']);
  });

  test('through a RoleBinding only its namespace (default when it names none)', () => {
    expect(escalationTargets(grants, { kind: 'RoleBinding', namespace: 'kube-system' })).toEqual(['ClusterRole reader', 'Role kube-system/writer']);
    expect(escalationTargets(grants, { kind: 'RoleBinding' })).toEqual(['ClusterRole reader', 'Role default/writer']);
  });
});
