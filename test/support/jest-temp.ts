/**
 * Tests leave nothing in the system temp folder. CDK apps without an `outdir` synthesize into
 * `mkdtemp(os.tmpdir(), 'cdk.out')` and never remove it (about 17 MB each, hundreds per run), and
 * subprocesses (cdk, git, go) write their own temp files. So `globalSetup` points TMPDIR, which
 * `os.tmpdir()` reads on every call and every child process inherits, at one folder of this run
 * under the project's `.tmp/`, and `globalTeardown` removes it.
 */
import * as fs from 'fs';
import * as path from 'path';

/** Where each run's temp folder is made (git-ignored). */
export const JEST_TMP_ROOT = path.join(__dirname, '..', '..', '.tmp', 'jest-tmp');

/** Environment variable that holds this run's temp folder, for the teardown. */
export const JEST_RUN_TMPDIR_ENV = 'EKS_ACCESS_JEST_RUN_TMPDIR';

/** Makes this run's temp folder and points TMPDIR (and TEMP, TMP) at it; returns it. */
export function redirectTemp(env: NodeJS.ProcessEnv = process.env): string {
  fs.mkdirSync(JEST_TMP_ROOT, { recursive: true });
  const dir = fs.mkdtempSync(path.join(JEST_TMP_ROOT, 'run-'));
  env[JEST_RUN_TMPDIR_ENV] = dir;
  env.TMPDIR = dir;
  env.TMP = dir;
  env.TEMP = dir;
  return dir;
}

/** Removes this run's temp folder (and the root when no other run is using it). */
export function removeRunTemp(env: NodeJS.ProcessEnv = process.env): void {
  const dir = env[JEST_RUN_TMPDIR_ENV];
  if (dir === undefined || path.dirname(dir) !== JEST_TMP_ROOT) return;
  fs.rmSync(dir, { recursive: true, force: true });
  try {
    fs.rmdirSync(JEST_TMP_ROOT);
  } catch {
    // another run's folder is still there
  }
}
