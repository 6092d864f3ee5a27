/**
 * The report's verdict: acknowledgements applied to the findings, and the exit code under a
 * threshold. An acknowledged finding is still listed but does not count; an expired
 * acknowledgement does not count and is reported. Pure (today is passed in).
 */
import type { Acknowledgement, AcknowledgementSet } from './acknowledgements';
import { isInEffect } from './acknowledgements';
import { exitCodeFor, highestSeverity } from './exit-codes';
import type { Severity } from './exit-codes';
import type { Finding } from './rules';

/** A finding with its acknowledgement, if one in effect covers it. */
export interface JudgedFinding extends Finding {
  /** The acknowledgement in effect for it. @default - none: the finding counts */
  readonly acknowledgement?: Acknowledgement;
  /** An acknowledgement with this fingerprint that has expired (the finding counts). @default - none */
  readonly expiredAcknowledgement?: Acknowledgement;
}

/** The verdict over a report's findings. */
export interface Verdict {
  readonly threshold: Severity;
  /** Where the acknowledgements came from. */
  readonly acknowledgementSource: string;
  readonly findings: readonly JudgedFinding[];
  /** Expired acknowledgements (whether or not their finding is still there). */
  readonly expired: readonly Acknowledgement[];
  /** Acknowledgements in effect that no finding matched (the grant is gone or changed). */
  readonly unused: readonly Acknowledgement[];
  /** The most serious unacknowledged severity, `null` when every finding is acknowledged or there are none. */
  readonly highest: Severity | null;
  /** 0 or 2, per `exit-codes.ts`. */
  readonly exitCode: 0 | 2;
}

/** Applies `acknowledgements` (as of `today`, `YYYY-MM-DD`) and `threshold` to `findings`. */
export function judge(findings: readonly Finding[], acknowledgements: AcknowledgementSet, threshold: Severity, today: string): Verdict {
  const inEffect = acknowledgements.entries.filter((a) => isInEffect(a, today));
  const expired = acknowledgements.entries.filter((a) => !isInEffect(a, today));
  const judged: JudgedFinding[] = findings.map((f) => {
    const acknowledgement = inEffect.find((a) => a.fingerprint === f.fingerprint);
    const expiredAcknowledgement = expired.find((a) => a.fingerprint === f.fingerprint);
    return { ...f, ...(acknowledgement ? { acknowledgement } : {}), ...(expiredAcknowledgement ? { expiredAcknowledgement } : {}) };
  });
  const counting = judged.filter((f) => !f.acknowledgement).map((f) => f.severity);
  return {
    threshold,
    acknowledgementSource: acknowledgements.source,
    findings: judged,
    expired,
    unused: inEffect.filter((a) => !findings.some((f) => f.fingerprint === a.fingerprint)),
    highest: highestSeverity(counting),
    exitCode: exitCodeFor(counting, threshold),
  };
}
