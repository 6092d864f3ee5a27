/** parsePrincipalArn: which ARNs may be written into aws-auth, what they parse to, and the exact refusals. */
import * as fc from 'fast-check';
import {
  ArnError, PARTITIONS, isAccountId, normalizeRoleArn, normalizeUserArn, parsePrincipalArn, roleKey,
} from '../../../../lambda/aws-auth/core/arn';
import type { IamPrincipalArn } from '../../../../lambda/aws-auth/core/arn';

const ACCT = '111122223333';
const ALL_PARTITIONS = 'aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-eusc';

/** The ArnError message parsePrincipalArn throws (fails the test when it does not throw one). */
function refusal(arn: unknown, expected?: 'role' | 'user'): string {
  try {
    parsePrincipalArn(arn as string, expected);
  } catch (e) {
    expect(e).toBeInstanceOf(ArnError);
    expect((e as Error).name).toBe('ArnError');
    return (e as Error).message;
  }
  throw new Error(`parsePrincipalArn(${JSON.stringify(arn)}) did not throw`);
}

describe('accepted: what each ARN parses to', () => {
  test.each<[string, string, 'role' | 'user' | undefined, IamPrincipalArn]>([
    ['a role', `arn:aws:iam::${ACCT}:role/Admin`, undefined,
      { partition: 'aws', account: ACCT, kind: 'role', path: '/', name: 'Admin' }],
    ['a role where a role is expected', `arn:aws:iam::${ACCT}:role/Admin`, 'role',
      { partition: 'aws', account: ACCT, kind: 'role', path: '/', name: 'Admin' }],
    ['a user', `arn:aws:iam::${ACCT}:user/alice`, undefined,
      { partition: 'aws', account: ACCT, kind: 'user', path: '/', name: 'alice' }],
    ['a user where a user is expected', `arn:aws:iam::${ACCT}:user/alice`, 'user',
      { partition: 'aws', account: ACCT, kind: 'user', path: '/', name: 'alice' }],
    ['a role with a one-level path', `arn:aws:iam::${ACCT}:role/team/Dev`, 'role',
      { partition: 'aws', account: ACCT, kind: 'role', path: '/team/', name: 'Dev' }],
    ['a role with a deep path', `arn:aws-cn:iam::${ACCT}:role/a/b/c/Dev`, 'role',
      { partition: 'aws-cn', account: ACCT, kind: 'role', path: '/a/b/c/', name: 'Dev' }],
    ['a user with a path', `arn:aws-us-gov:iam::${ACCT}:user/ops/alice`, 'user',
      { partition: 'aws-us-gov', account: ACCT, kind: 'user', path: '/ops/', name: 'alice' }],
    ['every character IAM allows in names and paths', `arn:aws:iam::${ACCT}:role/p+=,.@_-9/n+=,.@_-9`, 'role',
      { partition: 'aws', account: ACCT, kind: 'role', path: '/p+=,.@_-9/', name: 'n+=,.@_-9' }],
    ['a one-character name', `arn:aws:iam::${ACCT}:role/x`, 'role',
      { partition: 'aws', account: ACCT, kind: 'role', path: '/', name: 'x' }],
    ['a 128-character name', `arn:aws:iam::${ACCT}:role/${'n'.repeat(128)}`, 'role',
      { partition: 'aws', account: ACCT, kind: 'role', path: '/', name: 'n'.repeat(128) }],
    ['the SSO reserved path', `arn:aws:iam::${ACCT}:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Admin_0123abcd`, 'role',
      { partition: 'aws', account: ACCT, kind: 'role', path: '/aws-reserved/sso.amazonaws.com/eu-west-1/', name: 'AWSReservedSSO_Admin_0123abcd' }],
    ['a role NAMED aws-service-role (no path)', `arn:aws:iam::${ACCT}:role/aws-service-role`, 'role',
      { partition: 'aws', account: ACCT, kind: 'role', path: '/', name: 'aws-service-role' }],
    ['aws-service-role deeper in the path (only a leading one is service-linked)', `arn:aws:iam::${ACCT}:role/x/aws-service-role/Dev`, 'role',
      { partition: 'aws', account: ACCT, kind: 'role', path: '/x/aws-service-role/', name: 'Dev' }],
    ['a path that only starts like aws-service-role', `arn:aws:iam::${ACCT}:role/aws-service-roles/Dev`, 'role',
      { partition: 'aws', account: ACCT, kind: 'role', path: '/aws-service-roles/', name: 'Dev' }],
    ['a USER under an aws-service-role path (only roles are service-linked)', `arn:aws:iam::${ACCT}:user/aws-service-role/x/alice`, 'user',
      { partition: 'aws', account: ACCT, kind: 'user', path: '/aws-service-role/x/', name: 'alice' }],
    ['an account id with leading zeros', 'arn:aws:iam::000000000001:role/x', 'role',
      { partition: 'aws', account: '000000000001', kind: 'role', path: '/', name: 'x' }],
  ])('%s', (_name, arn, expected, parsed) => {
    expect(parsePrincipalArn(arn, expected)).toEqual(parsed);
  });

  test('the partitions the authenticator accepts, each one parsed', () => {
    expect(PARTITIONS.join(', ')).toBe(ALL_PARTITIONS);
    for (const p of PARTITIONS) {
      expect(parsePrincipalArn(`arn:${p}:iam::${ACCT}:role/x`).partition).toBe(p);
    }
  });
});

describe('refused: the message names the value and the fix', () => {
  test.each<[string, unknown, 'role' | 'user' | undefined, string]>([
    ['empty, nothing expected', '', undefined,
      'expected an IAM role or user ARN, got ""; write it as arn:aws:iam::123456789012:role/NAME'],
    ['empty, a user expected', '', 'user',
      'expected an IAM user ARN, got ""; write it as arn:aws:iam::123456789012:user/NAME'],
    ['a number, a role expected', 42, 'role',
      'expected an IAM role ARN, got 42; write it as arn:aws:iam::123456789012:role/NAME'],
    ['undefined', undefined, undefined,
      'expected an IAM role or user ARN, got undefined; write it as arn:aws:iam::123456789012:role/NAME'],
    ['null, a user expected', null, 'user',
      'expected an IAM user ARN, got null; write it as arn:aws:iam::123456789012:user/NAME'],
    ['a bare name', 'Admin', undefined,
      '"Admin" is not an IAM role or user ARN; write it as arn:aws:iam::123456789012:role/NAME'],
    ['a bare name, a user expected', 'alice', 'user',
      '"alice" is not an IAM user ARN; write it as arn:aws:iam::123456789012:user/NAME'],
    ['a bare name, a role expected', 'Admin', 'role',
      '"Admin" is not an IAM role ARN; write it as arn:aws:iam::123456789012:role/NAME'],
  ])('%s', (_name, arn, expected, message) => {
    expect(refusal(arn, expected)).toBe(message);
  });

  const malformed = (arn: string): string => `${JSON.stringify(arn)} is not an IAM role or user ARN; write it as arn:aws:iam::123456789012:role/NAME`;
  test.each<[string, string]>([
    ['a region in an IAM ARN', `arn:aws:iam:us-east-1:${ACCT}:role/x`],
    ['an 11-digit account', 'arn:aws:iam::11112222333:role/x'],
    ['a 13-digit account', 'arn:aws:iam::1111222233334:role/x'],
    ['a non-digit in the account', 'arn:aws:iam::11112222333a:role/x'],
    ['no account', 'arn:aws:iam:::role/x'],
    ['a partition in capitals', `arn:AWS:iam::${ACCT}:role/x`],
    ['a partition with a digit', `arn:aws1:iam::${ACCT}:role/x`],
    ['no partition', `arn::iam::${ACCT}:role/x`],
    ['another service', `arn:aws:s3::${ACCT}:role/x`],
    ['a service in capitals', `arn:aws:IAM::${ACCT}:role/x`],
    ['the account root (no resource path)', `arn:aws:iam::${ACCT}:root`],
    ['a resource type in capitals', `arn:aws:iam::${ACCT}:Role/x`],
    ['a resource type with a digit', `arn:aws:iam::${ACCT}:role2/x`],
    ['nothing after the slash', `arn:aws:iam::${ACCT}:role/`],
    ['text before arn:', ` arn:aws:iam::${ACCT}:role/x`],
    ['a line break inside the name', `arn:aws:iam::${ACCT}:role/x\ny`],
    ['a line break after the name', `arn:aws:iam::${ACCT}:role/x\n`],
    ['ARN: in capitals', `ARN:aws:iam::${ACCT}:role/x`],
  ])('malformed: %s', (_name, arn) => {
    expect(refusal(arn)).toBe(malformed(arn));
  });

  test.each<[string, string, string]>([
    ['an unknown partition', `arn:aws-xx:iam::${ACCT}:role/x`,
      `"arn:aws-xx:iam::${ACCT}:role/x" has unknown partition "aws-xx"; use one of ${ALL_PARTITIONS}`],
    ['a partition that only prefixes a known one', `arn:aws-iso-bb:iam::${ACCT}:role/x`,
      `"arn:aws-iso-bb:iam::${ACCT}:role/x" has unknown partition "aws-iso-bb"; use one of ${ALL_PARTITIONS}`],
    ['an assumed-role session', `arn:aws:sts::${ACCT}:assumed-role/Admin/me@example.com`,
      `"arn:aws:sts::${ACCT}:assumed-role/Admin/me@example.com" is an STS assumed-role session, not a role; map the role itself: arn:aws:iam::${ACCT}:role/Admin`],
    ['an assumed-role session in another partition', `arn:aws-cn:sts::${ACCT}:assumed-role/Ops/s1`,
      `"arn:aws-cn:sts::${ACCT}:assumed-role/Ops/s1" is an STS assumed-role session, not a role; map the role itself: arn:aws-cn:iam::${ACCT}:role/Ops`],
    ['an assumed-role without a session name', `arn:aws:sts::${ACCT}:assumed-role/Admin`,
      `"arn:aws:sts::${ACCT}:assumed-role/Admin" is an STS assumed-role session, not a role; map the role itself: arn:aws:iam::${ACCT}:role/Admin`],
    ['a federated user', `arn:aws:sts::${ACCT}:federated-user/bob`,
      `"arn:aws:sts::${ACCT}:federated-user/bob" is an STS federated-user ARN; only IAM roles and users can be mapped`],
    ['an STS "role"', `arn:aws:sts::${ACCT}:role/x`,
      `"arn:aws:sts::${ACCT}:role/x" is an STS role ARN; only IAM roles and users can be mapped`],
    ['an IAM group', `arn:aws:iam::${ACCT}:group/admins`,
      `"arn:aws:iam::${ACCT}:group/admins" is an IAM group, not a role or user; only IAM roles and users can be mapped`],
    ['an IAM policy', `arn:aws:iam::${ACCT}:policy/p`,
      `"arn:aws:iam::${ACCT}:policy/p" is an IAM policy, not a role or user; only IAM roles and users can be mapped`],
    ['an IAM assumed-role (the STS type under iam)', `arn:aws:iam::${ACCT}:assumed-role/Admin/me`,
      `"arn:aws:iam::${ACCT}:assumed-role/Admin/me" is an IAM assumed-role, not a role or user; only IAM roles and users can be mapped`],
    ['a service-linked role', `arn:aws:iam::${ACCT}:role/aws-service-role/eks.amazonaws.com/AWSServiceRoleForAmazonEKS`,
      `"arn:aws:iam::${ACCT}:role/aws-service-role/eks.amazonaws.com/AWSServiceRoleForAmazonEKS" is a service-linked role; AWS manages its access, do not map it`],
    ['a service-linked role directly under the path', `arn:aws:iam::${ACCT}:role/aws-service-role/x`,
      `"arn:aws:iam::${ACCT}:role/aws-service-role/x" is a service-linked role; AWS manages its access, do not map it`],
  ])('%s', (_name, arn, message) => {
    expect(refusal(arn)).toBe(message);
    expect(refusal(arn, 'role')).toBe(message);
  });

  test.each<[string, string, 'role' | 'user', string]>([
    ['a user where a role is expected', `arn:aws:iam::${ACCT}:user/bob`, 'role',
      `"arn:aws:iam::${ACCT}:user/bob" is an IAM user ARN where an IAM role ARN is expected; map users under users/mapUsers`],
    ['a role where a user is expected', `arn:aws:iam::${ACCT}:role/bob`, 'user',
      `"arn:aws:iam::${ACCT}:role/bob" is an IAM role ARN where an IAM user ARN is expected; map roles under roles/mapRoles`],
  ])('%s', (_name, arn, expected, message) => {
    expect(refusal(arn, expected)).toBe(message);
  });

  const badName = (arn: string, kind: string): string => `${JSON.stringify(arn)} has an invalid ${kind} name or path; names use letters, digits and +=,.@_- (at most 128)`;
  test.each<[string, string, string]>([
    ['a 129-character name', `arn:aws:iam::${ACCT}:role/${'n'.repeat(129)}`, 'role'],
    ['a character IAM does not allow in the name', `arn:aws:iam::${ACCT}:role/a*b`, 'role'],
    ['a space in the name', `arn:aws:iam::${ACCT}:user/a b`, 'user'],
    ['a non-ASCII letter in the name', `arn:aws:iam::${ACCT}:user/\u00e9`, 'user'],
    ['an empty last segment (trailing slash)', `arn:aws:iam::${ACCT}:role/team/`, 'role'],
    ['an empty first path segment', `arn:aws:iam::${ACCT}:role//x`, 'role'],
    ['an empty path segment after a good one', `arn:aws:iam::${ACCT}:role/ok//x`, 'role'],
    ['a bad path segment after a good one', `arn:aws:iam::${ACCT}:role/ok/a*b/x`, 'role'],
    ['a space in a path segment', `arn:aws:iam::${ACCT}:user/a b/alice`, 'user'],
    ['a colon in a path segment', `arn:aws:iam::${ACCT}:role/a:b/x`, 'role'],
  ])('invalid name or path: %s', (_name, arn, kind) => {
    expect(refusal(arn)).toBe(badName(arn, kind));
  });
});

describe('normalizeRoleArn and roleKey: the path stripped, as aws-auth needs it', () => {
  test.each<[string, string, string]>([
    ['no path', `arn:aws:iam::${ACCT}:role/Dev`, `arn:aws:iam::${ACCT}:role/Dev`],
    ['a path', `arn:aws:iam::${ACCT}:role/team/Dev`, `arn:aws:iam::${ACCT}:role/Dev`],
    ['a deep path in another partition', `arn:aws-iso-f:iam::${ACCT}:role/a/b/Dev`, `arn:aws-iso-f:iam::${ACCT}:role/Dev`],
  ])('%s', (_name, arn, normalized) => {
    expect(normalizeRoleArn(arn)).toBe(normalized);
    expect(roleKey(arn)).toBe(normalized.toLowerCase());
  });

  test('a user ARN is no role', () => {
    expect(() => normalizeRoleArn(`arn:aws:iam::${ACCT}:user/bob`)).toThrow(
      `"arn:aws:iam::${ACCT}:user/bob" is an IAM user ARN where an IAM role ARN is expected; map users under users/mapUsers`);
    expect(() => roleKey('bob')).toThrow('"bob" is not an IAM role ARN; write it as arn:aws:iam::123456789012:role/NAME');
  });

  test('normalizeUserArn keeps the ARN as written and refuses roles', () => {
    expect(normalizeUserArn(`arn:aws:iam::${ACCT}:user/Ops/Alice`)).toBe(`arn:aws:iam::${ACCT}:user/Ops/Alice`);
    expect(() => normalizeUserArn(`arn:aws:iam::${ACCT}:role/bob`)).toThrow(
      `"arn:aws:iam::${ACCT}:role/bob" is an IAM role ARN where an IAM user ARN is expected; map roles under roles/mapRoles`);
  });

  test('property: normalizing is idempotent, and the key ignores path and case', () => {
    const seg = fc.stringMatching(/^[A-Za-z0-9+=,.@_-]{1,8}$/);
    fc.assert(fc.property(fc.array(seg, { maxLength: 3 }), seg, (path, n) => {
      fc.pre(path[0] !== 'aws-service-role');
      const arn = `arn:aws:iam::${ACCT}:role/${[...path, n].join('/')}`;
      const normalized = normalizeRoleArn(arn);
      expect(normalized).toBe(`arn:aws:iam::${ACCT}:role/${n}`);
      expect(normalizeRoleArn(normalized)).toBe(normalized);
      expect(roleKey(arn)).toBe(roleKey(`arn:aws:iam::${ACCT}:role/${n.toUpperCase()}`));
    }), { numRuns: 100 });
  });
});

describe('isAccountId', () => {
  test.each<[string, unknown, boolean]>([
    ['12 digits', ACCT, true],
    ['12 digits with leading zeros', '000000000001', true],
    ['11 digits', '11112222333', false],
    ['13 digits', '1111222233334', false],
    ['a letter', '11112222333a', false],
    ['a leading space', ` ${ACCT}`, false],
    ['a trailing line break', `${ACCT}\n`, false],
    ['12 digits inside more text', `x${ACCT}x`, false],
    ['a number', 111122223333, false],
    ['the empty string', '', false],
    ['undefined', undefined, false],
  ])('%s', (_name, value, ok) => {
    expect(isAccountId(value)).toBe(ok);
  });
});
