/** Median, min and max of a series of measurements. */
export interface Summary {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly runs: number;
}

/** Median of a non-empty list of numbers. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values: measure at least one run.');
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Median, min and max of a non-empty list of numbers. */
export function summarize(values: readonly number[]): Summary {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), runs: values.length };
}

/** `n` rounded to `digits` decimals. */
export function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** Median of `values` over the median of `baseline`, rounded to 2 decimals: the machine-independent figure. */
export function ratio(values: readonly number[], baseline: readonly number[]): number {
  return round(median(values) / median(baseline), 2);
}

/**
 * Median of the ratios of runs measured side by side (`values[i]` next to `baseline[i]`), to 2
 * decimals, with their range: when the load changes during a long run, each pair still shares
 * its conditions, so this moves less than the ratio of the medians.
 */
export function pairedRatio(values: readonly number[], baseline: readonly number[]): Summary {
  if (values.length !== baseline.length) throw new Error(`paired ratio of ${values.length} runs against ${baseline.length} baseline runs: measure them in pairs.`);
  const s = summarize(values.map((v, i) => v / baseline[i]));
  return { median: round(s.median, 2), min: round(s.min, 2), max: round(s.max, 2), runs: s.runs };
}

/** `median 83.7 ms (min 80.4, max 89.9, 9 runs)`: a summary as the detail column shows it. */
export function describe(s: Summary, unit: string, digits = 1): string {
  return `median ${round(s.median, digits)} ${unit} (min ${round(s.min, digits)}, max ${round(s.max, digits)}, ${s.runs} runs)`;
}

/**
 * The order of the subjects in round `round`: rotated by one each round (ABC, BCA, CAB...), so
 * drift in the machine's load, and any advantage of running first or last, hit all of them alike.
 */
export function rotation<T>(subjects: readonly T[], round: number): T[] {
  const n = subjects.length;
  const k = n ? ((round % n) + n) % n : 0;
  return [...subjects.slice(k), ...subjects.slice(0, k)];
}
