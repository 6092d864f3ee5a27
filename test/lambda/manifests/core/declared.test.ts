/** The declared set from a resource's raw properties. */
import { ManifestInputError } from '../../../../lambda/manifests/core/errors';
import { declaredSetOf } from '../../../../lambda/manifests/core/declared';

const NS = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } };
const PATCH = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'aws-node', namespace: 'kube-system' }, spec: { x: 1 } };

describe('declaredSetOf', () => {
  test('owner, objects with the ownership labels, patches', () => {
    const set = declaredSetOf({ ClusterName: 'dev', Owner: 'dev-1', Objects: JSON.stringify([NS]), Patches: JSON.stringify([PATCH]) });
    expect(set).toEqual({
      owner: 'dev-1',
      objects: [{ id: { group: '', kind: 'Namespace', name: 'team-a' }, body: { ...NS, metadata: { name: 'team-a', labels: { 'app.kubernetes.io/managed-by': 'eks-access', 'eks-access.io/owner': 'dev-1' } } } }],
      patches: [{ id: { group: 'apps', kind: 'DaemonSet', namespace: 'kube-system', name: 'aws-node' }, body: PATCH }],
    });
  });

  test('no Patches property is no patches', () => {
    expect(declaredSetOf({ Owner: 'o', Objects: '[]' })).toEqual({ owner: 'o', objects: [], patches: [] });
  });

  test.each<[string, Record<string, unknown> | undefined, string]>([
    ['no properties', undefined, 'owner id undefined is not a label value: 1-63 letters, digits and -_. starting and ending with a letter or digit; the construct derives it, so pass its Owner unchanged'],
    ['Objects not JSON', { Owner: 'o', Objects: '{' }, 'property Objects is not valid JSON (1 characters starting "{"); the construct renders it, so pass it unchanged'],
    ['Patches not a list', { Owner: 'o', Objects: '[]', Patches: '{}' }, 'property Patches must be a JSON list of Kubernetes objects, got an object'],
    ['a patch of an owned object', { Owner: 'o', Objects: JSON.stringify([NS]), Patches: JSON.stringify([{ ...NS, metadata: { name: 'team-a', annotations: { a: 'b' } } }]) },
      'Patches[0] patches Namespace team-a, which Objects[0] declares; an object is either owned or patched, so remove one of them'],
  ])('%s', (_name, props, message) => {
    expect(() => declaredSetOf(props)).toThrow(new ManifestInputError(message));
  });
});
