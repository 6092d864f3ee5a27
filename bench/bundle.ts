import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildSync } from 'esbuild';
import { ESBUILD_NODE_TARGET } from '../lib/config/versions';
import { describe, ratio, round, rotation, summarize } from './stats';
import { atMost, BASELINE } from './target';
import type { BenchRow } from './types';
import { RATIO_UNIT } from './types';

const ENTRY = path.join(__dirname, '..', 'lambda', 'aws-auth', 'index.ts');

/**
 * Targets. Sizes are deterministic, so absolute. The cold load is a multiple of loading the yaml
 * library bundled the same way in the same run: medians of 10.3 (quiet) and 11.0 (load average
 * 7) on 2 shared cores (2026-12-01); the former absolute target, 150 ms, was 18 x that baseline.
 */
const TARGETS = { withoutSdkKb: 300, withSdkKb: 1000, assetKb: 5000, coldLoad: 14 } as const;

function bundle(entry: string, outfile: string, external: string[], sourcemap = false): number {
  buildSync({ entryPoints: [entry], bundle: true, minify: true, platform: 'node', target: ESBUILD_NODE_TARGET, outfile, external, sourcemap, logLevel: 'silent' });
  return fs.statSync(outfile).size / 1000;
}

/** Time to `require` a file in a fresh node process, measured by that process around the require. */
function coldLoad(file: string): number {
  const r = spawnSync(process.execPath, ['-e', `const t=process.hrtime.bigint();require(${JSON.stringify(file)});console.log(Number(process.hrtime.bigint()-t)/1e6)`], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`loading ${path.basename(file)} in a fresh node process failed:\n${r.stderr}`);
  return Number(r.stdout.trim());
}

/**
 * Size of the handler bundle (minified, as the construct bundles it) with and without the AWS
 * SDK, and its cold module load time in a fresh node process, interleaved with loading the yaml
 * library bundled the same way (the baseline).
 */
export function benchBundle(loads = 15): BenchRow[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eks-access-bundle-'));
  try {
    const withoutSdk = bundle(ENTRY, path.join(dir, 'without-sdk.js'), ['@aws-sdk/*', '@smithy/*', '@aws-crypto/*']);
    const handlerFile = path.join(dir, 'with-sdk.js');
    const withSdk = bundle(ENTRY, handlerFile, []);
    // What the asset uploads: the construct bundles with a source map (readable stack traces).
    const assetFile = path.join(dir, 'asset', 'index.js');
    const assetCode = bundle(ENTRY, assetFile, [], true);
    const assetMap = fs.statSync(`${assetFile}.map`).size / 1000;
    const yamlFile = path.join(dir, 'yaml.js');
    const yamlKb = bundle(require.resolve('yaml'), yamlFile, []);
    const times: Record<string, number[]> = { [yamlFile]: [], [handlerFile]: [] };
    coldLoad(yamlFile); coldLoad(handlerFile); // warm-up: the file cache
    for (let i = 0; i < loads; i++) {
      for (const f of rotation([yamlFile, handlerFile], i)) times[f].push(coldLoad(f));
    }
    const here = (ms: number[]): string => `${describe(summarize(ms), 'ms', 2)} on this machine, fresh node process each`;
    return [
      { name: 'handler bundle, minified, without the AWS SDK', value: Math.round(withoutSdk), unit: 'KB', target: atMost(TARGETS.withoutSdkKb) },
      { name: 'handler bundle, minified, with the AWS SDK', value: Math.round(withSdk), unit: 'KB', target: atMost(TARGETS.withSdkKb) },
      {
        name: 'handler asset as uploaded (index.js + index.js.map, unzipped)', value: Math.round(assetCode + assetMap), unit: 'KB', target: atMost(TARGETS.assetKb),
        detail: `code ${Math.round(assetCode)} KB, source map ${Math.round(assetMap)} KB (NODE_OPTIONS=--enable-source-maps)`,
      },
      { name: `baseline: cold load of the yaml library, bundled the same way (${Math.round(yamlKb)} KB)`, value: round(summarize(times[yamlFile]).median, 2), unit: 'ms', target: BASELINE, detail: here(times[yamlFile]) },
      { name: 'handler cold module load (bundle with SDK)', value: ratio(times[handlerFile], times[yamlFile]), unit: RATIO_UNIT, target: atMost(TARGETS.coldLoad), detail: here(times[handlerFile]) },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
