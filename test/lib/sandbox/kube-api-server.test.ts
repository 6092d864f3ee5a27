import { request } from 'node:https';
import { buildEksToken } from '../../../lambda/edge/token';
import { TEST_IDENTITIES } from '../../../lib/sandbox/identities';
import type { KubeApiServerHandle } from '../../../lib/sandbox/kube-api-server';
import { startKubeApiServer } from '../../../lib/sandbox/kube-api-server';

let server: KubeApiServerHandle;
let token: string;
const CM = '/api/v1/namespaces/kube-system/configmaps';

beforeEach(async () => {
  server = await startKubeApiServer({ clusterName: 'prod', region: 'eu-west-1', identities: [TEST_IDENTITIES.handler] });
  token = await buildEksToken({ clusterName: 'prod', region: 'eu-west-1', credentials: TEST_IDENTITIES.handler });
  server.seed({ metadata: { name: 'aws-auth', namespace: 'kube-system' }, data: { mapRoles: 'a' } });
});
afterEach(async () => {
  await server.close();
});

/** Raw HTTPS call trusting the stand-in CA. */
function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown> }> {
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, {
      method,
      ca: Buffer.from(server.caData, 'base64'),
      headers: {
        authorization: `Bearer ${token}`, 'content-type': 'application/json',
        ...(payload === undefined ? {} : { 'content-length': String(Buffer.byteLength(payload)) }), ...headers,
      },
    }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => { text += c.toString(); });
      res.on('end', () => { try { resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as Record<string, unknown> }); } catch { reject(new Error(`${method} ${path}: HTTP ${res.statusCode} non-JSON body ${JSON.stringify(text.slice(0, 80))}`)); } });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

function rv(): string {
  return server.store.get('kube-system', 'aws-auth')!.metadata.resourceVersion;
}

describe('kube stand-in strictness', () => {
  test('impersonation (kubectl --as) is refused, never ignored: 403 without the impersonate right, 400 with it', async () => {
    const asks: string[] = [];
    server.setAuthorizer((who, verb, resource, _ns, name) => { asks.push(`${who} ${verb} ${resource} ${name ?? ''}`); return verb !== 'impersonate'; });
    expect(await call('GET', `${CM}/aws-auth`, undefined, { 'impersonate-user': 'alice' })).toEqual({
      status: 403,
      json: expect.objectContaining({ reason: 'Forbidden', message: `users "alice" is forbidden: User "${TEST_IDENTITIES.handler.arn}" cannot impersonate resource "users" in API group "" at the cluster scope` }),
    });
    expect(asks).toEqual([`${TEST_IDENTITIES.handler.arn} impersonate users alice`]);
    server.setAuthorizer(() => true);
    expect(await call('GET', `${CM}/aws-auth`, undefined, { 'impersonate-user': 'alice', 'impersonate-group': 'reader' })).toEqual({
      status: 400, json: expect.objectContaining({ message: 'impersonation (impersonate-user, impersonate-group) is not supported by this stand-in' }),
    });
    expect(await call('GET', `${CM}/aws-auth`, undefined, { 'impersonate-group': 'reader' })).toMatchObject({ status: 400 });
    expect((await call('GET', `${CM}/aws-auth`)).status).toBe(200);
  });

  test('missing or foreign bearer token -> 401 Status', async () => {
    token = 'not-a-token';
    expect(await call('GET', `${CM}/aws-auth`)).toEqual({ status: 401, json: expect.objectContaining({ kind: 'Status', reason: 'Unauthorized', code: 401 }) });
  });

  test('merge and strategic merge patches honor the resourceVersion precondition', async () => {
    const before = rv();
    const ok = await call('PATCH', `${CM}/aws-auth`, { metadata: { resourceVersion: before }, data: { mapUsers: 'u' } }, { 'content-type': 'application/merge-patch+json' });
    expect(ok.status).toBe(200);
    expect(server.store.get('kube-system', 'aws-auth')?.data).toEqual({ mapRoles: 'a', mapUsers: 'u' });
    const stale = await call('PATCH', `${CM}/aws-auth`, { metadata: { resourceVersion: before }, data: { mapRoles: null } }, { 'content-type': 'application/strategic-merge-patch+json' });
    expect(stale).toMatchObject({ status: 409, json: { reason: 'Conflict' } });
    const removed = await call('PATCH', `${CM}/aws-auth`, { data: { mapRoles: null } }, { 'content-type': 'application/strategic-merge-patch+json' });
    expect(removed.status).toBe(200);
    expect(server.store.get('kube-system', 'aws-auth')?.data).toEqual({ mapUsers: 'u' });
  });

  test.each([
    ['JSON patch', 'PATCH', `${CM}/aws-auth`, [{ op: 'remove', path: '/data' }], { 'content-type': 'application/json-patch+json' }, 415, 'UnsupportedMediaType'],
    ['a strategic directive', 'PATCH', `${CM}/aws-auth`, { data: { $patch: 'replace' } }, { 'content-type': 'application/strategic-merge-patch+json' }, 400, 'BadRequest'],
    ['YAML bodies', 'POST', CM, 'metadata: {name: x}', { 'content-type': 'application/yaml' }, 415, 'UnsupportedMediaType'],
    ['malformed JSON', 'POST', CM, '{"metadata":', {}, 400, 'BadRequest'],
    ['a name that differs from the URL', 'PUT', `${CM}/aws-auth`, { metadata: { name: 'other' } }, {}, 400, 'BadRequest'],
    ['another namespace in the body', 'POST', CM, { metadata: { name: 'x', namespace: 'default' } }, {}, 400, 'BadRequest'],
    ['a resourceVersion on create', 'POST', CM, { metadata: { name: 'x', resourceVersion: '1' } }, {}, 500, 'InternalError'],
    ['an invalid name', 'POST', CM, { metadata: { name: 'Not_Valid' } }, {}, 422, 'Invalid'],
    ['a non-string data value', 'POST', CM, { metadata: { name: 'x' }, data: { a: 1 } }, {}, 422, 'Invalid'],
    ['an unknown field under fieldValidation=Strict', 'POST', `${CM}?fieldValidation=Strict`, { metadata: { name: 'x' }, extra: 1 }, {}, 400, 'BadRequest'],
    ['an unsupported query parameter', 'GET', `${CM}/aws-auth?watch=true`, undefined, {}, 400, 'BadRequest'],
    ['an unknown namespace', 'GET', '/api/v1/namespaces/nope/configmaps/x', undefined, {}, 404, 'NotFound'],
    ['an unknown path', 'GET', '/api/v1/secrets', undefined, {}, 404, 'NotFound'],
    ['POST on a named configmap', 'POST', `${CM}/aws-auth`, {}, {}, 405, 'MethodNotAllowed'],
    ['a dryRun other than All on a create', 'POST', `${CM}?dryRun=true`, { metadata: { name: 'x' } }, {}, 422, 'Invalid'],
    ['a dryRun other than All on a replace', 'PUT', `${CM}/aws-auth?dryRun=`, { metadata: { name: 'aws-auth' } }, {}, 422, 'Invalid'],
    ['a dryRun other than All on a merge patch', 'PATCH', `${CM}/aws-auth?dryRun=server`, {}, { 'content-type': 'application/merge-patch+json' }, 422, 'Invalid'],
    ['a dryRun other than All in a DeleteOptions body', 'DELETE', `${CM}/aws-auth`, { dryRun: ['Server'] }, {}, 422, 'Invalid'],
    ['force on a merge patch whose media type is refused (the 415 first)', 'PATCH', `${CM}/aws-auth?force=true`, [], { 'content-type': 'application/json-patch+json' }, 415, 'UnsupportedMediaType'],
  ])('refuses %s', async (_label, method, path, body, headers, status, reason) => {
    const before = rv();
    expect(await call(method, path, body, headers)).toMatchObject({ status, json: { kind: 'Status', status: 'Failure', reason, code: status } });
    expect(rv()).toBe(before);
  });

  test('unknown fields are dropped as the real decoder does; dryRun does not persist', async () => {
    const created = await call('POST', CM, { metadata: { name: 'x', bogus: 1 }, data: { k: 'v' }, extra: true });
    expect(created.status).toBe(201);
    expect(created.json).not.toHaveProperty('extra');
    expect(created.json.metadata).not.toHaveProperty('bogus');
    const dry = await call('POST', `${CM}?dryRun=All`, { metadata: { name: 'y' } });
    expect(dry.status).toBe(201);
    expect(server.store.get('kube-system', 'y')).toBeUndefined();
  });

  test('ConfigMap dry runs: a create answers uid and creationTimestamp without resourceVersion, a replace the live ones; a DELETE with dryRun in its body removes nothing; the options\' 422 names every field error', async () => {
    const dry = await call('POST', `${CM}?dryRun=All`, { metadata: { name: 'y' } });
    expect(dry.json).toMatchObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'y', namespace: 'kube-system', uid: expect.stringMatching(/^[0-9a-f-]{36}$/), creationTimestamp: expect.any(String) } });
    expect(dry.json.metadata).not.toHaveProperty('resourceVersion');
    const before = rv();
    const live = server.store.get('kube-system', 'aws-auth')!;
    expect(await call('PUT', `${CM}/aws-auth?dryRun=All`, { metadata: { name: 'aws-auth' }, data: { mapRoles: 'b' } })).toEqual({
      status: 200, json: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'aws-auth', namespace: 'kube-system', uid: live.metadata.uid, resourceVersion: before, creationTimestamp: live.metadata.creationTimestamp }, data: { mapRoles: 'b' } },
    });
    expect(await call('DELETE', `${CM}/aws-auth`, { kind: 'DeleteOptions', apiVersion: 'v1', dryRun: ['All'] })).toMatchObject({ status: 200, json: { kind: 'Status', status: 'Success' } });
    expect(rv()).toBe(before);
    expect(server.store.get('kube-system', 'aws-auth')).toEqual(live);
    expect((await call('PATCH', `${CM}/aws-auth?force=true&dryRun=x`, {}, { 'content-type': 'application/merge-patch+json' })).json.message)
      .toBe('PatchOptions.meta.k8s.io "" is invalid: [force: Forbidden: may not be specified for non-apply patch, dryRun: Unsupported value: []string{"x"}: supported values: "All"]');
    server.setAuthorizer(() => false);
    expect((await call('PATCH', `${CM}/aws-auth?force=true&dryRun=x`, {}, { 'content-type': 'application/merge-patch+json' })).status).toBe(403);
  });

  test('every write bumps resourceVersion; a no-op replace does not; delete honors preconditions', async () => {
    const current = server.store.get('kube-system', 'aws-auth')!;
    const same = await call('PUT', `${CM}/aws-auth`, current);
    expect((same.json.metadata as { resourceVersion: string }).resourceVersion).toBe(current.metadata.resourceVersion);
    const changed = await call('PUT', `${CM}/aws-auth`, { ...current, data: { mapRoles: 'b' } });
    expect(Number((changed.json.metadata as { resourceVersion: string }).resourceVersion)).toBeGreaterThan(Number(current.metadata.resourceVersion));
    const stale = await call('DELETE', `${CM}/aws-auth`, { preconditions: { resourceVersion: current.metadata.resourceVersion } });
    expect(stale).toMatchObject({
      status: 409,
      json: { reason: 'Conflict', message: `Operation cannot be fulfilled on ConfigMap "aws-auth": the ResourceVersion in the precondition (${current.metadata.resourceVersion}) does not match the ResourceVersion in record (${rv()}). The object might have been modified`, details: { name: 'aws-auth', kind: 'ConfigMap' } },
    });
    const gone = await call('DELETE', `${CM}/aws-auth`);
    expect(gone).toMatchObject({ status: 200, json: { kind: 'Status', status: 'Success' } });
    expect(await call('GET', `${CM}/aws-auth`)).toMatchObject({ status: 404, json: { reason: 'NotFound', message: 'configmaps "aws-auth" not found' } });
  });

  test('list returns a ConfigMapList', async () => {
    const list = await call('GET', CM);
    expect(list).toMatchObject({ status: 200, json: { kind: 'ConfigMapList', items: [expect.objectContaining({ kind: 'ConfigMap' })] } });
  });
});
