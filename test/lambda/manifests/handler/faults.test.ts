/**
 * Refusals and transient faults through the real handler: a 403 explained with the verb, the
 * resource and the identity; 429, 5xx and dropped connections retried within the budget; what
 * is left after the retries reported as one sentence, never swallowed.
 */
import { manifestsUsername } from '../../../../lambda/manifests/api';
import { manifestsRbac } from '../../../../lib/k8s/manifests-rbac';
import { MANIFESTS_HANDLER_IDENTITY } from '../../../support/manifests-harness';
import { FUNCTION_ENTRY, OWNER, RBAC_OWNER, asDeployer, configMap, failure, harnessPerTest, run, stored } from './support';

const start = harnessPerTest();
const PATH = '/api/v1/namespaces/default/configmaps/settings';
const OBJECTS = [configMap('default', 'settings', { mode: 'strict' })];
const ARN = MANIFESTS_HANDLER_IDENTITY.arn;

describe('manifests handler: refusals', () => {
  test('a 403 names the verb, the resource and the handler\'s identity, and the fix', async () => {
    const h = await start();
    const deployer = await asDeployer(h);
    expect((await deployer('POST', '/api/v1/namespaces/default/configmaps', { metadata: { name: 'settings' }, data: {} })).status).toBe(201);
    h.kube.setAuthorizer((who, verb) => who !== ARN || verb === 'get');
    expect(await failure(run(h, 'Create', { owner: OWNER, objects: OBJECTS })))
      .toBe(`ConfigMap default/settings: the handler may not patch (or, for a new object, create) it (the server said: configmaps "settings" is forbidden: User "${ARN}" cannot patch resource "configmaps" in API group "" in the namespace "default"); the handler's RBAC is generated from the declared objects, so deploy the change of that RBAC first, or grant the verb to the handler's identity (the handler's identity: ${ARN})`);
  });

  test('a create the authorizer refuses (an apply of an absent object needs create): the identity is added to the server\'s bare text', async () => {
    const h = await start();
    h.kube.setAuthorizer((who, verb) => who !== ARN || verb !== 'create');
    expect(await failure(run(h, 'Create', { owner: OWNER, objects: OBJECTS })))
      .toBe(`ConfigMap default/settings: the handler may not patch (or, for a new object, create) it (the server said: configmaps "settings" is forbidden: ); the handler's RBAC is generated from the declared objects, so deploy the change of that RBAC first, or grant the verb to the handler's identity (the handler's identity: ${ARN})`);
  });

  test('an unknown identity (no access entry) is a 401, said with the target', async () => {
    const h = await start();
    h.kubeIdentities.splice(0, 1);
    expect(await failure(run(h, 'Create', { owner: OWNER, objects: OBJECTS })))
      .toBe(`Kubernetes rejected ${ARN} as unauthenticated (401) while applying the manifests of cluster demo (eu-west-1); give its IAM role arn:aws:iam::111122223333:role/manifests-handler an EKS access entry with Kubernetes username eks-access:manifests:<owner id of the provider's RBAC bootstrap> and no groups (the manifests construct creates it unless a role to assume is set), and check that the cluster's authentication mode includes API.`);
  });

  test('a 401 of the RBAC bootstrap names the username its owner id gives', async () => {
    const h = await start({ accessEntries: [FUNCTION_ENTRY] });
    h.kubeIdentities.splice(0, 1);
    const objects = manifestsRbac({ name: 'eks-access-manifests', username: manifestsUsername(RBAC_OWNER), objects: OBJECTS });
    expect(await failure(h.handler(h.rbacEvent('Create', { owner: RBAC_OWNER, objects }))))
      .toBe(`Kubernetes rejected ${ARN} as unauthenticated (401) while applying the manifests of cluster demo (eu-west-1); give its IAM role arn:aws:iam::111122223333:role/manifests-handler an EKS access entry with Kubernetes username eks-access:manifests:${RBAC_OWNER} and no groups (the manifests construct creates it unless a role to assume is set), and check that the cluster's authentication mode includes API.`);
  });
});

describe('manifests handler: transient faults', () => {
  test('429 (with Retry-After), 500 and a dropped connection are retried; the object is applied once', async () => {
    const h = await start();
    h.kube.injectFault({ kind: 'throttle', method: 'GET', path: PATH, retryAfterSeconds: 1 });
    h.kube.injectFault({ kind: 'error', method: 'PATCH', path: PATH });
    h.kube.injectFault({ kind: 'drop', method: 'PATCH', path: PATH });
    const result = await run(h, 'Create', { owner: OWNER, objects: OBJECTS });
    expect(result.Data).toMatchObject({ Created: '1' });
    expect(h.requestLog()).toEqual([`GET ${PATH} 429 throttle`, `GET ${PATH} 404`, `PATCH ${PATH} 500 error`, `PATCH ${PATH} 0 drop`, `PATCH ${PATH} 201`]);
    expect(h.sleeps[0]).toBe(1000);
    expect(h.sleeps).toHaveLength(3);
    expect(stored(h, 'ConfigMap', 'default', 'settings')?.data).toEqual({ mode: 'strict' });
  });

  test('a fault that outlasts the retries is the failure, explained', async () => {
    const h = await start();
    h.kube.injectFault({ kind: 'error', method: 'PATCH', path: PATH, times: 6 });
    expect(await failure(run(h, 'Create', { owner: OWNER, objects: OBJECTS })))
      .toBe('ConfigMap default/settings: the apply failed with HTTP 500 InternalError: Internal error occurred: injected fault');
    expect(h.requestLog().filter((l) => l.startsWith('PATCH'))).toHaveLength(6);
  });

  test('connections that keep dropping: the edge\'s sentence with what to check', async () => {
    const h = await start();
    h.kube.injectFault({ kind: 'drop', method: 'GET', path: PATH, times: 6 });
    expect(await failure(run(h, 'Create', { owner: OWNER, objects: OBJECTS })))
      .toBe(`the Kubernetes API did not answer while editing the manifests of cluster demo (eu-west-1): Kubernetes API GET ${PATH} failed without an HTTP response: ECONNRESET: socket hang up; check that the handler can reach the cluster endpoint (public endpoint enabled, or the handler placed in the cluster VPC for a private endpoint).`);
  });
});
