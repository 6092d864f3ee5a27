import { startHarness } from '../test/support/handler-harness';
import type { Harness, MappingProps } from '../test/support/handler-harness';
import type { BenchRow } from './types';
import { median } from './types';

const ACCOUNT = '111122223333';

function ownerProps(owner: string, username: string): MappingProps {
  return { owner, mapRoles: [{ rolearn: `arn:aws:iam::${ACCOUNT}:role/${owner}`, username, groups: ['developer'] }] };
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function requestsOf(h: Harness, since: number): { reads: number; writes: number } {
  const rs = h.awsAuthRequests(since);
  return { reads: rs.filter((r) => r.method === 'GET').length, writes: rs.filter((r) => r.method !== 'GET').length };
}

/**
 * The real handler against the local stand-ins (HTTPS Kubernetes API, EKS/IAM/STS through the
 * real SDK clients): requests per merge, median latency, and 20 owners deploying at once.
 */
export async function benchHandler(runs = 20, concurrentRounds = 5): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const h = await startHarness();
  try {
    const a = ownerProps('bench-owner', 'developer');
    const b = ownerProps('bench-owner', 'developer-2');
    let since = h.kube.requests.length;
    await h.handler(h.event('Create', a));
    const create = requestsOf(h, since);
    const writeTimes: number[] = [];
    const noopTimes: number[] = [];
    let write = { reads: 0, writes: 0 };
    let noop = { reads: 0, writes: 0 };
    for (let i = 0; i < runs; i++) {
      since = h.kube.requests.length;
      writeTimes.push(await timed(() => h.handler(h.event('Update', i % 2 ? a : b))));
      write = requestsOf(h, since);
      since = h.kube.requests.length;
      noopTimes.push(await timed(() => h.handler(h.event('Update', i % 2 ? a : b))));
      noop = requestsOf(h, since);
    }
    rows.push({ name: 'handler, create (aws-auth absent): aws-auth requests', value: create.reads + create.writes, unit: 'requests', target: '1 read + 1 write', detail: `${create.reads} read, ${create.writes} write` });
    rows.push({ name: 'handler, update with a change: aws-auth requests', value: write.reads + write.writes, unit: 'requests', target: '1 read + 1 write', detail: `${write.reads} read, ${write.writes} write` });
    rows.push({ name: 'handler, no-op redeploy: aws-auth requests', value: noop.reads + noop.writes, unit: 'requests', target: '1 read + 0 writes', detail: `${noop.reads} read, ${noop.writes} writes` });
    rows.push({ name: 'handler latency, update with a change (DescribeCluster, token, GET, PUT)', value: round(median(writeTimes)), unit: 'ms', detail: `${runs} runs` });
    rows.push({ name: 'handler latency, no-op redeploy', value: round(median(noopTimes)), unit: 'ms', detail: `${runs} runs` });
  } finally {
    await h.close();
  }

  const totals: number[] = [];
  const times: number[] = [];
  for (let round = 0; round < concurrentRounds; round++) {
    const c = await startHarness();
    try {
      const owners = Array.from({ length: 20 }, (_, i) => ownerProps(`owner-${i}`, `user-${i}`));
      const since = c.kube.requests.length;
      times.push(await timed(() => Promise.all(owners.map((o) => c.handler(c.event('Create', o))))));
      const r = requestsOf(c, since);
      totals.push(r.reads + r.writes);
      const stored = c.awsAuth()?.data.mapRoles ?? '';
      const missing = owners.filter((o) => (stored.match(new RegExp(`role/${o.owner}\\n`, 'g')) ?? []).length !== 1);
      if (missing.length) throw new Error(`20 concurrent owners: ${missing.length} entries missing or duplicated`);
    } finally {
      await c.close();
    }
  }
  rows.push({ name: '20 owners deploying at once: total aws-auth requests to converge', value: median(totals), unit: 'requests', detail: `${concurrentRounds} rounds, min ${Math.min(...totals)}, max ${Math.max(...totals)}; every entry present once` });
  rows.push({ name: '20 owners deploying at once: time to converge', value: round(median(times)), unit: 'ms', detail: `${concurrentRounds} rounds` });
  return rows;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
