import { buildEksToken } from '../../../lambda/edge/token';
import { TEST_IDENTITIES } from '../../support/identities';
import type { KubeApiServerHandle } from '../../support/kube-api-server';
import { startKubeApiServer } from '../../support/kube-api-server';
import type { KubeCall } from '../../support/kube-call';
import { kubeCaller } from '../../support/kube-call';

let server: KubeApiServerHandle;
let token: string;
let call: KubeCall;
const APPLY = { 'content-type': 'application/apply-patch+yaml' };
const CM = '/api/v1/namespaces/team/configmaps';
const ROLES = '/apis/rbac.authorization.k8s.io/v1/namespaces/team/roles';
const BINDINGS = '/apis/rbac.authorization.k8s.io/v1/namespaces/team/rolebindings';

beforeEach(async () => {
  server = await startKubeApiServer({ clusterName: 'prod', region: 'eu-west-1', identities: [TEST_IDENTITIES.handler], namespaces: ['default', 'kube-system', 'team'] });
  token = await buildEksToken({ clusterName: 'prod', region: 'eu-west-1', credentials: TEST_IDENTITIES.handler });
  call = kubeCaller(server.url, server.caData, () => token);
});
afterEach(async () => {
  await server.close();
});

function cm(data: Record<string, string>, labels: Record<string, string> = {}): object {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'team', labels }, data };
}

function role(name: string, verbs: string[]): object {
  return { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name, namespace: 'team' }, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs }] };
}

function binding(roleName: string): object {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'b', namespace: 'team' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: roleName }, subjects: [{ kind: 'Group', name: 'g', apiGroup: 'rbac.authorization.k8s.io' }],
  };
}

type Meta = { resourceVersion: string; uid: string; creationTimestamp: string; managedFields?: Array<Record<string, unknown>> };
const metaOf = (json: Record<string, unknown>): Meta => json.metadata as Meta;

describe('server-side apply over HTTPS', () => {
  test('creates (201), updates (200), and leaves an unchanged object alone (same resourceVersion)', async () => {
    const created = await call('PATCH', `${CM}/c?fieldManager=eks-access&force=true`, cm({ key: 'v' }, { 'eks-access.io/owner': 'o1' }), APPLY);
    expect(created.status).toBe(201);
    const meta = metaOf(created.json);
    expect(meta.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(meta.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(meta.managedFields).toEqual([{
      manager: 'eks-access', operation: 'Apply', apiVersion: 'v1', time: expect.stringMatching(/Z$/), fieldsType: 'FieldsV1',
      fieldsV1: { 'f:data': { 'f:key': {} }, 'f:metadata': { 'f:labels': { 'f:eks-access.io/owner': {} } } },
    }]);
    const same = await call('PATCH', `${CM}/c?fieldManager=eks-access&force=true`, cm({ key: 'v' }, { 'eks-access.io/owner': 'o1' }), APPLY);
    expect(same.status).toBe(200);
    expect(metaOf(same.json).resourceVersion).toBe(meta.resourceVersion);
    const changed = await call('PATCH', `${CM}/c?fieldManager=eks-access&force=true`, cm({ key: 'w' }, { 'eks-access.io/owner': 'o1' }), APPLY);
    expect(changed.status).toBe(200);
    expect(Number(metaOf(changed.json).resourceVersion)).toBeGreaterThan(Number(meta.resourceVersion));
    expect(metaOf(changed.json).uid).toBe(meta.uid);
    // The ConfigMap routes see the same object, managedFields included.
    expect(await call('GET', `${CM}/c`)).toMatchObject({ status: 200, json: { data: { key: 'w' }, metadata: { managedFields: [{ manager: 'eks-access' }] } } });
  });

  test('a YAML body is an apply body too', async () => {
    const yaml = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: r\n  namespace: team\nrules:\n- apiGroups: [""]\n  resources: [pods]\n  verbs: [get]\n';
    expect(await call('PATCH', `${ROLES}/r?fieldManager=eks-access`, yaml, APPLY)).toMatchObject({ status: 201, json: { kind: 'Role', rules: [{ resources: ['pods'] }] } });
  });

  test('fields a manager stops sending are removed when it owned them alone', async () => {
    await call('PATCH', `${CM}/c?fieldManager=eks-access`, cm({ a: '1', b: '2' }), APPLY);
    await call('PATCH', `${CM}/c?fieldManager=eks-access-patch`, cm({ b: '2' }), APPLY);
    const after = await call('PATCH', `${CM}/c?fieldManager=eks-access`, cm({}), APPLY);
    expect(after.json.data).toEqual({ b: '2' });
  });

  test('a conflict with an Update manager (kubectl-edit): 409 with the real Status; force moves the field', async () => {
    await call('PATCH', `${CM}/c?fieldManager=eks-access`, cm({ key: 'v' }), APPLY);
    const edited = await call('PATCH', `${CM}/c`, { data: { key: 'edited' } }, { 'content-type': 'application/merge-patch+json', 'user-agent': 'kubectl-edit/v1.32.0 (linux/amd64) kubernetes/abc' });
    expect(edited.status).toBe(200);
    const refused = await call('PATCH', `${CM}/c?fieldManager=eks-access`, cm({ key: 'v' }), APPLY);
    expect(refused).toEqual({
      status: 409,
      json: {
        kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'Conflict', code: 409,
        message: 'Apply failed with 1 conflict: conflict with "kubectl-edit" using v1: .data.key',
        details: { causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl-edit" using v1', field: '.data.key' }] },
      },
    });
    const forced = await call('PATCH', `${CM}/c?fieldManager=eks-access&force=true`, cm({ key: 'v' }), APPLY);
    expect(forced.status).toBe(200);
    expect(forced.json.data).toEqual({ key: 'v' });
    expect(metaOf(forced.json).managedFields!.map((m) => m.manager)).toEqual(['eks-access']);
  });

  test('conflicts with two managers on several fields: the multi-line message, managers sorted', async () => {
    await call('PATCH', `${CM}/c?fieldManager=zeta`, cm({ a: '1', b: '2' }), APPLY);
    await call('PUT', `${CM}/c?fieldManager=alpha`, { ...cm({ a: '1', b: '2', c: '3' }) });
    const refused = await call('PATCH', `${CM}/c?fieldManager=me`, cm({ a: 'x', b: 'y', c: 'z' }), APPLY);
    expect(refused.status).toBe(409);
    expect(refused.json.message).toBe('Apply failed with 3 conflicts: conflicts with "alpha" using v1:\n- .data.c\nconflicts with "zeta":\n- .data.a\n- .data.b');
  });

  test('a conflict with another applier names it without an apiVersion', async () => {
    await call('PATCH', `${ROLES}/r?fieldManager=eks-access`, role('r', ['get']), APPLY);
    const refused = await call('PATCH', `${ROLES}/r?fieldManager=eks-access-patch`, role('r', ['list']), APPLY);
    expect(refused.json).toMatchObject({ message: 'Apply failed with 1 conflict: conflict with "eks-access": .rules', details: { causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "eks-access"', field: '.rules' }] } });
  });

  test('dryRun=All answers as an apply would and stores nothing', async () => {
    expect((await call('PATCH', `${CM}/c?fieldManager=eks-access&dryRun=All`, cm({ key: 'v' }), APPLY)).status).toBe(201);
    expect((await call('GET', `${CM}/c`)).status).toBe(404);
  });
});

describe('what the API server refuses', () => {
  test.each([
    ['an apply without fieldManager', 'PATCH', `${CM}/c`, cm({}), APPLY, 422, {
      reason: 'Invalid', message: 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
      details: { group: 'meta.k8s.io', kind: 'PatchOptions', causes: [{ reason: 'FieldValueRequired', message: 'Required value: is required for apply patch', field: 'fieldManager' }] },
    }],
    ['force on a merge patch', 'PATCH', `${ROLES}/r?force=true`, {}, { 'content-type': 'application/merge-patch+json' }, 422, {
      reason: 'Invalid', message: 'PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch',
    }],
    ['a JSON patch (not modelled)', 'PATCH', `${ROLES}/r`, [], { 'content-type': 'application/json-patch+json' }, 415, {
      reason: 'UnsupportedMediaType',
      message: 'the body of the request was in an unknown format - accepted media types include: application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml',
    }],
    ['an apply body of another kind', 'PATCH', `${ROLES}/r?fieldManager=m`, { ...role('r', ['get']), kind: 'ClusterRole' }, APPLY, 400, {
      reason: 'BadRequest', message: 'the kind in the data (ClusterRole) does not match the expected kind (Role)',
    }],
    ['an apply naming another object', 'PATCH', `${ROLES}/other?fieldManager=m`, role('r', ['get']), APPLY, 400, {
      reason: 'BadRequest', message: 'the name of the object (r) does not match the name on the URL (other)',
    }],
    ['an apply with managedFields', 'PATCH', `${CM}/c?fieldManager=m`, { ...cm({}), metadata: { name: 'c', managedFields: [] } }, APPLY, 400, {
      reason: 'BadRequest', message: 'metadata.managedFields must be nil',
    }],
    ['an apply with a field outside the schema (a plain error: 500 without a reason)', 'PATCH', `${ROLES}/r?fieldManager=m`, { ...role('r', ['get']), spec: {} }, APPLY, 500, {
      message: 'failed to create typed patch object (team/r; rbac.authorization.k8s.io/v1, Kind=Role): .spec: field not declared in schema',
    }],
    ['an invalid label value', 'PATCH', `${ROLES}/r?fieldManager=m`, { ...role('r', ['get']), metadata: { name: 'r', labels: { 'eks-access.io/owner': 'not valid!' } } }, APPLY, 422, {
      reason: 'Invalid',
      message: `Role.rbac.authorization.k8s.io "r" is invalid: metadata.labels: Invalid value: "not valid!": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    }],
    ['an object in a namespace that does not exist', 'PATCH', '/api/v1/namespaces/nope/serviceaccounts/sa?fieldManager=m',
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'sa' } }, APPLY, 404, { reason: 'NotFound', message: 'namespaces "nope" not found' }],
    ['a kind the server does not serve', 'PATCH', '/apis/example.com/v1/namespaces/team/widgets/w?fieldManager=m', {}, APPLY, 404, {
      reason: 'NotFound', message: 'the server could not find the requested resource',
    }],
    ['a cluster-scoped kind under a namespace', 'GET', '/apis/rbac.authorization.k8s.io/v1/namespaces/team/clusterroles/x', undefined, {}, 404, {
      reason: 'NotFound', message: 'the server could not find the requested resource',
    }],
  ])('refuses %s', async (_label, method, path, body, headers, status, expected) => {
    expect(await call(method, path, body, headers)).toEqual({ status, json: expect.objectContaining({ kind: 'Status', status: 'Failure', code: status, ...expected }) });
  });

  test('404 of a missing object names resource.group and name, on GET, PUT, merge PATCH and DELETE', async () => {
    const notFound = { status: 404, json: expect.objectContaining({ reason: 'NotFound', message: 'roles.rbac.authorization.k8s.io "r" not found', details: { name: 'r', group: 'rbac.authorization.k8s.io', kind: 'roles' } }) };
    expect(await call('GET', `${ROLES}/r`)).toEqual(notFound);
    expect(await call('PUT', `${ROLES}/r`, role('r', ['get']))).toEqual(notFound);
    expect(await call('PATCH', `${ROLES}/r`, { rules: [] }, { 'content-type': 'application/merge-patch+json' })).toEqual(notFound);
    expect(await call('DELETE', `${ROLES}/r`)).toEqual(notFound);
    expect(await call('GET', '/api/v1/namespaces/team/serviceaccounts/sa')).toMatchObject({ status: 404, json: { message: 'serviceaccounts "sa" not found' } });
  });

  test('a binding\'s roleRef cannot change: 422 Invalid as the RBAC validation words it', async () => {
    expect((await call('PATCH', `${BINDINGS}/b?fieldManager=eks-access`, binding('old'), APPLY)).status).toBe(201);
    const changed = await call('PATCH', `${BINDINGS}/b?fieldManager=eks-access&force=true`, binding('new'), APPLY);
    expect(changed).toEqual({
      status: 422,
      json: expect.objectContaining({
        reason: 'Invalid',
        message: 'RoleBinding.rbac.authorization.k8s.io "b" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"Role", Name:"new"}: cannot change roleRef',
        details: {
          name: 'b', group: 'rbac.authorization.k8s.io', kind: 'RoleBinding',
          causes: [{ reason: 'FieldValueInvalid', message: 'Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"Role", Name:"new"}: cannot change roleRef', field: 'roleRef' }],
        },
      }),
    });
    const put = await call('GET', `${BINDINGS}/b`);
    expect(await call('PUT', `${BINDINGS}/b`, { ...put.json, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'new' } })).toMatchObject({ status: 422, json: { reason: 'Invalid' } });
    const crb = (roleName: string): object => ({
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'cb' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName }, subjects: [{ kind: 'Group', name: 'g', apiGroup: 'rbac.authorization.k8s.io' }],
    });
    const CRB = '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/cb?fieldManager=eks-access&force=true';
    expect((await call('PATCH', CRB, crb('view'), APPLY)).status).toBe(201);
    expect((await call('PATCH', CRB, crb('edit'), APPLY)).json.message)
      .toBe('ClusterRoleBinding.rbac.authorization.k8s.io "cb" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"edit"}: cannot change roleRef');
    // Delete and recreate is the way.
    expect(await call('DELETE', `${BINDINGS}/b`)).toMatchObject({ status: 200, json: { kind: 'Status', status: 'Success', details: { name: 'b', group: 'rbac.authorization.k8s.io', kind: 'rolebindings' } } });
    expect((await call('PATCH', `${BINDINGS}/b?fieldManager=eks-access`, binding('new'), APPLY)).status).toBe(201);
  });

  test('a stale resourceVersion in an apply is a 409', async () => {
    const created = await call('PATCH', `${ROLES}/r?fieldManager=m`, role('r', ['get']), APPLY);
    const rv = metaOf(created.json).resourceVersion;
    await call('PATCH', `${ROLES}/r?fieldManager=m`, role('r', ['list']), APPLY);
    const stale = { status: 409, json: expect.objectContaining({ reason: 'Conflict', message: 'Operation cannot be fulfilled on roles.rbac.authorization.k8s.io "r": the object has been modified; please apply your changes to the latest version and try again' }) };
    expect(await call('PATCH', `${ROLES}/r?fieldManager=m`, { ...role('r', ['get']), metadata: { name: 'r', resourceVersion: rv } }, APPLY)).toEqual(stale);
  });

  test('a DELETE precondition that fails is the registry\'s 409 naming the kind, the value given and the stored one (uid first); a namespace\'s is its storage\'s', async () => {
    const live = metaOf((await call('PATCH', `${ROLES}/r?fieldManager=m`, role('r', ['get']), APPLY)).json);
    expect(await call('DELETE', `${ROLES}/r`, { preconditions: { resourceVersion: '1', uid: 'u-1' } })).toEqual({
      status: 409,
      json: {
        kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'Conflict', code: 409,
        message: `Operation cannot be fulfilled on Role.rbac.authorization.k8s.io "r": the UID in the precondition (u-1) does not match the UID in record (${live.uid}). The object might have been deleted and then recreated`,
        details: { name: 'r', group: 'rbac.authorization.k8s.io', kind: 'Role' },
      },
    });
    expect((await call('DELETE', `${ROLES}/r`, { preconditions: { resourceVersion: '1', uid: null } })).json.message)
      .toBe(`Operation cannot be fulfilled on Role.rbac.authorization.k8s.io "r": the ResourceVersion in the precondition (1) does not match the ResourceVersion in record (${live.resourceVersion}). The object might have been modified`);
    expect((await call('GET', `${ROLES}/r`)).status).toBe(200);
    expect((await call('DELETE', `${ROLES}/r`, { preconditions: { resourceVersion: live.resourceVersion, uid: live.uid } })).status).toBe(200);
    const ns = metaOf((await call('GET', '/api/v1/namespaces/team')).json);
    expect(await call('DELETE', '/api/v1/namespaces/team', { preconditions: { resourceVersion: '1' } })).toMatchObject({
      status: 409, json: { message: `Operation cannot be fulfilled on namespaces "team": Precondition failed: ResourceVersion in precondition: 1, ResourceVersion in object meta: ${ns.resourceVersion}`, details: { name: 'team', kind: 'namespaces' } },
    });
    expect((await call('DELETE', '/api/v1/namespaces/team', { preconditions: { uid: 'u-2' } })).json.message)
      .toBe(`Operation cannot be fulfilled on namespaces "team": Precondition failed: UID in precondition: u-2, UID in object meta: ${ns.uid}`);
  });
});

describe('reads and ordinary writes', () => {
  test('list with labelSelector: items of that owner only, in one namespace or across all', async () => {
    await call('POST', '/api/v1/namespaces', { metadata: { name: 'web' } });
    for (const [ns, name, owner] of [['team', 'a', 'o1'], ['team', 'b', 'o2'], ['web', 'c', 'o1']]) {
      const sa = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: ns, labels: { 'eks-access.io/owner': owner } } };
      expect((await call('PATCH', `/api/v1/namespaces/${ns}/serviceaccounts/${name}?fieldManager=eks-access`, sa, APPLY)).status).toBe(201);
    }
    const names = (json: Record<string, unknown>): string[] => (json.items as Array<{ metadata: { namespace: string; name: string } }>).map((i) => `${i.metadata.namespace}/${i.metadata.name}`);
    const inTeam = await call('GET', '/api/v1/namespaces/team/serviceaccounts?labelSelector=eks-access.io%2Fowner%3Do1');
    expect(inTeam.json).toMatchObject({ apiVersion: 'v1', kind: 'ServiceAccountList', metadata: { resourceVersion: expect.any(String) } });
    expect(names(inTeam.json)).toEqual(['team/a']);
    expect(names((await call('GET', '/api/v1/serviceaccounts?labelSelector=eks-access.io/owner=o1')).json)).toEqual(['team/a', 'web/c']);
    expect(names((await call('GET', '/api/v1/serviceaccounts?labelSelector=eks-access.io/owner!=o1')).json)).toEqual(['team/b']);
    expect((inTeam.json.items as object[])[0]).not.toHaveProperty('kind');
    expect(await call('GET', '/api/v1/serviceaccounts?labelSelector=owner%20in%20(a)')).toMatchObject({
      status: 400, json: { message: 'unable to parse requirement "owner in (a)": only equality-based selectors (k=v, k!=v, k, !k) are supported by this stand-in' },
    });
  });

  test('POST creates (201, owned by the user agent\'s manager), again is 409 AlreadyExists; PUT with no change keeps the resourceVersion', async () => {
    const created = await call('POST', ROLES, role('r', ['get']), { 'user-agent': 'kubectl-create/v1.32.0' });
    expect(created.status).toBe(201);
    expect(metaOf(created.json).managedFields).toEqual([expect.objectContaining({ manager: 'kubectl-create', operation: 'Update', apiVersion: 'rbac.authorization.k8s.io/v1', fieldsV1: { 'f:rules': {} } })]);
    expect(await call('POST', ROLES, role('r', ['get']))).toMatchObject({ status: 409, json: { reason: 'AlreadyExists', message: 'roles.rbac.authorization.k8s.io "r" already exists' } });
    const same = await call('PUT', `${ROLES}/r`, created.json);
    expect(same).toMatchObject({ status: 200, json: { metadata: { resourceVersion: metaOf(created.json).resourceVersion } } });
  });

  test('an ordinary write by another manager takes the fields it changed (then an apply conflicts)', async () => {
    await call('PATCH', `${ROLES}/r?fieldManager=eks-access`, role('r', ['get']), APPLY);
    const live = await call('GET', `${ROLES}/r`);
    const put = await call('PUT', `${ROLES}/r`, { ...live.json, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['*'] }] }, { 'user-agent': 'kubectl-edit/v1.32.0' });
    expect(metaOf(put.json).managedFields!.map((m) => [m.manager, m.operation])).toEqual([['kubectl-edit', 'Update']]);
    expect((await call('PATCH', `${ROLES}/r?fieldManager=eks-access`, role('r', ['get']), APPLY)).json.message)
      .toBe('Apply failed with 1 conflict: conflict with "kubectl-edit" using rbac.authorization.k8s.io/v1: .rules');
  });
});
