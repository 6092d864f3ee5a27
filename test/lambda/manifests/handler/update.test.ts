/**
 * Update through the real handler: pruning removes only what this resource owns, an immutable
 * roleRef change deletes and recreates the binding, and a changed owner id is refused.
 */
import { OWNER_LABEL } from '../../../../lambda/manifests/api';
import { OWNER, asDeployer, configMap, contextWith, failure, fakeClock, harnessPerTest, managers, namespace, role, roleBinding, run, stored } from './support';

const start = harnessPerTest();

describe('manifests handler: update', () => {
  test('prunes only objects it owns: one relabelled by another owner, one unlabelled and one now patched stay', async () => {
    const h = await start();
    const old = {
      owner: OWNER,
      objects: [
        namespace('team-a'), configMap('team-a', 'keep', { a: '1' }), configMap('team-a', 'gone', { a: '1' }),
        configMap('team-a', 'taken', { a: '1' }), configMap('team-a', 'unlabelled', { a: '1' }), configMap('team-a', 'patched', { a: '1' }),
      ],
    };
    await run(h, 'Create', old);
    const deployer = await asDeployer(h);
    const merge = { 'content-type': 'application/merge-patch+json' };
    expect((await deployer('PATCH', '/api/v1/namespaces/team-a/configmaps/taken', { metadata: { labels: { [OWNER_LABEL]: 'someone-else' } } }, merge)).status).toBe(200);
    expect((await deployer('PATCH', '/api/v1/namespaces/team-a/configmaps/unlabelled', { metadata: { labels: { [OWNER_LABEL]: null } } }, merge)).status).toBe(200);
    const next = {
      owner: OWNER,
      objects: [namespace('team-a'), configMap('team-a', 'keep', { a: '2' })],
      patches: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'patched', namespace: 'team-a' }, data: { b: '2' } }],
    };
    const since = h.kube.requests.length;
    const result = await run(h, 'Update', next, old);
    expect(result).toEqual({
      PhysicalResourceId: `manifests/demo/${OWNER}`,
      Data: {
        Created: '0', Changed: '1', Unchanged: '1', Deleted: '1',
        Summary: "changed 1: ConfigMap team-a/keep; unchanged 1; deleted 1: ConfigMap team-a/gone; kept 2: ConfigMap team-a/unlabelled (not this resource's), ConfigMap team-a/taken (not this resource's)",
      },
    });
    expect(h.requestLog(since)).toEqual([
      'GET /api/v1/namespaces/team-a 200', 'PATCH /api/v1/namespaces/team-a 200',
      'GET /api/v1/namespaces/team-a/configmaps/keep 200', 'PATCH /api/v1/namespaces/team-a/configmaps/keep 200',
      'GET /api/v1/namespaces/team-a/configmaps/patched 200', 'PATCH /api/v1/namespaces/team-a/configmaps/patched 200',
      'GET /api/v1/namespaces/team-a/configmaps/unlabelled 200',
      'GET /api/v1/namespaces/team-a/configmaps/taken 200',
      'GET /api/v1/namespaces/team-a/configmaps/gone 200', 'DELETE /api/v1/namespaces/team-a/configmaps/gone 200',
    ]);
    expect(stored(h, 'ConfigMap', 'team-a', 'gone')).toBeUndefined();
    expect(stored(h, 'ConfigMap', 'team-a', 'taken')?.metadata.labels?.[OWNER_LABEL]).toBe('someone-else');
    expect(stored(h, 'ConfigMap', 'team-a', 'unlabelled')).toBeDefined();
    const patched = stored(h, 'ConfigMap', 'team-a', 'patched');
    expect(patched?.data).toEqual({ a: '1', b: '2' });
    expect(managers(patched)).toEqual(['eks-access Apply', 'eks-access-patch Apply']);
  });

  test('a roleRef change deletes the binding, waits until it is gone and creates it again', async () => {
    const h = await start();
    const old = { owner: OWNER, objects: [role('default', 'reader'), roleBinding('default', 'team', 'reader')] };
    await run(h, 'Create', old);
    const uid = stored(h, 'RoleBinding', 'default', 'team')?.metadata;
    const next = { owner: OWNER, objects: [role('default', 'reader'), role('default', 'writer', ['secrets']), roleBinding('default', 'team', 'writer')] };
    const since = h.kube.requests.length;
    const result = await run(h, 'Update', next, old);
    expect(result.Data).toEqual({
      Created: '2', Changed: '0', Unchanged: '1', Deleted: '1',
      Summary: 'created 2: Role default/writer, RoleBinding default/team; unchanged 1; deleted 1: RoleBinding default/team',
    });
    const binding = '/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings/team';
    expect(h.requestLog(since)).toEqual([
      'GET /apis/rbac.authorization.k8s.io/v1/namespaces/default/roles/reader 200', 'PATCH /apis/rbac.authorization.k8s.io/v1/namespaces/default/roles/reader 200',
      'GET /apis/rbac.authorization.k8s.io/v1/namespaces/default/roles/writer 404', 'PATCH /apis/rbac.authorization.k8s.io/v1/namespaces/default/roles/writer 201',
      `GET ${binding} 200`, `DELETE ${binding} 200`, `GET ${binding} 404`,
      `GET ${binding} 404`, `PATCH ${binding} 201`,
    ]);
    const recreated = stored(h, 'RoleBinding', 'default', 'team');
    expect(recreated?.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'writer' });
    expect(recreated?.metadata).not.toMatchObject({ uid: (uid as { uid?: string } | undefined)?.uid });
  });

  test('a replaced binding held by a finalizer is waited for; when the budget runs out the sentence names the finalizer and what to check', async () => {
    const clock = fakeClock();
    let onSleep = async (): Promise<void> => undefined;
    const h = await start({ deps: { pollMs: 1000, now: clock.deps.now, sleep: async (ms) => { await onSleep(); await clock.deps.sleep(ms); } } });
    const old = { owner: OWNER, objects: [role('default', 'reader'), role('default', 'writer'), roleBinding('default', 'team', 'reader')] };
    await run(h, 'Create', old);
    const deployer = await asDeployer(h);
    const binding = '/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings/team';
    expect((await deployer('PATCH', binding, { metadata: { finalizers: ['example.com/hold'] } }, { 'content-type': 'application/merge-patch+json' })).status).toBe(200);
    const next = { owner: OWNER, objects: [role('default', 'reader'), role('default', 'writer'), roleBinding('default', 'team', 'writer')] };
    expect(await failure(run(h, 'Update', next, old, contextWith(20_000))))
      .toBe('RoleBinding default/team is still terminating after 4 s, when the handler\'s time ran out (finalizers: example.com/hold); check what holds it (kubectl get rolebinding team -n default -o yaml: metadata.finalizers), then deploy again');

    // The retry: the finalizer goes during the wait, and the binding is created with the new roleRef.
    onSleep = async () => { await deployer('PATCH', binding, { metadata: { finalizers: null } }, { 'content-type': 'application/merge-patch+json' }); };
    const result = await run(h, 'Update', next, old, contextWith(20_000));
    expect(result.Data).toMatchObject({ Created: '1', Deleted: '1' });
    expect(stored(h, 'RoleBinding', 'default', 'team')?.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'writer' });
  });

  test('an object being deleted (a finalizer holds it) is waited for, then created again', async () => {
    let pauses = 0;
    const binding = '/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings/team';
    const merge = { 'content-type': 'application/merge-patch+json' };
    const other: { call?: Awaited<ReturnType<typeof asDeployer>> } = {};
    const h = await start({ deps: { pollMs: 5, sleep: async () => { if (++pauses === 2) await other.call!('PATCH', binding, { metadata: { finalizers: null } }, merge); } } });
    const deployer = await asDeployer(h);
    other.call = deployer;
    const objects = [role('default', 'reader'), roleBinding('default', 'team', 'reader')];
    await run(h, 'Create', { owner: OWNER, objects });
    await deployer('PATCH', binding, { metadata: { finalizers: ['example.com/hold'] } }, merge);
    await deployer('DELETE', binding);
    const since = h.kube.requests.length;
    const result = await run(h, 'Update', { owner: OWNER, objects }, { owner: OWNER, objects });
    expect(result.Data).toMatchObject({ Created: '1', Unchanged: '1' });
    // Read, wait (2 pauses; the deployer's finalizer removal between), then create.
    expect(h.requestLog(since).filter((l) => l.includes('rolebindings'))).toEqual([
      `GET ${binding} 200`, `GET ${binding} 200`, `GET ${binding} 200`, `PATCH ${binding} 200`, `GET ${binding} 404`, `PATCH ${binding} 201`,
    ]);
    expect(stored(h, 'RoleBinding', 'default', 'team')?.metadata.deletionTimestamp).toBeUndefined();
  });

  test('a changed owner id is refused before any call', async () => {
    const h = await start();
    const message = await failure(run(h, 'Update', { owner: 'new-owner', objects: [configMap('default', 'x', {})] }, { owner: OWNER, objects: [configMap('default', 'x', {})] }));
    expect(message).toBe(`the owner id changed from "${OWNER}" to "new-owner"; the objects carry the old one in their eks-access.io/owner label, so a new id would orphan them; keep the owner id of a deployed resource`);
    expect(h.kube.requests).toEqual([]);
  });
});
