import { MAX_COMMENT_CHARS, PR_REVIEW_MARKER, renderReviewComment } from '../../../lib/ci/comment';
import { reviewOutcome } from '../../../lib/ci/report-result';
import type { ReviewOutcome } from '../../../lib/ci/report-result';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const outcome = (exitCode: 0 | 2, findings: unknown[], highest: string | null = null): ReviewOutcome =>
  reviewOutcome(exitCode, JSON.stringify({ threshold: 'high', highest, exitCode, findings }));
const diffText = 'Stack dev/Access\nResources\n[~] AWS::IAM::Role Person\n\n✨  Number of stacks with differences: 1\n';

test('marker first, verdict, findings by severity, then one folded diff per environment', () => {
  const body = renderReviewComment({
    outcome: outcome(2, [
      { severity: 'info', environment: 'dev', summary: 'reader gains staging', fingerprint: 'f'.repeat(24), acknowledged: false },
      { severity: 'critical', environment: 'prod', summary: 'role x maps to system:masters', fingerprint: 'c'.repeat(24), acknowledged: false },
    ], 'critical'),
    headSha: SHA,
    runUrl: 'https://github.com/o/r/actions/runs/7',
    diffs: [
      { env: 'dev', text: `\u001b[32m${diffText}\u001b[0m`, exitCode: 0 },
      { env: 'staging', text: 'Stack staging/Access\nThere were no differences\n\n✨  Number of stacks with differences: 0\n', exitCode: 0 },
      { env: 'prod', text: 'could not assume ...', exitCode: 1 },
      { env: 'qa' },
    ],
  });
  expect(body).toBe([
    PR_REVIEW_MARKER,
    '### Access review: blocked',
    '',
    'At least one unacknowledged finding is at or above `high` (highest: `critical`); the status `eks-access/access-review` is `failure`.',
    '',
    '#### Findings',
    '',
    '| Severity | Environment | Finding | Fingerprint | Acknowledged |',
    '|---|---|---|---|---|',
    `| critical | \`prod\` | \`role x maps to system:masters\` | \`${'c'.repeat(24)}\` | no |`,
    `| info | \`dev\` | \`reader gains staging\` | \`${'f'.repeat(24)}\` | no |`,
    '',
    'Head `0123456789ab` · [review run](https://github.com/o/r/actions/runs/7). The commit status is the gate; this comment explains it.',
    '',
    '#### cdk diff (against the deployed stacks)',
    '',
    '<details><summary>`dev`: 1 stack(s) with differences</summary>',
    '',
    '```diff',
    diffText.trim(),
    '```',
    '',
    '</details>',
    '',
    '<details><summary>`staging`: no differences</summary>',
    '',
    '```diff',
    'Stack staging/Access\nThere were no differences\n\n✨  Number of stacks with differences: 0',
    '```',
    '',
    '</details>',
    '',
    '<details><summary>`prod`: cdk diff failed (exit 1)</summary>',
    '',
    '```diff',
    'could not assume ...',
    '```',
    '',
    '</details>',
    '',
    '<details><summary>`qa`: no diff (the diff job produced none; see its log)</summary>',
    '',
    '',
    '',
    '</details>',
    '',
  ].join('\n'));
});

test('template-derived text cannot break out: names with backticks, pipes, HTML, mentions and line breaks stay code', () => {
  const evil = 'x` | <img src=x onerror=alert(1)> @org/admins [link](https://evil) \n| forged | row |';
  const body = renderReviewComment({
    outcome: outcome(0, [{ severity: 'info', environment: 'dev', summary: evil, acknowledged: false }]),
    headSha: SHA,
    diffs: [{ env: 'dev', text: 'Description: "```yaml"\n</details><script>x</script>', exitCode: 0 }],
  });
  const row = body.split('\n').find((l) => l.startsWith('| info |')) as string;
  // One row, five cells: the pipe is escaped, the line break shown as \u{a}, all inside a code span.
  expect(row).toBe('| info | `dev` | ``x` \\| <img src=x onerror=alert(1)> @org/admins [link](https://evil) \\u{a}\\| forged \\| row \\|`` |  | no |');
  expect(body.split('\n').filter((l) => l.startsWith('| '))).toHaveLength(2);
  // The diff's fence is longer than any backtick run in it, so the text cannot close it.
  expect(body).toContain('````diff\nDescription: "```yaml"\n</details><script>x</script>\n````');
});

test('passed and error verdicts; an error shows its reason as code', () => {
  expect(renderReviewComment({ outcome: outcome(0, []), headSha: SHA, diffs: [] })).toContain('### Access review: passed\n\nNo unacknowledged finding is at or above `high`; the status `eks-access/access-review` is `success`.\n\n#### Findings\n\nNo access changes.');
  const body = renderReviewComment({ outcome: { kind: 'error', reason: 'the access report failed (exit 1): `x`' }, headSha: SHA, diffs: [] });
  expect(body).toContain('### Access review: error\n\nThe review could not be completed, so the status `eks-access/access-review` is `error` and blocks the merge:\n\n`` the access report failed (exit 1): `x` ``');
  expect(body).not.toContain('#### Findings');
});

test('stays under GitHub\'s limit, cutting the diffs and never the verdict', () => {
  const body = renderReviewComment({ outcome: outcome(0, []), headSha: SHA, diffs: ['dev', 'staging', 'prod'].map((env) => ({ env, text: 'x'.repeat(40_000), exitCode: 0 })) });
  expect(body.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS);
  expect(body).toContain('### Access review: passed');
  expect(body.match(/more characters; the full diff is in the job log/g)).toHaveLength(3);
});

test('a change to the synth path is called out above the findings, file names escaped', () => {
  const body = renderReviewComment({ outcome: outcome(0, []), headSha: SHA, diffs: [], synthPathChanges: ['.github/workflows/pr-synth.yml', 'cdk.json`<b>'] });
  expect(body).toContain('> [!WARNING]\n> This pull request changes the files that decide what its synth run uploads');
  expect(body).toContain('- `.github/workflows/pr-synth.yml`\n- ``cdk.json`<b>``');
  expect(body.indexOf('[!WARNING]')).toBeLessThan(body.indexOf('#### Findings'));
});
