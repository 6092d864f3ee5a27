import { applyConflicts, deletePreconditionFailed, forbiddenFor, invalidFor, qualifiedKind, qualifiedResource } from '../../support/kube-object-status';

const update = (manager: string) => ({ manager, operation: 'Update' as const, apiVersion: 'v1' });
const apply = (manager: string) => ({ manager, operation: 'Apply' as const, apiVersion: 'v1' });

describe('Status texts of the generic object routes', () => {
  test('resources and kinds are qualified by their group, the core group by nothing', () => {
    expect([qualifiedResource('roles', 'rbac.authorization.k8s.io'), qualifiedResource('configmaps', '')]).toEqual(['roles.rbac.authorization.k8s.io', 'configmaps']);
    expect([qualifiedKind('Role', 'rbac.authorization.k8s.io'), qualifiedKind('ConfigMap', '')]).toEqual(['Role.rbac.authorization.k8s.io', 'ConfigMap']);
  });

  test('a failed DELETE precondition: the registry names the kind by its group; the namespace storage its own words', () => {
    expect(deletePreconditionFailed('Role', 'rbac.authorization.k8s.io', 'r', { field: 'uid', given: 'a', stored: 'b' })).toMatchObject({
      code: 409, reason: 'Conflict', details: { name: 'r', group: 'rbac.authorization.k8s.io', kind: 'Role' },
      message: 'Operation cannot be fulfilled on Role.rbac.authorization.k8s.io "r": the UID in the precondition (a) does not match the UID in record (b). The object might have been deleted and then recreated',
    });
    expect(deletePreconditionFailed('ServiceAccount', '', 'sa', { field: 'resourceVersion', given: '1', stored: '2' }).message)
      .toBe('Operation cannot be fulfilled on ServiceAccount "sa": the ResourceVersion in the precondition (1) does not match the ResourceVersion in record (2). The object might have been modified');
    expect(deletePreconditionFailed('Namespace', '', 'team', { field: 'resourceVersion', given: '1', stored: '2' })).toMatchObject({
      details: { name: 'team', kind: 'namespaces' }, message: 'Operation cannot be fulfilled on namespaces "team": Precondition failed: ResourceVersion in precondition: 1, ResourceVersion in object meta: 2',
    });
  });

  test('one apply conflict: one line; an applier is named without apiVersion, an updater with it', () => {
    expect(applyConflicts([{ owner: apply('eks-access'), path: ['data', 'key'] }])).toMatchObject({
      code: 409, reason: 'Conflict', message: 'Apply failed with 1 conflict: conflict with "eks-access": .data.key',
      details: { causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "eks-access"', field: '.data.key' }] },
    });
    expect(applyConflicts([{ owner: update('kubectl-edit'), path: ['data', 'key'] }]).message).toBe('Apply failed with 1 conflict: conflict with "kubectl-edit" using v1: .data.key');
  });

  test('several conflicts: grouped by manager in the manager identifier order, one line per field', () => {
    const out = applyConflicts([
      { owner: update('b'), path: ['data', 'x'] }, { owner: apply('a'), path: ['data', 'y'] }, { owner: update('b'), path: ['data', 'z'] },
    ]);
    expect(out.message).toBe('Apply failed with 3 conflicts: conflicts with "a":\n- .data.y\nconflicts with "b" using v1:\n- .data.x\n- .data.z');
    expect((out.details as { causes: unknown[] }).causes).toHaveLength(3);
  });

  test('403 and 422 texts', () => {
    expect(forbiddenFor('u', 'patch', 'roles', 'rbac.authorization.k8s.io', 'n', 'r').message)
      .toBe('roles.rbac.authorization.k8s.io "r" is forbidden: User "u" cannot patch resource "roles" in API group "rbac.authorization.k8s.io" in the namespace "n"');
    expect(forbiddenFor('u', 'list', 'namespaces', '').message).toBe('namespaces is forbidden: User "u" cannot list resource "namespaces" in API group "" at the cluster scope');
    expect(invalidFor('Role', 'rbac.authorization.k8s.io', 'r', [
      { reason: 'FieldValueRequired', field: 'a', message: 'Required value' }, { reason: 'FieldValueRequired', field: 'b', message: 'Required value' },
    ]).message).toBe('Role.rbac.authorization.k8s.io "r" is invalid: [a: Required value, b: Required value]');
  });
});
