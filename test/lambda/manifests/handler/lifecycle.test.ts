/**
 * Create, a no-op second run, and Delete of the app's kinds through the real handler against
 * the HTTPS stand-in (SigV4 tokens, server-side apply), with exact outcomes and request logs.
 */
import { MANAGED_BY_LABEL, NAMESPACE_DELETE, NAMESPACE_ON_DELETE_ANNOTATION, OWNER_LABEL } from '../../../../lambda/manifests/api';
import { OWNER, configMap, harnessPerTest, managers, namespace, networkPolicy, role, roleBinding, run, serviceAccount, stored } from './support';

const start = harnessPerTest();

const APP = [
  roleBinding('team-a', 'readers', 'reader'),
  networkPolicy('team-a', 'default-deny'),
  role('team-a', 'reader'),
  configMap('team-a', 'settings', { mode: 'strict' }),
  serviceAccount('team-a', 'app'),
  namespace('team-a'),
];

const PATHS = [
  '/api/v1/namespaces/team-a',
  '/api/v1/namespaces/team-a/configmaps/settings',
  '/api/v1/namespaces/team-a/serviceaccounts/app',
  '/apis/rbac.authorization.k8s.io/v1/namespaces/team-a/roles/reader',
  '/apis/rbac.authorization.k8s.io/v1/namespaces/team-a/rolebindings/readers',
  '/apis/networking.k8s.io/v1/namespaces/team-a/networkpolicies/default-deny',
];

const KINDS: Array<[string, string | undefined, string]> = [
  ['Namespace', undefined, 'team-a'], ['ConfigMap', 'team-a', 'settings'], ['ServiceAccount', 'team-a', 'app'],
  ['Role', 'team-a', 'reader'], ['RoleBinding', 'team-a', 'readers'], ['NetworkPolicy', 'team-a', 'default-deny'],
];

describe('manifests handler: create', () => {
  test('applies the namespace first, then the core kinds, roles before bindings: one read and one apply per object', async () => {
    const h = await start();
    const result = await run(h, 'Create', { owner: OWNER, objects: APP });
    expect(result).toEqual({
      PhysicalResourceId: `manifests/demo/${OWNER}`,
      Data: {
        Created: '6', Changed: '0', Unchanged: '0', Deleted: '0',
        Summary: 'created 6: Namespace team-a, ConfigMap team-a/settings, ServiceAccount team-a/app, Role team-a/reader, RoleBinding team-a/readers, NetworkPolicy team-a/default-deny',
      },
    });
    expect(h.requestLog()).toEqual(PATHS.flatMap((p) => [`GET ${p} 404`, `PATCH ${p} 201`]));
    expect(h.requestsSince().filter((r) => r.method === 'PATCH').map((r) => r.query)).toEqual(PATHS.map(() => '?fieldManager=eks-access&force=true'));
    for (const [kind, ns, name] of KINDS) {
      const obj = stored(h, kind, ns, name);
      expect(obj?.metadata.labels).toMatchObject({ [MANAGED_BY_LABEL]: 'eks-access', [OWNER_LABEL]: OWNER });
      expect(managers(obj)).toEqual(['eks-access Apply']);
    }
    expect(stored(h, 'ConfigMap', 'team-a', 'settings')?.data).toEqual({ mode: 'strict' });
  });

  test('an identical second run reports every object unchanged and writes nothing (no resourceVersion moves)', async () => {
    const h = await start();
    await run(h, 'Create', { owner: OWNER, objects: APP });
    const versions = KINDS.map(([kind, ns, name]) => stored(h, kind, ns, name)?.metadata.resourceVersion);
    const since = h.kube.requests.length;
    const result = await run(h, 'Update', { owner: OWNER, objects: APP }, { owner: OWNER, objects: APP });
    expect(result.Data).toEqual({ Created: '0', Changed: '0', Unchanged: '6', Deleted: '0', Summary: 'unchanged 6' });
    expect(h.requestLog(since)).toEqual(PATHS.flatMap((p) => [`GET ${p} 200`, `PATCH ${p} 200`]));
    expect(KINDS.map(([kind, ns, name]) => stored(h, kind, ns, name)?.metadata.resourceVersion)).toEqual(versions);
  });
});

describe('manifests handler: delete', () => {
  test('removes the objects in reverse order and releases the namespace without the delete annotation ("kept")', async () => {
    const h = await start();
    await run(h, 'Create', { owner: OWNER, objects: APP });
    const since = h.kube.requests.length;
    const result = await run(h, 'Delete', { owner: OWNER, objects: APP });
    expect(result).toEqual({
      PhysicalResourceId: `manifests/demo/${OWNER}`,
      Data: {
        Created: '0', Changed: '0', Unchanged: '0', Deleted: '5',
        Summary: 'deleted 5: NetworkPolicy team-a/default-deny, RoleBinding team-a/readers, Role team-a/reader, ServiceAccount team-a/app, ConfigMap team-a/settings; kept 1: Namespace team-a (released, not deleted)',
      },
    });
    const reversed = [...PATHS].reverse();
    expect(h.requestLog(since)).toEqual([
      ...reversed.slice(0, 5).flatMap((p) => [`GET ${p} 200`, `DELETE ${p} 200`]),
      'GET /api/v1/namespaces/team-a 200', 'PATCH /api/v1/namespaces/team-a 200',
    ]);
    const ns = stored(h, 'Namespace', undefined, 'team-a');
    expect(ns?.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'team-a' });
    expect(managers(ns)).toEqual([]);
    for (const [kind, nsName, name] of KINDS.slice(1)) expect(stored(h, kind, nsName, name)).toBeUndefined();
  });

  test(`deletes a namespace declared with ${NAMESPACE_ON_DELETE_ANNOTATION}: ${NAMESPACE_DELETE} and waits until it is gone`, async () => {
    const h = await start({ deps: { pollMs: 10 } });
    const objects = [namespace('team-a', { [NAMESPACE_ON_DELETE_ANNOTATION]: NAMESPACE_DELETE }), configMap('team-a', 'settings', { mode: 'strict' })];
    await run(h, 'Create', { owner: OWNER, objects });
    const since = h.kube.requests.length;
    const result = await run(h, 'Delete', { owner: OWNER, objects });
    expect(result.Data).toEqual({ Created: '0', Changed: '0', Unchanged: '0', Deleted: '2', Summary: 'deleted 2: ConfigMap team-a/settings, Namespace team-a' });
    const log = h.requestLog(since);
    expect(log.slice(0, 5)).toEqual([
      'GET /api/v1/namespaces/team-a/configmaps/settings 200', 'DELETE /api/v1/namespaces/team-a/configmaps/settings 200',
      'GET /api/v1/namespaces/team-a 200', 'DELETE /api/v1/namespaces/team-a 200', 'GET /api/v1/namespaces/team-a 200',
    ]);
    expect(log[log.length - 1]).toBe('GET /api/v1/namespaces/team-a 404');
    expect(log.slice(5, -1).every((l) => l === 'GET /api/v1/namespaces/team-a 200')).toBe(true);
    expect(stored(h, 'Namespace', undefined, 'team-a')).toBeUndefined();
    expect(h.sleeps.every((ms) => ms === 10)).toBe(true);
  });

  test('objects already gone are done (404), and a second Delete succeeds with nothing to do', async () => {
    const h = await start();
    const objects = [configMap('default', 'settings', { mode: 'strict' })];
    await run(h, 'Create', { owner: OWNER, objects });
    expect((await run(h, 'Delete', { owner: OWNER, objects })).Data).toMatchObject({ Deleted: '1' });
    const since = h.kube.requests.length;
    expect((await run(h, 'Delete', { owner: OWNER, objects })).Data).toEqual({ Created: '0', Changed: '0', Unchanged: '0', Deleted: '0', Summary: 'no objects' });
    expect(h.requestLog(since)).toEqual(['GET /api/v1/namespaces/default/configmaps/settings 404']);
  });

  test('succeeds without a call to Kubernetes when the cluster is gone', async () => {
    const h = await start();
    const result = await h.handler(h.event('Delete', { owner: OWNER, objects: APP, clusterName: 'deleted-cluster' }));
    expect(result).toEqual({ PhysicalResourceId: `manifests/deleted-cluster/${OWNER}` });
    expect(h.kube.requests).toEqual([]);
  });

  test('with properties that do not parse is a no-op success (nothing was ever applied with them)', async () => {
    const h = await start();
    const event = h.event('Delete', { owner: OWNER, objects: APP });
    const result = await h.handler({ ...event, ResourceProperties: { ...event.ResourceProperties, Objects: '[{"kind":' } });
    expect(result).toEqual({ PhysicalResourceId: `manifests/demo/${OWNER}` });
    expect(h.kube.requests).toEqual([]);
  });
});
