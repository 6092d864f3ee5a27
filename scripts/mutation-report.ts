/**
 * `npm run mutation` runs StrykerJS (stryker.config.json), then this: the per-file score table
 * of the definition, files under 90% marked MISS (lib/mutation/score.ts).
 *
 *   npx tsx scripts/mutation-report.ts [--report .tmp/mutation/report.json] [--strict]
 *
 * Exit 0 when the table was printed (1 with --strict when a file misses), 1 on an error.
 */
import * as fs from 'fs';
import { runEntryPoint } from '../lib/cli/entry-point';
import { renderScores, scoreFiles, unusedEquivalents } from '../lib/mutation/score';
import type { EquivalentMutant, MutationReport } from '../lib/mutation/score';

const EQUIVALENTS = 'test/mutation/equivalent-mutants.json';

function main(argv: string[]): number {
  const at = argv.indexOf('--report');
  const reportFile = at >= 0 ? argv[at + 1] : '.tmp/mutation/report.json';
  if (!reportFile || !fs.existsSync(reportFile)) throw new Error(`no mutation report at ${reportFile ?? '(missing value)'}; run npm run mutation first`);
  const report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as MutationReport;
  const equivalents = (fs.existsSync(EQUIVALENTS) ? JSON.parse(fs.readFileSync(EQUIVALENTS, 'utf8')) : []) as EquivalentMutant[];
  const scores = scoreFiles(report, equivalents);
  for (const line of renderScores(scores)) console.log(line);
  for (const e of unusedEquivalents(report, equivalents)) console.error(`warning: ${EQUIVALENTS} lists ${e.file}:${e.line}:${e.column} ${e.mutator}, which is no survivor of this report; remove it or update it`);
  return argv.includes('--strict') && scores.some((s) => !s.meetsTarget) ? 1 : 0;
}

void runEntryPoint('mutation-report', async () => main(process.argv.slice(2)));
