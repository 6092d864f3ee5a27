/**
 * Namespace lifecycle within the Lambda budget (a fake clock the handler's sleeps advance): a
 * terminating namespace is waited for and created again, or the run fails with the core's
 * sentence; a namespace delete that outlives the budget fails naming what to check.
 */
import { NAMESPACE_DELETE, NAMESPACE_ON_DELETE_ANNOTATION } from '../../../../lambda/manifests/api';
import { OWNER, asDeployer, configMap, contextWith, failure, fakeClock, harnessPerTest, namespace, run, stored } from './support';
import type { ManifestsHarness } from '../../../support/manifests-harness';

const start = harnessPerTest();
const NS = '/api/v1/namespaces/team-a';
/** 20 s left: the handler keeps 15 s back, and works at least 5 s (MIN_WORK_MS). */
const CONTEXT = contextWith(20_000);

async function terminatingNamespace(h: ManifestsHarness): Promise<void> {
  const deployer = await asDeployer(h);
  expect((await deployer('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } })).status).toBe(201);
  expect((await deployer('DELETE', NS)).status).toBe(200);
}

describe('manifests handler: namespaces', () => {
  test('a terminating namespace is waited for until it is gone, then created again, and its content applied', async () => {
    const clock = fakeClock();
    let polls = 0;
    const h = await start({
      namespaceTerminationDelay: 'manual',
      deps: { pollMs: 1000, now: clock.deps.now, sleep: async (ms) => { if (++polls === 2) h.kube.objects.finishNamespaceDeletion('team-a'); await clock.deps.sleep(ms); } },
    });
    await terminatingNamespace(h);
    const since = h.kube.requests.length;
    const result = await run(h, 'Create', { owner: OWNER, objects: [namespace('team-a'), configMap('team-a', 'settings', { a: '1' })] }, undefined, CONTEXT);
    expect(result.Data).toEqual({ Created: '2', Changed: '0', Unchanged: '0', Deleted: '0', Summary: 'created 2: Namespace team-a, ConfigMap team-a/settings' });
    expect(h.requestLog(since)).toEqual([
      `GET ${NS} 200`, `PATCH ${NS} 200`, `GET ${NS} 200`, `GET ${NS} 404`, `PATCH ${NS} 201`,
      'GET /api/v1/namespaces/team-a/configmaps/settings 404', 'PATCH /api/v1/namespaces/team-a/configmaps/settings 201',
    ]);
    expect(clock.slept()).toBe(2000);
    expect((stored(h, 'Namespace', undefined, 'team-a')?.status as { phase: string }).phase).toBe('Active');
  });

  test('a namespace still terminating when the budget runs out fails with the core\'s sentence, before anything is applied into it', async () => {
    const clock = fakeClock();
    const h = await start({ namespaceTerminationDelay: 'manual', deps: { pollMs: 1000, ...clock.deps } });
    await terminatingNamespace(h);
    const since = h.kube.requests.length;
    const message = await failure(run(h, 'Create', { owner: OWNER, objects: [namespace('team-a'), configMap('team-a', 'settings', { a: '1' })] }, undefined, CONTEXT));
    expect(message).toBe('Namespace team-a: namespace team-a is being terminated, so nothing can be created in it until it is gone; wait for the earlier delete to finish and deploy again');
    expect(clock.slept()).toBe(4000);
    expect(h.requestLog(since)).toEqual([`GET ${NS} 200`, `PATCH ${NS} 200`, ...Array(4).fill(`GET ${NS} 200`)]);
  });

  test('a namespace delete that outlives the budget fails saying it still terminates and what to check; the retry waits on', async () => {
    const clock = fakeClock();
    let onSleep = (): void => undefined;
    const h = await start({ namespaceTerminationDelay: 'manual', deps: { pollMs: 1000, now: clock.deps.now, sleep: async (ms) => { onSleep(); await clock.deps.sleep(ms); } } });
    const objects = [namespace('team-a', { [NAMESPACE_ON_DELETE_ANNOTATION]: NAMESPACE_DELETE })];
    await run(h, 'Create', { owner: OWNER, objects });
    const message = await failure(run(h, 'Delete', { owner: OWNER, objects }, undefined, CONTEXT));
    expect(message).toBe('Namespace team-a is still terminating after 4 s, when the handler\'s time ran out (finalizers: kubernetes); check what holds it (kubectl get namespace team-a -o yaml: status.conditions and finalizers, and the objects left in it), then deploy again');

    // CloudFormation retries the Delete: the second DELETE is the server's 409 (already terminating), and the wait goes on.
    const since = h.kube.requests.length;
    onSleep = () => h.kube.objects.finishNamespaceDeletion('team-a');
    expect((await run(h, 'Delete', { owner: OWNER, objects }, undefined, CONTEXT)).Data).toMatchObject({ Deleted: '1', Summary: 'deleted 1: Namespace team-a' });
    expect(h.requestLog(since)).toEqual([`GET ${NS} 200`, `DELETE ${NS} 200`, `GET ${NS} 200`, `GET ${NS} 404`]);
  });
});
