/**
 * Local `cdk diff` of one environment: `npm run diff -- <env> [--out <file>]`.
 *
 * Synthesizes the working tree and runs `cdk diff '<env>/*' --method template` with your own
 * credentials: compares with the deployed templates and creates no change set. Prints the diff
 * and, with --out, also writes it (without colours) to <file>. Pull requests are diffed by the
 * review workflow instead (lib/ci/review.ts), against the pull request's synthesized assembly.
 *
 * Exit status: cdk diff's own; 1 on an error (one line, no stack trace); 64 on a wrong command
 * line; `--help` prints the usage and exits 0.
 */
import { ENVIRONMENTS } from '../lib/config/environments';
import { validateEnvironments } from '../lib/config/validate';
import type { ResolvedEnvironment } from '../lib/config/validate';
import { runCdkDiff } from '../lib/ci/cdk-diff';
import { runEntryPoint } from '../lib/cli/entry-point';

/** Thrown for a wrong command line; the message says how to call the script. */
export class UsageError extends Error {}

/** The usage line. */
export const DIFF_USAGE = 'usage: npm run diff -- <env> [--out <file>]';

/** Exit code of a wrong command line. */
export const DIFF_USAGE_EXIT = 64;

/** The environment named on the command line, validated. */
export function findEnvironment(name: string | undefined, envs: readonly ResolvedEnvironment[]): ResolvedEnvironment {
  const env = envs.find((e) => e.name === name);
  if (!env) throw new UsageError(`unknown environment ${JSON.stringify(name)}; use one of ${envs.map((e) => e.name).join(', ')} (lib/config/environments.ts)`);
  return env;
}

/** `<env> [--out <file>]`. */
export function parseDiffArgs(argv: readonly string[]): { env: string; out?: string } {
  const [env, ...rest] = argv;
  if (env === undefined || env.startsWith('--')) throw new UsageError(DIFF_USAGE);
  if (rest.length === 0) return { env };
  if (rest.length === 2 && rest[0] === '--out' && !rest[1].startsWith('--')) return { env, out: rest[1] };
  throw new UsageError(DIFF_USAGE);
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${DIFF_USAGE}\n`);
    return 0;
  }
  let args: { env: string; out?: string };
  let env: ResolvedEnvironment;
  try {
    args = parseDiffArgs(argv);
    env = findEnvironment(args.env, validateEnvironments(ENVIRONMENTS));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`diff: ${e.message}\n`);
    return DIFF_USAGE_EXIT;
  }
  return runCdkDiff({ env: env.name, outFile: args.out });
}

if (require.main === module) void runEntryPoint('diff', () => main(process.argv.slice(2)));
