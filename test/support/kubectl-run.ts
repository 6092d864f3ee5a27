/**
 * Runs the real kubectl against a stand-in API server: its URL, the CA written to `dir/ca.pem`,
 * a bearer token, and a kubeconfig, cache and HOME inside `dir` (nothing of the user's is read).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** What one kubectl run printed and its exit code. */
export interface KubectlResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
}

/** One kubectl run against `server` with `token`; a non-zero exit is returned, not thrown. */
export async function runKubectl(server: string, dir: string, token: string, args: readonly string[]): Promise<KubectlResult> {
  try {
    const out = await run('kubectl', [
      '--server', server, '--certificate-authority', join(dir, 'ca.pem'), '--token', token,
      '--kubeconfig', join(dir, 'kubeconfig'), '--cache-dir', join(dir, 'cache'), '--request-timeout', '10s', ...args,
    ], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir }, timeout: 20_000 });
    return { ...out, code: 0 };
  } catch (e) {
    const err = e as { stdout: string; stderr: string; code: number };
    return { stdout: err.stdout, stderr: err.stderr, code: err.code };
  }
}
