/**
 * Merge-core benchmark: a realistic ~1 MiB aws-auth (about 10,000 unowned entries in
 * mapRoles and mapUsers, EKS node roles among them, mapAccounts) and one owner with 50 entries.
 * Times `applyOwner` for the first apply and for a no-op re-apply, medians after a warm-up.
 * Run alone with `npx tsx bench/merge-core.ts`.
 */
import { performance } from 'perf_hooks';
import { parse as parseYaml } from 'yaml';
import { applyOwner } from '../lambda/aws-auth/core';
import type { ConfigMapState, DesiredEntries } from '../lambda/aws-auth/core';
import { median } from './types';
import type { BenchRow } from './types';

const RUNS = 9;
const TARGET = '<= 100 ms';

function id(i: number): string {
  return i.toString(36).padStart(6, '0');
}

/** A ~1 MiB aws-auth as eksctl and EKS write it. */
export function bigAwsAuth(roles = 5000, users = 5000): ConfigMapState {
  let mapRoles = '';
  for (let i = 0; i < roles; i++) {
    mapRoles += i % 4 === 0
      ? `- groups:\n  - system:bootstrappers\n  - system:nodes\n  rolearn: arn:aws:iam::111122223333:role/ng-${id(i)}\n  username: system:node:{{EC2PrivateDNSName}}\n`
      : `- rolearn: arn:aws:iam::111122223333:role/team-${id(i)}\n  username: t-${id(i)}\n  groups:\n  - dev\n`;
  }
  let mapUsers = '';
  for (let i = 0; i < users; i++) {
    mapUsers += `- userarn: arn:aws:iam::111122223333:user/u-${id(i)}\n  username: u-${id(i)}\n  groups:\n  - view\n`;
  }
  return { data: { mapRoles, mapUsers, mapAccounts: '- "111122223333"\n' }, annotations: {} };
}

/** 50 owned entries: 30 roles, 20 users. */
export function ownerEntries(): DesiredEntries {
  return {
    mapRoles: Array.from({ length: 30 }, (_, i) => ({ rolearn: `arn:aws:iam::444455556666:role/app/owned-${i}`, username: `owned-${i}`, groups: ['app:edit'] })),
    mapUsers: Array.from({ length: 20 }, (_, i) => ({ userarn: `arn:aws:iam::444455556666:user/owned-${i}`, username: `owned-user-${i}`, groups: ['app:view'] })),
    mapAccounts: [],
  };
}

function time(fn: () => unknown): number[] {
  fn(); fn(); // warm-up
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return out;
}

function row(name: string, ms: number[], detail: string): BenchRow {
  const r = (x: number): number => Math.round(x * 10) / 10;
  return { name, value: r(median(ms)), unit: 'ms', target: TARGET, detail: `${RUNS} runs after warm-up, min ${r(Math.min(...ms))}, max ${r(Math.max(...ms))}; ${detail}` };
}

/** Medians of the merge core on a ~1 MiB aws-auth. */
export async function benchMergeCore(): Promise<BenchRow[]> {
  const options = { allowClusterAdmin: false, takeOverUnowned: false };
  const state = bigAwsAuth();
  const bytes = Object.entries(state.data).reduce((n, [k, v]) => n + k.length + v.length, 0);
  const desired = ownerEntries();
  const first = applyOwner(state, 'bench-owner', desired, options);
  if (!first.changed) throw new Error('bench: first apply changed nothing');
  const again = applyOwner(first.state, 'bench-owner', desired, options);
  if (again.changed) throw new Error('bench: re-apply was not a no-op');
  const size = `${(bytes / 1048576).toFixed(2)} MiB, 10,000 unowned entries`;
  // Machine baseline measured in the same run: the yaml library parsing the same two values.
  // The merge rows also say how many baselines they take, which compares across machines.
  const baseline = time(() => { parseYaml(state.data.mapRoles); parseYaml(state.data.mapUsers); });
  const ratio = (ms: number[]): string => `${(median(ms) / median(baseline)).toFixed(2)} x baseline`;
  const firstMs = time(() => applyOwner(state, 'bench-owner', desired, options));
  const noopMs = time(() => applyOwner(first.state, 'bench-owner', desired, options));
  return [
    { ...row('baseline: yaml library parses the same mapRoles + mapUsers', baseline, size), target: undefined },
    row('merge core: first apply, 50 owned entries', firstMs, `${ratio(firstMs)}; ${size}`),
    row('merge core: no-op re-apply', noopMs, `${ratio(noopMs)}; ${size}`),
  ];
}

if (require.main === module) {
  benchMergeCore().then((rows) => {
    for (const r of rows) console.log(`${r.name}: ${r.value} ${r.unit} (target ${r.target}; ${r.detail})`);
  }).catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
