/** Apply and delete order: the ranks, identity order within a rank, and the properties. */
import * as fc from 'fast-check';
import { idKey } from '../../../../lambda/manifests/core/ids';
import { APPLY_RANKS, UNKNOWN_RANK, applyOrder, applyRank, deleteOrder } from '../../../../lambda/manifests/core/order';
import type { ObjectId } from '../../../../lambda/manifests/core/types';
import { declaredObjects } from './arbitraries';

const RBAC = 'rbac.authorization.k8s.io';
const item = (group: string, kind: string, name: string, namespace?: string) => ({ id: { group, kind, name, ...(namespace === undefined ? {} : { namespace }) } as ObjectId });
const names = (items: ReadonlyArray<{ id: ObjectId }>) => items.map((i) => `${i.id.kind} ${i.id.namespace ?? ''}/${i.id.name}`);

describe('applyRank', () => {
  test.each<[string, string, number]>([
    ['', 'Namespace', 0],
    ['', 'ServiceAccount', 1], ['', 'ConfigMap', 1], ['', 'ResourceQuota', 1], ['', 'LimitRange', 1],
    [RBAC, 'ClusterRole', 2], [RBAC, 'Role', 2],
    [RBAC, 'ClusterRoleBinding', 3], [RBAC, 'RoleBinding', 3],
    ['networking.k8s.io', 'NetworkPolicy', 4],
    ['apps', 'Deployment', 5], ['', 'Role', 5], [RBAC, 'Namespace', 5], ['example.com', 'ConfigMap', 5],
  ])('%j %s ranks %d', (group, kind, rank) => {
    expect(applyRank({ group, kind, name: 'x' })).toBe(rank);
  });

  test('unknown kinds rank after every known one', () => {
    expect(UNKNOWN_RANK).toBe(Math.max(...APPLY_RANKS.map((r) => r.rank)) + 1);
  });
});

describe('applyOrder and deleteOrder', () => {
  const declared = [
    item('example.com', 'Widget', 'w', 'team-a'),
    item('networking.k8s.io', 'NetworkPolicy', 'deny', 'team-a'),
    item(RBAC, 'RoleBinding', 'read', 'team-a'),
    item(RBAC, 'Role', 'read', 'team-a'),
    item(RBAC, 'ClusterRoleBinding', 'view'),
    item(RBAC, 'ClusterRole', 'view'),
    item('', 'ServiceAccount', 'ci', 'team-a'),
    item('', 'ConfigMap', 'c', 'team-b'),
    item('', 'ConfigMap', 'c', 'team-a'),
    item('', 'ConfigMap', 'b', 'team-a'),
    item('', 'Namespace', 'team-b'),
    item('', 'Namespace', 'team-a'),
  ];

  test('namespaces, then the objects roles use, roles, bindings, network policies, unknown kinds; by identity within a rank', () => {
    expect(names(applyOrder(declared))).toEqual([
      'Namespace /team-a', 'Namespace /team-b',
      'ConfigMap team-a/b', 'ConfigMap team-a/c', 'ConfigMap team-b/c', 'ServiceAccount team-a/ci',
      'ClusterRole /view', 'Role team-a/read',
      'ClusterRoleBinding /view', 'RoleBinding team-a/read',
      'NetworkPolicy team-a/deny',
      'Widget team-a/w',
    ]);
  });

  test('delete order is the reverse', () => {
    expect(names(deleteOrder(declared))).toEqual(names(applyOrder(declared)).reverse());
  });

  test('the input is left as it was', () => {
    const copy = [...declared];
    applyOrder(declared);
    deleteOrder(declared);
    expect(declared).toEqual(copy);
  });

  test('property: any permutation gives the same order', () => {
    fc.assert(fc.property(declaredObjects.chain((objs) => fc.tuple(fc.constant(objs), fc.shuffledSubarray(objs, { minLength: objs.length, maxLength: objs.length }))), ([objs, shuffled]) => {
      expect(applyOrder(shuffled).map((o) => idKey(o.id))).toEqual(applyOrder(objs).map((o) => idKey(o.id)));
      expect(deleteOrder(shuffled).map((o) => idKey(o.id))).toEqual(deleteOrder(objs).map((o) => idKey(o.id)));
    }));
  });

  test('property: every binding comes after the role it references, and every namespaced object after its Namespace, when both are declared', () => {
    fc.assert(fc.property(declaredObjects, (objs) => {
      const order = applyOrder(objs);
      const at = new Map(order.map((o, i) => [idKey(o.id), i]));
      for (const [i, o] of order.entries()) {
        const ref = o.body.roleRef as { kind: string; name: string } | undefined;
        if (ref !== undefined) {
          const role: ObjectId = { group: RBAC, kind: ref.kind, name: ref.name, ...(ref.kind === 'Role' ? { namespace: o.id.namespace } : {}) };
          const j = at.get(idKey(role));
          if (j !== undefined) expect(j).toBeLessThan(i);
        }
        if (o.id.namespace !== undefined) {
          const j = at.get(idKey({ group: '', kind: 'Namespace', name: o.id.namespace }));
          if (j !== undefined) expect(j).toBeLessThan(i);
        }
      }
      expect(deleteOrder(objs)).toEqual([...order].reverse());
    }));
  });
});
