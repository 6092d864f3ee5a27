import { devObjects, withOneChange } from '../../bench/dev-objects';
import type { KubernetesObject } from '../../lib/k8s/manifest';

const ids = (objects: readonly KubernetesObject[]): string[] => objects.map((o) => `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`);

describe('devObjects', () => {
  test('the dev environment\'s namespaces with their baselines and developer RBAC, the service accounts outside kube-system, the reader RBAC', () => {
    const objects = devObjects();
    expect(objects).toHaveLength(27);
    const list = ids(objects);
    expect(list.filter((i) => i.startsWith('Namespace '))).toEqual(['Namespace payments', 'Namespace web', 'Namespace platform']);
    expect(list.filter((i) => i.startsWith('ServiceAccount '))).toEqual(['ServiceAccount payments/uploader', 'ServiceAccount platform/external-secrets']);
    expect(list.filter((i) => / kube-system\//.test(i))).toEqual([]);
    // platform has no developer access.
    expect(list.filter((i) => i.startsWith('RoleBinding '))).toEqual(['RoleBinding payments/eks-access-developer', 'RoleBinding web/eks-access-developer']);
    expect(objects.find((o) => o.kind === 'ServiceAccount')?.metadata.annotations).toEqual({ 'eks.amazonaws.com/role-arn': 'arn:aws:iam::111111111111:role/eks-access-dev-payments-uploader' });
    expect(new Set(objects.map((o) => o.kind))).toEqual(new Set(['Namespace', 'ResourceQuota', 'LimitRange', 'NetworkPolicy', 'Role', 'RoleBinding', 'ServiceAccount', 'ClusterRole', 'ClusterRoleBinding']));
  });
});

describe('withOneChange', () => {
  test('doubles the first ResourceQuota\'s requests.cpu and leaves every other field and object as it was', () => {
    const objects = devObjects();
    const changed = withOneChange(objects);
    const i = objects.findIndex((o) => o.kind === 'ResourceQuota');
    expect(changed).toHaveLength(objects.length);
    expect(changed.filter((o, j) => o !== objects[j])).toEqual([changed[i]]);
    const before = objects[i] as KubernetesObject & { spec: { hard: Record<string, string> } };
    expect(changed[i]).toEqual({ ...before, spec: { hard: { ...before.spec.hard, 'requests.cpu': String(Number(before.spec.hard['requests.cpu']) * 2) } } });
    expect(before.spec.hard['requests.cpu']).toBe('4');
  });

  test('objects without a ResourceQuota are refused, saying what it changes', () => {
    expect(() => withOneChange([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } }])).toThrow('the objects hold no ResourceQuota: the bench changes the first ResourceQuota\'s spec.hard["requests.cpu"]; give it an object with one.');
  });
});
