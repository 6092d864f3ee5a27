import { messageText } from '../../../../lib/report/markdown';
import type { RbacBinding } from '../../../../lib/report/model';
import { newNamespacedBinding } from '../../../../lib/report/rules/new-namespaced-binding';
import { check, env, expectRule } from './environment';

const rb = (subjects: string[]): RbacBinding => ({ kind: 'RoleBinding', name: 'dev', namespace: 'payments', roleRef: { kind: 'ClusterRole', name: 'edit' }, subjects });

describe('new-namespaced-binding', () => {
  test('id, severity and description', () => {
    expectRule(newNamespacedBinding, 'new-namespaced-binding', 'info');
  });

  test('compliant: the same subjects in base; a ClusterRoleBinding (its own rule)', () => {
    expect(check(newNamespacedBinding, env({ bindings: [rb(['Group developer'])] }), env({ bindings: [rb(['Group developer'])] }))).toEqual([]);
    expect(check(newNamespacedBinding, env(), env({ bindings: [{ ...rb(['Group developer']), kind: 'ClusterRoleBinding', namespace: undefined }] }))).toEqual([]);
  });

  test('non-compliant (info): a new subject in a namespace', () => {
    const findings = check(newNamespacedBinding, env({ bindings: [rb(['Group developer'])] }), env({ bindings: [rb(['Group developer', 'User eve'])] }));
    expect(findings).toEqual([{
      label: 'RBAC binding', id: 'RoleBinding payments/dev', principal: 'User eve', grant: 'RoleBinding payments/dev ClusterRole edit', message: expect.any(String),
    }]);
    expect(messageText(findings[0].message)).toBe('binds `ClusterRole edit` in namespace `payments` to `User eve`');
  });

  test('a RoleBinding without a namespace is in `default`', () => {
    const [finding] = check(newNamespacedBinding, env(), env({ bindings: [{ ...rb(['Group developer']), namespace: undefined }] }));
    expect(messageText(finding.message)).toBe('binds `ClusterRole edit` in namespace `default` to `Group developer`');
  });
});
