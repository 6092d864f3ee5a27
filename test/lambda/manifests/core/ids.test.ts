/** Identity keys, names in messages and the total order of ids. */
import * as fc from 'fast-check';
import { compareIds, describeId, idKey } from '../../../../lambda/manifests/core/ids';
import type { ObjectId } from '../../../../lambda/manifests/core/types';

describe('describeId', () => {
  test.each<[ObjectId, string]>([
    [{ group: '', kind: 'ConfigMap', namespace: 'team-a', name: 'settings' }, 'ConfigMap team-a/settings'],
    [{ group: '', kind: 'Namespace', name: 'team-a' }, 'Namespace team-a'],
    [{ group: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view-all' }, 'ClusterRole view-all'],
    [{ group: 'networking.k8s.io', kind: 'NetworkPolicy', namespace: 'n', name: 'deny' }, 'NetworkPolicy n/deny'],
    [{ group: 'example.com', kind: 'Widget', namespace: 'ns', name: 'x' }, 'Widget.example.com ns/x'],
    [{ group: 'apps', kind: 'Deployment', name: 'x' }, 'Deployment.apps x'],
  ])('%j -> %s', (id, text) => {
    expect(describeId(id)).toBe(text);
  });
});

describe('idKey', () => {
  test('equal exactly when group, kind, namespace and name are', () => {
    const base: ObjectId = { group: 'g', kind: 'K', namespace: 'n', name: 'x' };
    expect(idKey(base)).toBe(idKey({ ...base }));
    expect(idKey(base)).not.toBe(idKey({ ...base, group: 'h' }));
    expect(idKey(base)).not.toBe(idKey({ ...base, kind: 'L' }));
    expect(idKey(base)).not.toBe(idKey({ ...base, namespace: 'm' }));
    expect(idKey(base)).not.toBe(idKey({ ...base, name: 'y' }));
    expect(idKey({ group: '', kind: 'K', name: 'x' })).toBe('\u0000K\u0000\u0000x');
  });
});

describe('compareIds', () => {
  test.each<[ObjectId, ObjectId, number]>([
    [{ group: 'a', kind: 'Z', name: 'z' }, { group: 'b', kind: 'A', name: 'a' }, -1],
    [{ group: 'b', kind: 'A', name: 'a' }, { group: 'a', kind: 'Z', name: 'z' }, 1],
    [{ group: '', kind: 'A', name: 'z' }, { group: '', kind: 'B', name: 'a' }, -1],
    [{ group: '', kind: 'B', name: 'a' }, { group: '', kind: 'A', name: 'z' }, 1],
    [{ group: '', kind: 'A', name: 'z' }, { group: '', kind: 'A', namespace: 'a', name: 'a' }, -1],
    [{ group: '', kind: 'A', namespace: 'b', name: 'a' }, { group: '', kind: 'A', namespace: 'a', name: 'z' }, 1],
    [{ group: '', kind: 'A', namespace: 'a', name: 'a' }, { group: '', kind: 'A', namespace: 'a', name: 'b' }, -1],
    [{ group: '', kind: 'A', namespace: 'a', name: 'b' }, { group: '', kind: 'A', namespace: 'a', name: 'a' }, 1],
    [{ group: '', kind: 'A', namespace: 'a', name: 'a' }, { group: '', kind: 'A', namespace: 'a', name: 'a' }, 0],
  ])('%j vs %j', (a, b, expected) => {
    expect(compareIds(a, b)).toBe(expected);
  });

  test('is antisymmetric and zero only for equal keys', () => {
    const part = fc.constantFrom('', 'a', 'b', 'ab');
    const id = fc.record({ group: part, kind: part, name: part, namespace: fc.option(part, { nil: undefined }) })
      .map(({ namespace, ...rest }) => (namespace === undefined ? rest : { ...rest, namespace }));
    fc.assert(fc.property(id, id, (a, b) => {
      expect(compareIds(a, b)).toBe(-compareIds(b, a) || 0);
      expect(compareIds(a, b) === 0).toBe(idKey(a) === idKey(b));
    }));
  });
});
