/**
 * The base assembly of a git ref: a temporary `git worktree` of the ref, the current checkout's
 * node_modules linked into it, `npx cdk synth --quiet -o <tmp>/cdk.out` run there. The worktree
 * and the temporary directory are removed afterwards, also when synth fails. The main checkout
 * is not touched (only git's worktree list, for the duration).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AccessReportError } from './errors';

/** A synthesized base and how to get rid of it. */
export interface SynthesizedRef {
  /** The cloud assembly directory. */
  readonly directory: string;
  /** `ref (abc1234)`. */
  readonly label: string;
  /** The full commit id the ref named (the acknowledgements are read from it). */
  readonly commit: string;
  /** Removes the worktree and the temporary directory. Safe to call twice. */
  readonly cleanup: () => void;
}

/** Options of {@link synthesizeGitRef}. */
export interface SynthesizeOptions {
  /** The app directory of the current checkout (holds cdk.json and node_modules). */
  readonly cwd: string;
  /** Progress lines (stderr in the CLI). */
  readonly log?: (line: string) => void;
}

/** How long synth may take before it is stopped. */
const SYNTH_TIMEOUT_MS = 15 * 60 * 1000;

function run(command: string, args: string[], cwd: string, timeout?: number): { ok: boolean; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout, stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr = result.error ? `${result.stderr ?? ''}${result.error.message}` : (result.stderr ?? '');
  return { ok: result.status === 0, stdout: (result.stdout ?? '').trim(), stderr };
}

/**
 * Runs `fn` with SIGINT/SIGTERM caught instead of killing this process: a Ctrl-C during synth
 * stops the child (same process group), synth then fails, and the worktree is still removed.
 */
function withSignalsCaught<T>(fn: () => T): T {
  const ignore = () => undefined;
  process.on('SIGINT', ignore);
  process.on('SIGTERM', ignore);
  try {
    return fn();
  } finally {
    process.off('SIGINT', ignore);
    process.off('SIGTERM', ignore);
  }
}

function tail(text: string, lines = 20): string {
  return text.trim().split('\n').slice(-lines).join('\n');
}

/** The commit `ref` names in the repository around `cwd`, or undefined when it names none. */
export function resolveCommit(ref: string, cwd: string): string | undefined {
  const result = run('git', ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], cwd);
  return result.ok && /^[0-9a-f]{40,64}$/.test(result.stdout) ? result.stdout : undefined;
}

/**
 * Checks out `ref` in a temporary worktree and synthesizes it.
 * @throws AccessReportError (`usage`) when `ref` names no commit, (`io`) when checkout or synth fails
 */
export function synthesizeGitRef(ref: string, options: SynthesizeOptions): SynthesizedRef {
  const log = options.log ?? (() => undefined);
  const top = run('git', ['rev-parse', '--show-toplevel'], options.cwd);
  if (!top.ok) throw new AccessReportError('io', `${options.cwd} is not inside a git repository: ${tail(top.stderr, 3)}`);
  const commit = resolveCommit(ref, options.cwd);
  if (!commit) {
    throw new AccessReportError('usage', `--base ${JSON.stringify(ref)} is neither a cloud assembly directory (no manifest.json) nor a git ref of ${top.stdout}`);
  }
  const label = `${ref} (${commit.slice(0, 7)})`;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'access-report-base-'));
  const checkout = path.join(tmp, 'checkout');
  let added = false;
  const cleanup = () => {
    if (added) {
      const removed = run('git', ['worktree', 'remove', '--force', checkout], options.cwd);
      if (!removed.ok) log(`could not remove worktree ${checkout}: ${tail(removed.stderr, 3)} (run \`git worktree prune\`)`);
      added = false;
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  try {
    log(`checking out ${label} in ${checkout}`);
    const worktree = run('git', ['worktree', 'add', '--detach', checkout, commit], options.cwd);
    if (!worktree.ok) throw new AccessReportError('io', `git worktree add of ${label} failed:\n${tail(worktree.stderr)}`);
    added = true;
    const appDir = path.join(checkout, path.relative(top.stdout, options.cwd));
    const modules = path.join(options.cwd, 'node_modules');
    if (fs.existsSync(modules) && !fs.existsSync(path.join(appDir, 'node_modules'))) {
      fs.symlinkSync(modules, path.join(appDir, 'node_modules'), 'dir');
    }
    const outdir = path.join(tmp, 'cdk.out');
    log(`synthesizing ${label} (npx cdk synth --quiet -o ${outdir})`);
    const synth = withSignalsCaught(() => run('npx', ['cdk', 'synth', '--quiet', '-o', outdir], appDir, SYNTH_TIMEOUT_MS));
    if (!synth.ok) throw new AccessReportError('io', `cdk synth of ${label} failed:\n${tail(synth.stderr)}`);
    return { directory: outdir, label, commit, cleanup };
  } catch (e) {
    cleanup();
    throw e;
  }
}
