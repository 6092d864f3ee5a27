import { buildEksToken } from '../../../lambda/edge/token';
import { TEST_IDENTITIES } from '../../support/identities';
import type { JsonObject } from '../../support/kube-apply';
import type { KubeApiServerHandle } from '../../support/kube-api-server';
import { startKubeApiServer } from '../../support/kube-api-server';
import type { KubeCall } from '../../support/kube-call';
import { kubeCaller } from '../../support/kube-call';
import type { RbacObject } from '../../support/rbac-authorizer';
import { RbacEvaluator, rbacAuthorizer } from '../../support/rbac-authorizer';

let server: KubeApiServerHandle;
let call: KubeCall;
const ARN = TEST_IDENTITIES.handler.arn;
const APPLY = { 'content-type': 'application/apply-patch+yaml' };
const RBAC = 'rbac.authorization.k8s.io';
const CM = '/api/v1/namespaces/team/configmaps';

beforeEach(async () => {
  server = await startKubeApiServer({ clusterName: 'prod', region: 'eu-west-1', identities: [TEST_IDENTITIES.handler], namespaces: ['default', 'kube-system', 'team'] });
  const token = await buildEksToken({ clusterName: 'prod', region: 'eu-west-1', credentials: TEST_IDENTITIES.handler });
  call = kubeCaller(server.url, server.caData, () => token);
});
afterEach(async () => {
  await server.close();
});

/** The caller holds exactly these rules, cluster-wide, through group `writer`. */
function grant(rules: Array<{ apiGroups: string[]; resources: string[]; verbs: string[]; resourceNames?: string[] }>): void {
  const objects: RbacObject[] = [
    { kind: 'ClusterRole', metadata: { name: 'writer' }, rules },
    { kind: 'ClusterRoleBinding', metadata: { name: 'writer' }, roleRef: { kind: 'ClusterRole', name: 'writer' }, subjects: [{ kind: 'Group', name: 'writer' }] },
  ];
  server.setAuthorizer(rbacAuthorizer(new RbacEvaluator(objects), () => ['writer']));
}

const cm = (name: string): object => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'team' }, data: { a: 'b' } });
const role = (name: string, rules: object[]): object => ({ apiVersion: `${RBAC}/v1`, kind: 'Role', metadata: { name, namespace: 'team' }, rules });

describe('authorization of generic objects', () => {
  test('an apply needs patch, and create when the object does not exist (a 403 with the authorizer\'s reason only); resourceNames are honoured', async () => {
    grant([{ apiGroups: [''], resources: ['configmaps'], verbs: ['patch'], resourceNames: ['mine'] }]);
    expect(await call('PATCH', `${CM}/mine?fieldManager=eks-access`, cm('mine'), APPLY)).toEqual({
      status: 403,
      json: {
        kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'Forbidden', code: 403,
        message: 'configmaps "mine" is forbidden: ', details: { name: 'mine', kind: 'configmaps' },
      },
    });
    server.setAuthorizer((_who, verb) => ({ allowed: verb === 'patch', reason: verb === 'create' ? 'no create for you' : undefined }));
    expect((await call('PATCH', `${CM}/mine?fieldManager=eks-access`, cm('mine'), APPLY)).json.message).toBe('configmaps "mine" is forbidden: no create for you');
    grant([{ apiGroups: [''], resources: ['configmaps'], verbs: ['patch', 'create'], resourceNames: ['mine'] }]);
    expect((await call('PATCH', `${CM}/mine?fieldManager=eks-access`, cm('mine'), APPLY)).status).toBe(201);
    expect(await call('PATCH', `${CM}/other?fieldManager=eks-access`, cm('other'), APPLY)).toMatchObject({
      status: 403, json: { message: `configmaps "other" is forbidden: User "${ARN}" cannot patch resource "configmaps" in API group "" in the namespace "team"` },
    });
    grant([{ apiGroups: [''], resources: ['configmaps'], verbs: ['patch'], resourceNames: ['mine'] }]);
    expect((await call('PATCH', `${CM}/mine?fieldManager=eks-access`, cm('mine'), APPLY)).status).toBe(200);
  });

  test('reads, lists and deletes are authorized with their verbs; the 403 qualifies the resource by its group', async () => {
    grant([]);
    expect(await call('GET', `/apis/${RBAC}/v1/clusterroles/x`)).toMatchObject({
      status: 403, json: { message: `clusterroles.${RBAC} "x" is forbidden: User "${ARN}" cannot get resource "clusterroles" in API group "${RBAC}" at the cluster scope`, details: { name: 'x', group: RBAC, kind: 'clusterroles' } },
    });
    expect(await call('GET', '/apis/networking.k8s.io/v1/namespaces/team/networkpolicies')).toMatchObject({
      status: 403, json: { message: `networkpolicies.networking.k8s.io is forbidden: User "${ARN}" cannot list resource "networkpolicies" in API group "networking.k8s.io" in the namespace "team"` },
    });
    expect(await call('DELETE', '/api/v1/namespaces/team')).toMatchObject({
      status: 403, json: { message: `namespaces "team" is forbidden: User "${ARN}" cannot delete resource "namespaces" in API group "" at the cluster scope` },
    });
  });

  test('a Role may grant only what its writer holds, unless the writer may escalate it', async () => {
    const base = { apiGroups: [RBAC], resources: ['roles'], verbs: ['create', 'patch'] };
    grant([base, { apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }]);
    expect((await call('PATCH', `/apis/${RBAC}/v1/namespaces/team/roles/ok?fieldManager=eks-access`, role('ok', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }]), APPLY)).status).toBe(201);
    const MISSING = '{APIGroups:[""], Resources:["configmaps"], Verbs:["list"]}\n{APIGroups:[""], Resources:["secrets"], Verbs:["get" "list"]}';
    const more = role('more', [{ apiGroups: [''], resources: ['configmaps', 'secrets'], verbs: ['get', 'list'] }]);
    expect(await call('PATCH', `/apis/${RBAC}/v1/namespaces/team/roles/more?fieldManager=eks-access`, more, APPLY)).toMatchObject({
      status: 403,
      json: { reason: 'Forbidden', message: `roles.${RBAC} "more" is forbidden: user "${ARN}" is attempting to grant RBAC permissions not currently held:\n${MISSING}` },
    });
    server.setCallerGroups(() => ['writer', 'system:authenticated']);
    expect((await call('PATCH', `/apis/${RBAC}/v1/namespaces/team/roles/more?fieldManager=eks-access`, more, APPLY)).json.message)
      .toBe(`roles.${RBAC} "more" is forbidden: user "${ARN}" (groups=["writer" "system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n${MISSING}`);
    grant([base, { apiGroups: [RBAC], resources: ['roles'], verbs: ['escalate'], resourceNames: ['more'] }]);
    expect((await call('PATCH', `/apis/${RBAC}/v1/namespaces/team/roles/more?fieldManager=eks-access`, more, APPLY)).status).toBe(201);
  });

  test('a binding needs the bound role\'s rights, or bind on that role name', async () => {
    const binding = {
      apiVersion: `${RBAC}/v1`, kind: 'RoleBinding', metadata: { name: 'b', namespace: 'team' },
      roleRef: { apiGroup: RBAC, kind: 'Role', name: 'readers' }, subjects: [{ kind: 'Group', name: 'g', apiGroup: RBAC }],
    };
    const path = `/apis/${RBAC}/v1/namespaces/team/rolebindings/b?fieldManager=eks-access`;
    const writesBindings = { apiGroups: [RBAC], resources: ['rolebindings'], verbs: ['create', 'patch'] };
    grant([writesBindings]);
    expect(await call('PATCH', path, binding, APPLY)).toMatchObject({ status: 404, json: { reason: 'NotFound', message: `roles.${RBAC} "readers" not found` } });
    server.objects.write(server.objects.kindAt(RBAC, 'v1', 'roles')!, role('readers', [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }]) as JsonObject);
    expect(await call('PATCH', path, binding, APPLY)).toMatchObject({
      status: 403, json: { message: `rolebindings.${RBAC} "b" is forbidden: user "${ARN}" is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["pods"], Verbs:["get"]}` },
    });
    grant([writesBindings, { apiGroups: [RBAC], resources: ['roles'], verbs: ['bind'], resourceNames: ['readers'] }]);
    expect((await call('PATCH', path, binding, APPLY)).status).toBe(201);
  });
});
