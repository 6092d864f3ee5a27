/**
 * The mutation score of issue 10: killed plus timed out over every compiling mutant
 * (no-coverage and survivors included); declared equivalents count as killed only when listed;
 * files under 90% are marked MISS.
 */
import { MUTATION_TARGET, renderScores, scoreFiles, unusedEquivalents } from '../../../lib/mutation/score';
import type { MutationReport, ReportMutant } from '../../../lib/mutation/score';

const at = (line: number, column = 1) => ({ start: { line, column } });
const mutant = (status: string, line: number, mutatorName = 'EqualityOperator'): ReportMutant => ({ status, mutatorName, location: at(line) });

function report(mutants: Record<string, ReportMutant[]>): MutationReport {
  return { files: Object.fromEntries(Object.entries(mutants).map(([f, m]) => [f, { mutants: m }])) };
}

test('killed and timed out over all compiling mutants, no-coverage and survivors included; compile errors left out', () => {
  const [s] = scoreFiles(report({ 'a.ts': [
    ...Array.from({ length: 7 }, (_, i) => mutant('Killed', i + 1)), mutant('Timeout', 8),
    mutant('Survived', 9), mutant('NoCoverage', 10), mutant('CompileError', 11), mutant('CompileError', 12),
  ] }));
  expect(s).toEqual({ file: 'a.ts', killed: 7, timedOut: 1, survived: 1, noCoverage: 1, equivalent: 0, compileErrors: 2, score: 80, meetsTarget: false });
});

test('the target is 90%, inclusive; a file without countable mutants scores 100', () => {
  const nine = Array.from({ length: 9 }, (_, i) => mutant('Killed', i + 1));
  expect(MUTATION_TARGET).toBe(90);
  expect(scoreFiles(report({ 'a.ts': [...nine, mutant('Survived', 10)] }))[0]).toMatchObject({ score: 90, meetsTarget: true });
  expect(scoreFiles(report({ 'a.ts': [...nine, mutant('Survived', 10), mutant('NoCoverage', 11)] }))[0]).toMatchObject({ score: 81.8, meetsTarget: false });
  expect(scoreFiles(report({ 'a.ts': [mutant('CompileError', 1)] }))[0]).toMatchObject({ score: 100, meetsTarget: true });
});

test('a listed survivor counts as killed; the entry must match file, line, column and mutator; other statuses are not killed', () => {
  const r = report({ 'a.ts': [mutant('Killed', 1), mutant('Survived', 2), mutant('RuntimeError', 3)], 'b.ts': [mutant('Survived', 2)] });
  const equivalents = [
    { file: 'a.ts', line: 2, column: 1, mutator: 'EqualityOperator', reason: 'x >= MAX and x > MAX agree: MAX is never reached' },
    { file: 'b.ts', line: 2, column: 1, mutator: 'StringLiteral', reason: 'another mutator' },
    { file: 'b.ts', line: 3, column: 1, mutator: 'EqualityOperator', reason: 'stale' },
  ];
  const [a, b] = scoreFiles(r, equivalents);
  expect(a).toMatchObject({ killed: 1, equivalent: 1, survived: 1, score: 66.7 });
  expect(b).toMatchObject({ equivalent: 0, survived: 1, score: 0 });
  expect(unusedEquivalents(r, equivalents).map((e) => e.reason)).toEqual(['another mutator', 'stale']);
});

test('the table marks files under the target and ends with one summary line', () => {
  const scores = scoreFiles(report({ 'z.ts': [mutant('Killed', 1)], 'a.ts': [mutant('Killed', 1), mutant('NoCoverage', 2)] }));
  expect(renderScores(scores)).toEqual([
    '| file | score | target | mark | killed | timed out | equivalent | survived | no coverage | not compiled |',
    '|---|---|---|---|---|---|---|---|---|---|',
    '| a.ts | 50.0% | >= 90% | **MISS** | 1 | 0 | 0 | 0 | 1 | 0 |',
    '| z.ts | 100.0% | >= 90% | ok | 1 | 0 | 0 | 0 | 0 | 0 |',
    '',
    'mutation: MISS 1 of 2 files under 90%: a.ts (50.0%)',
  ]);
  expect(renderScores(scores.slice(1)).at(-1)).toBe('mutation: all 1 files at or above 90%');
});
