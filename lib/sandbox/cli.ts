/**
 * The `npm run sandbox` command line: `start` (the default) runs the sandbox until Ctrl-C;
 * `apply` runs the aws-auth handler once against a running sandbox.
 */
import { AwsAuthAttributes } from '../../lambda/aws-auth/api';
import type { Logger } from '../../lambda/edge/log';
import { jsonLogger } from '../../lambda/edge/log';
import type { ResolvedEnvironment } from '../config/validate';
import { applyOnce, createEvent, createPeopleEntries } from './apply';
import { DEFAULT_SANDBOX_ENVIRONMENT, findEnvironment } from './environments';
import { renderInstructions } from './instructions';
import { startSandbox } from './start';

export const SANDBOX_USAGE = `usage: npm run sandbox -- [start] [--env NAME] [--deployed]
       npm run sandbox -- apply [--env NAME]
  start      starts local stand-ins of one environment's EKS cluster (Kubernetes API, EKS, STS, IAM) and prints how to point
             plan, verify and the aws-auth handler at them; runs until Ctrl-C
  apply      runs the aws-auth handler once against the running sandbox (the Create event of <env>/Access's merge resource);
             needs the export lines start printed
  --env      the environment of lib/config/environments.ts to stand in for (default ${DEFAULT_SANDBOX_ENVIRONMENT})
  --deployed start with aws-auth as a deploy of <env>/Access leaves it (verify passes at once)
exit codes: 0 ok; 1 error; 64 usage`;

/** What the command line reaches; tests pass their own. */
export interface SandboxCliDeps {
  readonly out?: (line: string) => void;
  readonly err?: (line: string) => void;
  /** Resolves when the sandbox should stop (with what stopped it). @default - the first SIGINT or SIGTERM */
  readonly stopSignal?: () => Promise<string>;
  /** Resolves the environment name. @default - the app's config, as the CLI resolves it */
  readonly environment?: (name: string) => ResolvedEnvironment;
  /** The handler's logger in `apply`. @default - JSON lines on stdout, as the Lambda logs */
  readonly handlerLog?: Logger;
}

interface Args {
  readonly command: 'start' | 'apply';
  readonly envName: string;
  readonly deployed: boolean;
}

function parseArgs(argv: readonly string[]): Args | string {
  let command: Args['command'] = 'start';
  let envName = DEFAULT_SANDBOX_ENVIRONMENT;
  let deployed = false;
  const rest = [...argv];
  if (rest[0] === 'start' || rest[0] === 'apply') command = rest.shift() as Args['command'];
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--env') {
      const name = rest[++i];
      if (!name || name.startsWith('-')) return '--env needs an environment name';
      envName = name;
    } else if (rest[i] === '--deployed' && command === 'start') {
      deployed = true;
    } else {
      return `unknown argument "${rest[i]}"${rest[i] === '--deployed' ? ' (--deployed belongs to start)' : ''}`;
    }
  }
  return { command, envName, deployed };
}

function firstSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** Runs the sandbox command line; returns the exit code. */
export async function runSandboxCli(argv: readonly string[], deps: SandboxCliDeps = {}): Promise<number> {
  const out = deps.out ?? ((l: string) => console.log(l));
  const err = deps.err ?? ((l: string) => console.error(l));
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    err(`${args}\n${SANDBOX_USAGE}`);
    return 64;
  }
  let env: ResolvedEnvironment;
  try {
    env = (deps.environment ?? findEnvironment)(args.envName);
  } catch (e) {
    err((e as Error).message);
    return args.envName === DEFAULT_SANDBOX_ENVIRONMENT ? 1 : 64;
  }
  if (args.command === 'apply') return apply(env, deps.handlerLog ?? jsonLogger, out, err);

  // Listen before starting, so a Ctrl-C during start-up still stops cleanly.
  const stopped = (deps.stopSignal ?? firstSignal)();
  const sandbox = await startSandbox({ env, deployed: args.deployed });
  try {
    for (const line of renderInstructions({
      env, principals: sandbox.principals, kubeUrl: sandbox.kube.url, awsUrl: sandbox.aws.url, deployed: args.deployed,
      kubeconfig: sandbox.kubeconfig, kubeCacheDir: sandbox.kubeCacheDir,
    })) out(line);
    const signal = await stopped;
    err(`${signal}: stopping the sandbox of ${env.name}`);
  } finally {
    await sandbox.close();
  }
  err(`sandbox stopped; removed ${sandbox.tempDir}`);
  return 0;
}

async function apply(env: ResolvedEnvironment, log: Logger, out: (l: string) => void, err: (l: string) => void): Promise<number> {
  const event = createEvent(env);
  err(`${env.name}: running the aws-auth handler once (${event.RequestType} of ${env.name}/Access's merge resource) against the sandbox...`);
  try {
    const result = await applyOnce(env, log);
    const data = result.Data ?? {};
    out(`${env.name}: aws-auth handler done: PhysicalResourceId ${result.PhysicalResourceId}, `
      + `${data[AwsAuthAttributes.ownedRoles]} role and ${data[AwsAuthAttributes.ownedUsers]} user entries owned, `
      + `aws-auth resourceVersion ${data[AwsAuthAttributes.resourceVersion]}`);
    if (env.accessBackend !== 'aws-auth') {
      const created = await createPeopleEntries(env);
      out(`${env.name}: ${created.length} people access entries created, as CloudFormation creates them (accessBackend ${env.accessBackend})`);
    }
    return 0;
  } catch (e) {
    err(`${env.name}: ${(e as Error).message}`);
    return 1;
  }
}
