/**
 * The machine summary (`--json FILE`) for CI. Schema:
 *
 * ```
 * {
 *   threshold: 'critical' | 'high' | 'info',
 *   highest: 'critical' | 'high' | 'info' | null,   // most serious UNacknowledged finding
 *   exitCode: 0 | 1 | 2,                             // see exit-codes.ts
 *   error?: string,                                  // only with exitCode 1
 *   findings: [{ environment, severity, rule, fingerprint, acknowledged: boolean, summary }],
 *   expiredAcknowledgements: [{ fingerprint, expires, summary }]
 * }
 * ```
 *
 * `summary` is plain text (values in backticks, NOT escaped for Markdown or HTML): escape it
 * before putting it in a comment. Pure.
 */
import type { Severity } from './exit-codes';
import { ExitCode } from './exit-codes';
import { messageText } from './markdown';
import type { Verdict } from './verdict';

/** One finding in the summary. */
export interface JsonFinding {
  readonly environment: string;
  readonly severity: Severity;
  readonly rule: string;
  readonly fingerprint: string;
  readonly acknowledged: boolean;
  readonly summary: string;
}

/** The summary. */
export interface JsonSummary {
  readonly threshold: Severity;
  readonly highest: Severity | null;
  readonly exitCode: number;
  /** Why the report could not be produced. @default - absent unless `exitCode` is 1 */
  readonly error?: string;
  readonly findings: readonly JsonFinding[];
  readonly expiredAcknowledgements: ReadonlyArray<{ readonly fingerprint: string; readonly expires: string; readonly summary: string }>;
}

/** The summary line of a finding, as plain text: `label id: message`. */
export function findingSummary(f: { readonly label: string; readonly id: string; readonly message: string }): string {
  return `${f.label} \`${f.id}\`: ${messageText(f.message)}`;
}

/** The summary of a verdict. */
export function jsonSummary(verdict: Verdict): JsonSummary {
  return {
    threshold: verdict.threshold,
    highest: verdict.highest,
    exitCode: verdict.exitCode,
    findings: verdict.findings.map((f) => ({
      environment: f.environment, severity: f.severity, rule: f.rule, fingerprint: f.fingerprint, acknowledged: f.acknowledgement !== undefined, summary: findingSummary(f),
    })),
    expiredAcknowledgements: verdict.expired.map((a) => ({ fingerprint: a.fingerprint, expires: a.expires, summary: a.summary })),
  };
}

/** The summary written when the report could not be produced. */
export function errorSummary(threshold: Severity, error: string): JsonSummary {
  return { threshold, highest: null, exitCode: ExitCode.error, error, findings: [], expiredAcknowledgements: [] };
}
