/**
 * The generic object calls of the edge (lambda/edge/kube-objects.ts) against the HTTPS
 * stand-in: GET (404 = undefined), server-side apply (query, content type, status and object),
 * merge patch, DELETE (propagationPolicy, 404 = gone, a refusal thrown with its Status),
 * discovery (404 = undefined), refused paths, and the client's user-agent per handler.
 */
import { KubeApiError } from '../../../lambda/edge/kube-errors';
import { APPLY_PATCH_CONTENT_TYPE, MERGE_PATCH_CONTENT_TYPE, applyObject, deleteObject, getDiscovery, getObject, mergePatchObject } from '../../../lambda/edge/kube-objects';
import type { KubeSetup } from './kube-setup';
import { configMap, startKubeSetup } from './kube-setup';

let setup: KubeSetup;
beforeEach(async () => {
  setup = await startKubeSetup();
});
afterEach(async () => {
  await setup.close();
});

const CM = '/api/v1/namespaces/kube-system/configmaps/settings';
const log = (): string[] => setup.server.requests.map((r) => `${r.method} ${r.path}${r.query} ${r.status}`);

describe('generic object calls', () => {
  test('the content types are the API server\'s', () => {
    expect(APPLY_PATCH_CONTENT_TYPE).toBe('application/apply-patch+yaml');
    expect(MERGE_PATCH_CONTENT_TYPE).toBe('application/merge-patch+json');
  });

  test('apply creates (201) then re-applies (200, same resourceVersion); get reads it back; absent is undefined', async () => {
    const kube = setup.client();
    expect(await getObject(kube, CM)).toBeUndefined();
    const created = await applyObject(kube, CM, configMap('settings', { a: '1' }), 'eks-access');
    expect(created.status).toBe(201);
    expect(created.object).toMatchObject({ kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'kube-system' }, data: { a: '1' } });
    const again = await applyObject(kube, CM, configMap('settings', { a: '1' }), 'eks-access');
    expect(again.status).toBe(200);
    expect(again.object.metadata.resourceVersion).toBe(created.object.metadata.resourceVersion);
    expect((await getObject(kube, CM))?.metadata.managedFields).toEqual([expect.objectContaining({ manager: 'eks-access', operation: 'Apply' })]);
    expect(log()).toEqual([
      `GET ${CM} 404`,
      `PATCH ${CM}?fieldManager=eks-access&force=true 201`,
      `PATCH ${CM}?fieldManager=eks-access&force=true 200`,
      `GET ${CM} 200`,
    ]);
  });

  test('a manager name is percent-encoded in the query', async () => {
    const kube = setup.client();
    await applyObject(kube, CM, configMap('settings', { a: '1' }), 'a b&c');
    expect(setup.server.requests[0].query).toBe('?fieldManager=a%20b%26c&force=true');
  });

  test('without force a field another manager owns with another value is a 409 naming both, and the query has no force', async () => {
    const kube = setup.client();
    await applyObject(kube, CM, configMap('settings', { a: '1' }), 'eks-access');
    const e = await applyObject(kube, CM, configMap('settings', { a: '2' }), 'eks-access-patch', { force: false }).then(() => undefined, (x: unknown) => x);
    expect(e).toBeInstanceOf(KubeApiError);
    expect((e as KubeApiError).status).toBe(409);
    expect((e as KubeApiError).statusBody).toMatchObject({ message: 'Apply failed with 1 conflict: conflict with "eks-access": .data.a', details: { causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "eks-access"', field: '.data.a' }] } });
    const shared = await applyObject(kube, CM, configMap('settings', { a: '1' }), 'eks-access-patch', { force: false });
    expect(shared.object.metadata.managedFields).toEqual([expect.objectContaining({ manager: 'eks-access' }), expect.objectContaining({ manager: 'eks-access-patch' })]);
    expect(log().slice(1)).toEqual([`PATCH ${CM}?fieldManager=eks-access-patch 409`, `PATCH ${CM}?fieldManager=eks-access-patch 200`]);
  });

  test('merge patch removes keys with null under its field manager', async () => {
    const kube = setup.client();
    await applyObject(kube, CM, configMap('settings', { a: '1', b: '2' }), 'eks-access');
    const patched = await mergePatchObject(kube, CM, { data: { b: null } }, 'eks-access');
    expect(patched.data).toEqual({ a: '1' });
    expect(setup.server.requests[1]).toMatchObject({ method: 'PATCH', query: '?fieldManager=eks-access', status: 200 });
  });

  test('delete: Background propagation, 404 is gone, a refusal is thrown with its Status', async () => {
    const kube = setup.client();
    await applyObject(kube, CM, configMap('settings', { a: '1' }), 'eks-access');
    expect(await deleteObject(kube, CM)).toMatchObject({ result: 'deleted', status: 200 });
    expect(await deleteObject(kube, CM)).toEqual({ result: 'gone' });
    expect(log().slice(1)).toEqual([`DELETE ${CM}?propagationPolicy=Background 200`, `DELETE ${CM}?propagationPolicy=Background 404`]);
    const refused = await deleteObject(kube, '/api/v1/namespaces/kube-system').then(() => undefined, (e: unknown) => e);
    expect(refused).toBeInstanceOf(KubeApiError);
    expect((refused as KubeApiError).status).toBe(403);
    expect((refused as KubeApiError).statusBody).toMatchObject({ kind: 'Status', reason: 'Forbidden', message: 'namespaces "kube-system" is forbidden: this namespace may not be deleted' });
  });

  test('a refused apply is thrown with the server\'s Status (details kept for the explanations)', async () => {
    const kube = setup.client();
    setup.server.setAuthorizer(() => false);
    const e = await applyObject(kube, CM, configMap('settings', {}), 'eks-access').then(() => undefined, (x: unknown) => x);
    expect(e).toBeInstanceOf(KubeApiError);
    expect((e as KubeApiError).statusBody).toMatchObject({ code: 403, details: { name: 'settings', kind: 'configmaps' } });
  });

  test('discovery: a served group version\'s resource list, undefined for one not served', async () => {
    const kube = setup.client();
    expect(await getDiscovery(kube, '/apis/rbac.authorization.k8s.io/v1')).toMatchObject({ kind: 'APIResourceList', groupVersion: 'rbac.authorization.k8s.io/v1' });
    expect(await getDiscovery(kube, '/apis/example.com/v1')).toBeUndefined();
  });

  test.each(['/api', '/healthz', 'api/v1/namespaces', '/api/v1/namespaces?watch=1', '/api/v1/namespaces/../secrets', '/apis/./x'])('refuses the path %j before sending', async (path) => {
    const kube = setup.client();
    await expect(getObject(kube, path)).rejects.toThrow(`refusing Kubernetes path ${JSON.stringify(path)}: expected /api/... or /apis/... without a query, '.' or '..'`);
    expect(setup.server.requests).toEqual([]);
  });

  test('an answer that is not an object is an error naming the request', async () => {
    const kube = setup.client();
    await expect(getObject(kube, '/api/v1')).rejects.toThrow('Kubernetes API GET /api/v1 answered something that is not an object with kind and metadata.name');
  });
});

describe('user-agent per handler', () => {
  test('eks-access-aws-auth by default, the given one otherwise: the API server names an Update\'s manager after it', async () => {
    await setup.client().createConfigMap(configMap('a', {}));
    await setup.client({ userAgent: 'eks-access-manifests' }).createConfigMap(configMap('b', {}));
    const manager = async (name: string) => ((await getObject(setup.client(), `/api/v1/namespaces/kube-system/configmaps/${name}`))?.metadata.managedFields as Array<{ manager: string }>)[0].manager;
    expect(await manager('a')).toBe('eks-access-aws-auth');
    expect(await manager('b')).toBe('eks-access-manifests');
  });
});
