/**
 * What the review makes of the access report's run: its exit code (the contract in
 * lib/report/exit-codes.ts) and its JSON summary `{ threshold, highest, exitCode, findings }`.
 * Anything inconsistent (no JSON, an exit code the JSON does not confirm, an unknown severity)
 * is an error outcome, never a pass. Pure.
 */
import { ExitCode, isSeverity, severityRank } from '../report/exit-codes';
import type { Severity } from '../report/exit-codes';

/** One finding, as the review shows it. */
export interface ReviewFinding {
  readonly severity: Severity;
  /** Environment the finding is in, when the report names one. */
  readonly environment?: string;
  /** One line: what was granted to whom. Template-derived: always rendered escaped. */
  readonly summary: string;
  readonly fingerprint?: string;
  /** An acknowledgement from the default branch covers it, so it does not count. */
  readonly acknowledged: boolean;
}

/** The report's JSON summary, checked. */
export interface ReviewReport {
  readonly threshold: Severity;
  readonly highest: Severity | null;
  readonly exitCode: 0 | 2;
  readonly findings: ReviewFinding[];
}

/** How the review ends. */
export type ReviewOutcome =
  | { readonly kind: 'below-threshold'; readonly report: ReviewReport }
  | { readonly kind: 'at-or-above-threshold'; readonly report: ReviewReport }
  | { readonly kind: 'error'; readonly reason: string };

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function parseFinding(raw: unknown, i: number): ReviewFinding {
  if (!raw || typeof raw !== 'object') throw new Error(`findings[${i}] is not an object`);
  const f = raw as Record<string, unknown>;
  const severity = f.severity;
  if (typeof severity !== 'string' || !isSeverity(severity)) throw new Error(`findings[${i}].severity ${JSON.stringify(severity)} is not a severity`);
  const summary = text(f.summary) ?? text(f.message) ?? text(f.title);
  if (!summary) throw new Error(`findings[${i}] has no summary`);
  return {
    severity,
    environment: text(f.environment) ?? text(f.env),
    summary,
    fingerprint: text(f.fingerprint),
    acknowledged: f.acknowledged === true || (typeof f.acknowledgement === 'object' && f.acknowledgement !== null),
  };
}

/**
 * Parses the JSON summary.
 * @throws Error naming the field that is wrong
 */
export function parseReviewReport(json: string): ReviewReport {
  const data = JSON.parse(json) as Record<string, unknown>;
  if (!data || typeof data !== 'object') throw new Error('the summary is not a JSON object');
  const { threshold, highest, exitCode, findings } = data;
  if (typeof threshold !== 'string' || !isSeverity(threshold)) throw new Error(`threshold ${JSON.stringify(threshold)} is not a severity`);
  if (highest !== null && (typeof highest !== 'string' || !isSeverity(highest))) throw new Error(`highest ${JSON.stringify(highest)} is neither null nor a severity`);
  if (exitCode !== ExitCode.belowThreshold && exitCode !== ExitCode.atOrAboveThreshold) throw new Error(`exitCode ${JSON.stringify(exitCode)} is neither 0 nor 2`);
  if (!Array.isArray(findings)) throw new Error('findings is not a list');
  const parsed = findings.map(parseFinding);
  const counting = parsed.filter((f) => !f.acknowledged && severityRank(f.severity) >= severityRank(threshold));
  if ((counting.length > 0) !== (exitCode === ExitCode.atOrAboveThreshold)) {
    throw new Error(`exitCode ${exitCode} disagrees with the findings: ${counting.length} unacknowledged at or above ${threshold}`);
  }
  return { threshold, highest: highest as Severity | null, exitCode, findings: parsed };
}

/**
 * The outcome of a report run: its exit status (undefined when it did not run) and the JSON
 * summary's text (undefined when it wrote none).
 */
export function reviewOutcome(exitStatus: number | undefined, json: string | undefined, stderr = ''): ReviewOutcome {
  const detail = stderr.trim().split('\n').filter(Boolean).slice(-1)[0];
  if (exitStatus === undefined) return { kind: 'error', reason: 'the access report did not run (an earlier step failed; see the job log)' };
  if (exitStatus === ExitCode.error) return { kind: 'error', reason: `the access report failed (exit 1)${detail ? `: ${detail}` : ''}` };
  if (exitStatus !== ExitCode.belowThreshold && exitStatus !== ExitCode.atOrAboveThreshold) return { kind: 'error', reason: `the access report exited ${exitStatus}, which the exit-code contract does not define` };
  if (json === undefined) return { kind: 'error', reason: `the access report exited ${exitStatus} but wrote no JSON summary` };
  let report: ReviewReport;
  try {
    report = parseReviewReport(json);
  } catch (e) {
    return { kind: 'error', reason: `the access report's JSON summary is unusable: ${(e as Error).message}` };
  }
  if (report.exitCode !== exitStatus) return { kind: 'error', reason: `the access report exited ${exitStatus} but its summary says ${report.exitCode}` };
  return report.exitCode === ExitCode.atOrAboveThreshold ? { kind: 'at-or-above-threshold', report } : { kind: 'below-threshold', report };
}
