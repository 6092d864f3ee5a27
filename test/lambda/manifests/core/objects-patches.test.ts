/** Validation of the declared patches of objects owned by others. */
import { ManifestInputError } from '../../../../lambda/manifests/core/errors';
import { validateObjects, validatePatches } from '../../../../lambda/manifests/core/objects';

const awsNode = (extra: Record<string, unknown> = {}, meta: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'aws-node', namespace: 'kube-system', ...meta }, ...extra,
});

function failure(items: unknown[], owned: unknown[] = []): string | undefined {
  try {
    validatePatches(items, validateObjects(owned, 'dev-1'));
    return undefined;
  } catch (e) {
    expect(e).toBeInstanceOf(ManifestInputError);
    return (e as Error).message;
  }
}

describe('validatePatches', () => {
  test('a patch keeps its body as declared (no ownership labels) with its id', () => {
    const patch = awsNode({ spec: { template: { spec: { containers: [{ name: 'aws-node', env: [{ name: 'ENABLE_PREFIX_DELEGATION', value: 'true' }] }] } } } });
    expect(validatePatches([patch], [])).toEqual([{ id: { group: 'apps', kind: 'DaemonSet', namespace: 'kube-system', name: 'aws-node' }, body: patch }]);
  });

  test.each<[string, unknown]>([
    ['a patch of labels only', awsNode({}, { labels: { team: 'a' } })],
    ['a patch of annotations only', awsNode({}, { annotations: { note: 'x' } })],
    ['a patch of one top-level field and labels', awsNode({ spec: {} }, { labels: { team: 'a' } })],
    ['a patch of a top-level field', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'aws-auth', namespace: 'kube-system' }, data: {} }],
  ])('accepted: %s', (_name, item) => {
    expect(failure([item])).toBeUndefined();
  });

  test.each<[string, unknown, string]>([
    ['a patch with nothing to own', awsNode(),
      'Patches[0] (DaemonSet.apps kube-system/aws-node): the patch declares no field to own (only apiVersion, kind and metadata.name/namespace); add the fields to set, or remove the patch'],
    ['a patch carrying the owner label', awsNode({}, { labels: { 'eks-access.io/owner': 'dev-1' } }),
      'Patches[0] (DaemonSet.apps kube-system/aws-node): metadata.labels.eks-access.io/owner is set ("dev-1") on a patch; the ownership labels mark objects this resource owns (Update and Delete may remove those), never an object it only patches; remove the label'],
    ['a patch carrying the managed-by label', awsNode({}, { labels: { 'app.kubernetes.io/managed-by': 'eks-access' } }),
      'Patches[0] (DaemonSet.apps kube-system/aws-node): metadata.labels.app.kubernetes.io/managed-by is set ("eks-access") on a patch; the ownership labels mark objects this resource owns (Update and Delete may remove those), never an object it only patches; remove the label'],
    ['a patch with a numeric label', awsNode({}, { labels: { a: 1 } }),
      'Patches[0] (DaemonSet.apps kube-system/aws-node): metadata.labels.a is a number, not a string; quote the value'],
    ['a patch with a resourceVersion', awsNode({ spec: {} }, { resourceVersion: '1' }),
      'Patches[0] (DaemonSet.apps kube-system/aws-node): metadata.resourceVersion is set; a declared object may not carry metadata.resourceVersion, metadata.uid, metadata.managedFields or status (the server writes them, and server-side apply refuses or ignores them); remove metadata.resourceVersion'],
    ['a patch of a ConfigMap without namespace', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: {} },
      'Patches[0] (ConfigMap x): ConfigMap is namespaced and needs metadata.namespace; add the namespace'],
    ['a patch that is not an object', 7, 'Patches[0] is a number, not a Kubernetes object; each item must be an object with apiVersion, kind and metadata'],
  ])('refused: %s', (_name, item, message) => {
    expect(failure([item])).toBe(message);
  });

  test('two patches of one object are refused', () => {
    expect(failure([awsNode({ spec: {} }), awsNode({ data: {} })])).toBe('Patches[0] and Patches[1] both declare DaemonSet.apps kube-system/aws-node (apiVersions apps/v1 and apps/v1 are one object); declare each object once');
  });

  test('a patch of an object the resource owns is refused, naming both items', () => {
    const owned = [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } }, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'a' } }];
    expect(failure([awsNode({ spec: {} }), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'a' }, data: { x: 'y' } }], owned))
      .toBe('Patches[1] patches ConfigMap a/c, which Objects[1] declares; an object is either owned or patched, so remove one of them');
  });

  test('several invalid patches are listed together', () => {
    expect(failure([awsNode(), null])).toBe('2 invalid items: Patches[0] (DaemonSet.apps kube-system/aws-node): the patch declares no field to own (only apiVersion, kind and metadata.name/namespace); add the fields to set, or remove the patch; Patches[1] is null, not a Kubernetes object; each item must be an object with apiVersion, kind and metadata');
  });
});
