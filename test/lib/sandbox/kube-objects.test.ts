import { ConfigMapStore } from '../../support/configmap-store';
import type { JsonObject } from '../../support/kube-apply';
import { BUILT_IN_KINDS, ObjectStore, apiVersionOf, parseLabelSelector } from '../../support/kube-objects';

const NOW = new Date('2026-03-01T10:00:00.123Z');
const kind = (k: string) => BUILT_IN_KINDS.find((x) => x.kind === k)!;

function stores(): { objects: ObjectStore; configMaps: ConfigMapStore } {
  const configMaps = new ConfigMapStore(() => NOW, new Set(['default', 'team']));
  return { objects: new ObjectStore({ now: () => NOW, configMaps, terminationDelay: 'manual' }), configMaps };
}

const sa = (name: string, namespace: string, labels: Record<string, string> = {}): JsonObject =>
  ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace, labels } });

describe('ObjectStore', () => {
  test('the built-in kinds at their real groups, versions and resources', () => {
    expect(BUILT_IN_KINDS.map((k) => `${apiVersionOf(k)} ${k.kind} ${k.resource} ${k.namespaced}`)).toEqual([
      'v1 Namespace namespaces false', 'v1 ServiceAccount serviceaccounts true', 'v1 ConfigMap configmaps true',
      'v1 ResourceQuota resourcequotas true', 'v1 LimitRange limitranges true', 'networking.k8s.io/v1 NetworkPolicy networkpolicies true',
      'rbac.authorization.k8s.io/v1 Role roles true', 'rbac.authorization.k8s.io/v1 RoleBinding rolebindings true',
      'rbac.authorization.k8s.io/v1 ClusterRole clusterroles false', 'rbac.authorization.k8s.io/v1 ClusterRoleBinding clusterrolebindings false',
    ]);
  });

  test('a write gets uid, resourceVersion and a creationTimestamp in seconds; a rewrite keeps uid and creationTimestamp', () => {
    const { objects } = stores();
    const first = objects.write(kind('ServiceAccount'), sa('a', 'team'));
    expect(first.metadata).toMatchObject({ uid: expect.stringMatching(/^[0-9a-f-]{36}$/), creationTimestamp: '2026-03-01T10:00:00Z' });
    const second = objects.write(kind('ServiceAccount'), sa('a', 'team', { x: 'y' }));
    const [m1, m2] = [first.metadata as JsonObject, second.metadata as JsonObject];
    expect([m2.uid, m2.creationTimestamp]).toEqual([m1.uid, m1.creationTimestamp]);
    expect(Number(m2.resourceVersion)).toBeGreaterThan(Number(m1.resourceVersion));
  });

  test('preview: the object a write would store (new: uid and creationTimestamp, no resourceVersion; existing: its own), nothing stored, no revision taken', () => {
    const { objects } = stores();
    const revision = objects.resourceVersion;
    const fresh = objects.preview(kind('ServiceAccount'), sa('a', 'team'));
    expect(fresh.metadata).toEqual({ name: 'a', namespace: 'team', labels: {}, uid: expect.stringMatching(/^[0-9a-f-]{36}$/), creationTimestamp: '2026-03-01T10:00:00Z' });
    expect(objects.get(kind('ServiceAccount'), 'team', 'a')).toBeUndefined();
    expect(objects.resourceVersion).toBe(revision);
    const stored = objects.write(kind('ServiceAccount'), sa('a', 'team'));
    const changed = objects.preview(kind('ServiceAccount'), sa('a', 'team', { x: 'y' }));
    expect(changed.metadata).toEqual({ ...(stored.metadata as JsonObject), labels: { x: 'y' } });
    expect(objects.get(kind('ServiceAccount'), 'team', 'a')).toEqual(stored);
    // A Namespace as the namespace strategy prepares it; a ConfigMap too goes through no store.
    expect(objects.preview(kind('Namespace'), { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'new' } })).toMatchObject({
      metadata: { labels: { 'kubernetes.io/metadata.name': 'new' } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' },
    });
    expect(objects.namespacePhase('new')).toBeUndefined();
    expect(objects.preview(kind('ConfigMap'), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'team' } }).metadata).not.toHaveProperty('resourceVersion');
    expect(objects.get(kind('ConfigMap'), 'team', 'c')).toBeUndefined();
    expect(objects.resourceVersion).toBe(String(Number(revision) + 1));
  });

  test('previewNamespaceDeletion: Terminating with a deletionTimestamp, its resourceVersion kept; the namespace stays Active; reading it takes no revision', () => {
    const { objects } = stores();
    const revision = objects.resourceVersion;
    const live = objects.get(kind('Namespace'), undefined, 'team')!;
    expect(objects.resourceVersion).toBe(revision);
    const preview = objects.previewNamespaceDeletion('team');
    expect(preview).toEqual({ ...live, metadata: { ...(live.metadata as JsonObject), deletionTimestamp: '2026-03-01T10:00:00Z' }, status: { phase: 'Terminating' } });
    expect(objects.namespacePhase('team')).toBe('Active');
    expect(objects.resourceVersion).toBe(revision);
    const begun = objects.beginNamespaceDeletion('team');
    expect(objects.previewNamespaceDeletion('team')).toEqual(begun);
  });

  test('ConfigMaps live in the ConfigMap store; their managedFields are kept here while the uid is the same', () => {
    const { objects, configMaps } = stores();
    const cm: JsonObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'team', managedFields: [{ manager: 'm' }] }, data: { a: 'b' } };
    objects.write(kind('ConfigMap'), cm);
    expect(configMaps.get('team', 'c')?.data).toEqual({ a: 'b' });
    expect((objects.get(kind('ConfigMap'), 'team', 'c')!.metadata as JsonObject).managedFields).toEqual([{ manager: 'm' }]);
    configMaps.delete('team', 'c');
    configMaps.put({ metadata: { name: 'c', namespace: 'team' }, data: {} });
    expect(objects.get(kind('ConfigMap'), 'team', 'c')!.metadata).not.toHaveProperty('managedFields');
  });

  test('namespaces: the ConfigMap store\'s set, Active; deletion is Terminating until finished, then content and namespace are gone', () => {
    const { objects, configMaps } = stores();
    expect(objects.namespacePhase('team')).toBe('Active');
    expect(objects.get(kind('Namespace'), undefined, 'team')).toMatchObject({ status: { phase: 'Active' }, metadata: { labels: { 'kubernetes.io/metadata.name': 'team' } } });
    objects.write(kind('ServiceAccount'), sa('a', 'team'));
    configMaps.put({ metadata: { name: 'c', namespace: 'team' } });
    expect(objects.beginNamespaceDeletion('team')).toMatchObject({ metadata: { deletionTimestamp: '2026-03-01T10:00:00Z' }, status: { phase: 'Terminating' } });
    expect(objects.namespacePhase('team')).toBe('Terminating');
    objects.finishNamespaceDeletion('team');
    expect(objects.namespacePhase('team')).toBeUndefined();
    expect(objects.get(kind('ServiceAccount'), 'team', 'a')).toBeUndefined();
    expect(configMaps.get('team', 'c')).toBeUndefined();
    expect(configMaps.namespaces.has('team')).toBe(false);
  });

  test('list: one namespace or all, by namespace then name, filtered by labels', () => {
    const { objects } = stores();
    objects.write(kind('ServiceAccount'), sa('b', 'team', { owner: 'o1' }));
    objects.write(kind('ServiceAccount'), sa('a', 'team', { owner: 'o2' }));
    objects.write(kind('ServiceAccount'), sa('z', 'default', { owner: 'o1' }));
    const names = (list: JsonObject[]): string[] => list.map((o) => `${String((o.metadata as JsonObject).namespace)}/${String((o.metadata as JsonObject).name)}`);
    expect(names(objects.list(kind('ServiceAccount'), undefined))).toEqual(['default/z', 'team/a', 'team/b']);
    expect(names(objects.list(kind('ServiceAccount'), 'team', 'owner=o1'))).toEqual(['team/b']);
    expect(names(objects.list(kind('ServiceAccount'), undefined, 'owner,owner!=o2'))).toEqual(['default/z', 'team/b']);
    expect(names(objects.list(kind('ServiceAccount'), undefined, '!owner'))).toEqual([]);
  });

  test('registered and unserved kinds', () => {
    const { objects } = stores();
    objects.registerKind({ group: 'example.com', version: 'v1', kind: 'Widget', resource: 'widgets', singular: 'widget', namespaced: true });
    expect(objects.kindAt('example.com', 'v1', 'widgets')?.kind).toBe('Widget');
    expect(objects.kindAt('example.com', 'v2', 'widgets')).toBeUndefined();
    objects.unserveKind('networking.k8s.io', 'networkpolicies');
    expect(objects.kindAt('networking.k8s.io', 'v1', 'networkpolicies')).toBeUndefined();
  });
});

describe('parseLabelSelector', () => {
  test.each([
    ['eks-access.io/owner=o1', [{ key: 'eks-access.io/owner', op: '=', value: 'o1' }]],
    ['a==b, c!=d', [{ key: 'a', op: '=', value: 'b' }, { key: 'c', op: '!=', value: 'd' }]],
    ['a,!b', [{ key: 'a', op: 'exists' }, { key: 'b', op: '!exists' }]],
    ['', []],
  ])('%s', (selector, expected) => {
    expect(parseLabelSelector(selector)).toEqual(expected);
  });

  test('set-based and malformed requirements are refused, naming the requirement', () => {
    expect(() => parseLabelSelector('a in (b)')).toThrow('unable to parse requirement "a in (b)": only equality-based selectors (k=v, k!=v, k, !k) are supported by this stand-in');
    expect(() => parseLabelSelector('!a=b')).toThrow('unable to parse requirement "!a=b"');
  });
});
