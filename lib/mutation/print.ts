/**
 * The score table of a mutation report, with the committed equivalent mutants: shared by
 * `npm run mutation` (after its passes) and `npm run mutation-report` (an existing report).
 */
import * as fs from 'fs';
import * as path from 'path';
import { renderScores, scoreFiles, unusedEquivalents } from './score';
import type { EquivalentMutant, MutationReport } from './score';

/** The committed lists of survivors that cannot be killed, each with its reason: one file per area. */
export const EQUIVALENTS_DIR = 'test/mutation/equivalents';

/** Every entry of every list in `dir`; an entry without a reason is an error naming it. */
export function readEquivalents(dir: string): EquivalentMutant[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort().flatMap((f) => {
    const entries = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as EquivalentMutant[];
    if (!Array.isArray(entries)) throw new Error(`${EQUIVALENTS_DIR}/${f} must be a JSON array of { file, line, column, mutator, reason }`);
    for (const e of entries) {
      if (typeof e.reason !== 'string' || e.reason.trim().length < 10) throw new Error(`${EQUIVALENTS_DIR}/${f}: ${e.file}:${e.line}:${e.column} ${e.mutator} has no reason; say why no test can tell the mutant from the code`);
    }
    return entries;
  });
}

/** Prints the table of `reportFile`; returns 1 when `strict` and a file misses, else 0. */
export function printScores(root: string, reportFile: string, strict: boolean, out: (line: string) => void = console.log): number {
  const file = path.join(root, reportFile);
  if (!fs.existsSync(file)) throw new Error(`no mutation report at ${reportFile}; run npm run mutation first`);
  const report = JSON.parse(fs.readFileSync(file, 'utf8')) as MutationReport;
  const equivalents = readEquivalents(path.join(root, EQUIVALENTS_DIR));
  const scores = scoreFiles(report, equivalents);
  for (const line of renderScores(scores)) out(line);
  for (const e of unusedEquivalents(report, equivalents)) out(`warning: ${EQUIVALENTS_DIR} lists ${e.file}:${e.line}:${e.column} ${e.mutator}, which is no survivor of this report; remove it or update it`);
  return strict && scores.some((s) => !s.meetsTarget) ? 1 : 0;
}
