/**
 * Runs a bundled Lambda handler (a file of a cdk.out asset, not its TypeScript source) as Lambda
 * runs it: in its own node process, with only the environment given (the function's variables and
 * what Lambda provides), called once with an event and a context whose remaining time counts down.
 * The child writes the outcome to its file descriptor 3, so the handler's own logs on stdout and
 * stderr never mix with it.
 */
import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';

/**
 * The child's program (plain JavaScript, run with `node -e`): reads `{event, remainingMs,
 * functionName}` from stdin, requires the file, awaits the export with the event and a context,
 * writes `{result}` or `{error}` (the thrown message) to fd 3 and exits, as Lambda ends an
 * invocation when the handler's promise settles, whatever the event loop still holds.
 */
const RUNNER = `
const fs = require('fs');
const [file, exportName] = process.argv.slice(1);
let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', async () => {
  const { event, remainingMs, functionName } = JSON.parse(input);
  const started = Date.now();
  const context = {
    functionName, awsRequestId: 'assembly-test', callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => Math.max(0, remainingMs - (Date.now() - started)),
  };
  let outcome;
  try {
    const fn = require(file)[exportName];
    if (typeof fn !== 'function') throw new Error(file + ' exports no function ' + exportName);
    outcome = { result: (await fn(event, context)) ?? null };
  } catch (e) {
    outcome = { error: e instanceof Error ? e.message : String(e) };
  }
  fs.writeSync(3, JSON.stringify(outcome));
  process.exit(0);
});
`;

/** Options of {@link invokeBundledHandler}. */
export interface BundledInvocation {
  /** Absolute path of the bundled file. */
  readonly file: string;
  /** The export to call (`handler`). */
  readonly exportName: string;
  /** The whole environment of the process (nothing is inherited). */
  readonly env: Readonly<Record<string, string>>;
  /** The event, as Lambda passes it. */
  readonly event: unknown;
  /** What the context's `getRemainingTimeInMillis` starts from. @default 300000 */
  readonly remainingMs?: number;
  /** The context's `functionName`. @default 'assembly-test' */
  readonly functionName?: string;
  /** Longest the process may run before it is killed. @default 60000 */
  readonly timeoutMs?: number;
}

/** The handler threw (or rejected): its message, and what it logged. */
export class BundledHandlerError extends Error {
  /**
   * @param message the handler's own message
   * @param logs what the process wrote to stdout and stderr
   */
  constructor(message: string, readonly logs: string) {
    super(message);
    this.name = 'BundledHandlerError';
  }
}

function collect(stream: Readable | null): () => string {
  const chunks: Buffer[] = [];
  stream?.on('data', (c: Buffer) => chunks.push(c));
  return () => Buffer.concat(chunks).toString('utf8');
}

/**
 * Runs the handler once in a child `node` (this process's executable).
 * @returns what the handler returned, and the lines it logged (stdout, then stderr)
 * @throws BundledHandlerError with the handler's own message when it threw
 * @throws Error when the process died, timed out or wrote no outcome (with its output)
 */
export async function invokeBundledHandler(o: BundledInvocation): Promise<{ readonly result: unknown; readonly logs: string }> {
  const child = spawn(process.execPath, ['-e', RUNNER, o.file, o.exportName], { env: { ...o.env }, stdio: ['pipe', 'pipe', 'pipe', 'pipe'] });
  const stdout = collect(child.stdout);
  const stderr = collect(child.stderr);
  const outcome = collect(child.stdio[3] as Readable);
  const timeoutMs = o.timeoutMs ?? 60_000;
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, timeoutMs);
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
  child.stdin.end(JSON.stringify({ event: o.event, remainingMs: o.remainingMs ?? 300_000, functionName: o.functionName ?? 'assembly-test' }));
  const code = await exited.finally(() => clearTimeout(timer));
  const logs = [stdout(), stderr()].filter((t) => t !== '').join('\n');
  const text = outcome();
  if (timedOut) throw new Error(`${o.file} (${o.exportName}) did not answer within ${timeoutMs} ms and was killed; its output:\n${logs}`);
  if (text === '') throw new Error(`${o.file} (${o.exportName}) exited with code ${code} without an outcome; its output:\n${logs}`);
  const parsed = JSON.parse(text) as { result?: unknown; error?: string };
  if (parsed.error !== undefined) throw new BundledHandlerError(parsed.error, logs);
  return { result: parsed.result, logs };
}

/** What {@link lambdaRuntimeEnv} describes: the function as its template declares it. */
export interface LambdaFunctionRuntime {
  /** The function's name. */
  readonly functionName: string;
  /** The function's region. */
  readonly region: string;
  /** The template's `Runtime` (`nodejs24.x`). */
  readonly runtime: string;
  /** The template's `MemorySize`. @default 128 */
  readonly memoryMb?: number;
  /** The asset directory (Lambda's /var/task). */
  readonly taskRoot: string;
}

/**
 * The environment Lambda gives a function's process besides the function's own variables (which
 * it may not override): region, function name and memory, execution environment, task root, TZ,
 * and this process's PATH and temp folder (so the child writes where the tests' temp files go).
 * The credentials and endpoints come from the stand-in (access-entry-cluster.ts `awsEnv`).
 * @see https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
 */
export function lambdaRuntimeEnv(f: LambdaFunctionRuntime): Record<string, string> {
  const inherited = Object.fromEntries(['PATH', 'TMPDIR', 'TMP', 'TEMP'].flatMap((k) => (process.env[k] === undefined ? [] : [[k, process.env[k]!]])));
  return {
    ...inherited,
    AWS_REGION: f.region,
    AWS_DEFAULT_REGION: f.region,
    AWS_LAMBDA_FUNCTION_NAME: f.functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(f.memoryMb ?? 128),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_EXECUTION_ENV: `AWS_Lambda_${f.runtime}`,
    LAMBDA_TASK_ROOT: f.taskRoot,
    TZ: ':UTC',
  };
}
