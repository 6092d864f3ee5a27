/**
 * The exit-code contract of the access report, defined once: the CLI returns it, and the pull
 * request workflow scripts import it to decide the commit status.
 *
 * - `0`: every unacknowledged finding is below the threshold (or there are none);
 * - `2`: at least one unacknowledged finding is at or above the threshold;
 * - `1`: the report could not be produced (bad arguments, unreadable assembly or
 *   acknowledgement file, failed synth of the base).
 */

/** Severities, lowest first. */
export const SEVERITIES = ['info', 'high', 'critical'] as const;

/** How serious a finding is: `critical` a path to cluster admin, `high` a wide grant, `info` a narrow one. */
export type Severity = (typeof SEVERITIES)[number];

/** The threshold when `--threshold` is not given. */
export const DEFAULT_THRESHOLD: Severity = 'high';

/** The exit codes. */
export const ExitCode = {
  /** Every unacknowledged finding is below the threshold. */
  belowThreshold: 0,
  /** The report could not be produced. */
  error: 1,
  /** An unacknowledged finding is at or above the threshold. */
  atOrAboveThreshold: 2,
} as const;

/** One of {@link ExitCode}'s values. */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** Whether `value` names a severity. */
export function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}

/** Position of `severity` in {@link SEVERITIES}: higher is more serious. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** The most serious of `severities`, or `null` when there are none. */
export function highestSeverity(severities: readonly Severity[]): Severity | null {
  return severities.reduce<Severity | null>((top, s) => (top === null || severityRank(s) > severityRank(top) ? s : top), null);
}

/**
 * The exit code for the severities of the findings that count (the unacknowledged ones):
 * {@link ExitCode.atOrAboveThreshold} when one is at or above `threshold`, else
 * {@link ExitCode.belowThreshold}.
 */
export function exitCodeFor(severities: readonly Severity[], threshold: Severity = DEFAULT_THRESHOLD): 0 | 2 {
  return severities.some((s) => severityRank(s) >= severityRank(threshold)) ? ExitCode.atOrAboveThreshold : ExitCode.belowThreshold;
}
