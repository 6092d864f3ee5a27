/**
 * The gate: the commit status the review sets on the pull request's head commit. Branch
 * protection requires it (context {@link PR_REVIEW_STATUS_CONTEXT}), so a finding at or above
 * the threshold, or a report that could not be produced, blocks the merge; the comment only
 * explains. Pure.
 */
import { PR_REVIEW_STATUS_CONTEXT } from '../config/pipeline';
import { ExitCode } from '../report/exit-codes';
import type { CommitStatus } from './github-api';
import type { ReviewOutcome } from './report-result';

/** GitHub's limit on a status description. */
export const MAX_STATUS_DESCRIPTION = 140;

function clip(text: string): string {
  return text.length <= MAX_STATUS_DESCRIPTION ? text : `${text.slice(0, MAX_STATUS_DESCRIPTION - 3)}...`;
}

/**
 * The status for an outcome; `targetUrl` links the run. `synthPathChanges` (lib/ci/synth-path.ts)
 * turn any outcome into an error: the artifact was made by the pull request's own rules.
 */
export function commitStatusFor(outcome: ReviewOutcome, targetUrl?: string, synthPathChanges: readonly string[] = []): CommitStatus {
  const link = targetUrl ? { target_url: targetUrl } : {};
  if (synthPathChanges.length > 0) {
    return { state: 'error', context: PR_REVIEW_STATUS_CONTEXT, description: clip(`The pull request changes the review's synth path (${synthPathChanges.length} file(s)); a code owner must review it`), ...link };
  }
  if (outcome.kind === 'error') return { state: 'error', context: PR_REVIEW_STATUS_CONTEXT, description: clip(`Access review failed: ${outcome.reason}`), ...link };
  const { report } = outcome;
  const counted = report.findings.filter((f) => !f.acknowledged).length;
  const acknowledged = report.findings.length - counted;
  const acks = acknowledged ? `, ${acknowledged} acknowledged` : '';
  if (outcome.kind === 'at-or-above-threshold') {
    return { state: 'failure', context: PR_REVIEW_STATUS_CONTEXT, description: clip(`Highest finding ${report.highest} (threshold ${report.threshold}): ${counted} unacknowledged${acks}`), ...link };
  }
  return { state: 'success', context: PR_REVIEW_STATUS_CONTEXT, description: clip(`No finding at or above ${report.threshold}: ${counted} below${acks}`), ...link };
}

/** The step's exit code for an outcome: the report's own contract (0, 2, or 1 on error). */
export function exitCodeForOutcome(outcome: ReviewOutcome): number {
  if (outcome.kind === 'error') return ExitCode.error;
  return outcome.report.exitCode;
}
