import { buildEksToken } from '../../../lambda/edge/token';
import { TEST_IDENTITIES } from '../../support/identities';
import type { KubeApiServerHandle } from '../../support/kube-api-server';
import { startKubeApiServer } from '../../support/kube-api-server';
import type { KubeCall } from '../../support/kube-call';
import { kubeCaller } from '../../support/kube-call';

let server: KubeApiServerHandle;
let call: KubeCall;
const APPLY = { 'content-type': 'application/apply-patch+yaml' };

beforeEach(async () => {
  server = await startKubeApiServer({ clusterName: 'prod', region: 'eu-west-1', identities: [TEST_IDENTITIES.handler] });
  const token = await buildEksToken({ clusterName: 'prod', region: 'eu-west-1', credentials: TEST_IDENTITIES.handler });
  call = kubeCaller(server.url, server.caData, () => token);
});
afterEach(async () => {
  await server.close();
});

type Resources = { resources: Array<{ name: string; kind: string; namespaced: boolean; verbs: string[] }> };
const names = (json: Record<string, unknown>): string[] => (json as unknown as Resources).resources.map((r) => `${r.kind}/${r.name}/${r.namespaced ? 'ns' : 'cluster'}`);

describe('discovery of the built-in kinds', () => {
  test('/api/v1 lists the core kinds, /apis their groups, /apis/<group>/<version> their resources', async () => {
    expect(names((await call('GET', '/api/v1')).json)).toEqual([
      'Namespace/namespaces/cluster', 'ServiceAccount/serviceaccounts/ns', 'ConfigMap/configmaps/ns', 'ResourceQuota/resourcequotas/ns', 'LimitRange/limitranges/ns',
    ]);
    const groups = (await call('GET', '/apis')).json as { groups: Array<{ name: string; preferredVersion: { groupVersion: string } }> };
    expect(groups.groups.map((g) => g.preferredVersion.groupVersion)).toEqual(['authorization.k8s.io/v1', 'networking.k8s.io/v1', 'rbac.authorization.k8s.io/v1']);
    const rbac = await call('GET', '/apis/rbac.authorization.k8s.io/v1');
    expect(rbac.json).toMatchObject({ kind: 'APIResourceList', groupVersion: 'rbac.authorization.k8s.io/v1' });
    expect(names(rbac.json)).toEqual(['Role/roles/ns', 'RoleBinding/rolebindings/ns', 'ClusterRole/clusterroles/cluster', 'ClusterRoleBinding/clusterrolebindings/cluster']);
    expect((rbac.json as unknown as Resources).resources[0].verbs).toEqual(['create', 'delete', 'get', 'list', 'patch', 'update']);
    expect((await call('GET', '/apis/authorization.k8s.io/v1')).json).toMatchObject({ groupVersion: 'authorization.k8s.io/v1' });
    expect(await call('GET', '/apis/example.com/v1')).toMatchObject({ status: 404, json: { reason: 'NotFound' } });
  });
});

describe('a kind a test registers or leaves unserved', () => {
  test('a registered CRD-like kind is discovered and served, with any fields and without strategic merge', async () => {
    server.objects.registerKind({ group: 'example.com', version: 'v1', kind: 'Widget', resource: 'widgets', singular: 'widget', namespaced: true });
    expect(names((await call('GET', '/apis/example.com/v1')).json)).toEqual(['Widget/widgets/ns']);
    const widget = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'default' }, spec: { size: 3 } };
    const created = await call('PATCH', '/apis/example.com/v1/namespaces/default/widgets/w?fieldManager=eks-access', widget, APPLY);
    expect(created).toMatchObject({ status: 201, json: { spec: { size: 3 }, metadata: { managedFields: [{ fieldsV1: { 'f:spec': { 'f:size': {} } } }] } } });
    expect(await call('PATCH', '/apis/example.com/v1/namespaces/default/widgets/w', {}, { 'content-type': 'application/strategic-merge-patch+json' })).toMatchObject({
      status: 415, json: { message: 'the body of the request was in an unknown format - accepted media types include: application/merge-patch+json, application/apply-patch+yaml' },
    });
    const list = await call('GET', '/apis/example.com/v1/widgets');
    expect(list.json).toMatchObject({ kind: 'WidgetList', items: [{ apiVersion: 'example.com/v1', kind: 'Widget' }] });
  });

  test('an unserved kind leaves discovery and its paths answer 404', async () => {
    server.objects.unserveKind('networking.k8s.io', 'networkpolicies');
    expect(await call('GET', '/apis/networking.k8s.io/v1')).toMatchObject({ status: 404 });
    const groups = (await call('GET', '/apis')).json as { groups: Array<{ name: string }> };
    expect(groups.groups.map((g) => g.name)).not.toContain('networking.k8s.io');
    expect(await call('PATCH', '/apis/networking.k8s.io/v1/namespaces/default/networkpolicies/p?fieldManager=m', {}, APPLY)).toMatchObject({
      status: 404, json: { message: 'the server could not find the requested resource' },
    });
  });
});
