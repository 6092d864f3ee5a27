import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { BenchRow } from './types';
import { median } from './types';

const ROOT = path.join(__dirname, '..');

/**
 * Whole-app `cdk synth` (all environments, cdk-nag included), end to end through the CLI, as a
 * user runs it. Peak memory comes from GNU time (max RSS of the largest process), when present.
 */
export function benchSynth(runs = 5): BenchRow[] {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'eks-access-bench-'));
  const cdk = path.join(ROOT, 'node_modules', '.bin', 'cdk');
  const gnuTime = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
  const times: number[] = [];
  const rss: number[] = [];
  try {
    for (let i = 0; i < runs + 1; i++) {
      const args = ['synth', '--quiet', '-o', out];
      const start = process.hrtime.bigint();
      const r = gnuTime
        ? spawnSync(gnuTime, ['-f', 'MAXRSS %M', cdk, ...args], { cwd: ROOT, encoding: 'utf8' })
        : spawnSync(cdk, args, { cwd: ROOT, encoding: 'utf8' });
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (r.status !== 0) throw new Error(`cdk synth failed:\n${r.stderr}`);
      if (i === 0) continue; // warm-up: fills the esbuild and file caches
      times.push(ms);
      const m = /MAXRSS (\d+)/.exec(r.stderr ?? '');
      if (m) rss.push(Number(m[1]) / 1024);
    }
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
  const rows: BenchRow[] = [{
    name: 'cdk synth, whole app (dev, staging, prod, Pipeline, CiDiff + cdk-nag)', value: round(median(times) / 1000, 2), unit: 's',
    target: '<= 8 s', detail: `${runs} runs, min ${round(Math.min(...times) / 1000, 2)} s, max ${round(Math.max(...times) / 1000, 2)} s`,
  }];
  if (rss.length) rows.push({ name: 'cdk synth peak memory (largest process)', value: round(median(rss), 0), unit: 'MiB', detail: `${runs} runs` });
  return rows;
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
