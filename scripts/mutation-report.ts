/**
 * The score table of the last `npm run mutation` without running Stryker (lib/mutation/print.ts).
 *
 *   npx tsx scripts/mutation-report.ts [--report .tmp/mutation/report.json] [--strict]
 *
 * Exit 0 when the table was printed (1 with --strict when a file misses), 1 on an error.
 */
import { runEntryPoint } from '../lib/cli/entry-point';
import { printScores } from '../lib/mutation/print';

function main(argv: string[]): number {
  const at = argv.indexOf('--report');
  const reportFile = at >= 0 ? argv[at + 1] : '.tmp/mutation/report.json';
  if (!reportFile) throw new Error('--report needs a value: the path of a Stryker JSON report');
  return printScores(process.cwd(), reportFile, argv.includes('--strict'));
}

void runEntryPoint('mutation-report', async () => main(process.argv.slice(2)));
