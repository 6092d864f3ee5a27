import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KubeClient } from '../../../lambda/edge/kube';
import { KubeApiError, KubeTransportError } from '../../../lambda/edge/kube-errors';
import { TEST_IDENTITIES } from '../../support/identities';
import type { KubeSetup } from './kube-setup';
import { configMap, startKubeSetup } from './kube-setup';

let setup: KubeSetup;
beforeEach(async () => {
  setup = await startKubeSetup();
});
afterEach(async () => {
  await setup.close();
});

async function rejection(p: Promise<unknown>): Promise<KubeApiError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(KubeApiError);
  return e as KubeApiError;
}

describe('KubeClient against the kube stand-in', () => {
  test('get returns the stored object and undefined when missing', async () => {
    const seeded = setup.server.seed({ metadata: { name: 'aws-auth', namespace: 'kube-system', labels: { a: 'b' } }, data: { mapRoles: '[]' } });
    const client = setup.client();
    const got = await client.getConfigMap('kube-system', 'aws-auth');
    expect(got).toMatchObject({ apiVersion: 'v1', kind: 'ConfigMap', data: { mapRoles: '[]' }, metadata: { labels: { a: 'b' }, resourceVersion: seeded.metadata.resourceVersion } });
    expect(got?.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(await client.getConfigMap('kube-system', 'nope')).toBeUndefined();
    expect(setup.server.requests.map((r) => [r.method, r.path, r.status, r.identity])).toEqual([
      ['GET', '/api/v1/namespaces/kube-system/configmaps/aws-auth', 200, TEST_IDENTITIES.handler.arn],
      ['GET', '/api/v1/namespaces/kube-system/configmaps/nope', 404, TEST_IDENTITIES.handler.arn],
    ]);
  });

  test('create stores the object; a second create is 409 AlreadyExists, not retried', async () => {
    const client = setup.client();
    const created = await client.createConfigMap(configMap('aws-auth', { mapUsers: '[]' }));
    expect(created.metadata.resourceVersion).toMatch(/^\d+$/);
    expect(setup.server.store.get('kube-system', 'aws-auth')?.data).toEqual({ mapUsers: '[]' });
    const e = await rejection(client.createConfigMap(configMap('aws-auth', {})));
    expect([e.status, e.reason, e.kubeMessage]).toEqual([409, 'AlreadyExists', 'configmaps "aws-auth" already exists']);
    expect(client.requests).toBe(2);
  });

  test('replace with the current resourceVersion writes and bumps it', async () => {
    const client = setup.client();
    const current = await client.createConfigMap(configMap('aws-auth', { mapRoles: 'a' }));
    const replaced = await client.replaceConfigMap({ ...current, data: { mapRoles: 'b' }, metadata: { ...current.metadata, annotations: { x: 'y' } } });
    expect(Number(replaced.metadata.resourceVersion)).toBeGreaterThan(Number(current.metadata.resourceVersion));
    expect(replaced.metadata.uid).toBe(current.metadata.uid);
    expect(setup.server.store.get('kube-system', 'aws-auth')).toMatchObject({ data: { mapRoles: 'b' }, metadata: { annotations: { x: 'y' } } });
  });

  test('replace with a stale resourceVersion is 409 Conflict and is not retried', async () => {
    const client = setup.client();
    const first = await client.createConfigMap(configMap('aws-auth', { mapRoles: 'a' }));
    await client.replaceConfigMap({ ...first, data: { mapRoles: 'b' } });
    const e = await rejection(client.replaceConfigMap({ ...first, data: { mapRoles: 'c' } }));
    expect([e.status, e.reason]).toEqual([409, 'Conflict']);
    expect(e.kubeMessage).toMatch(/the object has been modified/);
    expect(client.requests).toBe(3);
    expect(setup.server.store.get('kube-system', 'aws-auth')?.data).toEqual({ mapRoles: 'b' });
  });

  test('replace refuses to run without a resourceVersion, and 404s on a missing object', async () => {
    const client = setup.client();
    await expect(client.replaceConfigMap(configMap('aws-auth', {}))).rejects.toThrow(/without metadata.resourceVersion/);
    const e = await rejection(client.replaceConfigMap({ ...configMap('aws-auth', {}), metadata: { name: 'aws-auth', namespace: 'kube-system', resourceVersion: '5' } }));
    expect([e.status, e.reason]).toEqual([404, 'NotFound']);
    expect(client.requests).toBe(1);
  });

  test('an invalid data key is 422 Invalid, not retried', async () => {
    const client = setup.client();
    const e = await rejection(client.createConfigMap(configMap('aws-auth', { 'bad key!': 'x' })));
    expect([e.status, e.reason]).toEqual([422, 'Invalid']);
    expect(e.kubeMessage).toMatch(/data\[bad key!\]/);
    expect(client.requests).toBe(1);
  });

  test('a token for another cluster is 401 Unauthorized, not retried', async () => {
    const client = new KubeClient({ endpoint: setup.server.url, caData: setup.server.caData, token: 'k8s-aws-v1.aGVsbG8' });
    try {
      const e = await rejection(client.getConfigMap('kube-system', 'aws-auth'));
      expect([e.status, e.reason]).toEqual([401, 'Unauthorized']);
      expect(e.message).not.toContain('aGVsbG8');
      expect(client.requests).toBe(1);
    } finally {
      client.close();
    }
  });

  test('the authorizer denies with 403 Forbidden naming the user, verb and resource', async () => {
    setup.server.setAuthorizer((who, verb) => !(who === TEST_IDENTITIES.handler.arn && verb === 'update'));
    const client = setup.client();
    const current = await client.createConfigMap(configMap('aws-auth', {}));
    const e = await rejection(client.replaceConfigMap(current));
    expect([e.status, e.reason]).toEqual([403, 'Forbidden']);
    expect(e.kubeMessage).toBe(`configmaps "aws-auth" is forbidden: User "${TEST_IDENTITIES.handler.arn}" cannot update resource "configmaps" in API group "" in the namespace "kube-system"`);
    expect(client.requests).toBe(2);
  });

  test('self and subject access reviews are answered by the authorizer', async () => {
    setup.server.setAuthorizer((who, verb, resource, ns, name) =>
      who === TEST_IDENTITIES.handler.arn && (resource === 'subjectaccessreviews' || (verb === 'get' && ns === 'kube-system' && name === 'aws-auth')));
    const client = setup.client();
    await expect(client.createSelfSubjectAccessReview({ resourceAttributes: { verb: 'get', resource: 'configmaps', namespace: 'kube-system', name: 'aws-auth' } }))
      .resolves.toEqual({ allowed: true, reason: 'allowed by stand-in authorizer' });
    await expect(client.createSelfSubjectAccessReview({ resourceAttributes: { verb: 'update', resource: 'configmaps', namespace: 'kube-system', name: 'aws-auth' } }))
      .resolves.toEqual({ allowed: false });
    await expect(client.createSubjectAccessReview({ user: 'someone', resourceAttributes: { verb: 'get', resource: 'configmaps', namespace: 'kube-system', name: 'aws-auth' } }))
      .resolves.toEqual({ allowed: false });
    const deployer = setup.client({}, TEST_IDENTITIES.deployer);
    const e = await rejection(deployer.createSubjectAccessReview({ user: 'x', resourceAttributes: { verb: 'get', resource: 'configmaps' } }));
    expect([e.status, e.reason]).toEqual([403, 'Forbidden']);
  });

  test('TLS is verified: another CA fails without retrying', async () => {
    const otherCa = readFileSync(join(__dirname, '..', '..', '..', 'lib', 'sandbox', 'certs', 'server.pem')).toString('base64');
    const client = new KubeClient({ endpoint: setup.server.url, caData: otherCa, token: 'k8s-aws-v1.x' }, { sleep: async () => undefined });
    try {
      const e = await client.getConfigMap('kube-system', 'aws-auth').then(() => undefined, (err: unknown) => err);
      expect(e).toBeInstanceOf(KubeTransportError);
      expect(client.requests).toBe(1);
      expect(setup.server.requests).toHaveLength(0);
    } finally {
      client.close();
    }
  });

  test('refuses plain http endpoints and non-PEM CA data', () => {
    expect(() => new KubeClient({ endpoint: 'http://127.0.0.1:1', caData: setup.server.caData, token: 't' })).toThrow(/must be https/);
    expect(() => new KubeClient({ endpoint: setup.server.url, caData: 'bm90IGEgY2VydA==', token: 't' })).toThrow(/PEM/);
  });
});
