/**
 * Run locally, the report reads the head assembly the last `npx cdk synth` wrote; when the
 * sources changed since, it would silently report stale access. This module finds that out:
 * the newest file (tracked or new, not ignored) of what synth reads, the folders of cdk.json's
 * `watch.include` plus cdk.json and cdk.context.json, against the time the head's
 * manifest.json was written. Skipped in CI (the `CI` variable), where the workflow synthesizes
 * the head itself, and for a head other than the working tree's own output directory.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** The command that brings the head assembly up to date. */
export const SYNTH_FIX = 'npx cdk synth';

/** The app's files besides the watched folders. */
const CONFIG_FILES = ['cdk.json', 'cdk.context.json'];

/** A source file and when it last changed. */
export interface SourceStamp {
  /** Path relative to the working tree. */
  readonly file: string;
  readonly mtimeMs: number;
}

/** Whether `env` says the process runs in CI (`CI` set to anything but empty, `0` or `false`). */
export function isCi(env: Readonly<Record<string, string | undefined>>): boolean {
  const value = (env.CI ?? '').trim().toLowerCase();
  return value !== '' && value !== '0' && value !== 'false';
}

interface CdkJson {
  readonly output?: unknown;
  readonly watch?: { readonly include?: unknown };
}

function readCdkJson(root: string): CdkJson | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, 'cdk.json'), 'utf8')) as CdkJson;
  } catch {
    return undefined;
  }
}

/** The working tree's synth output directory (cdk.json `output`, else `cdk.out`), absolute. */
export function synthOutputDir(root: string): string {
  const output = readCdkJson(root)?.output;
  return path.resolve(root, typeof output === 'string' ? output : 'cdk.out');
}

/** What synth reads: the top folders of cdk.json's `watch.include` (`lib/**` -> `lib`) and the config files. */
export function sourcePaths(root: string): string[] {
  const include = readCdkJson(root)?.watch?.include;
  const folders = Array.isArray(include) ? include.filter((g): g is string => typeof g === 'string').map((g) => g.split('/')[0]).filter((f) => f !== '' && !f.includes('*')) : [];
  return [...new Set([...folders, ...CONFIG_FILES])];
}

/** The newest of the sources in `root`'s git work tree; undefined outside one (nothing to compare). */
export function newestSource(root: string): SourceStamp | undefined {
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', ...sourcePaths(root)], { cwd: root, encoding: 'utf8' });
  if (listed.status !== 0) return undefined;
  let newest: SourceStamp | undefined;
  for (const file of listed.stdout.split('\0').filter((f) => f !== '')) {
    const stat = fs.statSync(path.join(root, file), { throwIfNoEntry: false });
    if (stat?.isFile() && (newest === undefined || stat.mtimeMs > newest.mtimeMs)) newest = { file, mtimeMs: stat.mtimeMs };
  }
  return newest;
}

/** The warning when the head (written at `headMtimeMs`) is older than `newest`, else undefined. Pure. */
export function stalenessWarning(headLabel: string, headMtimeMs: number, newest: SourceStamp | undefined): string | undefined {
  if (newest === undefined || newest.mtimeMs <= headMtimeMs) return undefined;
  const at = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `the head assembly ${headLabel} was synthesized at ${at(headMtimeMs)}, before ${newest.file} changed (${at(newest.mtimeMs)}), `
    + `so this report shows the access of that older synth, not of the working tree; run \`${SYNTH_FIX}\` first `
    + '(the check is skipped when the CI variable is set)';
}

/** Where the check runs. */
export interface StalenessInput {
  /** The working tree. */
  readonly root: string;
  /** The head assembly directory, absolute. */
  readonly head: string;
  /** How the report names the head. */
  readonly headLabel: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The warning for a stale head, or undefined (in CI, for another head, or up to date). */
export function checkStaleness(input: StalenessInput): string | undefined {
  if (isCi(input.env) || path.resolve(input.head) !== synthOutputDir(input.root)) return undefined;
  const manifest = fs.statSync(path.join(input.head, 'manifest.json'), { throwIfNoEntry: false });
  if (!manifest) return undefined;
  return stalenessWarning(input.headLabel, manifest.mtimeMs, newestSource(input.root));
}
