import { AwsAuthInputError, validateDesired } from '../../../../lambda/aws-auth/core';
import { SSO_ROLE, STRICT } from './fixtures';

const ROLE = 'arn:aws:iam::111122223333:role/x';

describe('validateDesired', () => {
  test('normalizes pathed role ARNs and sorts by key; accepts the resource property names', () => {
    expect(validateDesired({
      MapRoles: [{ rolearn: ROLE, username: 'x', groups: [] }, { rolearn: SSO_ROLE, username: 'admin', groups: ['admins'] }],
      MapAccounts: ['012345678901'],
    }, STRICT)).toEqual({
      mapRoles: [
        { rolearn: 'arn:aws:iam::111122223333:role/AWSReservedSSO_Admin_0123abcd', username: 'admin', groups: ['admins'] },
        { rolearn: ROLE, username: 'x', groups: [] },
      ],
      mapUsers: [],
      mapAccounts: ['012345678901'],
    });
  });

  test.each([
    ['assumed-role ARN', { mapRoles: [{ rolearn: 'arn:aws:sts::111122223333:assumed-role/Admin/me', username: 'a', groups: [] }] },
      'mapRoles[0].rolearn: "arn:aws:sts::111122223333:assumed-role/Admin/me" is an STS assumed-role session, not a role; map the role itself: arn:aws:iam::111122223333:role/Admin'],
    ['service-linked role', { mapRoles: [{ rolearn: 'arn:aws:iam::111122223333:role/aws-service-role/eks.amazonaws.com/AWSServiceRoleForAmazonEKS', username: 'a', groups: [] }] },
      'mapRoles[0].rolearn: "arn:aws:iam::111122223333:role/aws-service-role/eks.amazonaws.com/AWSServiceRoleForAmazonEKS" is a service-linked role; AWS manages its access, do not map it'],
    ['malformed ARN', { mapRoles: [{ rolearn: 'Admin', username: 'a', groups: [] }] },
      'mapRoles[0].rolearn: "Admin" is not an IAM role ARN; write it as arn:aws:iam::123456789012:role/NAME'],
    ['user ARN under roles', { mapRoles: [{ rolearn: 'arn:aws:iam::111122223333:user/bob', username: 'a', groups: [] }] },
      'mapRoles[0].rolearn: "arn:aws:iam::111122223333:user/bob" is an IAM user ARN where an IAM role ARN is expected; map users under users/mapUsers'],
    ['empty username', { mapUsers: [{ userarn: 'arn:aws:iam::111122223333:user/bob', username: '', groups: [] }] },
      'mapUsers[0].username must be a non-empty string, got ""; set it to the Kubernetes username'],
    ['non-string group', { mapRoles: [{ rolearn: ROLE, username: 'x', groups: ['ok', 7] }] },
      'mapRoles[0].groups[1] must be a non-empty string, got 7; set it to the Kubernetes group name'],
    ['groups not a list', { mapRoles: [{ rolearn: ROLE, username: 'x', groups: 'admins' }] },
      'mapRoles[0].groups must be a list of Kubernetes group names, got "admins"; use [] for none'],
    ['system:masters without allowClusterAdmin', { mapRoles: [{ rolearn: ROLE, username: 'x', groups: ['system:masters'] }] },
      'mapRoles[0].groups includes "system:masters" (full cluster admin); set allowClusterAdmin: true to allow it, or map a narrower group bound with RBAC'],
    ['unknown field', { mapRoles: [{ rolearn: ROLE, username: 'x', group: ['a'] }] },
      'mapRoles[0] has unknown field "group"; allowed fields are rolearn, username, groups'],
    ['duplicate principal after path stripping', { mapRoles: [{ rolearn: ROLE, username: 'x', groups: [] }, { rolearn: 'arn:aws:iam::111122223333:role/p/X', username: 'y', groups: [] }] },
      'mapRoles[0] and mapRoles[1] both map role "arn:aws:iam::111122223333:role/x"; declare each principal once'],
    ['account id as number', { mapAccounts: [12345678901] },
      'mapAccounts[0] must be a 12-digit AWS account id as a string, got 12345678901; quote it to keep leading zeros, e.g. "012345678901"'],
    ['newline in username', { mapRoles: [{ rolearn: ROLE, username: 'a\nb', groups: [] }] },
      'mapRoles[0].username "a\\nb" is not a usable Kubernetes username: it contains U+000A at position 2, a control character, which the authenticator\'s YAML reader refuses unless escaped; use printable characters without leading or trailing spaces (at most 1024)'],
  ])('%s is refused with a message naming field, value and fix', (_name, input, message) => {
    expect(() => validateDesired(input, STRICT)).toThrow(AwsAuthInputError);
    expect(() => validateDesired(input, STRICT)).toThrow(message);
  });

  test('system:masters is accepted with allowClusterAdmin', () => {
    expect(validateDesired({ mapRoles: [{ rolearn: ROLE, username: 'x', groups: ['system:masters'] }] }, { ...STRICT, allowClusterAdmin: true }).mapRoles).toHaveLength(1);
  });
});

describe('username and group characters (derived from what go-yaml v2 reads alike)', () => {
  const withName = (username: string, groups: string[] = []): unknown => ({ mapRoles: [{ rolearn: ROLE, username, groups }] });

  test.each([
    ['NUL (C0 control)', 'a\u0000', 'U+0000 at position 2, a control character'],
    ['tab', '\tb', 'U+0009 at position 1, a control character'],
    ['DEL', 'a\u007f', 'U+007F at position 2, a control character'],
    ['C1 control', 'a\u0080b', 'U+0080 at position 2, a control character'],
    ['NEL (YAML 1.1 line break)', 'a\u0085b', 'U+0085 at position 2, a YAML 1.1 line break (NEL, LS or PS)'],
    ['LS', 'a\u2028b', 'U+2028 at position 2, a YAML 1.1 line break'],
    ['PS', 'a\u2029b', 'U+2029 at position 2, a YAML 1.1 line break'],
    ['BOM', 'a\ufeffb', 'U+FEFF at position 2, the byte-order mark'],
    ['noncharacter U+FFFE', 'a\ufffe', 'U+FFFE at position 2, a noncharacter'],
    ['noncharacter U+FFFF', '\uffffa', 'U+FFFF at position 1, a noncharacter'],
    ['lone high surrogate', 'a\ud800', 'U+D800 at position 2, a lone UTF-16 surrogate'],
    ['lone low surrogate', '\udc00a', 'U+DC00 at position 1, a lone UTF-16 surrogate'],
    ['leading space', ' a', 'it starts or ends with whitespace'],
    ['trailing no-break space', 'a\u00a0', 'it starts or ends with whitespace'],
    ['too long', 'a'.repeat(1025), 'it is 1025 characters long'],
  ])('non-compliant username: %s', (_name, username, why) => {
    expect(() => validateDesired(withName(username), STRICT)).toThrow(AwsAuthInputError);
    expect(() => validateDesired(withName(username), STRICT)).toThrow(`mapRoles[0].username ${JSON.stringify(username).slice(0, 200)}`);
    expect(() => validateDesired(withName(username), STRICT)).toThrow(why);
  });

  test('a group is judged by the same rules, naming its index', () => {
    expect(() => validateDesired(withName('a', ['ok', 'b\ufffe']), STRICT)).toThrow('mapRoles[0].groups[1] "b\ufffe" is not a usable Kubernetes group name: it contains U+FFFE at position 2');
  });

  test.each([
    ['astral emoji', 'dev-\u{1f600}'],
    ['astral noncharacter U+1FFFF (go-yaml reads it raw)', 'a\u{1ffff}'],
    ['last code point U+10FFFF', '\u{10ffff}'],
    ['BMP noncharacter U+FDD0 (inside go-yaml\'s printable range)', 'a\ufdd0'],
    ['replacement character', 'a\ufffd'],
    ['inner no-break space and soft hyphen', 'a\u00a0b\u00adc'],
    ['YAML 1.1 words and numbers', 'yes'],
    ['quotes, backslash, #, colon-space, dash-space', 'a "b" \\ #c: d - e'],
    ['templates', 'sso:{{SessionName}}'],
  ])('compliant username: %s', (_name, username) => {
    expect(validateDesired(withName(username), STRICT).mapRoles[0].username).toBe(username);
  });
});
