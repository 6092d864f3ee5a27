/**
 * The kubectl migration: an object CDK's kubectl provider created (client-side apply: the
 * `kubectl-client-side-apply` manager, a prune label, the last-applied annotation) is adopted by
 * the handler's forced apply, and what kubectl left is removed. Another owner's object is refused.
 */
import { MANAGED_BY_LABEL, OWNER_LABEL } from '../../../../lambda/manifests/api';
import { ADOPTED_ANNOTATION } from '../../../../lambda/manifests/core/adoption';
import { CDK_PRUNE_LABEL_PREFIX, LAST_APPLIED_ANNOTATION } from '../../../../lambda/manifests/core/kubectl-leftovers';
import type { Logger } from '../../../../lambda/edge/log';
import { OWNER, asDeployer, configMap, failure, harnessPerTest, managers, run, stored } from './support';

const start = harnessPerTest();
const PRUNE = `${CDK_PRUNE_LABEL_PREFIX}c8e2a1b3c4d5e6f7`;
const PATH = '/api/v1/namespaces/default/configmaps/settings';

/** Creates the ConfigMap as `kubectl apply` (client-side) under CDK's kubectl provider does. */
async function createAsKubectl(h: Awaited<ReturnType<typeof start>>, data: Record<string, string>): Promise<void> {
  const deployer = await asDeployer(h);
  const applied = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'default', labels: { [PRUNE]: '' } }, data };
  const body = { ...applied, metadata: { ...applied.metadata, annotations: { [LAST_APPLIED_ANNOTATION]: `${JSON.stringify(applied)}\n` } } };
  const created = await deployer('POST', '/api/v1/namespaces/default/configmaps?fieldManager=kubectl-client-side-apply', body);
  expect(created.status).toBe(201);
}

describe('manifests handler: adoption', () => {
  test('takes over an object kubectl created: its fields, then the prune label and last-applied annotation removed', async () => {
    const lines: string[] = [];
    const log: Logger = (level, message) => { lines.push(`${level}: ${message}`); };
    const h = await start({ log });
    await createAsKubectl(h, { mode: 'strict', old: 'x' });
    expect(managers(stored(h, 'ConfigMap', 'default', 'settings'))).toEqual(['kubectl-client-side-apply Update']);
    const since = h.kube.requests.length;
    const result = await run(h, 'Create', { owner: OWNER, objects: [configMap('default', 'settings', { mode: 'strict' })] });
    expect(result.Data).toEqual({ Created: '0', Changed: '1', Unchanged: '0', Deleted: '0', Summary: 'changed 1: ConfigMap default/settings' });
    expect(h.requestLog(since)).toEqual([`GET ${PATH} 200`, `PATCH ${PATH} 200`, `PATCH ${PATH} 200`]);
    expect(h.requestsSince(since).map((r) => r.query)).toEqual(['', '?fieldManager=eks-access&force=true', '?fieldManager=eks-access']);
    const cm = stored(h, 'ConfigMap', 'default', 'settings');
    expect(cm?.metadata.labels).toEqual({ [MANAGED_BY_LABEL]: 'eks-access', [OWNER_LABEL]: OWNER });
    expect(cm?.metadata.annotations ?? {}).toEqual({ [ADOPTED_ANNOTATION]: 'kubectl' });
    // kubectl still co-owns the value it set (data.old stays: only its owner may drop it).
    expect(cm?.data).toEqual({ mode: 'strict', old: 'x' });
    expect(managers(cm)).toEqual(['eks-access Apply', 'kubectl-client-side-apply Update']);
    expect(lines).toContain('info: adopted an object without an owner label');
    expect(lines).toContain('info: removed what kubectl left on the object');

    // The next run is a no-op: nothing left to remove.
    const again = h.kube.requests.length;
    expect((await run(h, 'Update', { owner: OWNER, objects: [configMap('default', 'settings', { mode: 'strict' })] }, { owner: OWNER, objects: [] })).Data)
      .toMatchObject({ Unchanged: '1' });
    expect(h.requestLog(again)).toEqual([`GET ${PATH} 200`, `PATCH ${PATH} 200`]);
  });

  test('a forced apply takes fields another manager set, and the log names the manager and the fields', async () => {
    const lines: string[] = [];
    const h = await start({ log: (level, message) => { lines.push(`${level}: ${message}`); } });
    const objects = [configMap('default', 'settings', { mode: 'strict', level: '1' })];
    await run(h, 'Create', { owner: OWNER, objects });
    const deployer = await asDeployer(h);
    expect((await deployer('PATCH', `${PATH}?fieldManager=kubectl-edit`, { data: { mode: 'lax', level: '2' } }, { 'content-type': 'application/merge-patch+json' })).status).toBe(200);
    const result = await run(h, 'Update', { owner: OWNER, objects }, { owner: OWNER, objects });
    expect(result.Data).toMatchObject({ Changed: '1' });
    expect(stored(h, 'ConfigMap', 'default', 'settings')?.data).toEqual({ mode: 'strict', level: '1' });
    expect(lines).toContain('warn: ConfigMap default/settings: the forced apply as eks-access took fields over from other field managers (they had set fields the declaration sets): kubectl-edit (Update) on .data.level, kubectl-edit (Update) on .data.mode');
  });

  test('an object of another manifests resource is refused, naming that owner and the fix', async () => {
    const h = await start();
    await run(h, 'Create', { owner: 'other-owner', objects: [configMap('default', 'settings', { a: '1' })] });
    const since = h.kube.requests.length;
    const message = await failure(run(h, 'Create', { owner: OWNER, objects: [configMap('default', 'settings', { a: '2' })] }));
    expect(message).toBe(`ConfigMap default/settings belongs to another manifests resource (its eks-access.io/owner label is "other-owner", this resource's is "${OWNER}"); declare each object in one resource only: remove it here, or from the resource with owner other-owner`);
    expect(h.requestLog(since)).toEqual([`GET ${PATH} 200`]);
    expect(stored(h, 'ConfigMap', 'default', 'settings')?.data).toEqual({ a: '1' });
  });
});
