import { newClusterRoleBinding } from '../../../../lib/report/rules/new-cluster-role-binding';
import type { RbacBinding } from '../../../../lib/report/model';
import { check, env } from './environment';

const crb = (subjects: string[]): RbacBinding => ({ kind: 'ClusterRoleBinding', name: 'ops-view', roleRef: { kind: 'ClusterRole', name: 'view' }, subjects });

describe('new-cluster-role-binding', () => {
  test('compliant: the same subjects in base; a RoleBinding is not cluster-wide', () => {
    expect(check(newClusterRoleBinding, env({ bindings: [crb(['Group ops'])] }), env({ bindings: [crb(['Group ops'])] }))).toEqual([]);
    expect(check(newClusterRoleBinding, env(), env({ bindings: [{ ...crb(['Group ops']), kind: 'RoleBinding', namespace: 'web' }] }))).toEqual([]);
  });

  test('non-compliant: one finding per new subject', () => {
    const findings = check(newClusterRoleBinding, env({ bindings: [crb(['Group ops'])] }), env({ bindings: [crb(['Group ops', 'Group audit', 'User eve'])] }));
    expect(findings.map((f) => f.principal)).toEqual(['Group audit', 'User eve']);
    expect(findings[0].grant).toBe('ClusterRoleBinding ops-view ClusterRole view');
  });
});
