import { messageText } from '../../../../lib/report/markdown';
import type { RbacBinding } from '../../../../lib/report/model';
import { bindingFindings, newClusterRoleBinding, newSubjects } from '../../../../lib/report/rules/new-cluster-role-binding';
import { check, env, expectRule } from './environment';

const crb = (subjects: string[], roleRef = { kind: 'ClusterRole', name: 'view' }): RbacBinding => ({ kind: 'ClusterRoleBinding', name: 'ops-view', roleRef, subjects });

describe('newSubjects', () => {
  test('every subject when base has no such binding', () => {
    expect(newSubjects(crb(['Group ops', 'User eve']), [])).toEqual(['Group ops', 'User eve']);
  });

  test('the subjects the same binding to the same role did not have, in order', () => {
    expect(newSubjects(crb(['User eve', 'Group ops', 'Group audit']), [crb(['Group ops'])])).toEqual(['User eve', 'Group audit']);
  });

  test.each<[string, RbacBinding]>([
    ['another role name', crb(['Group ops'], { kind: 'ClusterRole', name: 'edit' })],
    ['another role kind', crb(['Group ops'], { kind: 'Role', name: 'view' })],
    ['another binding name', { ...crb(['Group ops']), name: 'other' }],
    ['another binding kind', { ...crb(['Group ops']), kind: 'RoleBinding' }],
  ])('a base binding with %s does not count', (_, before) => {
    expect(newSubjects(crb(['Group ops']), [before])).toEqual(['Group ops']);
  });

  test('the matching binding is found among others', () => {
    expect(newSubjects(crb(['Group ops']), [{ ...crb(['Group ops']), name: 'other' }, crb(['Group ops'])])).toEqual([]);
  });
});

describe('bindingFindings', () => {
  test('one finding per subject given, with the binding and its role', () => {
    const findings = bindingFindings(crb(['Group ops', 'User eve']), ['User eve'], 'cluster-wide');
    expect(findings).toEqual([{
      label: 'RBAC binding', id: 'ClusterRoleBinding ops-view', principal: 'User eve', grant: 'ClusterRoleBinding ops-view ClusterRole view', message: expect.any(String),
    }]);
    expect(messageText(findings[0].message)).toBe('binds `ClusterRole view` cluster-wide to `User eve`');
  });
});

describe('new-cluster-role-binding', () => {
  test('id, severity and description', () => {
    expectRule(newClusterRoleBinding, 'new-cluster-role-binding', 'high');
  });

  test('compliant: the same subjects in base; a RoleBinding is not cluster-wide', () => {
    expect(check(newClusterRoleBinding, env({ bindings: [crb(['Group ops'])] }), env({ bindings: [crb(['Group ops'])] }))).toEqual([]);
    expect(check(newClusterRoleBinding, env(), env({ bindings: [{ ...crb(['Group ops']), kind: 'RoleBinding', namespace: 'web' }] }))).toEqual([]);
  });

  test('non-compliant: one finding per new subject', () => {
    const findings = check(newClusterRoleBinding, env({ bindings: [crb(['Group ops'])] }), env({ bindings: [crb(['Group ops', 'Group audit', 'User eve'])] }));
    expect(findings.map((f) => f.principal)).toEqual(['Group audit', 'User eve']);
    expect(findings[0].grant).toBe('ClusterRoleBinding ops-view ClusterRole view');
    expect(messageText(findings[1].message)).toBe('binds `ClusterRole view` cluster-wide to `User eve`');
  });

  test('non-compliant: every subject when the binding now points at another role', () => {
    const findings = check(newClusterRoleBinding, env({ bindings: [crb(['Group ops'])] }), env({ bindings: [crb(['Group ops'], { kind: 'ClusterRole', name: 'cluster-admin' })] }));
    expect(findings.map((f) => [f.principal, f.grant])).toEqual([['Group ops', 'ClusterRoleBinding ops-view ClusterRole cluster-admin']]);
  });
});
