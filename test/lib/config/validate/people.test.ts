/**
 * Config validation of the people roles the app creates: the list, role names (unique ignoring
 * case), session length, who may assume each role, and the defaults a valid role resolves to.
 * Cluster-admin trust and break-glass roles: validate-cluster-admin.test.ts.
 */
import type { EnvironmentConfig, PeopleRoleConfig } from '../../../../lib/config/types';
import { validateEnvironment } from '../../../../lib/config/validate';
import { Groups } from '../../../../lib/k8s/groups';
import { problemLines } from '../problem-lines';
import { ACCOUNT, envConfig } from '../../../config-fixtures';

const person = (overrides: Partial<PeopleRoleConfig> = {}): PeopleRoleConfig => ({ roleName: 'dev', username: 'developer', groups: [Groups.developer], ...overrides });
const withPeople = (...people: PeopleRoleConfig[]) => envConfig({ people });
const ROLE_NAME_FIX = 'must be an IAM role name (letters, digits, +=,.@_-, at most 64)';
const HOURS_FIX = 'must be a whole number of hours from 1 to 12';
const TRUST_FIX = 'list at least one account id or IAM role/user ARN, or omit it to trust the environment account';

describe('people itself', () => {
  test.each([['missing', undefined], ['an object', { roleName: 'dev' }]])('%s is refused', (_label, people) => {
    const shown = people === undefined ? '(missing)' : JSON.stringify(people);
    expect(problemLines(envConfig({ people: people as unknown as EnvironmentConfig['people'] }))).toEqual([`[test] people = ${shown}: must be a list (may be empty)`]);
  });

  test('an empty list is accepted', () => {
    expect(validateEnvironment(withPeople()).people).toEqual([]);
  });
});

describe('roleName', () => {
  test.each([['a space', 'a b'], ['a slash', 'team/dev'], ['65 characters', 'r'.repeat(65)], ['empty', ''], ['a number', 5], ['a list holding a name', ['dev']]])('%s is refused', (_label, roleName) => {
    expect(problemLines(withPeople(person({ roleName: roleName as string })))).toEqual([`[test] people[0].roleName = ${JSON.stringify(roleName)}: ${ROLE_NAME_FIX}`]);
  });

  test.each([['64 characters', 'r'.repeat(64)], ['every allowed sign', 'a+=,.@_-Z9']])('%s is accepted', (_label, roleName) => {
    expect(validateEnvironment(withPeople(person({ roleName }))).people[0].roleName).toBe(roleName);
  });

  test('a name used twice, in any case, is refused on each repeat', () => {
    expect(problemLines(withPeople(person({ roleName: 'Dev' }), person({ roleName: 'ops', username: 'ops' }), person({ roleName: 'dev' }), person({ roleName: 'DEV' })))).toEqual([
      '[test] people[2].roleName = "dev": is used by another people role (IAM role names are case-insensitive)',
      '[test] people[3].roleName = "DEV": is used by another people role (IAM role names are case-insensitive)',
    ]);
  });
});

describe('maxSessionHours', () => {
  test('defaults to 1', () => {
    expect(validateEnvironment(withPeople(person())).people[0].maxSessionHours).toBe(1);
  });

  test.each([1, 6, 12])('%s is accepted', (maxSessionHours) => {
    expect(validateEnvironment(withPeople(person({ maxSessionHours }))).people[0].maxSessionHours).toBe(maxSessionHours);
  });

  test.each([[0, 0], [13, 13], [1.5, 1.5], ['a string', '2']])('%s is refused', (_label, maxSessionHours) => {
    expect(problemLines(withPeople(person({ maxSessionHours: maxSessionHours as number })))).toEqual([
      `[test] people[0].maxSessionHours = ${JSON.stringify(maxSessionHours)}: ${HOURS_FIX}`,
    ]);
  });
});

describe('trustedPrincipals', () => {
  test('with an invalid account, a role without trustedPrincipals adds no problem of its own (the account is reported once)', () => {
    const lines = problemLines(envConfig({ account: '12345', people: [person(), person({ roleName: 'ops' })] }));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[test\] account = "12345": /);
  });

  test('defaults to the environment account', () => {
    expect(validateEnvironment(withPeople(person())).people[0].trustedPrincipals).toEqual([ACCOUNT]);
  });

  test('accounts, role and user ARNs (with paths) are kept as given', () => {
    const trusted = ['210987654321', `arn:aws:iam::${ACCOUNT}:role/team/ops`, `arn:aws:iam::${ACCOUNT}:user/jane`];
    expect(validateEnvironment(withPeople(person({ trustedPrincipals: trusted }))).people[0].trustedPrincipals).toEqual(trusted);
  });

  test.each([['empty', []], ['a string', ACCOUNT]])('%s is refused', (_label, trustedPrincipals) => {
    expect(problemLines(withPeople(person({ trustedPrincipals: trustedPrincipals as string[] })))).toEqual([
      `[test] people[0].trustedPrincipals = ${JSON.stringify(trustedPrincipals)}: ${TRUST_FIX}`,
    ]);
  });

  test('each entry that is neither an account nor a role/user ARN of the partition is refused', () => {
    expect(problemLines(withPeople(person({
      trustedPrincipals: ['12345', 'arn:aws-cn:iam::210987654321:user/jane', 'arn:aws:iam::210987654321:group/admins', 7 as unknown as string],
    })))).toEqual([
      '[test] people[0].trustedPrincipals[0] = "12345": "12345" is not an IAM role ARN; write it as arn:aws:iam::123456789012:role/NAME',
      '[test] people[0].trustedPrincipals[1] = "arn:aws-cn:iam::210987654321:user/jane": is in partition "aws-cn" but the environment\'s region is in "aws"; use arn:aws:iam::...',
      '[test] people[0].trustedPrincipals[2] = "arn:aws:iam::210987654321:group/admins": "arn:aws:iam::210987654321:group/admins" is an IAM group, not a role or user; only IAM roles and users can be mapped',
      '[test] people[0].trustedPrincipals[3] = 7: expected an IAM role ARN, got 7; write it as arn:aws:iam::123456789012:role/NAME',
    ]);
  });

  test('only a string is judged as a user ARN: a list holding one is judged as a role', () => {
    expect(problemLines(withPeople(person({ trustedPrincipals: [[`arn:aws:iam::${ACCOUNT}:user/jane`] as unknown as string] })))).toEqual([
      `[test] people[0].trustedPrincipals[0] = ["arn:aws:iam::${ACCOUNT}:user/jane"]: expected an IAM role ARN, got ["arn:aws:iam::${ACCOUNT}:user/jane"]; write it as arn:aws:iam::123456789012:role/NAME`,
    ]);
  });

  test('a principal whose ARN cannot even be rendered (a bigint) is not swallowed', () => {
    expect(() => validateEnvironment(withPeople(person({ trustedPrincipals: [BigInt(1) as unknown as string] })))).toThrow(TypeError);
  });

  test('an ARN with ":user/" is judged as a user ARN', () => {
    expect(problemLines(withPeople(person({ trustedPrincipals: ['arn:aws:iam::210987654321:user/'] })))).toEqual([
      '[test] people[0].trustedPrincipals[0] = "arn:aws:iam::210987654321:user/": "arn:aws:iam::210987654321:user/" is not an IAM user ARN; write it as arn:aws:iam::123456789012:user/NAME',
    ]);
  });
});

test('groups that are not a list do not make a cluster-admin role, even when the text says system:masters', () => {
  expect(problemLines(withPeople(person({ groups: Groups.clusterAdmin as unknown as string[] })))).toEqual([
    '[test] people[0].groups = "system:masters": must be a list of Kubernetes group names (may be empty)',
  ]);
});

test('a valid role resolves with its defaults and keeps its other fields', () => {
  expect(validateEnvironment(withPeople(person({ groups: ['a', 'b'] }))).people).toEqual([
    { roleName: 'dev', username: 'developer', groups: ['a', 'b'], trustedPrincipals: [ACCOUNT], maxSessionHours: 1, breakGlass: false, consoleAccess: false },
  ]);
});

test('consoleAccess: true or false, nothing else', () => {
  expect(validateEnvironment(withPeople(person({ consoleAccess: true }))).people[0].consoleAccess).toBe(true);
  expect(validateEnvironment(withPeople(person({ consoleAccess: false }))).people[0].consoleAccess).toBe(false);
  expect(problemLines(withPeople(person({ consoleAccess: 'yes' as unknown as boolean })))).toEqual([
    '[test] people[0].consoleAccess = "yes": must be true or false (true: the role may see this cluster\'s nodes and workloads in the EKS console)',
  ]);
});

test('every problem of every role is reported, each under its index', () => {
  expect(problemLines(withPeople(person(), person({ roleName: 'r'.repeat(65), username: '', maxSessionHours: 24, trustedPrincipals: [] })))).toEqual([
    `[test] people[1].roleName = "${'r'.repeat(65)}": ${ROLE_NAME_FIX}`,
    '[test] people[1].username = "": must be a non-empty Kubernetes username',
    `[test] people[1].maxSessionHours = 24: ${HOURS_FIX}`,
    `[test] people[1].trustedPrincipals = []: ${TRUST_FIX}`,
  ]);
});

describe('break-glass trust: a principal already refused is not refused again as "not an IAM user"', () => {
  const admin = (overrides: Partial<PeopleRoleConfig>) => person({ roleName: 'bg', username: 'bg', groups: [Groups.clusterAdmin], breakGlass: true, ...overrides });
  const withAdmin = (overrides: Partial<PeopleRoleConfig>) => envConfig({ allowClusterAdmin: true, people: [admin(overrides)] });

  test('a role ARN of another partition', () => {
    expect(problemLines(withAdmin({ trustedPrincipals: ['arn:aws-cn:iam::210987654321:role/ops'] }))).toEqual([
      '[test] people[0].trustedPrincipals[0] = "arn:aws-cn:iam::210987654321:role/ops": is in partition "aws-cn" but the environment\'s region is in "aws"; use arn:aws:iam::...',
    ]);
  });

  test('a malformed role ARN', () => {
    expect(problemLines(withAdmin({ trustedPrincipals: ['arn:aws:iam::1:role/ops'] }))).toEqual([
      '[test] people[0].trustedPrincipals[0] = "arn:aws:iam::1:role/ops": "arn:aws:iam::1:role/ops" is not an IAM role ARN; write it as arn:aws:iam::123456789012:role/NAME',
    ]);
  });

  test('a breakGlass that is not a boolean does not make the role break-glass', () => {
    expect(problemLines(withAdmin({ breakGlass: 'yes' as unknown as boolean, trustedPrincipals: [`arn:aws:iam::${ACCOUNT}:role/sso-admin`] }))).toEqual([
      '[test] people[0].breakGlass = "yes": must be true or false',
    ]);
  });
});
