/** validateDesired: the shape of one owner's entries, the exact refusal for each branch, and the order returned. */
import { AwsAuthInputError } from '../../../../lambda/aws-auth/core/errors';
import { validateDesired } from '../../../../lambda/aws-auth/core/validate';
import { STRICT } from './fixtures';

const ROLE = 'arn:aws:iam::111122223333:role/x';
const USER = 'arn:aws:iam::111122223333:user/u';
const ADMIN = { ...STRICT, allowClusterAdmin: true };
const role = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ rolearn: ROLE, username: 'x', groups: [], ...extra });
const user = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ userarn: USER, username: 'u', groups: [], ...extra });

/** The AwsAuthInputError message validateDesired throws. */
function refusal(desired: unknown, options = STRICT): string {
  try {
    validateDesired(desired, options);
  } catch (e) {
    expect(e).toBeInstanceOf(AwsAuthInputError);
    return (e as Error).message;
  }
  throw new Error('validateDesired did not throw');
}

describe('the lists', () => {
  test.each<[string, unknown]>([
    ['an empty object', {}],
    ['null lists', { mapRoles: null, mapUsers: null, mapAccounts: null }],
    ['empty lists', { mapRoles: [], MapUsers: [], mapAccounts: [] }],
  ])('%s: all empty', (_name, desired) => {
    expect(validateDesired(desired, STRICT)).toEqual({ mapRoles: [], mapUsers: [], mapAccounts: [] });
  });

  test('the camel-case name wins over the resource property name, even when null', () => {
    expect(validateDesired({ mapRoles: [role()], MapRoles: [role({ username: 'other' })] }, STRICT).mapRoles).toEqual([role()]);
    expect(validateDesired({ mapUsers: null, MapUsers: [user()] }, STRICT).mapUsers).toEqual([]);
    expect(validateDesired({ MapUsers: [user()], MapAccounts: ['111122223333'] }, STRICT)).toEqual({ mapRoles: [], mapUsers: [user()], mapAccounts: ['111122223333'] });
  });

  test.each<[string, unknown, string]>([
    ['null', null, 'desired entries must be an object with mapRoles, mapUsers and mapAccounts, got null'],
    ['a list', [role()], `desired entries must be an object with mapRoles, mapUsers and mapAccounts, got [{"rolearn":"${ROLE}","username":"x","groups":[]}]`],
    ['a string', 'mapRoles', 'desired entries must be an object with mapRoles, mapUsers and mapAccounts, got "mapRoles"'],
    ['undefined', undefined, 'desired entries must be an object with mapRoles, mapUsers and mapAccounts, got undefined'],
    ['mapRoles an object', { mapRoles: { a: 1 } }, 'mapRoles must be a list, got {"a":1}'],
    ['MapUsers a string', { MapUsers: 'u' }, 'mapUsers must be a list, got "u"'],
    ['mapAccounts a number', { mapAccounts: 1 }, 'mapAccounts must be a list, got 1'],
  ])('refused: %s', (_name, desired, message) => {
    expect(refusal(desired)).toBe(message);
  });

  test('a long value is cut at 200 characters in the message', () => {
    const long = 'v'.repeat(300);
    expect(refusal({ mapRoles: long })).toBe(`mapRoles must be a list, got "${'v'.repeat(199)}...`);
  });
});

describe('one entry', () => {
  test.each<[string, unknown, string]>([
    ['a role that is not an object', { mapRoles: ['x'] }, 'mapRoles[0] must be an object with rolearn, username, groups, got "x"'],
    ['a role that is null', { mapRoles: [role(), null] }, 'mapRoles[1] must be an object with rolearn, username, groups, got null'],
    ['a role that is a list', { mapRoles: [[]] }, 'mapRoles[0] must be an object with rolearn, username, groups, got []'],
    ['a user that is not an object', { mapUsers: [5] }, 'mapUsers[0] must be an object with userarn, username, groups, got 5'],
    ['a role with a userarn', { mapRoles: [role({ userarn: USER })] }, 'mapRoles[0] has unknown field "userarn"; allowed fields are rolearn, username, groups'],
    ['a user with a rolearn', { mapUsers: [user({ rolearn: ROLE })] }, 'mapUsers[0] has unknown field "rolearn"; allowed fields are userarn, username, groups'],
    ['a field spelled in capitals', { mapRoles: [{ RoleARN: ROLE, username: 'x', groups: [] }] }, 'mapRoles[0] has unknown field "RoleARN"; allowed fields are rolearn, username, groups'],
    ['a role without rolearn', { mapRoles: [{ username: 'x', groups: [] }] },
      'mapRoles[0].rolearn: expected an IAM role ARN, got undefined; write it as arn:aws:iam::123456789012:role/NAME'],
    ['a user ARN that is a role', { mapUsers: [user({ userarn: ROLE })] },
      `mapUsers[0].userarn: "${ROLE}" is an IAM role ARN where an IAM user ARN is expected; map roles under roles/mapRoles`],
    ['a user without username', { mapUsers: [{ userarn: USER, groups: [] }] },
      'mapUsers[0].username must be a non-empty string, got undefined; set it to the Kubernetes username'],
    ['a numeric username', { mapRoles: [role({ username: 7 })] },
      'mapRoles[0].username must be a non-empty string, got 7; set it to the Kubernetes username'],
    ['a username with a line break', { mapUsers: [user({ username: 'a\u2028' })] },
      'mapUsers[0].username "a\u2028" is not a usable Kubernetes username: it contains U+2028 at position 2, a YAML 1.1 line break (NEL, LS or PS), which YAML readers disagree on; use printable characters without leading or trailing spaces (at most 1024)'],
    ['an empty group', { mapRoles: [role({ groups: ['a', ''] })] },
      'mapRoles[0].groups[1] must be a non-empty string, got ""; set it to the Kubernetes group name'],
    ['a group with a trailing space', { mapUsers: [user({ groups: ['a '] })] },
      'mapUsers[0].groups[0] "a " is not a usable Kubernetes group name: it starts or ends with whitespace; use printable characters without leading or trailing spaces (at most 1024)'],
    ['groups missing', { mapUsers: [{ userarn: USER, username: 'u' }] },
      'mapUsers[0].groups must be a list of Kubernetes group names, got undefined; use [] for none'],
    ['groups an object', { mapRoles: [role({ groups: { a: 1 } })] },
      'mapRoles[0].groups must be a list of Kubernetes group names, got {"a":1}; use [] for none'],
    ['a group listed twice', { mapRoles: [role({ groups: ['a', 'b', 'a'] })] },
      'mapRoles[0].groups lists "a" twice; list each group once'],
    ['system:masters on a user without allowClusterAdmin', { mapUsers: [user({ groups: ['dev', 'system:masters'] })] },
      'mapUsers[0].groups includes "system:masters" (full cluster admin); set allowClusterAdmin: true to allow it, or map a narrower group bound with RBAC'],
  ])('refused: %s', (_name, desired, message) => {
    expect(refusal(desired)).toBe(message);
  });

  test('a long username is cut at 200 characters in the message', () => {
    const message = refusal({ mapRoles: [role({ username: 'u'.repeat(1030) })] });
    expect(message).toBe(`mapRoles[0].username "${'u'.repeat(199)}... is not a usable Kubernetes username: it is 1030 characters long; use printable characters without leading or trailing spaces (at most 1024)`);
  });

  test('a message of exactly 200 characters is not cut', () => {
    const value = 'w'.repeat(198);
    expect(refusal({ mapRoles: value })).toBe(`mapRoles must be a list, got "${value}"`);
  });

  test('system:masters is accepted with allowClusterAdmin, for users too', () => {
    expect(validateDesired({ mapUsers: [user({ groups: ['system:masters'] })] }, ADMIN).mapUsers).toEqual([user({ groups: ['system:masters'] })]);
  });

  test('only ARN errors are reworded as input errors (a value JSON cannot hold fails as it is)', () => {
    expect(() => validateDesired({ mapRoles: [role({ rolearn: BigInt(1) })] }, STRICT)).toThrow(TypeError);
  });

  test('the entries come back normalized: role paths stripped, user ARNs as written', () => {
    expect(validateDesired({
      mapRoles: [role({ rolearn: 'arn:aws:iam::111122223333:role/team/X' })],
      mapUsers: [user({ userarn: 'arn:aws:iam::111122223333:user/ops/U' })],
    }, STRICT)).toEqual({
      mapRoles: [role({ rolearn: 'arn:aws:iam::111122223333:role/X' })],
      mapUsers: [user({ userarn: 'arn:aws:iam::111122223333:user/ops/U' })],
      mapAccounts: [],
    });
  });
});

describe('accounts', () => {
  test.each<[string, unknown, string]>([
    ['11 digits', '11112222333', 'mapAccounts[1] must be a 12-digit AWS account id as a string, got "11112222333"; quote it to keep leading zeros, e.g. "012345678901"'],
    ['an object', { id: 1 }, 'mapAccounts[1] must be a 12-digit AWS account id as a string, got {"id":1}; quote it to keep leading zeros, e.g. "012345678901"'],
  ])('refused: %s', (_name, account, message) => {
    expect(refusal({ mapAccounts: ['111122223333', account] })).toBe(message);
  });
});

describe('each principal once', () => {
  test.each<[string, unknown, string]>([
    ['the same role twice', { mapRoles: [role(), role({ username: 'y' })] },
      `mapRoles[0] and mapRoles[1] both map role "${ROLE}"; declare each principal once`],
    ['the same role in another case, third after another', { mapRoles: [role(), role({ rolearn: 'arn:aws:iam::111122223333:role/z' }), role({ rolearn: 'arn:aws:iam::111122223333:role/X' })] },
      `mapRoles[0] and mapRoles[2] both map role "${ROLE}"; declare each principal once`],
    ['the same user twice', { mapUsers: [user(), user(), user()] },
      `mapUsers[0] and mapUsers[1] both map user "${USER}"; declare each principal once`],
    ['the same account twice', { mapAccounts: ['111122223333', '444455556666', '444455556666'] },
      'mapAccounts[1] and mapAccounts[2] both map account "444455556666"; declare each principal once'],
  ])('refused: %s', (_name, desired, message) => {
    expect(refusal(desired)).toBe(message);
  });

  test('user ARNs that differ in case are both accepted here (the merge treats them as one principal)', () => {
    const upper = 'arn:aws:iam::111122223333:user/U';
    expect(validateDesired({ mapUsers: [user(), user({ userarn: upper })] }, STRICT).mapUsers.map((u) => u.userarn)).toEqual([upper, USER]);
  });
});

describe('the order returned: by key, whatever the declaration order', () => {
  test('roles by their key (lower-cased, path stripped), users by the ARN as written, accounts by id', () => {
    const roles = ['role/c', 'role/B', 'role/p/a'].map((r) => role({ rolearn: `arn:aws:iam::111122223333:${r}` }));
    const users = ['user/c', 'user/B', 'user/a'].map((u) => user({ userarn: `arn:aws:iam::111122223333:${u}` }));
    const out = validateDesired({ mapRoles: roles, mapUsers: users, mapAccounts: ['333333333333', '111111111111', '222222222222'] }, STRICT);
    expect(out.mapRoles.map((r) => r.rolearn)).toEqual(['role/a', 'role/B', 'role/c'].map((r) => `arn:aws:iam::111122223333:${r}`));
    expect(out.mapUsers.map((u) => u.userarn)).toEqual(['user/B', 'user/a', 'user/c'].map((u) => `arn:aws:iam::111122223333:${u}`));
    expect(out.mapAccounts).toEqual(['111111111111', '222222222222', '333333333333']);
  });

  test('the input lists are not reordered', () => {
    const mapAccounts = ['333333333333', '111111111111'];
    const mapRoles = [role({ rolearn: 'arn:aws:iam::111122223333:role/b' }), role({ rolearn: 'arn:aws:iam::111122223333:role/a' })];
    validateDesired({ mapRoles, mapAccounts }, STRICT);
    expect(mapAccounts).toEqual(['333333333333', '111111111111']);
    expect(mapRoles.map((r) => r.rolearn)).toEqual(['arn:aws:iam::111122223333:role/b', 'arn:aws:iam::111122223333:role/a']);
  });
});
