/**
 * Patches of objects owned by others: applied under eks-access-patch without force (owning only
 * the patched fields, never taking one from its manager: another value is a conflict, an equal
 * value is shared), never creating their target, and released when no longer declared.
 */
import type { KubernetesObject } from '../../../../lib/k8s/manifest';
import { OWNER, asDeployer, failure, harnessPerTest, managers, run, stored } from './support';

const start = harnessPerTest();
const PATH = '/api/v1/namespaces/kube-system/configmaps/cluster-settings';
const PATCH: KubernetesObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cluster-settings', namespace: 'kube-system' }, data: { 'eks-access': 'on' } };

async function createTarget(h: Awaited<ReturnType<typeof start>>): Promise<void> {
  const deployer = await asDeployer(h);
  const created = await deployer('POST', '/api/v1/namespaces/kube-system/configmaps?fieldManager=eks-addon', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cluster-settings', namespace: 'kube-system' }, data: { owner: 'addon' } });
  expect(created.status).toBe(201);
}

describe('manifests handler: patches', () => {
  test('applies only the patched fields under eks-access-patch, and releases them when the patch goes', async () => {
    const h = await start();
    await createTarget(h);
    const first = h.kube.requests.length;
    const result = await run(h, 'Create', { owner: OWNER, objects: [], patches: [PATCH] });
    expect(result.Data).toEqual({ Created: '0', Changed: '0', Unchanged: '0', Deleted: '0', Summary: 'no objects' });
    expect(h.requestLog(first)).toEqual([`GET ${PATH} 200`, `PATCH ${PATH} 200`]);
    expect(h.requestsSince(first)[1].query).toBe('?fieldManager=eks-access-patch');
    let cm = stored(h, 'ConfigMap', 'kube-system', 'cluster-settings');
    expect(cm?.data).toEqual({ owner: 'addon', 'eks-access': 'on' });
    expect(cm?.metadata.labels).toBeUndefined();
    expect(managers(cm)).toEqual(['eks-access-patch Apply', 'eks-addon Update']);

    const since = h.kube.requests.length;
    await run(h, 'Update', { owner: OWNER, objects: [] }, { owner: OWNER, objects: [], patches: [PATCH] });
    expect(h.requestLog(since)).toEqual([`GET ${PATH} 200`, `PATCH ${PATH} 200`]);
    cm = stored(h, 'ConfigMap', 'kube-system', 'cluster-settings');
    expect(cm?.data).toEqual({ owner: 'addon' });
    expect(managers(cm)).toEqual(['eks-addon Update']);
  });

  test('a field kubectl-edit owns with another value is a conflict naming the manager and the field; nothing is written', async () => {
    const h = await start();
    await createTarget(h);
    const deployer = await asDeployer(h);
    expect((await deployer('PATCH', `${PATH}?fieldManager=kubectl-edit`, { data: { mode: 'strict' } }, { 'content-type': 'application/merge-patch+json' })).status).toBe(200);
    const before = stored(h, 'ConfigMap', 'kube-system', 'cluster-settings');
    const since = h.kube.requests.length;
    expect(await failure(run(h, 'Create', { owner: OWNER, objects: [], patches: [{ ...PATCH, data: { mode: 'lax', 'eks-access': 'on' } }] })))
      .toBe('ConfigMap kube-system/cluster-settings: the patch conflicts with field manager "kubectl-edit" using v1 on .data.mode, which owns this field with another value (a patch is applied without force, so it never takes a field from its manager; an equal value would be shared): drop the field from the patch to leave it to that manager, or have that manager stop owning it, and deploy again');
    expect(h.requestLog(since)).toEqual([`GET ${PATH} 200`, `PATCH ${PATH} 409`]);
    expect(stored(h, 'ConfigMap', 'kube-system', 'cluster-settings')).toEqual(before);
  });

  test('the same value kubectl-edit set is shared: the patch applies and both managers own the field; releasing it keeps the field', async () => {
    const h = await start();
    await createTarget(h);
    const deployer = await asDeployer(h);
    expect((await deployer('PATCH', `${PATH}?fieldManager=kubectl-edit`, { data: { mode: 'strict' } }, { 'content-type': 'application/merge-patch+json' })).status).toBe(200);
    const same: KubernetesObject = { ...PATCH, data: { mode: 'strict', 'eks-access': 'on' } };
    await run(h, 'Create', { owner: OWNER, objects: [], patches: [same] });
    let cm = stored(h, 'ConfigMap', 'kube-system', 'cluster-settings');
    expect(cm?.data).toEqual({ owner: 'addon', mode: 'strict', 'eks-access': 'on' });
    expect(cm?.metadata.managedFields?.map((f) => [f.manager, f.operation, f.fieldsV1])).toEqual([
      ['eks-access-patch', 'Apply', { 'f:data': { 'f:eks-access': {}, 'f:mode': {} } }],
      ['eks-addon', 'Update', { 'f:data': { 'f:owner': {} } }],
      ['kubectl-edit', 'Update', { 'f:data': { 'f:mode': {} } }],
    ]);
    await run(h, 'Delete', { owner: OWNER, objects: [], patches: [same] });
    cm = stored(h, 'ConfigMap', 'kube-system', 'cluster-settings');
    expect(cm?.data).toEqual({ owner: 'addon', mode: 'strict' });
    expect(managers(cm)).toEqual(['eks-addon Update', 'kubectl-edit Update']);
  });

  test('a patch never creates its target: a missing one is refused, naming it', async () => {
    const h = await start();
    expect(await failure(run(h, 'Create', { owner: OWNER, objects: [], patches: [PATCH] })))
      .toBe('ConfigMap kube-system/cluster-settings: the object to patch does not exist; a patch edits an object someone else creates and never creates it, so create it first (or deploy after the resource that creates it), or remove the patch');
    expect(h.requestLog()).toEqual([`GET ${PATH} 404`]);
    expect(stored(h, 'ConfigMap', 'kube-system', 'cluster-settings')).toBeUndefined();
  });

  test('releasing a patch whose target is gone is done without a write (an apply would create it)', async () => {
    const h = await start();
    await run(h, 'Delete', { owner: OWNER, objects: [], patches: [PATCH] });
    expect(h.requestLog()).toEqual([`GET ${PATH} 404`]);
    expect(stored(h, 'ConfigMap', 'kube-system', 'cluster-settings')).toBeUndefined();
  });
});
