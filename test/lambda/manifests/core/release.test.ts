/** The body that releases a patch. */
import { releaseBody } from '../../../../lambda/manifests/core/release';
import { validatePatches } from '../../../../lambda/manifests/core/objects';

describe('releaseBody', () => {
  test('a namespaced patch: its identity only, the fields it owned left out', () => {
    const [patch] = validatePatches([{ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'aws-node', namespace: 'kube-system', labels: { a: 'b' } }, spec: { x: 1 } }], []);
    expect(releaseBody(patch)).toStrictEqual({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'aws-node', namespace: 'kube-system' } });
  });

  test('a cluster-scoped patch has no namespace key', () => {
    const [patch] = validatePatches([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kube-system', annotations: { note: 'x' } } }], []);
    expect(releaseBody(patch)).toStrictEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kube-system' } });
  });

  test('the patch itself is left as it was', () => {
    const [patch] = validatePatches([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'n' }, data: { a: '1' } }], []);
    releaseBody(patch);
    expect(patch.body).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'n' }, data: { a: '1' } });
  });
});
