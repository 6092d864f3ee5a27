/**
 * `cdk diff` of one environment: the stage's stacks (`<env>/*`) against what is deployed,
 * with `--method template` (reads the deployed templates, creates no change set). In the
 * review, `app` is the pull request's extracted head assembly: a directory, which the CLI
 * reads as data and never executes (a non-directory `--app` would be run as a command, so
 * {@link runCdkDiff} refuses one).
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ID_TOKEN_VARIABLES } from './oidc-credentials';

/**
 * Arguments of `npx` for one environment's diff; `app` is a cloud assembly directory, if given.
 * `--no-notices`: the CLI's notices are not about the diff and would fill the comment.
 */
export function cdkDiffArgs(env: string, app?: string): string[] {
  return ['cdk', 'diff', ...(app === undefined ? [] : ['--app', app]), `${env}/*`, '--method', 'template', '--no-color', '--no-notices'];
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

/** Where output goes, and with what environment the CLI runs. */
export interface DiffRun {
  readonly env: string;
  /** A cloud assembly directory; undefined synthesizes the working tree's app (local use). */
  readonly app?: string;
  /** Extra variables (credentials, region). */
  readonly extraEnv?: Record<string, string>;
  /** Write the output, without colours, to this file too. */
  readonly outFile?: string;
  /** Stream the output here as it comes. @default process.stdout / process.stderr */
  readonly echo?: (chunk: Buffer) => void;
  /** Working directory (the default branch's checkout). @default process.cwd() */
  readonly cwd?: string;
}

/** Runs the diff; resolves to the CLI's exit status. */
export function runCdkDiff(run: DiffRun): Promise<number> {
  if (run.app !== undefined && !fs.statSync(run.app, { throwIfNoEntry: false })?.isDirectory()) {
    return Promise.reject(new Error(`--app ${run.app} is not a directory; the review only diffs an extracted cloud assembly`));
  }
  const env: NodeJS.ProcessEnv = { ...process.env, ...run.extraEnv };
  for (const v of ID_TOKEN_VARIABLES) delete env[v];
  return new Promise((resolve, reject) => {
    const child = spawn('npx', cdkDiffArgs(run.env, run.app === undefined ? undefined : path.resolve(run.app)), { stdio: ['ignore', 'pipe', 'pipe'], env, cwd: run.cwd });
    const chunks: Buffer[] = [];
    const echo = run.echo ?? ((c: Buffer) => process.stdout.write(c));
    child.stdout.on('data', (c: Buffer) => { chunks.push(c); echo(c); });
    child.stderr.on('data', (c: Buffer) => { chunks.push(c); echo(c); });
    child.on('error', reject);
    child.on('close', (code) => {
      if (run.outFile) fs.writeFileSync(run.outFile, Buffer.concat(chunks).toString('utf8').replace(ANSI, ''));
      resolve(code ?? 1);
    });
  });
}
