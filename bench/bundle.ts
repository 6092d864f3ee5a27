import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { deflateRawSync } from 'zlib';
import { buildSync } from 'esbuild';
import { HANDLER_ESBUILD } from '../lib/constructs/handler-code';
import { describe, ratio, round, rotation, summarize } from './stats';
import { atMost, BASELINE } from './target';
import type { BenchRow } from './types';
import { RATIO_UNIT } from './types';

/** A handler the bench bundles and loads: its name in the rows and its entry file. */
export interface BundledHandler {
  /** How the rows name it: `aws-auth handler`. */
  readonly name: string;
  /** Its entry file (the construct's `entry`). */
  readonly entry: string;
  /** Its size and cold-load targets. */
  readonly targets: BundleTargets;
}

/** Targets of one handler: sizes absolute (deterministic), the cold load a multiple of the yaml baseline. */
export interface BundleTargets {
  /** Largest bundle without the AWS SDK (marked external), in KB. */
  readonly withoutSdkKb: number;
  /** Largest bundle with the AWS SDK, as deployed, in KB. */
  readonly withSdkKb: number;
  /** Largest asset unzipped (code and source map), in KB. */
  readonly assetKb: number;
  /** Largest asset as uploaded: the zip of code and source map, in KB. */
  readonly zippedKb: number;
  /** Largest cold module load, in multiples of the yaml baseline's. */
  readonly coldLoad: number;
}

/** Largest asset of any handler as uploaded, zipped (issue 11: each asset at most 1 MB). */
export const ZIPPED_ASSET_TARGET_KB = 1000;

/**
 * The size of a zip archive of `files` (deflate at level 9, the most a zip tool compresses; each
 * entry with its local header, data descriptor and central directory record, then the end
 * record), in KB: what an asset of these files uploads, within a few bytes of any zip tool's.
 */
export function zippedKb(files: readonly string[]): number {
  const entries = files.map((f) => 30 + 16 + 46 + 2 * Buffer.byteLength(path.basename(f)) + deflateRawSync(fs.readFileSync(f), { level: 9 }).length);
  return (entries.reduce((a, b) => a + b, 0) + 22) / 1000;
}

/**
 * The app's handlers and their targets.
 *
 * aws-auth: the cold load medians were 10.3 (quiet) and 11.0 (load average 7) x the yaml
 * baseline on 2 shared cores (2026-12-01); the former absolute target, 150 ms, was 18 x that
 * baseline.
 *
 * manifests (measured 2026-12-01, esbuild minify, node24): 57 KB without the SDK, 599 KB with
 * it (EKS and STS only: the IAM client lives in lambda/edge/aws-iam.ts, which only the aws-auth
 * handler imports), 2,975 KB as uploaded with its source map; cold load 9.6 to 10.5 x the
 * baseline at load average 5 to 6.5 (the aws-auth handler 12.7 to 13.3 in the same runs). The
 * targets leave about 1.3 times: 75, 800 and 4,000 KB, 13 x, so an import that pulls in another
 * SDK client (the IAM client alone was 121 KB) or the yaml library shows as a miss.
 */
export const HANDLERS: readonly BundledHandler[] = [
  { name: 'aws-auth handler', entry: path.join(__dirname, '..', 'lambda', 'aws-auth', 'index.ts'), targets: { withoutSdkKb: 300, withSdkKb: 1000, assetKb: 5000, zippedKb: ZIPPED_ASSET_TARGET_KB, coldLoad: 14 } },
  { name: 'manifests handler', entry: path.join(__dirname, '..', 'lambda', 'manifests', 'index.ts'), targets: { withoutSdkKb: 75, withSdkKb: 800, assetKb: 4000, zippedKb: ZIPPED_ASSET_TARGET_KB, coldLoad: 13 } },
];

function bundle(entry: string, outfile: string, external: string[], sourcemap = false): number {
  buildSync({ ...HANDLER_ESBUILD, entryPoints: [entry], outfile, external, sourcemap, logLevel: 'silent' });
  return fs.statSync(outfile).size / 1000;
}

/** Time to `require` a file in a fresh node process, measured by that process around the require. */
function coldLoad(file: string): number {
  const r = spawnSync(process.execPath, ['-e', `const t=process.hrtime.bigint();require(${JSON.stringify(file)});console.log(Number(process.hrtime.bigint()-t)/1e6)`], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`loading ${path.basename(file)} in a fresh node process failed:\n${r.stderr}`);
  return Number(r.stdout.trim());
}

/** One handler's bundles in `dir`: sizes in KB, and the file to cold-load (the bundle with the SDK). */
function bundled(handler: BundledHandler, dir: string): { withoutSdk: number; withSdk: number; assetCode: number; assetMap: number; zipped: number; file: string } {
  const slug = handler.name.replace(/[^a-z0-9]+/g, '-');
  const withoutSdk = bundle(handler.entry, path.join(dir, `${slug}-without-sdk.js`), ['@aws-sdk/*', '@smithy/*', '@aws-crypto/*']);
  const file = path.join(dir, `${slug}-with-sdk.js`);
  const withSdk = bundle(handler.entry, file, []);
  // What the asset uploads: the construct bundles with a source map (readable stack traces).
  const assetFile = path.join(dir, `${slug}-asset`, 'index.js');
  const assetCode = bundle(handler.entry, assetFile, [], true);
  return { withoutSdk, withSdk, assetCode, assetMap: fs.statSync(`${assetFile}.map`).size / 1000, zipped: zippedKb([assetFile, `${assetFile}.map`]), file };
}

/**
 * Size of each handler's bundle (minified, as the construct bundles it) with and without the
 * AWS SDK, its asset with the source map, and its cold module load time in a fresh node process,
 * interleaved with loading the yaml library bundled the same way (the one baseline of all).
 */
export function benchBundle(loads = 15, handlers: readonly BundledHandler[] = HANDLERS): BenchRow[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eks-access-bundle-'));
  try {
    const built = handlers.map((h) => ({ handler: h, ...bundled(h, dir) }));
    const yamlFile = path.join(dir, 'yaml.js');
    const yamlKb = bundle(require.resolve('yaml'), yamlFile, []);
    const files = [yamlFile, ...built.map((b) => b.file)];
    const times: Record<string, number[]> = Object.fromEntries(files.map((f) => [f, [] as number[]]));
    for (const f of files) coldLoad(f); // warm-up: the file cache
    for (let i = 0; i < loads; i++) {
      for (const f of rotation(files, i)) times[f].push(coldLoad(f));
    }
    const here = (ms: number[]): string => `${describe(summarize(ms), 'ms', 2)} on this machine, fresh node process each`;
    const sizes = built.flatMap(({ handler: { name, targets }, withoutSdk, withSdk, assetCode, assetMap, zipped }): BenchRow[] => [
      { name: `${name} bundle, minified, without the AWS SDK`, value: Math.round(withoutSdk), unit: 'KB', target: atMost(targets.withoutSdkKb) },
      { name: `${name} bundle, minified, with the AWS SDK`, value: Math.round(withSdk), unit: 'KB', target: atMost(targets.withSdkKb) },
      {
        name: `${name} asset unzipped (index.js + index.js.map)`, value: Math.round(assetCode + assetMap), unit: 'KB', target: atMost(targets.assetKb),
        detail: `code ${Math.round(assetCode)} KB, source map ${Math.round(assetMap)} KB (NODE_OPTIONS=--enable-source-maps)`,
      },
      { name: `${name} asset as uploaded (zipped)`, value: Math.round(zipped), unit: 'KB', target: atMost(targets.zippedKb), detail: 'deflate level 9' },
    ]);
    return [
      ...sizes,
      { name: `baseline: cold load of the yaml library, bundled the same way (${Math.round(yamlKb)} KB)`, value: round(summarize(times[yamlFile]).median, 2), unit: 'ms', target: BASELINE, detail: here(times[yamlFile]) },
      ...built.map(({ handler: { name, targets }, file }): BenchRow => (
        { name: `${name} cold module load (bundle with SDK)`, value: ratio(times[file], times[yamlFile]), unit: RATIO_UNIT, target: atMost(targets.coldLoad), detail: here(times[file]) })),
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
