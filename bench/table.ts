import { markOf, MISS, targetText } from './target';
import type { Mark } from './target';
import type { BenchRow } from './types';

/** A row with its mark. */
export interface MarkedRow extends BenchRow {
  readonly mark: Mark;
}

/** What a run of the bench found: each row marked, and the misses. */
export interface BenchResult {
  readonly rows: readonly MarkedRow[];
  /** Rows with a target (`ok` or `MISS`). */
  readonly judged: number;
  readonly misses: readonly MarkedRow[];
}

/** Marks every row against its target. */
export function judge(rows: readonly BenchRow[]): BenchResult {
  const marked = rows.map((r) => ({ ...r, mark: markOf(r.value, r.target) }));
  return { rows: marked, judged: marked.filter((r) => r.mark !== 'info').length, misses: marked.filter((r) => r.mark === MISS) };
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function valueText(r: BenchRow): string {
  return r.unit ? `${r.value} ${r.unit}` : String(r.value);
}

/** The README-ready Markdown table header. */
export const TABLE_HEADER = ['| bench | value | target | mark | detail |', '|---|---|---|---|---|'];

/** One Markdown table line; a miss is printed bold so it stands out in a rendered README too. */
export function tableLine(r: MarkedRow): string {
  const mark = r.mark === MISS ? `**${MISS}**` : r.mark;
  return `| ${cell(r.name)} | ${cell(valueText(r))} | ${cell(targetText(r.target, r.unit))} | ${mark} | ${cell(r.detail ?? '')} |`;
}

/**
 * The last line of the bench: `bench: all 12 targets met` or
 * `bench: MISS 2 of 12 targets: <name> (<value>, target <target>); ...`.
 */
export function summaryLine(result: BenchResult): string {
  if (result.misses.length === 0) return `bench: all ${result.judged} targets met`;
  const list = result.misses.map((r) => `${r.name} (${valueText(r)}, target ${targetText(r.target, r.unit)})`).join('; ');
  return `bench: ${MISS} ${result.misses.length} of ${result.judged} targets: ${list}`;
}
