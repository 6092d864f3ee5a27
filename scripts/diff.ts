/**
 * Local `cdk diff` of one environment: `npm run diff -- <env> [--out <file>]`.
 *
 * Synthesizes the working tree and runs `cdk diff '<env>/*' --method template` with your own
 * credentials: compares with the deployed templates and creates no change set. Prints the diff
 * and, with --out, also writes it (without colours) to <file>. Pull requests are diffed by the
 * review workflow instead (lib/ci/review.ts), against the pull request's synthesized assembly.
 */
import { ENVIRONMENTS } from '../lib/config/environments';
import { validateEnvironments } from '../lib/config/validate';
import type { ResolvedEnvironment } from '../lib/config/validate';
import { runCdkDiff } from '../lib/ci/cdk-diff';

/** Thrown for a wrong command line; the message says how to call the script. */
export class UsageError extends Error {}

const USAGE = 'usage: npm run diff -- <env> [--out <file>]';

/** The environment named on the command line, validated. */
export function findEnvironment(name: string | undefined, envs: readonly ResolvedEnvironment[]): ResolvedEnvironment {
  const env = envs.find((e) => e.name === name);
  if (!env) throw new UsageError(`unknown environment ${JSON.stringify(name)}; use one of ${envs.map((e) => e.name).join(', ')} (lib/config/environments.ts)`);
  return env;
}

/** `<env> [--out <file>]`. */
export function parseDiffArgs(argv: readonly string[]): { env: string; out?: string } {
  const [env, ...rest] = argv;
  if (env === undefined || env.startsWith('--')) throw new UsageError(USAGE);
  if (rest.length === 0) return { env };
  if (rest.length === 2 && rest[0] === '--out' && !rest[1].startsWith('--')) return { env, out: rest[1] };
  throw new UsageError(USAGE);
}

async function main(argv: string[]): Promise<number> {
  const args = parseDiffArgs(argv);
  const env = findEnvironment(args.env, validateEnvironments(ENVIRONMENTS));
  return runCdkDiff({ env: env.name, outFile: args.out });
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e: unknown) => {
    console.error(`diff: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 2;
  });
}
