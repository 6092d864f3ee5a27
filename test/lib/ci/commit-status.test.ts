import { commitStatusFor, exitCodeForOutcome } from '../../../lib/ci/commit-status';
import { reviewOutcome } from '../../../lib/ci/report-result';
import { PR_REVIEW_STATUS_CONTEXT } from '../../../lib/config/pipeline';

const finding = (severity: string, acknowledged = false) => ({ severity, environment: 'dev', summary: `s-${severity}`, fingerprint: 'a'.repeat(24), acknowledged });
const summary = (exitCode: number, findings: unknown[], highest: string | null = null) => JSON.stringify({ threshold: 'high', highest, exitCode, findings });

describe('commitStatusFor: the gate', () => {
  test('success, failure and error, always under the one context, within 140 characters', () => {
    const url = 'https://github.com/o/r/actions/runs/1';
    expect(commitStatusFor(reviewOutcome(0, summary(0, [finding('info'), finding('high', true)], 'high')), url)).toEqual({
      state: 'success', context: PR_REVIEW_STATUS_CONTEXT, description: 'No finding at or above high: 1 below, 1 acknowledged', target_url: url,
    });
    expect(commitStatusFor(reviewOutcome(2, summary(2, [finding('critical'), finding('info')], 'critical')))).toEqual({
      state: 'failure', context: 'eks-access/access-review', description: 'Highest finding critical (threshold high): 2 unacknowledged',
    });
    const error = commitStatusFor(reviewOutcome(1, undefined, `access-report: ${'x'.repeat(300)}`));
    expect(error.state).toBe('error');
    expect(error.description).toHaveLength(140);
    expect(error.description).toMatch(/^Access review failed: the access report failed \(exit 1\): access-report: x+\.\.\.$/);
  });
});

test('the step exits with the report\'s own contract: 0, 2, or 1 on error', () => {
  expect(exitCodeForOutcome(reviewOutcome(0, summary(0, [])))).toBe(0);
  expect(exitCodeForOutcome(reviewOutcome(2, summary(2, [finding('critical')], 'critical')))).toBe(2);
  expect(exitCodeForOutcome({ kind: 'error', reason: 'x' })).toBe(1);
});

test('a pull request that changes the synth path gets an error, whatever the report found', () => {
  expect(commitStatusFor(reviewOutcome(0, summary(0, [])), undefined, ['.github/workflows/pr-synth.yml', 'cdk.json'])).toEqual({
    state: 'error', context: PR_REVIEW_STATUS_CONTEXT, description: 'The pull request changes the review\'s synth path (2 file(s)); a code owner must review it',
  });
});
