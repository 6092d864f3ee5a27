/**
 * The stand-in's graceful deletion of an object with finalizers (the generic registry's): a
 * DELETE only marks it (deletionTimestamp, 200 with the object; again 200, unchanged), and the
 * write that removes its last finalizer deletes it.
 */
import { buildEksToken } from '../../../lambda/edge/token';
import { TEST_IDENTITIES } from '../../support/identities';
import type { KubeApiServerHandle } from '../../support/kube-api-server';
import { startKubeApiServer } from '../../support/kube-api-server';
import type { KubeCall } from '../../support/kube-call';
import { kubeCaller } from '../../support/kube-call';

let server: KubeApiServerHandle;
let call: KubeCall;
const APPLY = { 'content-type': 'application/apply-patch+yaml' };
const MERGE = { 'content-type': 'application/merge-patch+json' };
const SA = '/api/v1/namespaces/default/serviceaccounts/held';

beforeEach(async () => {
  server = await startKubeApiServer({ clusterName: 'prod', region: 'eu-west-1', identities: [TEST_IDENTITIES.handler] });
  const token = await buildEksToken({ clusterName: 'prod', region: 'eu-west-1', credentials: TEST_IDENTITIES.handler });
  call = kubeCaller(server.url, server.caData, () => token);
});
afterEach(async () => {
  await server.close();
});

describe('objects with finalizers', () => {
  test('DELETE marks the object; removing the last finalizer deletes it', async () => {
    const sa = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'held', namespace: 'default', finalizers: ['example.com/hold'] } };
    expect((await call('PATCH', `${SA}?fieldManager=tool`, sa, APPLY)).status).toBe(201);
    const marked = await call('DELETE', SA);
    expect(marked).toMatchObject({ status: 200, json: { kind: 'ServiceAccount', metadata: { name: 'held', finalizers: ['example.com/hold'], deletionTimestamp: expect.any(String) } } });
    const again = await call('DELETE', SA);
    expect(again).toMatchObject({ status: 200, json: { metadata: { deletionTimestamp: (marked.json.metadata as { deletionTimestamp: string }).deletionTimestamp } } });
    expect((await call('GET', SA)).status).toBe(200);
    expect((await call('PATCH', SA, { metadata: { finalizers: null } }, MERGE)).status).toBe(200);
    expect(await call('GET', SA)).toMatchObject({ status: 404, json: { reason: 'NotFound' } });
  });

  test('without finalizers a DELETE removes the object at once', async () => {
    expect((await call('PATCH', `${SA}?fieldManager=tool`, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'held', namespace: 'default' } }, APPLY)).status).toBe(201);
    expect(await call('DELETE', SA)).toMatchObject({ status: 200, json: { kind: 'Status', status: 'Success' } });
    expect((await call('GET', SA)).status).toBe(404);
  });
});
