import { irsaPrivilegedActionWildcard, isPrivilegedAction } from '../../../../lib/config/rules/irsa-privileged-action';

describe('irsaPrivilegedActionWildcard', () => {
  test.each([
    ['iam:PassRole on an exact role', ['iam:PassRole'], 'arn:aws:iam::111122223333:role/app-runner'],
    ['sts:AssumeRole on an exact role', ['sts:AssumeRole'], 'arn:aws:iam::111122223333:role/reporting'],
    ['kms:Decrypt on an exact key', ['kms:Decrypt'], 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
    ['other actions on a prefix', ['s3:GetObject'], 'arn:aws:s3:::bucket/uploads/*'],
    ['iam:GetRole on a role path', ['iam:GetRole'], 'arn:aws:iam::111122223333:role/team/*'],
  ])('compliant: %s', (_, actions, resource) => {
    expect(irsaPrivilegedActionWildcard(actions, resource)).toBeUndefined();
  });

  test.each([
    ['iam:PassRole on a role prefix', ['iam:PassRole'], 'arn:aws:iam::111122223333:role/app-*', '"iam:PassRole"'],
    ['case-insensitive: IAM:passrole', ['IAM:passrole'], 'arn:aws:iam::111122223333:role/team/*', '"IAM:passrole"'],
    ['sts:AssumeRole on a role prefix', ['s3:GetObject', 'sts:AssumeRole'], 'arn:aws:iam::111122223333:role/team/*', '"sts:AssumeRole"'],
    ['sts:AssumeRoleWithWebIdentity', ['sts:AssumeRoleWithWebIdentity'], 'arn:aws:iam::111122223333:role/x*', '"sts:AssumeRoleWithWebIdentity"'],
    ['a kms action on a key-id prefix', ['kms:Decrypt'], 'arn:aws:kms:eu-west-1:111122223333:key/1234*', '"kms:Decrypt"'],
    ['a "?" counts as a wildcard', ['iam:PassRole'], 'arn:aws:iam::111122223333:role/app-?', '"iam:PassRole"'],
    ['every privileged action is named, in order', ['iam:PassRole', 's3:GetObject', 'sts:AssumeRole'], 'arn:aws:iam::111122223333:role/app-*', '"iam:PassRole", "sts:AssumeRole"'],
  ])('non-compliant: %s', (_, actions, resource, named) => {
    expect(irsaPrivilegedActionWildcard(actions, resource)).toBe(`is a wildcard resource in a statement with ${named}, which would let the pod pass or assume `
      + 'every matching role or use every matching KMS key; cdk-nag (AwsSolutions-IAM5) fails synth on it and this app never acknowledges it there; '
      + 'list the exact role or key ARNs (move other actions to a statement of their own)');
  });

  test('isPrivilegedAction', () => {
    expect(['iam:PassRole', 'sts:AssumeRole', 'sts:AssumeRoleWithSAML', 'kms:Encrypt', 'KMS:Decrypt'].every(isPrivilegedAction)).toBe(true);
    expect(['iam:GetRole', 's3:GetObject', 'sts:GetCallerIdentity', 'sts:TagSession'].some(isPrivilegedAction)).toBe(false);
  });
});
