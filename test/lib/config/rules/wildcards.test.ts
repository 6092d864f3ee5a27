/**
 * The two views of an IAM wildcard: cdk-nag's AwsSolutions-IAM5 (a `*` anywhere) and IAM's own
 * pattern matching (`*` or `?`), and the finding ids acknowledgements name.
 */
import {
  NAG_WILDCARD_RULE, isIamPattern, nagFlagsWildcard, wildcardActionFinding, wildcardResourceFinding,
} from '../../../../lib/config/rules/wildcards';

test.each([
  // value, cdk-nag flags it, IAM matches it as a pattern
  ['*', true, true],
  ['s3:*', true, true],
  ['s3:Get*', true, true],
  ['arn:aws:s3:::bucket/*', true, true],
  ['arn:aws:s3:::bucket/file?.txt', false, true],
  ['s3:GetObjec?', false, true],
  ['s3:GetObject', false, false],
  ['arn:aws:s3:::bucket/key', false, false],
  ['', false, false],
])('%p: cdk-nag flags it %p, IAM matches it as a pattern %p', (value, nag, iam) => {
  expect(nagFlagsWildcard(value)).toBe(nag);
  expect(isIamPattern(value)).toBe(iam);
});

test('the finding ids are the ones cdk-nag reports and acknowledgements name', () => {
  expect(NAG_WILDCARD_RULE).toBe('AwsSolutions-IAM5');
  expect(wildcardResourceFinding('arn:aws:s3:::bucket/*')).toBe('AwsSolutions-IAM5[Resource::arn:aws:s3:::bucket/*]');
  expect(wildcardActionFinding('s3:Get*')).toBe('AwsSolutions-IAM5[Action::s3:Get*]');
});
