/**
 * The sandbox command line in-process: usage errors, and a `--deployed` sandbox that the real
 * `verify` (runCli, real SDK clients, real EKS tokens) passes against at once, then stops.
 */
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { createAwsEdge } from '../../../lambda/edge/aws';
import { runCli } from '../../../lib/cli/run';
import { SANDBOX_USAGE, runSandboxCli } from '../../../lib/sandbox/cli';
import { findEnvironment } from '../../../lib/sandbox/environments';
import { sandboxPrincipals } from '../../../lib/sandbox/principals';

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runSandboxCli(argv, { out: (l) => out.push(l), err: (l) => err.push(...l.split('\n')) });
  return { code, out, err };
}

describe('usage', () => {
  test.each([
    ['an unknown argument', ['--port', '1'], 'unknown argument "--port"'],
    ['--env without a name', ['start', '--env'], '--env needs an environment name'],
    ['--env followed by a flag', ['--env', '--deployed'], '--env needs an environment name'],
    ['--deployed with apply', ['apply', '--deployed'], 'unknown argument "--deployed" (--deployed belongs to start)'],
  ])('%s: exit 64 with the usage', async (_, argv, message) => {
    expect(await run(argv)).toEqual({ code: 64, out: [], err: [message, ...SANDBOX_USAGE.split('\n')] });
  });

  test('an unknown environment: exit 64, naming the known ones', async () => {
    const r = await run(['--env', 'nope']);
    expect(r).toEqual({ code: 64, out: [], err: ['--env "nope" is not an environment of lib/config/environments.ts; use one of: dev, staging, prod'] });
  });
});

const ENDPOINT_KEYS = ['AWS_ENDPOINT_URL_EKS', 'AWS_ENDPOINT_URL_IAM', 'AWS_ENDPOINT_URL_STS'];

test('start --deployed: verify passes at once; the stop signal closes both servers and exits 0', async () => {
  const env = findEnvironment('staging');
  const out: string[] = [];
  const err: string[] = [];
  let stop: (signal: string) => void = () => undefined;
  let printed: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => { printed = resolve; });
  const running = runSandboxCli(['--env', 'staging', '--deployed'], {
    out: (l) => { out.push(l); if (l === 'Ctrl-C stops the sandbox.') printed(); },
    err: (l) => err.push(l),
    stopSignal: () => new Promise((resolve) => { stop = resolve; }),
  });
  await Promise.race([ready, running.then((code) => { throw new Error(`the sandbox ended early with ${code}: ${err.join('\n')}`); })]);
  const awsUrl = /^export AWS_ENDPOINT_URL_EKS=(.+)$/m.exec(out.join('\n'))![1];
  const kubeUrl = /Kubernetes API {2}(\S+)/.exec(out.join('\n'))![1];
  const saved = Object.fromEntries(ENDPOINT_KEYS.map((k) => [k, process.env[k]]));
  try {
    for (const k of ENDPOINT_KEYS) process.env[k] = awsUrl;
    const { operator } = sandboxPrincipals(env);
    const lines: string[] = [];
    const code = await runCli(['verify', '--env', 'staging'], {
      aws: (region, credentials) => createAwsEdge(region, credentials ?? (async () => ({ ...operator }))),
      out: (l) => lines.push(l),
      err: (l) => lines.push(l),
    });
    expect({ code, fails: lines.filter((l) => l.includes('FAIL')) }).toEqual({ code: 0, fails: [] });
    expect(lines).toContain('staging: verified');
  } finally {
    for (const k of ENDPOINT_KEYS) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  }
  stop('SIGTERM');
  expect(await running).toBe(0);
  const tempDir = /^export KUBECONFIG=(.+)\/kubeconfig /m.exec(out.join('\n'))![1];
  expect(err).toEqual(['SIGTERM: stopping the sandbox of staging', `sandbox stopped; removed ${tempDir}`]);
  expect(existsSync(tempDir)).toBe(false);
  for (const url of [awsUrl, kubeUrl]) {
    const refused = await new Promise<boolean>((resolve) => {
      const s = connect(Number(new URL(url).port), '127.0.0.1');
      s.on('connect', () => { s.destroy(); resolve(false); });
      s.on('error', () => resolve(true));
    });
    expect({ url, refused }).toEqual({ url, refused: true });
  }
});
