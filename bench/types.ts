import type { Target } from './target';

/** One line of `npm run bench` output. */
export interface BenchRow {
  /** What was measured, for example `merge core: first apply, 50 owned entries`. */
  readonly name: string;
  /** The figure judged against `target`: a median, a ratio of medians, a count or a size. */
  readonly value: number | string;
  /** Unit of `value`: `ms`, `KB`, `requests`, `x baseline`... (empty when `value` says it). */
  readonly unit: string;
  /** What the figure is judged against, or why it has no target. */
  readonly target: Target;
  /** Extra detail: runs, min/max, the absolute figures behind a ratio. @default none */
  readonly detail?: string;
}

/** Unit of a ratio to the same-run baseline printed in the row above it. */
export const RATIO_UNIT = 'x baseline';
