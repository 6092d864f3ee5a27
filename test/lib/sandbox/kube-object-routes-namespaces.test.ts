import { buildEksToken } from '../../../lambda/edge/token';
import { TEST_IDENTITIES } from '../../support/identities';
import type { KubeApiServerHandle } from '../../support/kube-api-server';
import { startKubeApiServer } from '../../support/kube-api-server';
import type { KubeCall } from '../../support/kube-call';
import { kubeCaller } from '../../support/kube-call';

let server: KubeApiServerHandle;
let call: KubeCall;
const APPLY = { 'content-type': 'application/apply-patch+yaml' };
const ns = (name: string): object => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'eks-access.io/owner': 'o1' } } });
const sa = (name: string, namespace: string): object => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace } });

beforeEach(async () => {
  server = await startKubeApiServer({ clusterName: 'prod', region: 'eu-west-1', identities: [TEST_IDENTITIES.handler], namespaceTerminationDelay: 'manual' });
  const token = await buildEksToken({ clusterName: 'prod', region: 'eu-west-1', credentials: TEST_IDENTITIES.handler });
  call = kubeCaller(server.url, server.caData, () => token);
});
afterEach(async () => {
  await server.close();
});

describe('namespaces', () => {
  test('created Active with the metadata.name label and the kubernetes finalizer; re-apply changes nothing', async () => {
    const created = await call('PATCH', '/api/v1/namespaces/payments?fieldManager=eks-access&force=true', ns('payments'), APPLY);
    expect(created).toMatchObject({
      status: 201,
      json: {
        apiVersion: 'v1', kind: 'Namespace',
        metadata: { name: 'payments', labels: { 'eks-access.io/owner': 'o1', 'kubernetes.io/metadata.name': 'payments' } },
        spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' },
      },
    });
    expect((created.json.metadata as object)).not.toHaveProperty('namespace');
    const again = await call('PATCH', '/api/v1/namespaces/payments?fieldManager=eks-access&force=true', ns('payments'), APPLY);
    expect((again.json.metadata as { resourceVersion: string }).resourceVersion).toBe((created.json.metadata as { resourceVersion: string }).resourceVersion);
    // An applied status is ignored: the server owns it.
    const withStatus = await call('PATCH', '/api/v1/namespaces/payments?fieldManager=eks-access&force=true', { ...ns('payments'), status: { phase: 'Terminating' } }, APPLY);
    expect(withStatus.json.status).toEqual({ phase: 'Active' });
  });

  test('DELETE makes it Terminating with a deletionTimestamp; new content is refused with the real 403; then its objects and itself are gone', async () => {
    await call('PATCH', '/api/v1/namespaces/payments?fieldManager=eks-access', ns('payments'), APPLY);
    await call('PATCH', '/api/v1/namespaces/payments/serviceaccounts/old?fieldManager=eks-access', sa('old', 'payments'), APPLY);
    await call('POST', '/api/v1/namespaces/payments/configmaps', { metadata: { name: 'cm' }, data: { a: 'b' } });
    const deleted = await call('DELETE', '/api/v1/namespaces/payments');
    expect(deleted).toMatchObject({ status: 200, json: { kind: 'Namespace', metadata: { name: 'payments', deletionTimestamp: expect.stringMatching(/Z$/) }, status: { phase: 'Terminating' } } });
    expect(await call('GET', '/api/v1/namespaces/payments')).toMatchObject({ status: 200, json: { status: { phase: 'Terminating' } } });
    expect(await call('PATCH', '/api/v1/namespaces/payments/serviceaccounts/new?fieldManager=eks-access', sa('new', 'payments'), APPLY)).toEqual({
      status: 403,
      json: {
        kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'Forbidden', code: 403,
        message: 'serviceaccounts "new" is forbidden: unable to create new content in namespace payments because it is being terminated',
        details: {
          name: 'new', kind: 'serviceaccounts',
          causes: [{ reason: 'NamespaceTerminating', message: 'unable to create new content in namespace payments because it is being terminated', field: 'metadata.namespace' }],
        },
      },
    });
    expect(await call('POST', '/api/v1/namespaces/payments/configmaps', { metadata: { name: 'late' } })).toMatchObject({
      status: 403, json: { message: 'configmaps "late" is forbidden: unable to create new content in namespace payments because it is being terminated' },
    });
    // Existing content is still there until termination ends; a second DELETE (a dry run too) answers
    // the namespace as it is (namespace storage Delete: kubernetes/kubernetes#84122, no longer a 409).
    expect((await call('GET', '/api/v1/namespaces/payments/serviceaccounts/old')).status).toBe(200);
    const terminating = await call('GET', '/api/v1/namespaces/payments');
    expect(terminating.json).toMatchObject({ status: { phase: 'Terminating' }, metadata: { deletionTimestamp: expect.any(String) } });
    expect(await call('DELETE', '/api/v1/namespaces/payments')).toEqual(terminating);
    expect(await call('DELETE', '/api/v1/namespaces/payments?dryRun=All')).toEqual(terminating);
    expect(await call('GET', '/api/v1/namespaces/payments')).toEqual(terminating);
    server.objects.finishNamespaceDeletion('payments');
    expect(await call('GET', '/api/v1/namespaces/payments')).toMatchObject({ status: 404, json: { reason: 'NotFound', message: 'namespaces "payments" not found' } });
    expect((await call('GET', '/api/v1/namespaces/payments/serviceaccounts/old')).status).toBe(404);
    expect(server.store.get('payments', 'cm')).toBeUndefined();
    expect(await call('PATCH', '/api/v1/namespaces/payments/serviceaccounts/new?fieldManager=eks-access', sa('new', 'payments'), APPLY))
      .toMatchObject({ status: 404, json: { message: 'namespaces "payments" not found' } });
    // It can be created again.
    expect((await call('PATCH', '/api/v1/namespaces/payments?fieldManager=eks-access', ns('payments'), APPLY)).status).toBe(201);
  });

  test('with a termination delay the namespace goes by itself', async () => {
    server.objects.setTerminationDelay(20);
    await call('PATCH', '/api/v1/namespaces/brief?fieldManager=eks-access', ns('brief'), APPLY);
    expect((await call('DELETE', '/api/v1/namespaces/brief')).status).toBe(200);
    await new Promise((r) => setTimeout(r, 60));
    expect((await call('GET', '/api/v1/namespaces/brief')).status).toBe(404);
  });

  test('kube-system, default and kube-public may not be deleted', async () => {
    expect(await call('DELETE', '/api/v1/namespaces/kube-system')).toMatchObject({ status: 403, json: { reason: 'Forbidden', message: 'namespaces "kube-system" is forbidden: this namespace may not be deleted' } });
  });

  test('the namespace list holds the namespaces the stand-in started with and those created since', async () => {
    await call('PATCH', '/api/v1/namespaces/payments?fieldManager=eks-access', ns('payments'), APPLY);
    const list = await call('GET', '/api/v1/namespaces');
    expect((list.json.items as Array<{ metadata: { name: string } }>).map((i) => i.metadata.name)).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system', 'payments']);
    expect((await call('GET', '/api/v1/namespaces?labelSelector=eks-access.io/owner=o1')).json.items).toHaveLength(1);
  });
});
