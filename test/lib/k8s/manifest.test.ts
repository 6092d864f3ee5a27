import {
  ApiGroups,
  apiVersionOf,
  KUBE_SYSTEM_NAMESPACE,
  MANAGED_BY_LABEL,
  MANAGED_BY_VALUE,
  managedLabels,
} from '../../../lib/k8s/manifest';
import type { ApiGroup } from '../../../lib/k8s/manifest';

describe('apiVersionOf', () => {
  test.each<{ group: ApiGroup; apiVersion: string }>([
    { group: '', apiVersion: 'v1' },
    { group: 'apps', apiVersion: 'apps/v1' },
    { group: 'batch', apiVersion: 'batch/v1' },
    { group: 'networking.k8s.io', apiVersion: 'networking.k8s.io/v1' },
    { group: 'rbac.authorization.k8s.io', apiVersion: 'rbac.authorization.k8s.io/v1' },
    { group: 'authorization.k8s.io', apiVersion: 'authorization.k8s.io/v1' },
  ])('group $group -> $apiVersion', ({ group, apiVersion }) => {
    expect(apiVersionOf(group)).toBe(apiVersion);
  });

  test('covers every group of ApiGroups: only the core group has a bare version', () => {
    const bare = Object.values(ApiGroups).filter((g) => apiVersionOf(g) === 'v1');
    expect(bare).toEqual([ApiGroups.core]);
    for (const g of Object.values(ApiGroups).filter((v) => v !== ApiGroups.core)) expect(apiVersionOf(g)).toBe(`${g}/v1`);
  });
});

describe('ApiGroups', () => {
  test('the API group names Kubernetes serves', () => {
    expect(ApiGroups).toEqual({
      core: '',
      apps: 'apps',
      batch: 'batch',
      networking: 'networking.k8s.io',
      rbac: 'rbac.authorization.k8s.io',
      authorization: 'authorization.k8s.io',
    });
  });
});

describe('names and labels', () => {
  test('the cluster components\' namespace is kube-system', () => {
    expect(KUBE_SYSTEM_NAMESPACE).toBe('kube-system');
  });

  test('the managed-by label is the recommended key with the app\'s name', () => {
    expect(MANAGED_BY_LABEL).toBe('app.kubernetes.io/managed-by');
    expect(MANAGED_BY_VALUE).toBe('eks-access');
  });

  test('managedLabels is exactly the managed-by label', () => {
    expect(managedLabels()).toEqual({ 'app.kubernetes.io/managed-by': 'eks-access' });
  });

  test('managedLabels returns a fresh object on each call', () => {
    const first = managedLabels();
    first.extra = 'x';
    expect(managedLabels()).toEqual({ 'app.kubernetes.io/managed-by': 'eks-access' });
    expect(managedLabels()).not.toBe(managedLabels());
  });
});
