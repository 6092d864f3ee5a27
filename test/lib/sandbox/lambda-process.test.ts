/**
 * A bundled handler run as Lambda runs it: its own node process, only the environment given, the
 * event and a context whose remaining time counts down; the outcome apart from the logs; the
 * handler's own failure sentence; a process that dies or hangs reported with its output.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BundledHandlerError, invokeBundledHandler, lambdaRuntimeEnv } from '../../../lib/sandbox/lambda-process';

let dir: string;
let file: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-process-'));
  file = path.join(dir, 'index.js');
  fs.writeFileSync(file, `
exports.echo = async (event, context) => {
  console.log(JSON.stringify({ level: 'info', message: 'echo' }));
  const first = context.getRemainingTimeInMillis();
  await new Promise((r) => setTimeout(r, 30));
  return { event, env: Object.keys(process.env).sort(), region: process.env.AWS_REGION, first, later: context.getRemainingTimeInMillis(), name: context.functionName };
};
exports.fails = async () => { console.error('about to fail'); throw new Error('property Objects is missing; pass it'); };
exports.dies = async () => { process.exit(7); };
exports.hangs = () => new Promise(() => { setInterval(() => undefined, 1000); });
exports.notAFunction = 42;
exports.nothing = async () => undefined;
`);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('invokeBundledHandler', () => {
  test('calls the export with the event and a counting-down context, in a process with only the given environment; logs apart', async () => {
    const { result, logs } = await invokeBundledHandler({ file, exportName: 'echo', env: { AWS_REGION: 'eu-west-1', ONLY: 'this' }, event: { RequestType: 'Create' }, remainingMs: 5000, functionName: 'fn' });
    const r = result as { event: unknown; env: string[]; region: string; first: number; later: number; name: string };
    expect(r.event).toEqual({ RequestType: 'Create' });
    expect(r.region).toBe('eu-west-1');
    expect(r.name).toBe('fn');
    // node adds nothing of the parent's environment (it may add none of its own either).
    expect(r.env.filter((k) => !['AWS_REGION', 'ONLY'].includes(k))).toEqual([]);
    expect(r.first).toBeLessThanOrEqual(5000);
    expect(r.first).toBeGreaterThan(4000);
    expect(r.later).toBeLessThan(r.first);
    expect(logs).toBe('{"level":"info","message":"echo"}\n');
  });

  test('the handler\'s failure is a BundledHandlerError with its own message and its logs', async () => {
    const failure = await invokeBundledHandler({ file, exportName: 'fails', env: {}, event: {} }).then(() => undefined, (e: unknown) => e);
    expect(failure).toBeInstanceOf(BundledHandlerError);
    expect((failure as BundledHandlerError).message).toBe('property Objects is missing; pass it');
    expect((failure as BundledHandlerError).logs).toBe('about to fail\n');
  });

  test('an export that is not a function is a failure naming it; undefined is returned as null', async () => {
    await expect(invokeBundledHandler({ file, exportName: 'notAFunction', env: {}, event: {} })).rejects.toThrow(`${file} exports no function notAFunction`);
    expect((await invokeBundledHandler({ file, exportName: 'nothing', env: {}, event: {} })).result).toBeNull();
  });

  test('a process that exits without an outcome, or hangs past the timeout, is an error with its exit', async () => {
    await expect(invokeBundledHandler({ file, exportName: 'dies', env: {}, event: {} })).rejects.toThrow(`${file} (dies) exited with code 7 without an outcome; its output:\n`);
    await expect(invokeBundledHandler({ file, exportName: 'hangs', env: {}, event: {}, timeoutMs: 300 })).rejects.toThrow(`${file} (hangs) did not answer within 300 ms and was killed; its output:\n`);
  });
});

describe('lambdaRuntimeEnv', () => {
  test('what Lambda provides, with this process\'s PATH and temp folder', () => {
    expect(lambdaRuntimeEnv({ functionName: 'apply', region: 'eu-west-1', runtime: 'nodejs24.x', memoryMb: 256, taskRoot: '/var/task' })).toEqual({
      ...(process.env.PATH ? { PATH: process.env.PATH } : {}),
      ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}),
      ...(process.env.TMP ? { TMP: process.env.TMP } : {}),
      ...(process.env.TEMP ? { TEMP: process.env.TEMP } : {}),
      AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'eu-west-1', AWS_LAMBDA_FUNCTION_NAME: 'apply', AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST', AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x', LAMBDA_TASK_ROOT: '/var/task', TZ: ':UTC',
    });
    expect(lambdaRuntimeEnv({ functionName: 'f', region: 'r', runtime: 'x', taskRoot: '/t' }).AWS_LAMBDA_FUNCTION_MEMORY_SIZE).toBe('128');
  });
});
