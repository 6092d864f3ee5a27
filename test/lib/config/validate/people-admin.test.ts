/**
 * Config validation of the trust of cluster-admin people roles: explicit principals only, never a
 * whole account, and a break-glass role that requires MFA (trusted by IAM users).
 */
import type { PeopleRoleConfig } from '../../../../lib/config/types';
import { validateEnvironment } from '../../../../lib/config/validate';
import { Groups } from '../../../../lib/k8s/groups';
import { problemLines } from '../problem-lines';
import { ACCOUNT, envConfig } from '../../../config-fixtures';

const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const user = (name: string) => `arn:aws:iam::${ACCOUNT}:user/${name}`;


/** `envConfig` with cluster admin allowed and the given people. */
const withPeople = (...people: PeopleRoleConfig[]) => envConfig({ allowClusterAdmin: true, people });
const admin = (overrides: Partial<PeopleRoleConfig> = {}): PeopleRoleConfig => ({
  roleName: 'test_admin', username: 'admin', groups: [Groups.clusterAdmin], trustedPrincipals: [role('platform-admin')], ...overrides,
});
const breakGlass = (overrides: Partial<PeopleRoleConfig> = {}): PeopleRoleConfig =>
  admin({ roleName: 'test_break_glass', username: 'break-glass:{{SessionName}}', breakGlass: true, trustedPrincipals: [user('break-glass')], ...overrides });

const ADMIN_TRUST_FIX = 'list the IAM role or user ARNs that may assume it (for example your IAM Identity Center admin role, '
  + 'arn:aws:iam::ACCOUNT:role/aws-reserved/sso.amazonaws.com/REGION/AWSReservedSSO_AdministratorAccess_ID), and keep a break-glass role (breakGlass: true, trusted by IAM users with MFA)';
const MFA_USERS_ONLY = 'is not an IAM user, and a break-glass role requires MFA (aws:MultiFactorAuthPresent), which only an IAM user presents when it calls sts:AssumeRole with --serial-number and --token-code; '
  + 'a role session (IAM Identity Center included) never does, so it could never assume this role. Trust break-glass IAM users (arn:aws:iam::ACCOUNT:user/NAME) with MFA devices';

describe('trust of a cluster-admin people role', () => {
  test('explicit role and user ARNs (other accounts too) are accepted', () => {
    const resolved = validateEnvironment(withPeople(admin({ trustedPrincipals: [role('platform-admin'), user('alice'), 'arn:aws:iam::210987654321:role/ops'] })));
    expect(resolved.people[0]).toEqual(expect.objectContaining({ trustedPrincipals: [role('platform-admin'), user('alice'), 'arn:aws:iam::210987654321:role/ops'], breakGlass: false }));
  });

  test('the default (the account root) is refused, naming the field and the fix', () => {
    expect(problemLines(withPeople(admin({ trustedPrincipals: undefined })))).toEqual([
      `[test] people[0].trustedPrincipals = (missing): maps to system:masters, so it may not default to trusting the whole account root; ${ADMIN_TRUST_FIX}`,
    ]);
  });

  test('an account id, its own or another, is refused per entry', () => {
    expect(problemLines(withPeople(admin({ trustedPrincipals: [role('platform-admin'), ACCOUNT, '210987654321'] })))).toEqual([
      `[test] people[0].trustedPrincipals[1] = "${ACCOUNT}": is a whole account root (any principal of account ${ACCOUNT} that its IAM policies allow), and this role maps to system:masters; ${ADMIN_TRUST_FIX}`,
      `[test] people[0].trustedPrincipals[2] = "210987654321": is a whole account root (any principal of account 210987654321 that its IAM policies allow), and this role maps to system:masters; ${ADMIN_TRUST_FIX}`,
    ]);
  });

  test('also without allowClusterAdmin: both problems are reported', () => {
    const lines = problemLines(envConfig({ people: [admin({ trustedPrincipals: undefined })] }));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\[test\] people\[0\]\.groups\[0\] = "system:masters": grants cluster-admin;/);
    expect(lines[1]).toMatch(/^\[test\] people\[0\]\.trustedPrincipals = \(missing\): maps to system:masters/);
  });

  test('a role without system:masters may still trust an account (and defaults to its own)', () => {
    const resolved = validateEnvironment(withPeople(
      admin(),
      { roleName: 'test_reader', username: 'reader', groups: [Groups.reader], trustedPrincipals: ['210987654321'] },
      { roleName: 'test_developer', username: 'developer', groups: [Groups.developer] },
    ));
    expect(resolved.people.map((p) => p.trustedPrincipals)).toEqual([[role('platform-admin')], ['210987654321'], [ACCOUNT]]);
  });
});

describe('breakGlass', () => {
  test('a break-glass admin trusted by IAM users is accepted and resolved', () => {
    const resolved = validateEnvironment(withPeople(admin(), breakGlass({ trustedPrincipals: [user('break-glass'), user('break-glass-2')] })));
    expect(resolved.people[1]).toEqual(expect.objectContaining({ breakGlass: true, trustedPrincipals: [user('break-glass'), user('break-glass-2')] }));
  });

  test('a role ARN cannot present MFA: refused', () => {
    expect(problemLines(withPeople(breakGlass({ trustedPrincipals: [user('break-glass'), role('sso-admin')] })))).toEqual([
      `[test] people[0].trustedPrincipals[1] = "${role('sso-admin')}": ${MFA_USERS_ONLY}`,
    ]);
  });

  test('an account root is refused as for any admin role (once, not also as "not a user")', () => {
    expect(problemLines(withPeople(breakGlass({ trustedPrincipals: [ACCOUNT] })))).toEqual([
      `[test] people[0].trustedPrincipals[0] = "${ACCOUNT}": is a whole account root (any principal of account ${ACCOUNT} that its IAM policies allow), and this role maps to system:masters; ${ADMIN_TRUST_FIX}`,
    ]);
  });

  test('on a role without system:masters: refused', () => {
    expect(problemLines(withPeople({ roleName: 'test_reader', username: 'reader', groups: [Groups.reader], breakGlass: true, trustedPrincipals: [user('x')] }))).toEqual([
      '[test] people[0].breakGlass = true: marks a break-glass cluster-admin role, but groups do not include system:masters; add system:masters or remove breakGlass',
    ]);
  });

  test('not a boolean: refused', () => {
    expect(problemLines(withPeople(breakGlass({ breakGlass: 'true' as unknown as boolean })))).toEqual(['[test] people[0].breakGlass = "true": must be true or false']);
  });
});
