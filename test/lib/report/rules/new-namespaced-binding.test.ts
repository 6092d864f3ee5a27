import { newNamespacedBinding } from '../../../../lib/report/rules/new-namespaced-binding';
import type { RbacBinding } from '../../../../lib/report/model';
import { check, env } from './environment';

const rb = (subjects: string[]): RbacBinding => ({ kind: 'RoleBinding', name: 'dev', namespace: 'payments', roleRef: { kind: 'ClusterRole', name: 'edit' }, subjects });

describe('new-namespaced-binding', () => {
  test('compliant: the same subjects in base', () => {
    expect(check(newNamespacedBinding, env({ bindings: [rb(['Group developer'])] }), env({ bindings: [rb(['Group developer'])] }))).toEqual([]);
  });

  test('non-compliant (info): a new subject in a namespace', () => {
    expect(check(newNamespacedBinding, env(), env({ bindings: [rb(['Group developer'])] }))).toEqual([expect.objectContaining({ principal: 'Group developer', grant: 'RoleBinding payments/dev ClusterRole edit' })]);
    expect(newNamespacedBinding.severity).toBe('info');
  });
});
