/**
 * `accessBackend` and the access-entry rules checked at synth (lib/config/validate/access-entries.ts):
 * each problem names the environment, the field, the value and the fix.
 */
import type { EnvironmentConfig } from '../../../../lib/config/types';
import { validateEnvironment } from '../../../../lib/config/validate';
import { RESERVED_USERNAME_PREFIXES, accessEntryGroupProblem, accessEntryUsernameProblem } from '../../../../lib/config/validate/access-entries';
import { Groups } from '../../../../lib/k8s/groups';
import { problemLines } from '../problem-lines';
import { ACCOUNT, FULL, envConfig, fullEnvConfig } from '../../../config-fixtures';

/** The problem lines of `env`, none when it validates. */
function linesOf(env: EnvironmentConfig): string[] {
  try {
    validateEnvironment(env);
    return [];
  } catch {
    return problemLines(env);
  }
}

const both = (overrides: Partial<EnvironmentConfig> = {}) => envConfig({ accessBackend: 'both', ...overrides });
const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;

describe('accessBackend', () => {
  test('absent is aws-auth; aws-auth and both are taken as given', () => {
    expect(validateEnvironment(envConfig()).accessBackend).toBe('aws-auth');
    expect(validateEnvironment(envConfig({ accessBackend: 'aws-auth' })).accessBackend).toBe('aws-auth');
    expect(validateEnvironment(both()).accessBackend).toBe('both');
  });

  test.each([['access-entries'], ['API'], [true]])('%j is refused, naming the ones there are', (value) => {
    expect(linesOf(envConfig({ accessBackend: value as never }))).toEqual([
      `[test] accessBackend = ${JSON.stringify(value)}: must be one of "aws-auth", "both" ("both": people get EKS access entries and keep their aws-auth entries; the switch to access entries alone is not offered yet)`,
    ]);
  });

  test('every mapping of the full environment has an access-entry reading: both is accepted', () => {
    expect(validateEnvironment(fullEnvConfig({ accessBackend: 'both' })).accessBackend).toBe('both');
  });
});

describe('usernames', () => {
  test.each(RESERVED_USERNAME_PREFIXES.map((prefix) => [prefix]))('one starting with %s: refused for aws-auth already, and for an access entry', (prefix) => {
    expect(accessEntryUsernameProblem(`${prefix}ops`)).toBe(`starts with "${prefix}", which EKS refuses in an access entry's username (system:, eks:, aws:, amazon:, iam: are its own); pick another prefix, for example "team:"`);
    const people = [{ roleName: 'ops', username: `${prefix}ops`, groups: [Groups.developer] }];
    expect(linesOf(both({ people }))).toEqual(linesOf(envConfig({ people })));
    expect(linesOf(both({ people }))).toHaveLength(1);
  });

  test('{{SessionName}} and {{SessionNameRaw}} need a colon somewhere before them', () => {
    expect(accessEntryUsernameProblem('break-glass:{{SessionName}}')).toBeUndefined();
    expect(accessEntryUsernameProblem('jo:hn{{SessionNameRaw}}')).toBeUndefined();
    expect(accessEntryUsernameProblem(':{{SessionName}}')).toBeUndefined();
    expect(accessEntryUsernameProblem('developer')).toBeUndefined();
    expect(linesOf(both({ existingRoles: [{ arn: role('ops'), username: 'ops-{{SessionName}}', groups: [] }] }))).toEqual([
      '[test] existingRoles[0].username = "ops-{{SessionName}}": has {{SessionName}} without a colon before it, which EKS refuses in an access entry\'s username; put a colon before it, for example "ops-:{{SessionName}}" (accessBackend "both")',
    ]);
    expect(accessEntryUsernameProblem('{{SessionNameRaw}}')).toBe('has {{SessionNameRaw}} without a colon before it, which EKS refuses in an access entry\'s username; put a colon before it, for example "user:{{SessionNameRaw}}"');
  });

  test('a reserved prefix is a problem even when a template follows it', () => {
    expect(accessEntryUsernameProblem('aws:{{SessionName}}')).toMatch(/^starts with "aws:"/);
  });
});

describe('groups', () => {
  test('system:masters has an equivalent (the admin policy); another system: group has none', () => {
    expect(accessEntryGroupProblem(Groups.clusterAdmin)).toBeUndefined();
    expect(accessEntryGroupProblem('platform')).toBeUndefined();
    expect(accessEntryGroupProblem('systems')).toBeUndefined();
    expect(accessEntryGroupProblem('system:monitoring')).toBe('has no access-entry equivalent: an access entry\'s groups may not start with "system:" (only system:masters has one, the AmazonEKSClusterAdminPolicy access policy); bind the permissions to a group of your own, or keep this environment on accessBackend "aws-auth"');
  });

  test('a system: group the aws-auth rules refuse already gets no second problem with both', () => {
    const users = [{ arn: `arn:aws:iam::${ACCOUNT}:user/ci`, username: 'ci', groups: [Groups.reader, 'system:monitoring'] }];
    expect(linesOf(both({ users }))).toEqual(linesOf(envConfig({ users })));
    expect(linesOf(both({ users }))).toHaveLength(1);
  });

  test('node roles are not access entries: their system: groups are theirs', () => {
    const existingRoles = [{ arn: FULL.karpenterNodeRole, username: 'system:node:{{EC2PrivateDNSName}}', groups: [Groups.bootstrappers, Groups.nodes], nodeRole: true }];
    expect(linesOf(both({ existingRoles }))).toEqual([]);
  });
});

describe('one entry per principal', () => {
  test('a principal mapped twice, even the same way, is refused with both (EKS allows one entry per principal and cluster)', () => {
    const mapping = { arn: role('ops'), username: 'ops', groups: [Groups.reader] };
    expect(linesOf(envConfig({ existingRoles: [mapping, mapping] }))).toEqual([]);
    expect(linesOf(both({ existingRoles: [mapping, mapping] }))).toEqual([
      `[test] existingRoles[1] = "${role('ops')}": is the principal of existingRoles[0] too, and EKS allows one access entry per principal and cluster; map it once (accessBackend "both")`,
    ]);
  });

  test('a people role and an existing role of the same ARN', () => {
    const lines = linesOf(both({ existingRoles: [{ arn: role('test_developer'), username: 'developer', groups: [Groups.developer] }] }));
    expect(lines).toEqual([
      `[test] existingRoles[0] = "${role('test_developer')}": is the principal of people[0] too, and EKS allows one access entry per principal and cluster; map it once (accessBackend "both")`,
    ]);
  });

  test('the same role name under two paths is two principals for access entries', () => {
    const existingRoles = [
      { arn: role('a/ops'), username: 'ops-a', groups: [Groups.reader] },
      { arn: role('b/ops'), username: 'ops-b', groups: [Groups.reader] },
    ];
    expect(linesOf(both({ existingRoles })).filter((l) => l.includes('one access entry'))).toEqual([]);
  });
});
