/**
 * Runs one job of a workflow file the way GitHub would, for the workflow tests: each `run:`
 * script with `bash --noprofile --norc -eo pipefail`, the env the workflow sets (expressions
 * evaluated from a table the test gives), `if:` and `continue-on-error` honoured, in a
 * "checkout" of this repository (the default branch's code: a directory of symlinks to it, so
 * a test can add or leave out files such as the acknowledgement file). `uses:` steps are
 * stood in for: checkout is that directory, setup-node is this Node, download-artifact calls
 * the test's callback with its `with:`; `npm ci` is asserted, not run (the repository's own
 * install is used).
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { Job, Step } from './workflow-file';

export const REPO_ROOT = path.join(__dirname, '..', '..');

/** A checkout of this repository under `dir`, leaving out `omit` (and .git), adding `files`. */
export function makeCheckout(dir: string, omit: readonly string[] = [], files: Record<string, string> = {}): string {
  fs.mkdirSync(dir, { recursive: true });
  for (const entry of fs.readdirSync(REPO_ROOT)) {
    if (entry === '.git' || omit.includes(entry) || entry in files) continue;
    fs.symlinkSync(path.join(REPO_ROOT, entry), path.join(dir, entry));
  }
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

/**
 * A step's script as GitHub's `shell: bash` runs it. Asynchronous: stand-in servers answer
 * from this same process, so a blocking spawn would deadlock.
 */
export function runBash(script: string, cwd: string, env: Record<string, string>): Promise<{ status: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => { output += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { output += c.toString(); });
    const timer = setTimeout(() => child.kill('SIGKILL'), 240_000);
    child.on('error', reject);
    child.on('close', (code) => { clearTimeout(timer); resolve({ status: code ?? -1, output }); });
  });
}

/** `${{ expr }}` replaced from `known`; an unknown expression is a test error. */
export function expand(value: string, known: Record<string, string>): string {
  return value.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => {
    if (!(expr in known)) throw new Error(`the test does not know the expression ${expr}`);
    return known[expr];
  });
}

/** A step's `if:`, for the conditions these workflows use. */
function shouldRun(step: Step, outcomes: Record<string, string>, jobFailed: boolean): boolean {
  if (step.if === undefined) return !jobFailed;
  if (step.if === '${{ !cancelled() }}') return true;
  const m = /^steps\.(\w+)\.outcome == 'success'$/.exec(step.if);
  if (m) return !jobFailed && outcomes[m[1]] === 'success';
  throw new Error(`the test does not know the condition ${step.if}`);
}

/** What a job run left. */
export interface JobRun {
  /** Exit status of each run step, by step name. */
  readonly exits: Record<string, number>;
  readonly logs: Record<string, string>;
}

/** Options of {@link runJob}. */
export interface RunJobOptions {
  readonly checkout: string;
  /** The runner's environment (RUNNER_TEMP, GITHUB_*, ...). */
  readonly env: Record<string, string>;
  /** Values of the expressions the job uses. */
  readonly expressions: Record<string, string>;
  /** Stands in for actions/download-artifact; returns false when there is no such artifact. */
  readonly download: (w: Record<string, string>) => boolean;
}

/** Runs the job's steps in order. */
export async function runJob(job: Job, opts: RunJobOptions): Promise<JobRun> {
  const exits: Record<string, number> = {};
  const logs: Record<string, string> = {};
  const outcomes: Record<string, string> = {};
  let jobFailed = false;
  for (const step of job.steps) {
    const name = step.name ?? step.uses ?? step.run ?? '';
    if (!shouldRun(step, outcomes, jobFailed)) {
      if (step.id) outcomes[step.id] = 'skipped';
      continue;
    }
    let ok = true;
    if (step.uses?.startsWith('actions/download-artifact@')) {
      const w = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, expand(String(v), opts.expressions)]));
      ok = opts.download(w);
    } else if (step.uses || step.run === 'npm ci --no-audit --no-fund') {
      // checkout, setup-node, upload-artifact, npm ci: see the file comment.
    } else {
      const env = { ...opts.env, ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(v, opts.expressions)])) };
      const r = await runBash(step.run as string, opts.checkout, env);
      exits[name] = r.status;
      logs[name] = r.output;
      ok = r.status === 0;
    }
    if (step.id) outcomes[step.id] = ok ? 'success' : 'failure';
    if (!ok && !step['continue-on-error']) jobFailed = true;
  }
  return { exits, logs };
}
