import { messageText } from '../../../../lib/report/markdown';
import { newRbacEscalation } from '../../../../lib/report/rules/new-rbac-escalation';
import type { EnvironmentAccess, RbacRule } from '../../../../lib/report/model';
import { check, env, expectRule, role } from './environment';

const rule = (verbs: string[], resourceNames: string[]): RbacRule => ({ apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], verbs, resourceNames, nonResourceURLs: [] });

function escalator(rules: RbacRule[]): EnvironmentAccess {
  return env({
    roles: [role('handler', ['Service lambda.amazonaws.com'])],
    accessEntries: [{ principal: 'role:handler', cluster: 'Cluster/Cluster', type: 'STANDARD', username: 'fn', groups: [], policies: [] }],
    rbacRoles: [{ kind: 'ClusterRole', name: 'own', rules }],
    bindings: [{ kind: 'ClusterRoleBinding', name: 'own', roleRef: { kind: 'ClusterRole', name: 'own' }, subjects: ['User fn'] }],
  });
}

describe('new-rbac-escalation', () => {
  test('id, severity and description', () => {
    expectRule(newRbacEscalation, 'new-rbac-escalation', 'critical');
  });

  test('compliant: the same escalation in base; rules without escalate or bind', () => {
    const head = escalator([rule(['escalate'], ['reader'])]);
    expect(check(newRbacEscalation, head, head)).toEqual([]);
    expect(check(newRbacEscalation, env(), escalator([rule(['get', 'patch'], ['reader'])]))).toEqual([]);
  });

  test('non-compliant: an identity newly allowed to escalate and bind named ClusterRoles, in full', () => {
    const findings = check(newRbacEscalation, env(), escalator([rule(['bind', 'escalate'], ['reader'])]));
    expect(findings).toEqual([{
      label: 'RBAC escalate or bind', id: 'role:handler', principal: 'role:handler',
      grant: 'ClusterRole reader ClusterRoleBinding own ClusterRole own User fn escalate and bind ClusterRole reader', message: expect.any(String),
    }]);
    expect(messageText(findings[0].message)).toBe('new path to cluster admin: is admin-equivalent through RBAC: may `escalate` and `bind` `ClusterRole reader` (`escalate`: write any rule into them; `bind`: bind them to anyone, itself included), so it can grant itself anything through them as `User fn`, bound by `ClusterRoleBinding own` to `ClusterRole own` (cluster-wide)');
  });

  test('non-compliant: one more name is a new grant', () => {
    const findings = check(newRbacEscalation, escalator([rule(['escalate'], ['reader'])]), escalator([rule(['escalate'], ['reader', 'verifier'])]));
    expect(findings.map((f) => f.grant)).toEqual(['ClusterRole reader, ClusterRole verifier ClusterRoleBinding own ClusterRole own User fn escalate ClusterRole reader, ClusterRole verifier']);
  });
});
