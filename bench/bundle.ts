import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildSync } from 'esbuild';
import type { BenchRow } from './types';
import { median } from './types';

const ENTRY = path.join(__dirname, '..', 'lambda', 'aws-auth', 'index.ts');

/**
 * Size of the handler bundle (minified, as the construct bundles it) with and without the AWS
 * SDK, and its cold module load time: a fresh node process requiring the bundle.
 */
export function benchBundle(loads = 15): BenchRow[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eks-access-bundle-'));
  const rows: BenchRow[] = [];
  try {
    for (const withSdk of [false, true]) {
      const outfile = path.join(dir, withSdk ? 'with-sdk.js' : 'without-sdk.js');
      buildSync({
        entryPoints: [ENTRY], bundle: true, minify: true, platform: 'node', target: 'node22', outfile,
        external: withSdk ? [] : ['@aws-sdk/*', '@smithy/*', '@aws-crypto/*'],
        logLevel: 'silent',
      });
      const kb = fs.statSync(outfile).size / 1000;
      rows.push({
        name: `handler bundle, minified, ${withSdk ? 'with' : 'without'} the AWS SDK`, value: Math.round(kb), unit: 'KB',
        target: withSdk ? '<= 1000 KB' : '<= 300 KB',
      });
      if (withSdk) {
        const times: number[] = [];
        for (let i = 0; i < loads; i++) {
          const r = spawnSync(process.execPath, ['-e', `const t=process.hrtime.bigint();require(${JSON.stringify(outfile)});console.log(Number(process.hrtime.bigint()-t)/1e6)`], { encoding: 'utf8' });
          if (r.status !== 0) throw new Error(`loading the bundle failed:\n${r.stderr}`);
          times.push(Number(r.stdout.trim()));
        }
        rows.push({
          name: 'handler cold module load (fresh node process, bundle with SDK)', value: Math.round(median(times) * 10) / 10, unit: 'ms',
          target: '<= 150 ms', detail: `${loads} loads, min ${Math.min(...times).toFixed(1)} ms`,
        });
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
