/** One line of `npm run bench` output. */
export interface BenchRow {
  /** What was measured, for example `merge core: 1 MiB aws-auth, 50 owned entries`. */
  readonly name: string;
  /** Median (or the measured value for counts). */
  readonly value: number;
  /** Unit of `value`: `ms`, `MiB`, `KB`, `requests`... */
  readonly unit: string;
  /** The target from the issue, for example `<= 100 ms`. */
  readonly target?: string;
  /** Extra detail (runs, min/max). */
  readonly detail?: string;
}

/** Median of a non-empty list of numbers. */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
