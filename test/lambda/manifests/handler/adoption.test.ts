/**
 * The kubectl migration: an object CDK's kubectl provider created (client-side apply: the
 * `kubectl-client-side-apply` manager, a prune label, the last-applied annotation) is adopted by
 * the handler's forced apply, and what kubectl left is removed. Another owner's object is refused.
 */
import { MANAGED_BY_LABEL, ManifestsProps, OWNER_LABEL } from '../../../../lambda/manifests/api';
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

describe('manifests handler: removing adopted objects', () => {
  const OBJECTS = [configMap('default', 'settings', { mode: 'strict' })];
  /** An event of the resource with ReleaseAdopted as release 0.2's construct sets it (or not). */
  const event = (h: Awaited<ReturnType<typeof start>>, type: 'Create' | 'Delete', release: boolean, objects = OBJECTS) => {
    const e = h.event(type, { owner: OWNER, objects });
    return release ? { ...e, ResourceProperties: { ...e.ResourceProperties, [ManifestsProps.releaseAdopted]: 'true' } } : e;
  };

  test('0.2: a rolled-back Create (Delete of what it adopted from kubectl) releases the object with its content; nothing is deleted', async () => {
    const h = await start();
    await createAsKubectl(h, { mode: 'strict' });
    await h.handler(event(h, 'Create', true));
    expect(stored(h, 'ConfigMap', 'default', 'settings')?.metadata.annotations).toEqual({ [ADOPTED_ANNOTATION]: 'kubectl' });
    const since = h.kube.requests.length;
    const result = await h.handler(event(h, 'Delete', true));
    expect(result.Data).toEqual({ Created: '0', Changed: '0', Unchanged: '0', Deleted: '0', Summary: 'kept 1: ConfigMap default/settings (adopted, released with its content)' });
    expect(h.requestLog(since)).toEqual([`GET ${PATH} 200`, `PATCH ${PATH} 200`]);
    expect(h.requestsSince(since)[1].query).toBe('?fieldManager=eks-access');
    const cm = stored(h, 'ConfigMap', 'default', 'settings');
    expect(cm?.data).toEqual({ mode: 'strict' });
    expect(cm?.metadata.labels ?? {}).toEqual({});
    expect(cm?.metadata.annotations ?? {}).toEqual({});
  });

  test('0.3 (ReleaseAdopted absent): an object adopted from kubectl is the app\'s own and Delete deletes it', async () => {
    const h = await start();
    await createAsKubectl(h, { mode: 'strict' });
    await h.handler(event(h, 'Create', true));
    const result = await h.handler(event(h, 'Delete', false));
    expect(result.Data).toMatchObject({ Deleted: '1', Summary: 'deleted 1: ConfigMap default/settings' });
    expect(stored(h, 'ConfigMap', 'default', 'settings')).toBeUndefined();
  });

  test('an object someone else created (no kubectl prune label) is adopted as "other" and never deleted, with or without ReleaseAdopted', async () => {
    for (const release of [false, true]) {
      const h = await start();
      const deployer = await asDeployer(h);
      expect((await deployer('POST', '/api/v1/namespaces/default/configmaps?fieldManager=kubectl-create', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'default' }, data: { mode: 'lax' } })).status).toBe(201);
      await h.handler(event(h, 'Create', release));
      expect(stored(h, 'ConfigMap', 'default', 'settings')?.metadata.annotations).toEqual({ [ADOPTED_ANNOTATION]: 'other' });
      const result = await h.handler(event(h, 'Delete', release));
      expect([release, result.Data?.Summary]).toEqual([release, 'kept 1: ConfigMap default/settings (adopted, released with its content)']);
      expect(stored(h, 'ConfigMap', 'default', 'settings')?.data).toEqual({ mode: 'strict' });
      await h.close();
    }
  });

  test('0.2: an Update that no longer declares an adopted object releases it; one the resource created itself is deleted', async () => {
    const h = await start();
    await createAsKubectl(h, { mode: 'strict' });
    const both = [...OBJECTS, configMap('default', 'fresh', { a: '1' })];
    await h.handler(event(h, 'Create', true, both));
    const update = { ...event(h, 'Create', true, []), RequestType: 'Update' as const, PhysicalResourceId: `manifests/${h.clusterName}/${OWNER}`, OldResourceProperties: event(h, 'Create', true, both).ResourceProperties };
    const result = await h.handler(update);
    expect(result.Data?.Summary).toBe('deleted 1: ConfigMap default/fresh; kept 1: ConfigMap default/settings (adopted, released with its content)');
    expect(stored(h, 'ConfigMap', 'default', 'fresh')).toBeUndefined();
    expect(stored(h, 'ConfigMap', 'default', 'settings')?.data).toEqual({ mode: 'strict' });
  });
});
