import { KubeClient } from '../../../lambda/edge/kube';
import { KubeApiError, KubeTransportError } from '../../../lambda/edge/kube-errors';
import { backoffDelay } from '../../../lambda/edge/retry';
import { buildEksToken } from '../../../lambda/edge/token';
import { TEST_IDENTITIES } from '../../support/identities';
import type { KubeSetup } from './kube-setup';
import { CLUSTER, REGION, configMap, startKubeSetup } from './kube-setup';

const PATH = '/api/v1/namespaces/kube-system/configmaps/aws-auth';
const RETRY = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000 };

let setup: KubeSetup;
let sleeps: number[];
beforeEach(async () => {
  setup = await startKubeSetup();
  setup.server.seed({ metadata: { name: 'aws-auth', namespace: 'kube-system' }, data: { mapRoles: '[]' } });
  sleeps = [];
});
afterEach(async () => {
  await setup.close();
});

/** A client whose sleeps are recorded, not waited, and whose jitter is fixed at `r`. */
function client(r = 0.5, extra: { requestTimeoutMs?: number; deadline?: number; now?: () => number } = {}) {
  return setup.client({ retry: RETRY, random: () => r, sleep: async (ms) => { sleeps.push(ms); }, ...extra });
}

function outcomes(): Array<[number, string | undefined]> {
  return setup.server.requests.map((r) => [r.status, r.fault]);
}

describe('KubeClient retries', () => {
  test('429 is retried after at least Retry-After', async () => {
    setup.server.injectFault({ kind: 'throttle', times: 2, retryAfterSeconds: 2 });
    const c = client();
    await expect(c.getConfigMap('kube-system', 'aws-auth')).resolves.toMatchObject({ data: { mapRoles: '[]' } });
    expect(c.requests).toBe(3);
    expect(sleeps).toEqual([2000, 2000]);
    expect(outcomes()).toEqual([[429, 'throttle'], [429, 'throttle'], [200, undefined]]);
  });

  test('500 is retried with full-jitter exponential backoff', async () => {
    setup.server.injectFault({ kind: 'error', times: 3 });
    const c = client(0.5);
    await expect(c.getConfigMap('kube-system', 'aws-auth')).resolves.toBeDefined();
    expect(sleeps).toEqual([50, 100, 200]);
    expect(c.requests).toBe(4);
  });

  test('a dropped connection is retried', async () => {
    setup.server.injectFault({ kind: 'drop', method: 'GET' });
    const c = client();
    await expect(c.getConfigMap('kube-system', 'aws-auth')).resolves.toBeDefined();
    expect(c.requests).toBe(2);
    expect(outcomes()).toEqual([[0, 'drop'], [200, undefined]]);
  });

  test('a hung request times out and is retried', async () => {
    setup.server.injectFault({ kind: 'hang' });
    const c = client(0.5, { requestTimeoutMs: 150 });
    const started = Date.now();
    await expect(c.getConfigMap('kube-system', 'aws-auth')).resolves.toBeDefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(c.requests).toBe(2);
    expect(outcomes()).toEqual([[0, 'hang'], [200, undefined]]);
  });

  test('gives up after maxAttempts with the last server error', async () => {
    setup.server.injectFault({ kind: 'error', times: 10 });
    const c = client(0);
    const e = await c.getConfigMap('kube-system', 'aws-auth').then(() => undefined, (err: unknown) => err);
    expect(e).toBeInstanceOf(KubeApiError);
    expect(e).toMatchObject({ status: 500, reason: 'InternalError' });
    expect(c.requests).toBe(RETRY.maxAttempts);
    expect(setup.server.pendingFaults()).toBe(10 - RETRY.maxAttempts);
  });

  test('gives up when the next attempt would start after the deadline', async () => {
    setup.server.injectFault({ kind: 'throttle', times: 5, retryAfterSeconds: 30 });
    const clock = 1_000_000;
    const c = client(0.5, { deadline: clock + 10_000, now: () => clock });
    const e = await c.getConfigMap('kube-system', 'aws-auth').then(() => undefined, (err: unknown) => err);
    expect(e).toMatchObject({ status: 429, reason: 'TooManyRequests', retryAfterSeconds: 30 });
    expect(c.requests).toBe(1);
    expect(sleeps).toEqual([]);
  });

  test('a transport failure that persists surfaces as KubeTransportError', async () => {
    setup.server.injectFault({ kind: 'drop', times: 10 });
    const c = client(0);
    await expect(c.getConfigMap('kube-system', 'aws-auth')).rejects.toBeInstanceOf(KubeTransportError);
    expect(c.requests).toBe(RETRY.maxAttempts);
  });

  test('409 Conflict is handed to the caller at once', async () => {
    setup.server.injectFault({ kind: 'conflict', method: 'PUT', path: PATH });
    const c = client();
    const current = (await c.getConfigMap('kube-system', 'aws-auth'))!;
    const e = await c.replaceConfigMap(current).then(() => undefined, (err: unknown) => err);
    expect(e).toMatchObject({ status: 409, reason: 'Conflict' });
    expect(c.requests).toBe(2);
    expect(sleeps).toEqual([]);
  });

  test('faults match only their method and path', async () => {
    setup.server.injectFault({ kind: 'error', method: 'POST' });
    const c = client();
    await c.getConfigMap('kube-system', 'aws-auth');
    expect(setup.server.pendingFaults()).toBe(1);
    await c.createConfigMap(configMap('other', {}));
    expect(setup.server.pendingFaults()).toBe(0);
    expect(c.requests).toBe(3);
  });

  test('a fresh token is fetched for every attempt', async () => {
    setup.server.injectFault({ kind: 'error', times: 2 });
    let calls = 0;
    const c = new KubeClient({
      endpoint: setup.server.url,
      caData: setup.server.caData,
      token: async () => {
        calls++;
        return buildEksToken({ clusterName: CLUSTER, region: REGION, credentials: TEST_IDENTITIES.handler });
      },
    }, { retry: RETRY, random: () => 0, sleep: async () => undefined });
    try {
      await c.getConfigMap('kube-system', 'aws-auth');
      expect(calls).toBe(3);
    } finally {
      c.close();
    }
  });
});

describe('backoffDelay', () => {
  test('is uniform below min(max, base * 2^(n-1)) and honors a floor', () => {
    const p = { maxAttempts: 10, baseDelayMs: 100, maxDelayMs: 1000 };
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(p, n, () => 0.999))).toEqual([99, 199, 399, 799, 999, 999]);
    expect(backoffDelay(p, 3, () => 0)).toBe(0);
    expect(backoffDelay(p, 1, () => 0.5, 3000)).toBe(3000);
  });
});
