import { iamMatches, policyAllows } from './iam-policy';

test.each([
  ['s3:Get*', 's3:GetObject', true, true],
  ['s3:get*', 's3:GetObject', true, true],
  ['s3:get*', 's3:GetObject', false, false],
  ['stack/dev-*/*', 'stack/dev-Access/abc', false, true],
  ['stack/dev-?ccess/*', 'stack/dev-Access/abc', false, true],
  ['stack/dev-*/*', 'stack/prod-Access/abc', false, false],
  ['a.b', 'aXb', false, false],
])('iamMatches(%s, %s, ignoreCase %s) = %s', (pattern, value, ignoreCase, expected) => {
  expect(iamMatches(pattern, value, ignoreCase)).toBe(expected);
});

test('an explicit Deny wins over an Allow; nothing allowed without an Allow', () => {
  const allow = { Effect: 'Allow', Action: 'sts:*', Resource: '*' };
  const deny = { Effect: 'Deny', Action: 'sts:AssumeRole', Resource: '*' };
  expect(policyAllows([allow], 'sts:AssumeRole', 'arn:aws:iam::1:role/x')).toBe(true);
  expect(policyAllows([allow, deny], 'sts:AssumeRole', 'arn:aws:iam::1:role/x')).toBe(false);
  expect(policyAllows([allow, deny], 'sts:TagSession', 'arn:aws:iam::1:role/x')).toBe(true);
  expect(policyAllows([], 'sts:TagSession', '*')).toBe(false);
});
