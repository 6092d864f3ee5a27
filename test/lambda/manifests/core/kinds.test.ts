/** The built-in kind table, apiVersion parsing and REST paths. */
import { ManifestInputError } from '../../../../lambda/manifests/core/errors';
import {
  BUILTIN_KINDS, builtinKind, discoveryPath, isBuiltinGroupKind, objectPath, parseApiVersion,
} from '../../../../lambda/manifests/core/kinds';
import type { KindInfo } from '../../../../lambda/manifests/core/types';
import { thrown } from '../../../support/thrown';


describe('BUILTIN_KINDS', () => {
  test('are the kinds the app builds, with the plural resources and scopes the API server serves', () => {
    expect(BUILTIN_KINDS.map((k) => [k.group, k.version, k.kind, k.resource, k.namespaced])).toEqual([
      ['', 'v1', 'Namespace', 'namespaces', false],
      ['', 'v1', 'ServiceAccount', 'serviceaccounts', true],
      ['', 'v1', 'ConfigMap', 'configmaps', true],
      ['', 'v1', 'ResourceQuota', 'resourcequotas', true],
      ['', 'v1', 'LimitRange', 'limitranges', true],
      ['networking.k8s.io', 'v1', 'NetworkPolicy', 'networkpolicies', true],
      ['rbac.authorization.k8s.io', 'v1', 'Role', 'roles', true],
      ['rbac.authorization.k8s.io', 'v1', 'RoleBinding', 'rolebindings', true],
      ['rbac.authorization.k8s.io', 'v1', 'ClusterRole', 'clusterroles', false],
      ['rbac.authorization.k8s.io', 'v1', 'ClusterRoleBinding', 'clusterrolebindings', false],
    ]);
  });
});

describe('parseApiVersion', () => {
  test.each<[string, { group: string; version: string } | undefined]>([
    ['v1', { group: '', version: 'v1' }],
    ['v2beta1', { group: '', version: 'v2beta1' }],
    ['rbac.authorization.k8s.io/v1', { group: 'rbac.authorization.k8s.io', version: 'v1' }],
    ['apps/v1', { group: 'apps', version: 'v1' }],
    ['a/b', { group: 'a', version: 'b' }],
    ['example.com/v1alpha1', { group: 'example.com', version: 'v1alpha1' }],
    [`${'a'.repeat(63)}/v1`, { group: 'a'.repeat(63), version: 'v1' }],
    [`${'a.'.repeat(126)}b/v1`, { group: `${'a.'.repeat(126)}b`, version: 'v1' }],
    [`${'a.'.repeat(126)}bc/v1`, undefined],
    [`g/${'v'.repeat(63)}`, { group: 'g', version: 'v'.repeat(63) }],
    [`g/${'v'.repeat(64)}`, undefined],
    ['v'.repeat(63), { group: '', version: 'v'.repeat(63) }],
    ['v'.repeat(64), undefined],
    ['', undefined],
    ['/v1', undefined],
    ['apps/', undefined],
    ['apps/v1/x', undefined],
    ['Apps/v1', undefined],
    ['apps/V1', undefined],
    ['V1', undefined],
    ['-apps/v1', undefined],
    ['apps./v1', undefined],
    ['apps/-v1', undefined],
    ['apps/v1-', undefined],
    ['a_b/v1', undefined],
  ])('%j', (apiVersion, expected) => {
    expect(parseApiVersion(apiVersion)).toEqual(expected);
  });
});

describe('builtinKind', () => {
  test.each<[string, string, string | undefined]>([
    ['v1', 'ConfigMap', 'configmaps'],
    ['v1', 'Namespace', 'namespaces'],
    ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', 'clusterrolebindings'],
    ['networking.k8s.io/v1', 'NetworkPolicy', 'networkpolicies'],
    ['networking.k8s.io/v1beta1', 'NetworkPolicy', undefined],
    ['v1', 'NetworkPolicy', undefined],
    ['v1', 'configmap', undefined],
    ['apps/v1', 'Deployment', undefined],
    ['not a version', 'ConfigMap', undefined],
  ])('%s %s', (apiVersion, kind, resource) => {
    expect(builtinKind(apiVersion, kind)?.resource).toBe(resource);
  });
});

describe('isBuiltinGroupKind', () => {
  test.each<[string, string, boolean]>([
    ['', 'ConfigMap', true],
    ['networking.k8s.io', 'NetworkPolicy', true],
    ['rbac.authorization.k8s.io', 'Role', true],
    ['', 'Role', false],
    ['apps', 'Deployment', false],
  ])('%j %s', (group, kind, expected) => {
    expect(isBuiltinGroupKind(group, kind)).toBe(expected);
  });
});

describe('discoveryPath', () => {
  test.each([
    ['v1', '/api/v1'],
    ['apps/v1', '/apis/apps/v1'],
    ['example.com/v1alpha1', '/apis/example.com/v1alpha1'],
  ])('%s -> %s', (apiVersion, path) => {
    expect(discoveryPath(apiVersion)).toBe(path);
  });

  test('a malformed apiVersion is an input error naming it', () => {
    const e = thrown(() => discoveryPath('apps/v1/x'));
    expect(e).toBeInstanceOf(ManifestInputError);
    expect(e?.message).toBe('apiVersion "apps/v1/x" is not "v1" or "<group>/<version>"; fix the apiVersion');
  });
});

describe('objectPath', () => {
  const kind = (apiVersion: string, k: string) => builtinKind(apiVersion, k) as KindInfo;
  test.each<[KindInfo, string, string | undefined, string]>([
    [kind('v1', 'ConfigMap'), 'y', 'x', '/api/v1/namespaces/x/configmaps/y'],
    [kind('v1', 'Namespace'), 'team-a', undefined, '/api/v1/namespaces/team-a'],
    [kind('rbac.authorization.k8s.io/v1', 'ClusterRole'), 'y', undefined, '/apis/rbac.authorization.k8s.io/v1/clusterroles/y'],
    [kind('rbac.authorization.k8s.io/v1', 'RoleBinding'), 'b', 'ns', '/apis/rbac.authorization.k8s.io/v1/namespaces/ns/rolebindings/b'],
    [kind('rbac.authorization.k8s.io/v1', 'ClusterRole'), 'system:aggregate-to-view', undefined, '/apis/rbac.authorization.k8s.io/v1/clusterroles/system%3Aaggregate-to-view'],
    [{ group: 'example.com', version: 'v1', kind: 'Widget', resource: 'widgets', namespaced: true }, 'a b', 'ns', '/apis/example.com/v1/namespaces/ns/widgets/a%20b'],
  ])('%j %s %s', (info, name, namespace, path) => {
    expect(objectPath(info, name, namespace)).toBe(path);
  });

  test.each<[KindInfo, string | undefined, string]>([
    [kind('v1', 'ConfigMap'), undefined, 'ConfigMap y is namespaced and needs metadata.namespace; add metadata.namespace'],
    [kind('v1', 'Namespace'), 'x', 'Namespace x/y is cluster-scoped and may not have metadata.namespace; remove metadata.namespace'],
  ])('a namespace that does not match the scope: %j', (info, namespace, message) => {
    const e = thrown(() => objectPath(info, 'y', namespace));
    expect(e).toBeInstanceOf(ManifestInputError);
    expect(e?.message).toBe(message);
  });
});
