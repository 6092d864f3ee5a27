import { irsaActionWildcard } from '../../../../lib/config/rules/irsa-action-wildcard';

describe('irsaActionWildcard', () => {
  test.each(['s3:GetObject', 'secretsmanager:GetSecretValue', 'kms:Decrypt', 'iam:PassRole'])('compliant: %s', (action) => {
    expect(irsaActionWildcard(action)).toBeUndefined();
  });

  test.each(['s3:*', 's3:Get*', 'kms:*', 'kms:Re*', 'iam:*Role', 's3:?etObject'])('non-compliant: %s', (action) => {
    expect(irsaActionWildcard(action)).toMatch(/^is a wildcard action: .*cdk-nag \(AwsSolutions-IAM5\) fails synth on it, which this app never acknowledges; list the exact actions/);
  });

  test('the message names the service and an example of the fix', () => {
    expect(irsaActionWildcard('s3:Get*')).toBe('is a wildcard action: it grants every s3 action it matches, now and as AWS adds them, and cdk-nag '
      + '(AwsSolutions-IAM5) fails synth on it, which this app never acknowledges; list the exact actions the workload calls, '
      + 'for example "s3:GetObject" instead of "s3:Get*"');
  });
});
