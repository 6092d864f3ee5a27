import { manifestsUsername } from '../lambda/manifests/api';
import type { KubernetesObject } from '../lib/k8s/manifest';
import { manifestsRbac } from '../lib/k8s/manifests-rbac';
import { startManifestsHarness } from '../lib/sandbox/manifests-harness';
import type { ManifestsHarness } from '../lib/sandbox/manifests-harness';
import type { KubeRequestRecord } from '../lib/sandbox/kube-api-server';
import { FUNCTION_ENTRY, RBAC_OWNER, useAccessEntries } from '../lib/sandbox/manifests-access';
import { devObjects, withOneChange } from './dev-objects';
import { describe, ratio, round, summarize } from './stats';
import { atMost, BASELINE, exactly } from './target';
import { timeOnce } from './timing';
import { tlsRoundTrip } from './tls-request';
import type { BenchRow } from './types';
import { RATIO_UNIT } from './types';

/** The counts a manifests run reports in its Data. */
type Counts = Record<'Created' | 'Changed' | 'Unchanged' | 'Deleted', number>;

const OWNER = 'dev-workloads-manifests';
const RBAC_NAME = 'eks-access-manifests';
/** Baseline requests timed in the baseline's slot of each round. */
const BASELINE_SAMPLES = 3;

/** HTTP methods in the order the request counts name them. */
const METHODS = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'] as const;

/**
 * `54 requests: 27 GET, 27 PATCH`: the Kubernetes requests of a run by method (methods without
 * a request left out), as the figures and their exact targets are both spelled.
 */
export function kubeRequestsText(methods: readonly string[]): string {
  const unknown = methods.find((m) => !(METHODS as readonly string[]).includes(m));
  if (unknown !== undefined) throw new Error(`request method "${unknown}" is not one the bench counts (${METHODS.join(', ')}): add it to METHODS in bench/manifests.ts.`);
  const parts = METHODS.map((m) => [m, methods.filter((x) => x === m).length] as const).filter(([, n]) => n > 0).map(([m, n]) => `${n} ${m}`);
  return `${methods.length} request${methods.length === 1 ? '' : 's'}${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

/** `DescribeCluster, ListAssociatedAccessPolicies, ...`: EKS operations in the order made. */
export function eksOperationsText(operations: readonly string[]): string {
  return operations.length ? operations.join(', ') : 'none';
}

/**
 * Targets. Request counts are the handler's protocol, so exact, spelled for `n` objects of which
 * `namespaces` are Namespaces (dev: 27 and 3, measured 2026-12-01): Create, a no-op Update and
 * an Update with one changed field each read every object and apply it with server-side apply
 * (an apply that changes nothing writes nothing: the API server's storage skips writing
 * identical bytes, staging/src/k8s.io/apiserver/pkg/storage/etcd3/store.go, GuaranteedUpdate);
 * Delete reads every object, releases the namespaces (a merge patch of the ownership labels:
 * dev sets no allowNamespaceDeletion) and deletes the rest. The RBAC bootstrap: DescribeCluster,
 * a look for a left-over admin association, associate, one allowed access review, a read and an
 * apply of its ClusterRole and ClusterRoleBinding, disassociate, and the confirming list.
 *
 * Latencies are multiples of one HTTPS request on a new TLS connection to the same stand-in in
 * the same run (as bench/handler.ts): a run over the 27 objects is 54 requests on kept-alive
 * connections plus DescribeCluster (the token is presigned locally) and 27 server-side applies
 * in the stand-in. Medians of 15 runs on 2 shared cores at load average 4 to 5 (2026-12-01):
 * no-op Update 15.2 to 18.0, Create 14.9 to 19.0 (9.3 and 10.1 in a run whose baseline had one
 * sample per round and a median of 9.4 ms instead of 5 to 7: hence three per round since); the
 * targets leave about 1.3 times the highest.
 */
const TARGETS = {
  create: (n: number) => kubeRequestsText([...Array<string>(n).fill('GET'), ...Array<string>(n).fill('PATCH')]),
  delete: (n: number, namespaces: number) => kubeRequestsText([...Array<string>(n).fill('GET'), ...Array<string>(namespaces).fill('PATCH'), ...Array<string>(n - namespaces).fill('DELETE')]),
  rbacEks: eksOperationsText(['DescribeCluster', 'ListAssociatedAccessPolicies', 'AssociateAccessPolicy', 'DisassociateAccessPolicy', 'ListAssociatedAccessPolicies']),
  rbacKube: kubeRequestsText(['POST', 'GET', 'PATCH', 'GET', 'PATCH']),
  createLatency: 24,
  noopLatency: 24,
} as const;

/** What a run must report (its Data counts), or the bench stops: a figure of a failed or wrong run means nothing. */
function expectCounts(what: string, result: unknown, expected: Counts): void {
  const data = (result as { Data?: Record<string, string> } | undefined)?.Data ?? {};
  const wrong = Object.entries(expected).filter(([k, v]) => data[k] !== String(v));
  if (wrong.length) throw new Error(`the manifests handler's ${what} reported ${JSON.stringify(data)}; the bench expected ${wrong.map(([k, v]) => `${k} ${v}`).join(', ')}: fix the handler or the bench's objects before reading its figures.`);
}

function methodsSince(h: ManifestsHarness, since: number): string[] {
  return h.requestsSince(since).map((r: KubeRequestRecord) => r.method);
}

function eksSince(h: ManifestsHarness, since: number): string[] {
  return h.aws.requests.slice(since).filter((r) => r.service === 'eks').map((r) => r.operation);
}

/** A harness whose stand-in authorizes as EKS with access entries, its RBAC bootstrapped (the EKS and Kubernetes requests of that bootstrap returned). */
async function bootstrappedHarness(objects: readonly KubernetesObject[]): Promise<{ h: ManifestsHarness; eks: string[]; kube: string[] }> {
  const h = await startManifestsHarness({ accessEntries: [FUNCTION_ENTRY] });
  try {
    useAccessEntries(h);
    const rbac = manifestsRbac({ name: RBAC_NAME, username: manifestsUsername(RBAC_OWNER), objects });
    const kubeSince = h.kube.requests.length;
    const awsSince = h.aws.requests.length;
    expectCounts('RBAC bootstrap create', await h.handler(h.rbacEvent('Create', { owner: RBAC_OWNER, objects: rbac })), only('Created', rbac.length));
    return { h, eks: eksSince(h, awsSince), kube: methodsSince(h, kubeSince) };
  } catch (e) {
    await h.close();
    throw e;
  }
}

async function baselineRequest(h: ManifestsHarness): Promise<void> {
  const status = await tlsRoundTrip(h.kube.url, h.kube.caData);
  if (status !== 401) throw new Error(`the baseline request expected 401 from the stand-in without a token, got ${status}`);
}

function update(h: ManifestsHarness, objects: readonly KubernetesObject[], old: readonly KubernetesObject[]): Promise<unknown> {
  return h.handler(h.event('Update', { owner: OWNER, objects }, { OldResourceProperties: h.event('Update', { owner: OWNER, objects: old }).ResourceProperties }));
}

/** Runs `work`, checks its counts, and returns the Kubernetes request methods it made. */
async function counted(h: ManifestsHarness, what: string, work: () => Promise<unknown>, expected: Counts): Promise<string[]> {
  const since = h.kube.requests.length;
  expectCounts(what, await work(), expected);
  return methodsSince(h, since);
}

/** Data counts of a run over `n` objects. */
function only(key: 'Created' | 'Changed' | 'Unchanged' | 'Deleted', n: number, rest: Partial<Counts> = {}): Counts {
  return { Created: 0, Changed: 0, Unchanged: 0, Deleted: 0, ...rest, [key]: n };
}

/**
 * The real manifests handler against the local stand-ins (HTTPS Kubernetes API with server-side
 * apply and RBAC authorizing as EKS with access entries; EKS/STS through the real SDK clients)
 * on the dev environment's objects: the Kubernetes requests of Create, a no-op Update, an Update
 * with one changed field and Delete; the EKS and Kubernetes requests of one RBAC bootstrap; the
 * latency of a no-op Update and of a Create as ratios to one TLS round trip measured in the same
 * run, interleaved (each Create on a fresh bootstrapped cluster, set up untimed).
 */
export async function benchManifests(runs = 15): Promise<BenchRow[]> {
  const objects = devObjects();
  const what = `the dev environment's ${objects.length} objects in one resource`;
  const rows = await requestRows(objects, what);
  // One harness at a time: each sets the SDK's endpoint variables (process.env) for its handler.
  const t: Record<'baseline' | 'create' | 'noop', number[]> = { baseline: [], create: [], noop: [] };
  const seen = { create: new Set<string>(), noop: new Set<string>() };
  const warmups = 2;
  for (let round = 0; round < warmups + runs; round++) {
    const { h } = await bootstrappedHarness(objects);
    try {
      for (const k of timingOrder(round)) {
        // The baseline is a few ms and noisy: three samples in its slot steady its median.
        for (let i = 0; i < (k === 'baseline' ? BASELINE_SAMPLES : 1); i++) {
          const ms = await timeOnce(async () => {
            if (k === 'baseline') await baselineRequest(h);
            else if (k === 'create') seen.create.add(kubeRequestsText(await counted(h, 'create', () => h.handler(h.event('Create', { owner: OWNER, objects })), only('Created', objects.length))));
            else seen.noop.add(kubeRequestsText(await counted(h, 'no-op update', () => update(h, objects, objects), only('Unchanged', objects.length))));
          });
          if (round >= warmups) t[k].push(ms);
        }
      }
    } finally {
      await h.close();
    }
  }
  const here = (ms: number[]): string => `${describe(summarize(ms), 'ms')} on this machine`;
  const each = (s: Set<string>): string => `every one of ${runs + warmups} runs (${warmups} untimed) ${[...s].join(' / ')}`;
  return [
    ...rows,
    { name: 'baseline: one HTTPS request to the stand-in on a new TLS connection', value: round(summarize(t.baseline).median), unit: 'ms', target: BASELINE, detail: `${here(t.baseline)}, ${BASELINE_SAMPLES} in each round` },
    { name: `manifests handler latency, no-op update (${what})`, value: ratio(t.noop, t.baseline), unit: RATIO_UNIT, target: atMost(TARGETS.noopLatency), detail: `${here(t.noop)}; ${each(seen.noop)}` },
    { name: `manifests handler latency, create (${what})`, value: ratio(t.create, t.baseline), unit: RATIO_UNIT, target: atMost(TARGETS.createLatency), detail: `${here(t.create)}; ${each(seen.create)}` },
  ];
}

/**
 * The order of the timed runs in round `round` on a fresh cluster: the Create must come before
 * the no-op Update (which re-applies what it created), so the baseline's place rotates instead
 * (first, between, last), and load drift hits all three alike.
 */
export function timingOrder(round: number): Array<'baseline' | 'create' | 'noop'> {
  const k = ((round % 3) + 3) % 3;
  return k === 0 ? ['baseline', 'create', 'noop'] : k === 1 ? ['create', 'baseline', 'noop'] : ['create', 'noop', 'baseline'];
}

/** The request-count rows: Create, no-op Update, Update with one change, Delete, and the RBAC bootstrap before them. */
async function requestRows(objects: readonly KubernetesObject[], what: string): Promise<BenchRow[]> {
  const changed = withOneChange(objects);
  const { h, eks: rbacEks, kube: rbacKube } = await bootstrappedHarness(objects);
  try {
    const awsSince = h.aws.requests.length;
    const n = objects.length;
    const namespaces = objects.filter((o) => o.apiVersion === 'v1' && o.kind === 'Namespace').length;
    const create = kubeRequestsText(await counted(h, 'create', () => h.handler(h.event('Create', { owner: OWNER, objects })), only('Created', n)));
    const perRunEks = eksOperationsText(eksSince(h, awsSince));
    const noop = kubeRequestsText(await counted(h, 'no-op update', () => update(h, objects, objects), only('Unchanged', n)));
    const change = kubeRequestsText(await counted(h, 'update with one change', () => update(h, changed, objects), only('Unchanged', n - 1, { Changed: 1 })));
    // Delete counts what it deleted; the released namespaces are in none of the four counts.
    const del = kubeRequestsText(await counted(h, 'delete', () => h.handler(h.event('Delete', { owner: OWNER, objects: changed })), only('Deleted', n - namespaces)));
    return [
      { name: `manifests handler, create (${what}): Kubernetes requests`, value: create, unit: '', target: exactly(TARGETS.create(n)), detail: `EKS per run: ${perRunEks}` },
      { name: 'manifests handler, no-op update: Kubernetes requests', value: noop, unit: '', target: exactly(TARGETS.create(n)), detail: 'the same protocol as create' },
      { name: 'manifests handler, update with one changed field (a ResourceQuota\'s requests.cpu): Kubernetes requests', value: change, unit: '', target: exactly(TARGETS.create(n)) },
      { name: 'manifests handler, delete: Kubernetes requests', value: del, unit: '', target: exactly(TARGETS.delete(n, namespaces)), detail: `the ${namespaces} namespaces released (dev sets no allowNamespaceDeletion), the other ${n - namespaces} objects deleted` },
      { name: 'manifests RBAC bootstrap, create: EKS requests', value: eksOperationsText(rbacEks), unit: '', target: exactly(TARGETS.rbacEks) },
      { name: 'manifests RBAC bootstrap, create: Kubernetes requests', value: kubeRequestsText(rbacKube), unit: '', target: exactly(TARGETS.rbacKube), detail: 'an access review, then its ClusterRole and ClusterRoleBinding (a read and an apply each)' },
    ];
  } finally {
    await h.close();
  }
}
