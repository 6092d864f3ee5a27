/**
 * The manifests function's RBAC generated at synth (lib/k8s/manifests-rbac.ts): exact rules per
 * declared set, name-limited, stable under reordering, and the refusals worded exactly.
 */
import { PREVIOUS_GENERATION_SUFFIX, manifestsUsername } from '../../../lambda/manifests/api';
import { previousGeneration } from '../../../lambda/manifests/core/previous';
import type { KubernetesObject } from '../../../lib/k8s/manifest';
import { OWNED_VERBS, PATCHED_VERBS, manifestsRbac, manifestsRbacRules, resourceOf } from '../../../lib/k8s/manifests-rbac';
import type { ManifestsRbacInput } from '../../../lib/k8s/manifests-rbac';
import { thrown } from '../../support/thrown';

const RBAC = 'rbac.authorization.k8s.io';
const RBAC_V1 = `${RBAC}/v1`;
const MANAGED = { 'app.kubernetes.io/managed-by': 'eks-access' };
const USERNAME = manifestsUsername('access-dev-x');

const ns = (name: string): KubernetesObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
const cm = (namespace: string, name: string, apiVersion = 'v1'): KubernetesObject => ({ apiVersion, kind: 'ConfigMap', metadata: { name, namespace }, data: { a: 'b' } });
const role = (namespace: string, name: string): KubernetesObject => ({ apiVersion: RBAC_V1, kind: 'Role', metadata: { name, namespace }, rules: [] });
const clusterRole = (name: string): KubernetesObject => ({ apiVersion: RBAC_V1, kind: 'ClusterRole', metadata: { name }, rules: [] });
const roleBinding = (namespace: string, name: string, roleRef: unknown): KubernetesObject => ({
  apiVersion: RBAC_V1, kind: 'RoleBinding', metadata: { name, namespace }, roleRef, subjects: [{ kind: 'Group', apiGroup: RBAC, name: 'devs' }],
});
const clusterRoleBinding = (name: string, roleName: string): KubernetesObject => ({
  apiVersion: RBAC_V1, kind: 'ClusterRoleBinding', metadata: { name }, roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: roleName }, subjects: [],
});
const ref = (kind: string, name: string) => ({ apiGroup: RBAC, kind, name });
const rule = (apiGroup: string, resource: string, verbs: readonly string[], names: string[]) => ({ apiGroups: [apiGroup], resources: [resource], verbs: [...verbs], resourceNames: names });

test('the verb sets: owned objects are read, applied (patch, create when new) and deleted; patched objects read and patched', () => {
  expect(OWNED_VERBS).toEqual(['create', 'delete', 'get', 'patch']);
  expect(PATCHED_VERBS).toEqual(['get', 'patch']);
});

describe('rules per declared set', () => {
  test.each<[string, Omit<ManifestsRbacInput, 'name' | 'username'>, ReturnType<typeof rule>[]]>([
    ['nothing declared: no rules at all', { objects: [] }, []],
    ['one namespace: the four verbs on that name only', { objects: [ns('team-a')] }, [rule('', 'namespaces', OWNED_VERBS, ['team-a'])]],
    ['namespaced objects of one kind share one rule; a name in two namespaces is listed once', {
      objects: [cm('team-b', 'settings'), cm('team-a', 'settings'), cm('team-a', 'extra')],
    }, [rule('', 'configmaps', OWNED_VERBS, ['extra', 'settings'])]],
    ['any version of a built-in group and kind resolves to its plural', { objects: [cm('a', 'x', 'v2')] }, [rule('', 'configmaps', OWNED_VERBS, ['x'])]],
    ['a role managed: escalate joins its verbs', { objects: [role('team-a', 'dev')] }, [rule(RBAC, 'roles', ['create', 'delete', 'escalate', 'get', 'patch'], ['dev'])]],
    ['a cluster role managed: escalate on clusterroles', { objects: [clusterRole('reader')] }, [rule(RBAC, 'clusterroles', ['create', 'delete', 'escalate', 'get', 'patch'], ['reader'])]],
    ['a binding to a role it manages too: bind and escalate on the same name share one rule', {
      objects: [role('team-a', 'dev'), roleBinding('team-a', 'dev', ref('Role', 'dev'))],
    }, [
      rule(RBAC, 'rolebindings', OWNED_VERBS, ['dev']),
      rule(RBAC, 'roles', ['bind', 'create', 'delete', 'escalate', 'get', 'patch'], ['dev']),
    ]],
    ['a binding to a built-in ClusterRole (view): bind on exactly that name, nothing else on it', {
      objects: [roleBinding('team-a', 'viewers', ref('ClusterRole', 'view'))],
    }, [
      rule(RBAC, 'clusterroles', ['bind'], ['view']),
      rule(RBAC, 'rolebindings', OWNED_VERBS, ['viewers']),
    ]],
    ['bind names from several bindings are one rule', {
      objects: [clusterRoleBinding('b1', 'view'), clusterRoleBinding('b2', 'edit'), roleBinding('x', 'b3', ref('ClusterRole', 'view'))],
    }, [
      rule(RBAC, 'clusterrolebindings', OWNED_VERBS, ['b1', 'b2']),
      rule(RBAC, 'clusterroles', ['bind'], ['edit', 'view']),
      rule(RBAC, 'rolebindings', OWNED_VERBS, ['b3']),
    ]],
    ['a patched object: get and patch only', { objects: [], patches: [cm('kube-system', 'aws-node-config')] }, [rule('', 'configmaps', PATCHED_VERBS, ['aws-node-config'])]],
    ['owned and patched names of one kind: one rule per verb set', {
      objects: [cm('a', 'mine')], patches: [cm('kube-system', 'theirs')],
    }, [rule('', 'configmaps', OWNED_VERBS, ['mine']), rule('', 'configmaps', PATCHED_VERBS, ['theirs'])]],
    ['a name both owned (in one namespace) and patched (in another): the owned verbs cover it', {
      objects: [cm('a', 'same')], patches: [cm('b', 'same')],
    }, [rule('', 'configmaps', OWNED_VERBS, ['same'])]],
    ['a patched role: get, patch and escalate (new rules are checked as a write)', { objects: [], patches: [clusterRole('system:aggregate-to-view')] }, [
      rule(RBAC, 'clusterroles', ['escalate', 'get', 'patch'], ['system:aggregate-to-view']),
    ]],
    ['a patched binding without roleRef: no bind', { objects: [], patches: [{ apiVersion: RBAC_V1, kind: 'RoleBinding', metadata: { name: 'b', namespace: 'n' }, subjects: [] }] }, [
      rule(RBAC, 'rolebindings', PATCHED_VERBS, ['b']),
    ]],
    ['a patched binding declaring its roleRef: bind on it', { objects: [], patches: [roleBinding('n', 'b', ref('Role', 'r'))] }, [
      rule(RBAC, 'rolebindings', PATCHED_VERBS, ['b']),
      rule(RBAC, 'roles', ['bind'], ['r']),
    ]],
    ['a Role-like kind of another group gets no escalate, a binding-like kind no bind', {
      objects: [{ apiVersion: 'example.com/v1', kind: 'Role', metadata: { name: 'r' } }, { apiVersion: 'example.com/v1', kind: 'RoleBinding', metadata: { name: 'b' } }],
      customKinds: [{ group: 'example.com', kind: 'Role', resource: 'roles' }, { group: 'example.com', kind: 'RoleBinding', resource: 'rolebindings' }],
    }, [rule('example.com', 'rolebindings', OWNED_VERBS, ['b']), rule('example.com', 'roles', OWNED_VERBS, ['r'])]],
    ['a custom kind with its declared plural', {
      objects: [{ apiVersion: 'example.com/v1alpha1', kind: 'Widget', metadata: { name: 'w', namespace: 'a' } }],
      customKinds: [{ group: 'example.com', kind: 'Widget', resource: 'widgets' }],
    }, [rule('example.com', 'widgets', OWNED_VERBS, ['w'])]],
  ])('%s', (_, input, expected) => {
    expect(manifestsRbacRules(input)).toStrictEqual(expected);
  });

  test('rules are sorted by API group, then resource, then verbs; the declared order never matters', () => {
    const objects = [
      { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny', namespace: 'a' } },
      roleBinding('a', 'dev', ref('Role', 'dev')),
      ns('a'),
      role('a', 'dev'),
      cm('a', 'z'),
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'sa', namespace: 'a' } },
    ];
    const patches = [cm('kube-system', 'y')];
    const rules = manifestsRbacRules({ objects, patches });
    expect(rules.map((r) => `${r.apiGroups[0]}/${r.resources[0]} ${r.verbs.join(',')} ${r.resourceNames.join(',')}`)).toEqual([
      '/configmaps create,delete,get,patch z',
      '/configmaps get,patch y',
      '/namespaces create,delete,get,patch a',
      '/serviceaccounts create,delete,get,patch sa',
      'networking.k8s.io/networkpolicies create,delete,get,patch deny',
      `${RBAC}/rolebindings create,delete,get,patch dev`,
      `${RBAC}/roles bind,create,delete,escalate,get,patch dev`,
    ]);
    expect(manifestsRbacRules({ objects: [...objects].reverse(), patches })).toStrictEqual(rules);
  });

  test('no rule holds a wildcard, a list/watch verb, secrets or a rule without names', () => {
    const rules = manifestsRbacRules({
      objects: [ns('a'), cm('a', 'c'), role('a', 'r'), roleBinding('a', 'b', ref('ClusterRole', 'admin'))],
      patches: [cm('kube-system', 'p')],
    });
    for (const r of rules) {
      expect([...r.apiGroups, ...r.resources, ...r.verbs, ...r.resourceNames]).not.toContain('*');
      expect(r.verbs.filter((v) => ['list', 'watch', 'deletecollection', 'update'].includes(v))).toEqual([]);
      expect(r.resources).not.toContain('secrets');
      expect(r.resourceNames.length).toBeGreaterThan(0);
    }
  });
});

describe('the ClusterRole and its binding', () => {
  test('both named as asked, labelled managed-by eks-access, bound to the provider\'s own user only', () => {
    const [clusterRoleObj, binding] = manifestsRbac({ name: 'eks-access-manifests-x', username: USERNAME, objects: [ns('a')] });
    expect(clusterRoleObj).toStrictEqual({
      apiVersion: RBAC_V1,
      kind: 'ClusterRole',
      metadata: { name: 'eks-access-manifests-x', labels: MANAGED },
      rules: [rule('', 'namespaces', OWNED_VERBS, ['a'])],
    });
    expect(binding).toStrictEqual({
      apiVersion: RBAC_V1,
      kind: 'ClusterRoleBinding',
      metadata: { name: 'eks-access-manifests-x', labels: MANAGED },
      roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'eks-access-manifests-x' },
      subjects: [{ kind: 'User', apiGroup: RBAC, name: 'eks-access:manifests:access-dev-x' }],
    });
  });

  test('the pair is what the bootstrap\'s previous generation is made from (core/previous.ts accepts it)', () => {
    const pair = manifestsRbac({ name: 'n', username: USERNAME, objects: [ns('a'), role('a', 'r')] });
    const [prevRole, prevBinding] = previousGeneration(pair);
    expect(prevRole.metadata.name).toBe(`n${PREVIOUS_GENERATION_SUFFIX}`);
    expect(prevRole.rules).toEqual([
      rule('', 'namespaces', ['get', 'patch', 'delete'], ['a']),
      rule(RBAC, 'roles', ['get', 'patch', 'delete'], ['r']),
    ]);
    expect(prevBinding.subjects).toEqual([{ kind: 'User', apiGroup: RBAC, name: USERNAME }]);
  });

  test('the two objects do not share label objects (a caller may add to one)', () => {
    const [a, b] = manifestsRbac({ name: 'n', username: USERNAME, objects: [] });
    expect(a.metadata.labels).not.toBe(b.metadata.labels);
  });
});

describe('refusals', () => {
  test('a kind outside the built-in table without a declared plural names the item, the object and the fix', () => {
    const widget = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'a' } };
    expect(thrown(() => manifestsRbacRules({ objects: [ns('a'), widget] })).message).toBe(
      'Objects[1] (Widget a/w): kind Widget of apiVersion example.com/v1 is not a built-in kind (Namespace, ServiceAccount, ConfigMap, ResourceQuota, LimitRange, NetworkPolicy, Role, RoleBinding, ClusterRole, ClusterRoleBinding), so the RBAC generated at synth does not know its resource plural; declare it in customKinds as { group: "example.com", kind: "Widget", resource: \'<plural, as kubectl api-resources lists it>\' }',
    );
  });

  test('a declared plural of another group does not apply', () => {
    const widget = { apiVersion: 'other.io/v1', kind: 'Widget', metadata: { name: 'w' } };
    expect(thrown(() => resourceOf(widget, [{ group: 'example.com', kind: 'Widget', resource: 'widgets' }], 'Patches[0]')).message)
      .toMatch(/^Patches\[0\] \(Widget w\): kind Widget of apiVersion other\.io\/v1 is not a built-in kind/);
  });

  test('a built-in kind name in another group is not built in', () => {
    expect(thrown(() => resourceOf({ apiVersion: 'example.com/v1', kind: 'ConfigMap', metadata: { name: 'c' } }, [], 'Objects[0]')).message)
      .toMatch(/^Objects\[0\] \(ConfigMap c\): kind ConfigMap of apiVersion example\.com\/v1 is not a built-in kind/);
  });

  test.each<[string, unknown]>([
    ['a malformed apiVersion', { apiVersion: 'a/b/c', kind: 'ConfigMap', metadata: { name: 'c' } }],
    ['no apiVersion', { kind: 'ConfigMap', metadata: { name: 'c' } }],
    ['no kind', { apiVersion: 'v1', metadata: { name: 'c' } }],
    ['no metadata', { apiVersion: 'v1', kind: 'ConfigMap' }],
    ['an empty name', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: '' } }],
  ])('%s: not an object whose RBAC can be generated', (_, obj) => {
    const o = obj as KubernetesObject;
    expect(thrown(() => manifestsRbacRules({ objects: [o] })).message).toBe(
      `Objects[0]: ${JSON.stringify({ apiVersion: o.apiVersion, kind: o.kind, name: o.metadata?.name })} is not a Kubernetes object with an apiVersion, a kind and metadata.name, so its RBAC cannot be generated; fix the object`,
    );
  });

  test.each<[string, unknown, string]>([
    ['no roleRef', undefined, 'undefined'],
    ['a roleRef of another kind', ref('Group', 'x'), JSON.stringify(ref('Group', 'x'))],
    ['a roleRef without a name', { apiGroup: RBAC, kind: 'Role' }, JSON.stringify({ apiGroup: RBAC, kind: 'Role' })],
    ['a roleRef with an empty name', ref('ClusterRole', ''), JSON.stringify(ref('ClusterRole', ''))],
    ['a roleRef kind inherited from Object.prototype', ref('toString', 'x'), JSON.stringify(ref('toString', 'x'))],
  ])('an owned binding with %s names it and the fix', (_, roleRef, shown) => {
    expect(thrown(() => manifestsRbacRules({ objects: [ns('n'), roleBinding('n', 'b', roleRef)] })).message).toBe(
      `Objects[1] (RoleBinding n/b): roleRef ${shown} does not name a Role or ClusterRole, so the bind right it needs cannot be generated; give roleRef a kind (Role or ClusterRole) and a name`,
    );
  });

  test('a malformed roleRef of a cluster-scoped binding names it without a namespace', () => {
    const binding = { apiVersion: RBAC_V1, kind: 'ClusterRoleBinding', metadata: { name: 'cb' }, roleRef: 'view' };
    expect(thrown(() => manifestsRbacRules({ objects: [], patches: [binding] })).message).toBe(
      'Patches[0] (ClusterRoleBinding cb): roleRef "view" does not name a Role or ClusterRole, so the bind right it needs cannot be generated; give roleRef a kind (Role or ClusterRole) and a name',
    );
  });
});
