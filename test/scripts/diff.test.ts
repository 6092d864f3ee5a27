import { ENVIRONMENTS } from '../../lib/config/environments';
import { validateEnvironments } from '../../lib/config/validate';
import { MAX_COMMENT_CHARS, PR_DIFF_MARKER, UsageError, cdkDiffArgs, diffTarget, findEnvironment, renderComment } from '../../scripts/diff';

const envs = validateEnvironments(ENVIRONMENTS);

describe('cdk diff arguments', () => {
  test('diffs the environment stage with the lookup role (template method, no change set)', () => {
    expect(cdkDiffArgs('dev')).toEqual(['cdk', 'diff', 'dev/*', '--method', 'template', '--no-color']);
  });
});

describe('diffTarget', () => {
  test.each([
    ['dev', 'arn:aws:iam::111111111111:role/eks-access-pr-diff-dev', 'eu-west-1'],
    ['staging', 'arn:aws:iam::222222222222:role/eks-access-pr-diff-staging', 'eu-west-1'],
    ['prod', 'arn:aws:iam::333333333333:role/eks-access-pr-diff-prod', 'eu-central-1'],
  ])('%s: the role of <env>/CiDiff in its own account and region', (name, roleArn, region) => {
    expect(diffTarget(findEnvironment(name, envs))).toEqual({ roleArn, region });
  });

  test('an unknown environment names the ones there are', () => {
    expect(() => findEnvironment('qa', envs)).toThrow(new UsageError('unknown environment "qa"; use one of dev, staging, prod (lib/config/environments.ts)'));
  });
});

describe('renderComment', () => {
  const diffText = 'Stack dev/Access\nResources\n[~] AWS::IAM::Role Person\n\n✨  Number of stacks with differences: 1\n';

  test('marker first, then the report, then one folded diff per environment', () => {
    const body = renderComment('## Access changes\n\n- reader gains staging\n', [
      { env: 'dev', text: `\u001b[32m${diffText}\u001b[0m` },
      { env: 'staging', text: 'Stack staging/Access\nThere were no differences\n\n✨  Number of stacks with differences: 0\n' },
      { env: 'prod' },
    ]);
    expect(body).toBe([
      PR_DIFF_MARKER,
      '## Access changes',
      '',
      '- reader gains staging',
      '',
      '### cdk diff',
      '',
      '<details><summary><code>dev</code>: 1 stack(s) with differences</summary>',
      '',
      '```diff',
      diffText.trim(),
      '```',
      '',
      '</details>',
      '',
      '<details><summary><code>staging</code>: no differences</summary>',
      '',
      '```diff',
      'Stack staging/Access\nThere were no differences\n\n✨  Number of stacks with differences: 0',
      '```',
      '',
      '</details>',
      '',
      '<details><summary><code>prod</code>: no diff (the job failed; see its log)</summary>',
      '',
      '',
      '',
      '</details>',
      '',
    ].join('\n'));
  });

  test('a diff with backticks cannot close its fence', () => {
    const body = renderComment('r', [{ env: 'dev', text: 'Description: "```yaml"' }]);
    expect(body).toContain('````diff\nDescription: "```yaml"\n````');
  });

  test('stays under GitHub\'s limit, cutting the diffs and never the report', () => {
    const report = 'R'.repeat(5_000);
    const body = renderComment(report, ENVIRONMENTS.map((e) => ({ env: e.name, text: 'x'.repeat(40_000) })));
    expect(body.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS);
    expect(body).toContain(report);
    expect(body.match(/more characters; the full diff is in the job log/g)).toHaveLength(3);
  });
});
