import type { JsonObject, ManagedFieldsEntry } from '../../support/kube-apply';
import { applyObject, decodeFieldsV1, encodeFieldsV1, fieldPathString, leafPaths, recordUpdate } from '../../support/kube-apply';

const T1 = '2026-01-01T00:00:00Z';
const T2 = '2026-01-01T00:01:00Z';

function cm(data: Record<string, string>, labels?: Record<string, string>): JsonObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'n', ...(labels ? { labels } : {}) }, data };
}

function applied(live: JsonObject | undefined, config: JsonObject, manager: string, force = false, time = T1): JsonObject {
  const out = applyObject({ live, config, manager, force, time });
  if (!out.ok) throw new Error(`unexpected conflicts ${JSON.stringify(out.conflicts)}`);
  return out.object;
}

function managers(obj: JsonObject): ManagedFieldsEntry[] {
  return (obj.metadata as { managedFields?: ManagedFieldsEntry[] }).managedFields ?? [];
}

describe('FieldsV1 and field paths', () => {
  test('leaves of maps are the fields; lists and empty maps are one field; identity and server fields are not tracked', () => {
    expect(leafPaths({
      apiVersion: 'v1', kind: 'X', metadata: { name: 'a', namespace: 'b', uid: 'u', resourceVersion: '1', labels: { l: 'v' } },
      data: { k: 'v' }, rules: [{ verbs: ['get'] }], spec: {},
    })).toEqual([['metadata', 'labels', 'l'], ['data', 'k'], ['rules'], ['spec']]);
  });

  test('encode and decode are inverse, in the real format', () => {
    const paths = [['data', 'a'], ['data', 'b'], ['metadata', 'labels', 'eks-access.io/owner']];
    const encoded = encodeFieldsV1(paths);
    expect(encoded).toEqual({ 'f:data': { 'f:a': {}, 'f:b': {} }, 'f:metadata': { 'f:labels': { 'f:eks-access.io/owner': {} } } });
    expect(decodeFieldsV1(encoded)).toEqual(paths);
    expect(decodeFieldsV1({ 'f:data': { '.': {}, 'f:a': {} } })).toEqual([['data', 'a']]);
  });

  test('a conflict names the field as the API server prints it', () => {
    expect(fieldPathString(['metadata', 'labels', 'eks-access.io/owner'])).toBe('.metadata.labels.eks-access.io/owner');
  });
});

describe('applyObject', () => {
  test('create: the manager owns exactly what it sent, operation Apply, FieldsV1', () => {
    const obj = applied(undefined, cm({ key: 'v' }, { a: 'b' }), 'eks-access');
    expect(obj.data).toEqual({ key: 'v' });
    expect(managers(obj)).toEqual([{
      manager: 'eks-access', operation: 'Apply', apiVersion: 'v1', time: T1, fieldsType: 'FieldsV1',
      fieldsV1: { 'f:data': { 'f:key': {} }, 'f:metadata': { 'f:labels': { 'f:a': {} } } },
    }]);
  });

  test('re-applying the same configuration changes nothing (the live object is returned)', () => {
    const live = applied(undefined, cm({ key: 'v' }), 'eks-access');
    const again = applyObject({ live, config: cm({ key: 'v' }), manager: 'eks-access', force: true, time: T2 });
    expect(again).toEqual({ ok: true, object: live, changed: false });
  });

  test('a field the manager no longer sends is removed when it was the only owner, kept when another owns it too', () => {
    let live = applied(undefined, cm({ a: '1', b: '2' }), 'one');
    live = applied(live, cm({ b: '2' }), 'two');
    live = applied(live, cm({ c: '3' }), 'one', false, T2);
    expect(live.data).toEqual({ b: '2', c: '3' });
    // Sorted by time: 'two' applied at T1, 'one' last at T2.
    expect(managers(live).map((m) => [m.manager, m.fieldsV1])).toEqual([['two', { 'f:data': { 'f:b': {} } }], ['one', { 'f:data': { 'f:c': {} } }]]);
    const emptied = applied(live, cm({}), 'one', false, T2);
    expect(emptied.data).toEqual({ b: '2' });
    expect(managers(emptied).map((m) => [m.manager, m.fieldsV1])).toEqual([['two', { 'f:data': { 'f:b': {} } }], ['one', { 'f:data': {} }]]);
  });

  test('an apply with no fields releases the manager: its entry goes, and fields it alone owned', () => {
    let live = applied(undefined, cm({ a: '1' }), 'eks-access');
    live = applied(live, cm({ extra: 'x' }), 'eks-access-patch');
    live = applied(live, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'n' } }, 'eks-access-patch');
    expect(live.data).toEqual({ a: '1' });
    expect(managers(live).map((m) => m.manager)).toEqual(['eks-access']);
  });

  test('a different value on a field another manager owns is a conflict; the same value is shared', () => {
    const live = applied(undefined, cm({ key: 'v', other: 'o' }), 'eks-access');
    expect(applyObject({ live, config: cm({ key: 'w' }), manager: 'someone', force: false, time: T2 })).toEqual({
      ok: false, conflicts: [{ owner: { manager: 'eks-access', operation: 'Apply', apiVersion: 'v1' }, path: ['data', 'key'] }],
    });
    const shared = applied(live, cm({ key: 'v' }), 'someone', false, T2);
    expect(managers(shared).map((m) => [m.manager, m.fieldsV1])).toEqual([
      ['eks-access', { 'f:data': { 'f:key': {}, 'f:other': {} } }],
      ['someone', { 'f:data': { 'f:key': {} } }],
    ]);
  });

  test('force moves the ownership of conflicting fields to the applier', () => {
    const live = applied(undefined, cm({ key: 'v', other: 'o' }), 'eks-access');
    const forced = applied(live, cm({ key: 'w' }), 'someone', true, T2);
    expect(forced.data).toEqual({ key: 'w', other: 'o' });
    expect(managers(forced).map((m) => [m.manager, m.fieldsV1])).toEqual([
      ['eks-access', { 'f:data': { 'f:other': {} } }],
      ['someone', { 'f:data': { 'f:key': {} } }],
    ]);
  });

  test('lists are atomic: the applied list replaces the live one', () => {
    const role = (verbs: string[]): JsonObject => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'r', namespace: 'n' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs }] });
    const live = applied(undefined, role(['get', 'list']), 'eks-access');
    expect(applied(live, role(['get']), 'eks-access', false, T2).rules).toEqual([{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }]);
    expect(managers(live)[0].fieldsV1).toEqual({ 'f:rules': {} });
  });
});

describe('recordUpdate (PUT, merge PATCH, POST)', () => {
  test('the writer owns what it changed (operation Update with apiVersion), taken from the applier', () => {
    const live = applied(undefined, cm({ key: 'v', other: 'o' }), 'eks-access');
    const edited = recordUpdate(live, { ...live, data: { key: 'edited', other: 'o' } }, 'kubectl-edit', T2);
    expect(managers(edited)).toEqual([
      { manager: 'eks-access', operation: 'Apply', apiVersion: 'v1', time: T1, fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { 'f:other': {} } } },
      { manager: 'kubectl-edit', operation: 'Update', apiVersion: 'v1', time: T2, fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { 'f:key': {} } } },
    ]);
    expect(applyObject({ live: edited, config: cm({ key: 'v', other: 'o' }), manager: 'eks-access', force: false, time: T2 })).toEqual({
      ok: false, conflicts: [{ owner: { manager: 'kubectl-edit', operation: 'Update', apiVersion: 'v1' }, path: ['data', 'key'] }],
    });
  });

  test('a removed field leaves every set; a create owns everything; no change keeps the sets', () => {
    const live = applied(undefined, cm({ key: 'v', other: 'o' }), 'eks-access');
    expect(managers(recordUpdate(live, { ...live, data: { other: 'o' } }, 'kubectl-edit', T2)).map((m) => [m.manager, m.fieldsV1]))
      .toEqual([['eks-access', { 'f:data': { 'f:other': {} } }]]);
    expect(managers(recordUpdate(undefined, cm({ a: '1' }), 'kubectl-create', T1)).map((m) => [m.manager, m.operation, m.fieldsV1]))
      .toEqual([['kubectl-create', 'Update', { 'f:data': { 'f:a': {} } }]]);
    expect(managers(recordUpdate(live, live, 'kubectl-edit', T2))).toEqual(managers(live));
  });

  test('managedFields are sorted as the API server sorts them: Apply before Update, then by time, then by manager', () => {
    let live = applied(undefined, cm({ a: '1' }), 'zeta', false, T2);
    live = applied(live, cm({ b: '2' }), 'alpha', false, T2);
    live = applied(live, cm({ c: '3' }), 'omega', false, T1);
    live = recordUpdate(live, { ...live, data: { ...(live.data as JsonObject), d: '4' } }, 'beta', T1);
    expect(managers(live).map((m) => `${m.operation} ${m.time} ${m.manager}`)).toEqual([
      `Apply ${T1} omega`, `Apply ${T2} alpha`, `Apply ${T2} zeta`, `Update ${T1} beta`,
    ]);
  });
});
