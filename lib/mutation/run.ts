/**
 * `npm run mutation`: one StrykerJS pass per mutated file (lib/mutation/plan.ts), each with its
 * own incremental file, then one merged report (`.tmp/mutation/report.json`) and the score table
 * (lib/mutation/print.ts). The I/O edge of the mutation run; the planning is pure.
 *
 *   npm run mutation [-- --only <part of a path>...] [--concurrency N] [--no-check] [--force] [--verbose] [--strict]
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { groupConfig, groupPaths, groupTsconfig, MUTATION_DIR, planGroups, selectMutated } from './plan';
import type { MutationGroup, StrykerBaseConfig } from './plan';
import { testSideFingerprint } from './fingerprint';
import { printScores } from './print';
import { MUTATION_TARGET } from './score';

/** Stryker 10 runs on Node 22 or newer. */
export const STRYKER_MIN_NODE = 22;

const BASE_CONFIG = 'stryker.config.json';
const EXTRA_TESTS = 'test/mutation/extra-tests.json';
const STRYKER_BIN = 'node_modules/@stryker-mutator/core/bin/stryker.js';

/** The options of one `npm run mutation`. */
export interface MutationArgs {
  /** Only the files whose path contains one of these. @default every mutated file */
  readonly only: readonly string[];
  /** Stryker processes per pass (half check types, half run tests). @default 4 */
  readonly concurrency: number;
  /** Stryker's own progress and survivors on the terminal. @default false */
  readonly verbose: boolean;
  /** Exit 1 when a file is under the target. @default false */
  readonly strict: boolean;
  /**
   * Run the TypeScript checker, which leaves out mutants that do not compile. Without it a pass
   * is about five times faster but counts those mutants too; its results are kept apart and
   * never enter the report of `npm run mutation`. @default true
   */
  readonly check: boolean;
  /** Ignore the incremental results and test every mutant again. @default false */
  readonly force: boolean;
}

/** Parses the command line of `npm run mutation`; an unknown flag is an error naming it. */
export function parseMutationArgs(argv: readonly string[]): MutationArgs {
  const only: string[] = [];
  let concurrency = 4; let verbose = false; let strict = false; let check = true; let force = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--only') {
      const v = argv[++i];
      if (!v) throw new Error('--only needs a value: part of a mutated file\'s path, e.g. --only yaml11');
      only.push(v);
    } else if (a === '--concurrency') {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v < 2) throw new Error(`--concurrency must be a whole number of at least 2 (one type checker, one test runner), not "${argv[i] ?? ''}"`);
      concurrency = v;
    } else if (a === '--verbose') verbose = true;
    else if (a === '--strict') strict = true;
    else if (a === '--no-check') check = false;
    else if (a === '--force') force = true;
    else throw new Error(`unknown option "${a}"; use --only <path part>, --concurrency N, --no-check, --force, --verbose or --strict`);
  }
  return { only, concurrency, verbose, strict, check, force };
}

function listTs(root: string, dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) out.push(...listTs(root, rel));
    else if (e.name.endsWith('.ts')) out.push(rel);
  }
  return out;
}

/** Every pass of the project at `root`. */
export function projectGroups(root: string): { base: StrykerBaseConfig; groups: MutationGroup[] } {
  const base = JSON.parse(fs.readFileSync(path.join(root, BASE_CONFIG), 'utf8')) as StrykerBaseConfig;
  const sources = ['lib', 'lambda', 'bin'].filter((d) => fs.existsSync(path.join(root, d))).flatMap((d) => listTs(root, d));
  const tests = listTs(root, 'test').filter((t) => t.endsWith('.test.ts'));
  const extrasFile = path.join(root, EXTRA_TESTS);
  const extras = fs.existsSync(extrasFile) ? (JSON.parse(fs.readFileSync(extrasFile, 'utf8')) as { tests: Record<string, string[]> }).tests : {};
  return { base, groups: planGroups(selectMutated(base.mutate, sources), tests, extras) };
}

interface PassResult { readonly group: MutationGroup; readonly seconds: number; readonly ok: boolean }

function runPass(root: string, base: StrykerBaseConfig, group: MutationGroup, args: MutationArgs): PassResult {
  const paths = groupPaths(group, args.check);
  fs.mkdirSync(path.join(root, paths.dir), { recursive: true });
  fs.mkdirSync(path.join(root, path.dirname(paths.incremental)), { recursive: true });
  // Stale results of static mutants, or of a changed helper or dependency: start the pass over.
  const read = (f: string): string | undefined => { try { return fs.readFileSync(path.join(root, f), 'utf8'); } catch { return undefined; } };
  const fingerprint = testSideFingerprint(group.file, group.tests, read);
  const fingerprintFile = path.join(root, `${paths.incremental}.tests`);
  if (read(`${paths.incremental}.tests`) !== fingerprint || args.force) fs.rmSync(path.join(root, paths.incremental), { force: true });
  // A pass that fails writes no report, and the last one holds no figures of this pass.
  fs.rmSync(path.join(root, paths.report), { force: true });
  fs.writeFileSync(path.join(root, paths.tsconfig), JSON.stringify(groupTsconfig(group, 'tsconfig.json', paths.dir), null, 2));
  fs.writeFileSync(path.join(root, paths.config), JSON.stringify(groupConfig(base, group, args), null, 2));
  const started = Date.now();
  const log = args.verbose ? 'inherit' : fs.openSync(path.join(root, paths.log), 'w');
  const r = spawnSync(process.execPath, [STRYKER_BIN, 'run', paths.config], { cwd: root, stdio: ['ignore', log, log] });
  if (typeof log === 'number') fs.closeSync(log);
  if (r.status === 0) fs.writeFileSync(fingerprintFile, fingerprint);
  return { group, seconds: (Date.now() - started) / 1000, ok: r.status === 0 };
}

interface FileReport { readonly mutants: readonly { readonly status: string }[] }

function readPassReport(root: string, group: MutationGroup, check: boolean): { files: Record<string, FileReport> } | undefined {
  const file = path.join(root, groupPaths(group, check).report);
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined;
}

function counts(report: FileReport | undefined): string {
  if (!report) return 'no report';
  const c: Record<string, number> = {};
  for (const m of report.mutants) c[m.status] = (c[m.status] ?? 0) + 1;
  return `${report.mutants.length} mutants (${Object.entries(c).sort().map(([k, v]) => `${v} ${k}`).join(', ')})`;
}

/** Runs the passes `args` selects, merges every pass's last report and prints the scores. */
export function runMutation(root: string, args: MutationArgs, out: (line: string) => void = console.log): number {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < STRYKER_MIN_NODE) throw new Error(`npm run mutation needs Node ${STRYKER_MIN_NODE} or newer (StrykerJS 10), this is ${process.version}; use the Node the project pins (.nvmrc), e.g. source .ci/use-node.sh`);
  const { base, groups } = projectGroups(root);
  const selected = args.only.length === 0 ? groups : groups.filter((g) => args.only.some((o) => g.file.includes(o)));
  if (selected.length === 0) throw new Error(`--only ${args.only.join(' ')} selects none of the ${groups.length} mutated files (${groups.map((g) => g.file).join(', ')})`);
  const started = Date.now();
  const failed: string[] = [];
  for (const group of selected) {
    const r = runPass(root, base, group, args);
    const report = readPassReport(root, group, args.check)?.files[group.file];
    out(`${group.file}: ${counts(report)} in ${r.seconds.toFixed(0)} s, ${group.tests.length} test file(s)${r.ok ? '' : `; Stryker failed, see ${groupPaths(group, args.check).log}`}`);
    if (!r.ok) failed.push(`${group.file} (log: ${groupPaths(group, args.check).log})`);
  }
  out(`mutation: ${selected.length} pass(es) in ${((Date.now() - started) / 60000).toFixed(1)} min`);
  if (!args.check) {
    const unchecked = { files: Object.fromEntries(selected.flatMap((g) => { const f = readPassReport(root, g, false)?.files[g.file]; return f ? [[g.file, f]] : []; })) };
    fs.writeFileSync(path.join(root, MUTATION_DIR, 'unchecked-report.json'), JSON.stringify(unchecked));
    out('mutation: without the type checker (--no-check): mutants that do not compile count too, and these figures stay out of the report');
    const code = printScores(root, `${MUTATION_DIR}/unchecked-report.json`, args.strict, out);
    if (failed.length > 0) throw new Error(`Stryker failed for ${failed.join(', ')}; the log says why`);
    return code;
  }
  const merged = { schemaVersion: '2', thresholds: { high: MUTATION_TARGET, low: MUTATION_TARGET }, files: {} as Record<string, FileReport> };
  const missing: string[] = [];
  for (const group of groups) {
    const report = readPassReport(root, group, true);
    if (report?.files[group.file]) merged.files[group.file] = report.files[group.file];
    else missing.push(group.file);
  }
  fs.writeFileSync(path.join(root, MUTATION_DIR, 'report.json'), JSON.stringify(merged));
  let code = printScores(root, `${MUTATION_DIR}/report.json`, args.strict, out);
  if (missing.length > 0) {
    out(`mutation: not yet run: ${missing.join(', ')} (npm run mutation without --only runs them)`);
    if (args.strict) code = 1;
  }
  if (failed.length > 0) throw new Error(`Stryker failed for ${failed.join(', ')}; the log says why`);
  return code;
}
