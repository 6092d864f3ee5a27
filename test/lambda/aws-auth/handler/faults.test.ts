/**
 * Faults on the way to aws-auth: lost races (409), throttling (429 + Retry-After), server
 * errors, hung and dropped connections. Each scenario checks the stored result and the exact
 * attempts in the request log. Jitter is fixed (random = 0.5) so the pauses are exact; the
 * harness records each pause and caps the real wait at 20 ms.
 */
import type { HarnessOptions } from '../../../support/handler-harness';
import {
  AWS_AUTH_PATH, CONFIGMAPS_PATH, NODE_ROLE_ENTRY, failure, harnessPerTest, log, role, roleArn, run, seedAwsAuth, stored,
} from './support';

const open = harnessPerTest();
const start = (options: HarnessOptions = {}) => open({ deps: { random: () => 0.5 }, ...options });

const TEAM = { owner: 'team', mapRoles: [role('developer')] };
const NODE_ROLE_YAML = `- rolearn: ${NODE_ROLE_ENTRY.rolearn}\n  username: system:node:{{EC2PrivateDNSName}}\n  groups:\n  - system:bootstrappers\n  - system:nodes\n`;
const TIMEOUT_MS = 200;

describe('409 Conflict', () => {
  test('on PUT: aws-auth is read and merged again, then written (second GET in the log)', async () => {
    const h = await start();
    seedAwsAuth(h, { mapRoles: NODE_ROLE_YAML });
    h.kube.injectFault({ kind: 'conflict', method: 'PUT', path: AWS_AUTH_PATH });

    await run(h, 'Create', TEAM);

    expect(log(h)).toEqual(['GET 200', 'PUT 409 conflict', 'GET 200', 'PUT 200']);
    expect(stored(h).mapRoles).toEqual([NODE_ROLE_ENTRY, role('developer')]);
    expect(h.sleeps).toEqual([50]); // jittered pause before the second round
  });

  test('a real race: another writer changes aws-auth between our read and write; both changes survive', async () => {
    const h = await start();
    seedAwsAuth(h, { mapRoles: '[]\n' });
    let raced = false;
    h.kube.setAuthorizer((_who, verb) => {
      if (verb === 'update' && !raced) {
        // EKS adds a node group's role just before our PUT lands.
        raced = true;
        const cm = h.kube.store.get('kube-system', 'aws-auth')!;
        h.kube.seed({ ...cm, data: { mapRoles: NODE_ROLE_YAML } });
      }
      return true;
    });

    await run(h, 'Create', TEAM);

    expect(log(h)).toEqual(['GET 200', 'PUT 409', 'GET 200', 'PUT 200']);
    expect(stored(h).mapRoles).toEqual([NODE_ROLE_ENTRY, role('developer')]);
  });

  test('on POST (another creator won): read again and update the object it created', async () => {
    const h = await start();
    h.kube.setAuthorizer((_who, verb) => {
      if (verb === 'create' && !h.awsAuth()) seedAwsAuth(h, { mapRoles: NODE_ROLE_YAML });
      return true;
    });

    await run(h, 'Create', TEAM);

    expect(log(h)).toEqual(['GET 404', 'POST 409', 'GET 200', 'PUT 200']);
    expect(stored(h).mapRoles).toEqual([NODE_ROLE_ENTRY, role('developer')]);
  });

  test('25 lost races in a row: fails with the conflict limit and writes nothing', async () => {
    const h = await start();
    const rv = seedAwsAuth(h, { mapRoles: NODE_ROLE_YAML });
    h.kube.injectFault({ kind: 'conflict', method: 'PUT', times: 25 });

    const message = await failure(run(h, 'Create', TEAM));

    expect(message).toBe('aws-auth kept changing under us (25 conflicting writes in a row); another writer is updating it continuously, retry the deployment');
    expect(log(h)).toEqual(Array.from({ length: 25 }, () => ['GET 200', 'PUT 409 conflict']).flat());
    expect(h.awsAuth()!.resourceVersion).toBe(rv);
  });
});

describe('429, 500, hang, drop', () => {
  test('429 on PUT: retried after the Retry-After the server asked for', async () => {
    const h = await start();
    seedAwsAuth(h, { mapRoles: NODE_ROLE_YAML });
    h.kube.injectFault({ kind: 'throttle', method: 'PUT', retryAfterSeconds: 3 });

    await run(h, 'Create', TEAM);

    expect(log(h)).toEqual(['GET 200', 'PUT 429 throttle', 'PUT 200']);
    expect(h.sleeps).toEqual([3000]);
    expect(stored(h).mapRoles).toEqual([NODE_ROLE_ENTRY, role('developer')]);
  });

  test('429 on GET: retried, then one PUT', async () => {
    const h = await start();
    seedAwsAuth(h, { mapRoles: NODE_ROLE_YAML });
    h.kube.injectFault({ kind: 'throttle', method: 'GET', times: 2, retryAfterSeconds: 1 });

    await run(h, 'Create', TEAM);

    expect(log(h)).toEqual(['GET 429 throttle', 'GET 429 throttle', 'GET 200', 'PUT 200']);
    expect(h.sleeps).toEqual([1000, 1000]);
    expect(stored(h).mapRoles).toEqual([NODE_ROLE_ENTRY, role('developer')]);
  });

  test('429 asking for more than the Lambda has left: fails at once, without waiting', async () => {
    const h = await start();
    const rv = seedAwsAuth(h, { mapRoles: NODE_ROLE_YAML });
    h.kube.injectFault({ kind: 'throttle', method: 'GET', retryAfterSeconds: 600 });

    const message = await failure(h.handler(h.event('Create', TEAM), { getRemainingTimeInMillis: () => 60_000 }));

    expect(message).toBe(
      'Kubernetes API error while editing ConfigMap kube-system/aws-auth of cluster demo (eu-west-1): '
      + `Kubernetes API GET ${AWS_AUTH_PATH} failed: HTTP 429 TooManyRequests: Too many requests, please try again later.`,
    );
    expect(log(h)).toEqual(['GET 429 throttle']);
    expect(h.sleeps).toEqual([]);
    expect(h.awsAuth()!.resourceVersion).toBe(rv);
  });

  test('500 on PUT: retried with exponential backoff until it succeeds', async () => {
    const h = await start();
    seedAwsAuth(h, { mapRoles: NODE_ROLE_YAML });
    h.kube.injectFault({ kind: 'error', method: 'PUT', times: 2 });

    await run(h, 'Create', TEAM);

    expect(log(h)).toEqual(['GET 200', 'PUT 500 error', 'PUT 500 error', 'PUT 200']);
    expect(h.sleeps).toEqual([100, 200]);
    expect(stored(h).mapRoles).toEqual([NODE_ROLE_ENTRY, role('developer')]);
  });

  test('500 on POST (aws-auth absent): retried, created once', async () => {
    const h = await start();
    h.kube.injectFault({ kind: 'error', method: 'POST', path: CONFIGMAPS_PATH });

    await run(h, 'Create', TEAM);

    expect(log(h)).toEqual(['GET 404', 'POST 500 error', 'POST 201']);
    expect(stored(h).mapRoles).toEqual([role('developer')]);
  });

  test('500 on every GET: fails after 6 attempts naming the request, aws-auth untouched', async () => {
    const h = await start();
    const rv = seedAwsAuth(h, { mapRoles: NODE_ROLE_YAML });
    h.kube.injectFault({ kind: 'error', method: 'GET', times: 10 });

    const message = await failure(run(h, 'Create', TEAM));

    expect(message).toBe(
      'Kubernetes API error while editing ConfigMap kube-system/aws-auth of cluster demo (eu-west-1): '
      + `Kubernetes API GET ${AWS_AUTH_PATH} failed: HTTP 500 InternalError: Internal error occurred: injected fault`,
    );
    expect(log(h)).toEqual(Array.from({ length: 6 }, () => 'GET 500 error'));
    expect(h.sleeps).toEqual([100, 200, 400, 800, 1600]);
    expect(h.kube.pendingFaults()).toBe(4);
    expect(h.awsAuth()!.resourceVersion).toBe(rv);
  });

  test('a hung GET: the per-request timeout fires and the read is retried', async () => {
    const h = await start({ requestTimeoutMs: TIMEOUT_MS });
    seedAwsAuth(h, { mapRoles: NODE_ROLE_YAML });
    h.kube.injectFault({ kind: 'hang', method: 'GET' });

    const started = Date.now();
    await run(h, 'Create', TEAM);

    expect(Date.now() - started).toBeGreaterThanOrEqual(TIMEOUT_MS - 10);
    expect(log(h)).toEqual(['GET 0 hang', 'GET 200', 'PUT 200']);
    expect(h.sleeps).toEqual([100]);
    expect(stored(h).mapRoles).toEqual([NODE_ROLE_ENTRY, role('developer')]);
  });

  test('a hung PUT: the per-request timeout fires and the write is retried with the same resourceVersion', async () => {
    const h = await start({ requestTimeoutMs: TIMEOUT_MS });
    seedAwsAuth(h, { mapRoles: NODE_ROLE_YAML });
    h.kube.injectFault({ kind: 'hang', method: 'PUT' });

    await run(h, 'Create', TEAM);

    expect(log(h)).toEqual(['GET 200', 'PUT 0 hang', 'PUT 200']);
    expect(stored(h).mapRoles).toEqual([NODE_ROLE_ENTRY, role('developer')]);
  });

  test('hung on every attempt: fails after 6 timeouts with ETIMEDOUT', async () => {
    const h = await start({ requestTimeoutMs: 50 });
    const rv = seedAwsAuth(h, { mapRoles: NODE_ROLE_YAML });
    h.kube.injectFault({ kind: 'hang', method: 'GET', times: 6 });

    const message = await failure(run(h, 'Create', TEAM));

    expect(message).toBe(
      'the Kubernetes API did not answer while editing ConfigMap kube-system/aws-auth of cluster demo (eu-west-1): '
        + `Kubernetes API GET ${AWS_AUTH_PATH} failed without an HTTP response: ETIMEDOUT: no response within 50 ms; `
        + 'check that the handler can reach the cluster endpoint (public endpoint enabled, or the handler placed in the cluster VPC for a private endpoint).',
    );
    expect(log(h)).toEqual(Array.from({ length: 6 }, () => 'GET 0 hang'));
    expect(h.awsAuth()!.resourceVersion).toBe(rv);
  });

  test('a dropped connection on PUT: retried on a new connection', async () => {
    const h = await start();
    seedAwsAuth(h, { mapRoles: NODE_ROLE_YAML });
    h.kube.injectFault({ kind: 'drop', method: 'PUT' });

    await run(h, 'Create', TEAM);

    expect(log(h)).toEqual(['GET 200', 'PUT 0 drop', 'PUT 200']);
    expect(h.sleeps).toEqual([100]);
    expect(stored(h).mapRoles).toEqual([NODE_ROLE_ENTRY, role('developer')]);
  });

  test('a dropped connection on GET during Delete: retried, the owner removed', async () => {
    const h = await start();
    seedAwsAuth(h, { mapRoles: NODE_ROLE_YAML });
    await run(h, 'Create', { owner: 'team', mapRoles: [role('developer'), { rolearn: roleArn('ops'), username: 'ops', groups: ['ops'] }] });
    h.kube.injectFault({ kind: 'drop', method: 'GET' });
    const since = h.kube.requests.length;

    await run(h, 'Delete', TEAM);

    expect(log(h, since)).toEqual(['GET 0 drop', 'GET 200', 'PUT 200']);
    expect(stored(h).mapRoles).toEqual([NODE_ROLE_ENTRY]);
    expect(h.awsAuth()!.annotations).toEqual({});
  });
});
