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
