/**
 * The privileged review's steps (.github/workflows/pr-review.yml); see lib/ci/review.ts.
 *
 *   npm run pr-review -- extract --archive <tar> --out <dir>
 *   npm run pr-review -- diff --assemblies <dir> --out <dir>
 *   npm run pr-review -- publish --report-json <file> --report-exit <file> --report-stderr <file> --diffs <dir>
 *
 * Exit status: extract 0 or 1; diff 0, or 1 when an environment's diff failed; publish the
 * access report's contract (0 below the threshold, 2 at or above, 1 error). A wrong command
 * line or any other error is one line on stderr and exit 1; `--help` prints the usage, exit 0.
 */
import { ENVIRONMENTS } from '../lib/config/environments';
import { PIPELINE } from '../lib/config/pipeline';
import type { PipelineConfig } from '../lib/config/pipeline';
import { validateEnvironments } from '../lib/config/validate';
import { diffStep, extractStep, publishStep } from '../lib/ci/review';
import { runEntryPoint } from '../lib/cli/entry-point';

const USAGE = 'usage: npm run pr-review -- extract --archive <tar> --out <dir> | diff --assemblies <dir> --out <dir> | publish --report-json <file> --report-exit <file> --report-stderr <file> --diffs <dir>';

/** `--name value` pairs after the command; every name in `names` is required, no other is allowed. */
function options(argv: string[], names: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i]?.replace(/^--/, '');
    const value = argv[i + 1];
    if (!argv[i]?.startsWith('--') || !names.includes(name) || value === undefined || value.startsWith('--')) throw new Error(`unexpected argument ${JSON.stringify(argv[i])}; ${USAGE}`);
    out[name] = value;
  }
  const missing = names.filter((n) => out[n] === undefined);
  if (missing.length) throw new Error(`missing ${missing.map((n) => `--${n}`).join(', ')}; ${USAGE}`);
  return out;
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const [command, ...rest] = argv;
  const log = (line: string) => process.stderr.write(`pr-review: ${line}\n`);
  const environments = validateEnvironments(ENVIRONMENTS);
  switch (command) {
    case 'extract': {
      const o = options(rest, ['archive', 'out']);
      extractStep(o.archive, o.out, log);
      return 0;
    }
    case 'diff': {
      const o = options(rest, ['assemblies', 'out']);
      return diffStep({ assemblies: o.assemblies, outDir: o.out, environments, diffRolesConfigured: (PIPELINE as PipelineConfig).pullRequestDiff !== undefined, env: process.env, log });
    }
    case 'publish': {
      const o = options(rest, ['report-json', 'report-exit', 'report-stderr', 'diffs']);
      return publishStep({ reportJson: o['report-json'], reportExit: o['report-exit'], reportStderr: o['report-stderr'], diffsDir: o.diffs, environments, env: process.env, log });
    }
    default:
      throw new Error(USAGE);
  }
}

void runEntryPoint('pr-review', () => main(process.argv.slice(2)));
