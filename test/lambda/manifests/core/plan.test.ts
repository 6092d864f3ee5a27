/** The steps of Create, Update and Delete, case by case. */
import { ManifestInputError } from '../../../../lambda/manifests/core/errors';
import { validateObjects, validatePatches } from '../../../../lambda/manifests/core/objects';
import { planSteps, roleRefChanged } from '../../../../lambda/manifests/core/plan';
import type { Step } from '../../../../lambda/manifests/core/plan';
import type { DeclaredSet } from '../../../../lambda/manifests/core/types';

const RBAC = 'rbac.authorization.k8s.io';
const ns = (name: string) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
const cm = (name: string, namespace = 'team-a', data: Record<string, string> = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data });
const role = (name: string) => ({ apiVersion: `${RBAC}/v1`, kind: 'Role', metadata: { name, namespace: 'team-a' }, rules: [] });
const binding = (name: string, roleName: string, roleKind = 'Role', apiVersion = `${RBAC}/v1`) => ({
  apiVersion, kind: 'RoleBinding', metadata: { name, namespace: 'team-a' }, roleRef: { apiGroup: RBAC, kind: roleKind, name: roleName }, subjects: [],
});
const crb = (name: string, roleName: string) => ({ apiVersion: `${RBAC}/v1`, kind: 'ClusterRoleBinding', metadata: { name }, roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: roleName } });
const patch = (name: string, value = 'v') => ({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name, namespace: 'kube-system' }, spec: { value } });

function set(objects: unknown[], patches: unknown[] = [], owner = 'dev-1'): DeclaredSet {
  const o = validateObjects(objects, owner);
  return { owner, objects: o, patches: validatePatches(patches, o) };
}

/** `apply ConfigMap team-a/c`, `delete(removed) Namespace team-b`, `apply-patch DaemonSet kube-system/aws-node`. */
function describe_(steps: readonly Step[]): string[] {
  return steps.map((s) => {
    const target = 'object' in s ? s.object : s.patch;
    const what = `${target.id.kind} ${target.id.namespace === undefined ? '' : `${target.id.namespace}/`}${target.id.name}`;
    return s.action === 'delete' ? `delete(${s.why}) ${what}` : `${s.action} ${what}`;
  });
}

describe('planSteps', () => {
  test('nothing declared before or now: no steps', () => {
    expect(planSteps({})).toEqual([]);
  });

  test('Create: every object in apply order, then the patches by identity', () => {
    const next = set([binding('read', 'reader'), cm('c'), role('reader'), ns('team-a')], [patch('z'), patch('aws-node')]);
    expect(describe_(planSteps({ new: next }))).toEqual([
      'apply Namespace team-a', 'apply ConfigMap team-a/c', 'apply Role team-a/reader', 'apply RoleBinding team-a/read',
      'apply-patch DaemonSet kube-system/aws-node', 'apply-patch DaemonSet kube-system/z',
    ]);
  });

  test('Create: the apply steps carry the bodies with the ownership labels', () => {
    const [step] = planSteps({ new: set([ns('team-a')]) });
    expect(step).toEqual({ action: 'apply', object: { id: { group: '', kind: 'Namespace', name: 'team-a' }, body: { ...ns('team-a'), metadata: { name: 'team-a', labels: { 'app.kubernetes.io/managed-by': 'eks-access', 'eks-access.io/owner': 'dev-1' } } } } });
  });

  test('Update with nothing changed: the same applies (server-side apply is idempotent), nothing deleted or released', () => {
    const s = set([ns('team-a'), cm('c')], [patch('aws-node')]);
    expect(describe_(planSteps({ old: s, new: s }))).toEqual(['apply Namespace team-a', 'apply ConfigMap team-a/c', 'apply-patch DaemonSet kube-system/aws-node']);
  });

  test('Update: objects added, changed and removed; removed ones deleted last, in delete order', () => {
    const old = set([ns('team-a'), ns('team-b'), cm('c', 'team-b'), role('old'), binding('old', 'old'), cm('kept', 'team-a', { a: '1' })]);
    const next = set([ns('team-a'), cm('kept', 'team-a', { a: '2' }), cm('new')]);
    expect(describe_(planSteps({ old, new: next }))).toEqual([
      'apply Namespace team-a', 'apply ConfigMap team-a/kept', 'apply ConfigMap team-a/new',
      'delete(removed) RoleBinding team-a/old', 'delete(removed) Role team-a/old', 'delete(removed) ConfigMap team-b/c', 'delete(removed) Namespace team-b',
    ]);
  });

  test('Update: the delete step carries the old declaration (what the handler checks the live labels against)', () => {
    const old = set([cm('gone', 'team-a', { a: '1' })]);
    const steps = planSteps({ old, new: set([]) });
    expect(steps).toEqual([{ action: 'delete', object: old.objects[0], why: 'removed' }]);
  });

  test('Update: a new version of the same group is the same object (applied, not deleted)', () => {
    const old = set([binding('read', 'r', 'Role', `${RBAC}/v1beta1`)]);
    const next = set([binding('read', 'r')]);
    expect(describe_(planSteps({ old, new: next }))).toEqual(['apply RoleBinding team-a/read']);
  });

  test('Update: an object moved to another namespace or kind is a new object, and the old one is deleted', () => {
    const old = set([cm('c', 'team-a'), { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 's', namespace: 'team-a' } }]);
    const next = set([cm('c', 'team-b'), cm('s', 'team-a')]);
    expect(describe_(planSteps({ old, new: next }))).toEqual([
      'apply ConfigMap team-a/s', 'apply ConfigMap team-b/c', 'delete(removed) ServiceAccount team-a/s', 'delete(removed) ConfigMap team-a/c',
    ]);
  });

  test('Update: a binding whose roleRef changed is deleted right before it is applied again', () => {
    const old = set([role('a'), role('b'), binding('read', 'a'), crb('view', 'x'), binding('same', 'a')]);
    const next = set([role('a'), role('b'), binding('read', 'b'), crb('view', 'y'), binding('same', 'a')]);
    const steps = planSteps({ old, new: next });
    expect(describe_(steps)).toEqual([
      'apply Role team-a/a', 'apply Role team-a/b',
      'delete(replaced) ClusterRoleBinding view', 'apply ClusterRoleBinding view',
      'delete(replaced) RoleBinding team-a/read', 'apply RoleBinding team-a/read',
      'apply RoleBinding team-a/same',
    ]);
    expect(steps[4]).toEqual({ action: 'delete', object: old.objects[2], why: 'replaced' });
  });

  test('Update: patches changed, added and no longer declared (released after the applies, before the deletes)', () => {
    const old = set([cm('gone')], [patch('a', 'v'), patch('b')]);
    const next = set([], [patch('a', 'w'), patch('c')]);
    expect(describe_(planSteps({ old, new: next }))).toEqual([
      'apply-patch DaemonSet kube-system/a', 'apply-patch DaemonSet kube-system/c', 'release-patch DaemonSet kube-system/b', 'delete(removed) ConfigMap team-a/gone',
    ]);
    expect(planSteps({ old, new: next })[2]).toEqual({ action: 'release-patch', patch: old.patches[1] });
  });

  test('Update: an owned object that becomes a patch is left in place, a patch that becomes owned is released after its apply', () => {
    const owned = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'kube-system' }, data: { a: '1' } };
    const old = set([owned], [patch('aws-node')]);
    const next = set([{ ...patch('aws-node'), metadata: { name: 'aws-node', namespace: 'kube-system' } }], [owned]);
    expect(describe_(planSteps({ old, new: next }))).toEqual([
      'apply DaemonSet kube-system/aws-node', 'apply-patch ConfigMap kube-system/c', 'release-patch DaemonSet kube-system/aws-node',
    ]);
  });

  test('Delete: patches released, then every object in delete order', () => {
    const old = set([ns('team-a'), cm('c'), role('r'), binding('b', 'r')], [patch('z'), patch('a')]);
    expect(describe_(planSteps({ old }))).toEqual([
      'release-patch DaemonSet kube-system/a', 'release-patch DaemonSet kube-system/z',
      'delete(removed) RoleBinding team-a/b', 'delete(removed) Role team-a/r', 'delete(removed) ConfigMap team-a/c', 'delete(removed) Namespace team-a',
    ]);
  });

  test('an owner id that changed is refused', () => {
    expect(() => planSteps({ old: set([], [], 'dev-1'), new: set([], [], 'dev-2') })).toThrow(new ManifestInputError(
      'the owner id changed from "dev-1" to "dev-2"; the objects carry the old one in their eks-access.io/owner label, so a new id would orphan them; keep the owner id of a deployed resource'));
  });
});

describe('roleRefChanged', () => {
  const one = (o: unknown) => validateObjects([o], 'dev-1')[0];
  test.each<[string, unknown, unknown, boolean]>([
    ['same roleRef', binding('b', 'r'), binding('b', 'r'), false],
    ['another role name', binding('b', 'r'), binding('b', 's'), true],
    ['another role kind', binding('b', 'r'), binding('b', 'r', 'ClusterRole'), true],
    ['another apiGroup', { ...binding('b', 'r'), roleRef: { apiGroup: 'x', kind: 'Role', name: 'r' } }, binding('b', 'r'), true],
    ['roleRef added', { ...binding('b', 'r'), roleRef: undefined }, binding('b', 'r'), true],
    ['roleRef not an object before', { ...binding('b', 'r'), roleRef: 'r' }, binding('b', 'r'), true],
    ['roleRef with extra fields ignored', { ...binding('b', 'r'), roleRef: { apiGroup: RBAC, kind: 'Role', name: 'r', extra: 1 } }, binding('b', 'r'), false],
    ['a ClusterRoleBinding', crb('b', 'r'), crb('b', 's'), true],
    ['not a binding: a ConfigMap with a roleRef field', { ...cm('c'), roleRef: { name: 'a' } }, { ...cm('c'), roleRef: { name: 'b' } }, false],
    ['a RoleBinding kind of another group', { ...binding('b', 'r'), apiVersion: 'example.com/v1' }, { ...binding('b', 's'), apiVersion: 'example.com/v1' }, false],
  ])('%s', (_name, before, after, changed) => {
    expect(roleRefChanged(one(before), one(after))).toBe(changed);
  });
});
