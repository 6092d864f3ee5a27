/**
 * Targets and marks of `npm run bench`: every figure either has a target it meets (`ok`) or
 * misses (`MISS`), or says why it has none (a baseline, or an absolute time that only holds
 * on the machine it was measured on).
 */

/** A figure that must not exceed `limit` (in the row's unit). */
export interface AtMost {
  readonly kind: 'at-most';
  readonly limit: number;
}

/** A figure that must be exactly `expected` (counts, sizes of a fixed protocol). */
export interface Exactly {
  readonly kind: 'exactly';
  readonly expected: number | string;
}

/** Why a figure carries no target. */
export interface NoTarget {
  readonly kind: 'baseline' | 'machine-dependent' | 'information';
}

/** What a figure is judged against. */
export type Target = AtMost | Exactly | NoTarget;

/** The mark of a figure: met, missed, or information only. */
export type Mark = 'ok' | 'MISS' | 'info';

/** The literal the bench prints for a missed target (scripts can search for it). */
export const MISS: Mark = 'MISS';

/** A figure that must not exceed `limit`. */
export function atMost(limit: number): AtMost {
  return { kind: 'at-most', limit };
}

/** A figure that must equal `expected`. */
export function exactly(expected: number | string): Exactly {
  return { kind: 'exactly', expected };
}

/** A same-run baseline the ratios divide by. */
export const BASELINE: NoTarget = { kind: 'baseline' };

/** An absolute time, kept as information: it only holds on the machine it was measured on. */
export const MACHINE_DEPENDENT: NoTarget = { kind: 'machine-dependent' };

/** A figure shown for its own sake (a size nobody promises to keep), information only. */
export const INFORMATION: NoTarget = { kind: 'information' };

/** The mark of `value` against `target`. */
export function markOf(value: number | string, target: Target): Mark {
  switch (target.kind) {
    case 'at-most': return typeof value === 'number' && value <= target.limit ? 'ok' : MISS;
    case 'exactly': return value === target.expected ? 'ok' : MISS;
    default: return 'info';
  }
}

/** The target column: `<= 2.5 x baseline`, `1 read, 0 writes`, or why there is none. */
export function targetText(target: Target, unit: string): string {
  switch (target.kind) {
    case 'at-most': return `<= ${target.limit} ${unit}`;
    case 'exactly': return typeof target.expected === 'number' ? `${target.expected} ${unit}` : target.expected;
    case 'baseline': return 'none (same-run baseline)';
    case 'machine-dependent': return 'none (machine-dependent, information only)';
    case 'information': return 'none (information only)';
  }
}
