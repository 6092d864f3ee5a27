import { exitCodeForOutcome } from '../../../lib/ci/commit-status';
import { reviewOutcome } from '../../../lib/ci/report-result';

const finding = (severity: string, acknowledged = false) => ({ severity, environment: 'dev', summary: `s-${severity}`, fingerprint: 'a'.repeat(24), acknowledged });
const summary = (exitCode: number, findings: unknown[], highest: string | null = null) => JSON.stringify({ threshold: 'high', highest, exitCode, findings });

describe('reviewOutcome', () => {
  test('exit 0 with a consistent summary: below the threshold', () => {
    const o = reviewOutcome(0, summary(0, [finding('info'), finding('critical', true)], 'critical'));
    expect(o.kind).toBe('below-threshold');
    expect(exitCodeForOutcome(o)).toBe(0);
  });

  test('exit 2 with an unacknowledged high finding: at or above', () => {
    const o = reviewOutcome(2, summary(2, [finding('high')], 'high'));
    expect(o.kind).toBe('at-or-above-threshold');
    expect(exitCodeForOutcome(o)).toBe(2);
  });

  test.each([
    ['did not run', undefined, undefined, 'the access report did not run (an earlier step failed; see the job log)'],
    ['exit 1', 1, undefined, 'the access report failed (exit 1): access-report: cannot read x'],
    ['an undefined exit code', 3, summary(0, []), 'the access report exited 3, which the exit-code contract does not define'],
    ['no JSON', 0, undefined, 'the access report exited 0 but wrote no JSON summary'],
    ['JSON that is not JSON', 0, '{', /^the access report's JSON summary is unusable: /],
    ['an unknown severity', 0, summary(0, [finding('medium')]), 'the access report\'s JSON summary is unusable: findings[0].severity "medium" is not a severity'],
    ['a summary that says 0 over a counting finding', 0, summary(0, [finding('critical')], 'critical'), 'the access report\'s JSON summary is unusable: exitCode 0 disagrees with the findings: 1 unacknowledged at or above high'],
    ['an exit code the summary does not confirm', 0, summary(2, [finding('high')], 'high'), 'the access report exited 0 but its summary says 2'],
  ])('error: %s', (_name, exit, json, reason) => {
    const o = reviewOutcome(exit as number | undefined, json as string | undefined, 'x\naccess-report: cannot read x\n');
    expect(o.kind).toBe('error');
    if (o.kind === 'error') expect(o.reason).toEqual(typeof reason === 'string' ? reason : expect.stringMatching(reason));
    expect(exitCodeForOutcome(o)).toBe(1);
  });
});
