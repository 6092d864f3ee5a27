/**
 * The mutation score per file, as issue 10 defines it: killed plus timed out, over every mutant
 * that compiles (no-coverage and survivors included). Mutants the TypeScript checker refuses
 * (CompileError) never ran and are left out. A surviving mutant listed in the committed
 * equivalents lists (test/mutation/equivalents/, with its reason) counts as killed, and only there. Pure: reads the
 * mutation-testing-report-schema JSON Stryker writes (`.tmp/mutation/report.json`).
 */

/** One mutant, as Stryker's JSON report holds it. */
export interface ReportMutant {
  readonly mutatorName: string;
  readonly replacement?: string;
  readonly status: string;
  readonly location: { readonly start: { readonly line: number; readonly column: number } };
}

/** Stryker's JSON report (the parts read here). */
export interface MutationReport {
  readonly files: Record<string, { readonly mutants: readonly ReportMutant[] }>;
}

/** A survivor declared equivalent: it cannot be killed, with the reason. */
export interface EquivalentMutant {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly mutator: string;
  readonly reason: string;
}

/** The score of one file. */
export interface FileScore {
  readonly file: string;
  readonly killed: number;
  readonly timedOut: number;
  readonly survived: number;
  readonly noCoverage: number;
  /** Survivors listed as equivalent (counted as killed). */
  readonly equivalent: number;
  /** Mutants that did not compile (not counted). */
  readonly compileErrors: number;
  /** Killed + timed out + equivalent, over all counted mutants, in percent (100 when none). */
  readonly score: number;
  readonly meetsTarget: boolean;
}

/** The per-file target of issue 10, in percent. */
export const MUTATION_TARGET = 90;

function isEquivalent(file: string, m: ReportMutant, equivalents: readonly EquivalentMutant[]): boolean {
  return equivalents.some((e) => e.file === file && e.line === m.location.start.line && e.column === m.location.start.column && e.mutator === m.mutatorName);
}

/** Scores every file of `report`, sorted by file name. */
export function scoreFiles(report: MutationReport, equivalents: readonly EquivalentMutant[] = []): FileScore[] {
  return Object.entries(report.files).map(([file, { mutants }]) => {
    let killed = 0; let timedOut = 0; let survived = 0; let noCoverage = 0; let equivalent = 0; let compileErrors = 0;
    for (const m of mutants) {
      if (m.status === 'Killed') killed++;
      else if (m.status === 'Timeout') timedOut++;
      else if (m.status === 'CompileError') compileErrors++;
      else if (m.status === 'Survived' && isEquivalent(file, m, equivalents)) equivalent++;
      else if (m.status === 'Survived') survived++;
      else if (m.status === 'NoCoverage') noCoverage++;
      else survived++; // RuntimeError, Ignored, Pending: not killed by a test
    }
    const counted = killed + timedOut + equivalent + survived + noCoverage;
    const score = counted === 0 ? 100 : Math.round(((killed + timedOut + equivalent) / counted) * 1000) / 10;
    return { file, killed, timedOut, survived, noCoverage, equivalent, compileErrors, score, meetsTarget: score >= MUTATION_TARGET };
  }).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** Equivalent-mutant entries that match no survivor of the report (stale after a code change). */
export function unusedEquivalents(report: MutationReport, equivalents: readonly EquivalentMutant[]): EquivalentMutant[] {
  return equivalents.filter((e) => !(report.files[e.file]?.mutants ?? []).some((m) => m.status === 'Survived' && isEquivalent(e.file, m, [e])));
}

/** The Markdown table, a MISS mark on every file under the target, and one summary line. */
export function renderScores(scores: readonly FileScore[]): string[] {
  const lines = [
    '| file | score | target | mark | killed | timed out | equivalent | survived | no coverage | not compiled |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...scores.map((s) => `| ${s.file} | ${s.score.toFixed(1)}% | >= ${MUTATION_TARGET}% | ${s.meetsTarget ? 'ok' : '**MISS**'} | ${s.killed} | ${s.timedOut} | ${s.equivalent} | ${s.survived} | ${s.noCoverage} | ${s.compileErrors} |`),
  ];
  const misses = scores.filter((s) => !s.meetsTarget);
  lines.push('', misses.length === 0
    ? `mutation: all ${scores.length} files at or above ${MUTATION_TARGET}%`
    : `mutation: MISS ${misses.length} of ${scores.length} files under ${MUTATION_TARGET}%: ${misses.map((s) => `${s.file} (${s.score.toFixed(1)}%)`).join(', ')}`);
  return lines;
}
