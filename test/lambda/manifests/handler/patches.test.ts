/**
 * Patches of objects owned by others: applied under eks-access-patch (owning only the patched
 * fields), never creating their target, and released when no longer declared.
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
    expect(h.requestsSince(first)[1].query).toBe('?fieldManager=eks-access-patch&force=true');
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

  test('a patch that takes a field from its owner says so: releasing it removes that field', async () => {
    const lines: string[] = [];
    const h = await start({ log: (level, message) => { lines.push(`${level}: ${message}`); } });
    await createTarget(h);
    const takeOwner: KubernetesObject = { ...PATCH, data: { owner: 'eks-access' } };
    await run(h, 'Create', { owner: OWNER, objects: [], patches: [takeOwner] });
    expect(lines).toContain('warn: ConfigMap kube-system/cluster-settings: the forced apply as eks-access-patch took fields over from other field managers (releasing the patch removes these fields unless their manager sets them again): eks-addon (Update) on .data.owner');
    await run(h, 'Delete', { owner: OWNER, objects: [], patches: [takeOwner] });
    expect(stored(h, 'ConfigMap', 'kube-system', 'cluster-settings')?.data ?? {}).toEqual({});
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
