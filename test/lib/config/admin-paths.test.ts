/**
 * The lockout invariant: every shipped environment declares at least one admin path that someone
 * can reach (a system:masters mapping whose trust is not empty), and its cluster-admin people
 * roles trust explicit principals with a break-glass role among them. Bad configs show that the
 * check finds each way to lose every path.
 */
import { declaredAdminPaths } from '../../../lib/config/admin-paths';
import { ENVIRONMENTS } from '../../../lib/config/environments';
import type { EnvironmentConfig } from '../../../lib/config/types';
import type { ResolvedEnvironment } from '../../../lib/config/validate';
import { validateEnvironment, validateEnvironments } from '../../../lib/config/validate';
import { Groups } from '../../../lib/k8s/groups';
import { ACCOUNT, envConfig } from '../../config-fixtures';

const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const shipped = validateEnvironments(ENVIRONMENTS);

describe.each(shipped.map((e) => [e.name, e] as [string, ResolvedEnvironment]))('shipped environment %s', (_name, env) => {
  test('has at least one declared admin path, each reached by someone', () => {
    const paths = declaredAdminPaths(env);
    expect(paths.length).toBeGreaterThan(0);
    for (const p of paths) expect(p.reachedBy.length).toBeGreaterThan(0);
  });

  test('keeps a break-glass admin path and a daily one', () => {
    const paths = declaredAdminPaths(env);
    expect(paths.filter((p) => p.breakGlass)).toHaveLength(1);
    expect(paths.filter((p) => !p.breakGlass).length).toBeGreaterThan(0);
  });

  test('no cluster-admin people role trusts an account root', () => {
    for (const person of env.people.filter((p) => p.groups.includes(Groups.clusterAdmin))) {
      for (const t of person.trustedPrincipals) expect(t).toMatch(/^arn:aws:iam::\d{12}:(role|user)\/.+$/);
    }
  });

  test('keeps bootstrapCreatorAdmin true (deployed before the setting: false would replace the cluster)', () => {
    expect(env.bootstrapCreatorAdmin).toBe(true);
  });

  test('keeps the existing people role names (RoleName is create-only)', () => {
    expect(env.people.map((p) => p.roleName)).toEqual(expect.arrayContaining(['external_admin', 'external_developer', 'external_reader']));
  });
});

describe('declaredAdminPaths', () => {
  test('lists each kind of path with the field that declares it', () => {
    const env = validateEnvironment(envConfig({
      allowClusterAdmin: true,
      people: [
        { roleName: 'test_admin', username: 'admin', groups: [Groups.clusterAdmin], trustedPrincipals: [role('sso-admin')] },
        { roleName: 'test_bg', username: 'bg', groups: [Groups.clusterAdmin], trustedPrincipals: [`arn:aws:iam::${ACCOUNT}:user/bg`], breakGlass: true },
        { roleName: 'test_developer', username: 'developer', groups: [Groups.developer] },
      ],
      existingRoles: [{ arn: role('ops'), username: 'ops', groups: [Groups.clusterAdmin] }],
      users: [{ arn: `arn:aws:iam::${ACCOUNT}:user/root-admin`, username: 'root-admin', groups: [Groups.clusterAdmin] }],
    }));
    expect(declaredAdminPaths(env)).toEqual([
      { field: 'people[0]', principal: 'role/test_admin', reachedBy: [role('sso-admin')], breakGlass: false },
      { field: 'people[1]', principal: 'role/test_bg', reachedBy: [`arn:aws:iam::${ACCOUNT}:user/bg`], breakGlass: true },
      { field: 'existingRoles[0]', principal: role('ops'), reachedBy: [role('ops')], breakGlass: false },
      { field: 'users[0]', principal: `arn:aws:iam::${ACCOUNT}:user/root-admin`, reachedBy: [`arn:aws:iam::${ACCOUNT}:user/root-admin`], breakGlass: false },
    ]);
  });

  const dev = ENVIRONMENTS.find((e) => e.name === 'dev') as EnvironmentConfig;
  const withoutAdmins = (e: EnvironmentConfig) => e.people.filter((p) => !p.groups.includes(Groups.clusterAdmin));
  const bad: Array<[string, ResolvedEnvironment]> = [
    ['every admin role removed', validateEnvironment({ ...dev, people: withoutAdmins(dev) })],
    ['admins demoted to reader', validateEnvironment({ ...dev, people: dev.people.map((p) => ({ ...p, groups: [Groups.reader], breakGlass: false })) })],
    ['allowClusterAdmin turned off (the mappings are refused, so nothing reaches admin)', { ...validateEnvironment(dev), allowClusterAdmin: false }],
    ['an admin role whose trust resolved empty', { ...validateEnvironment(dev), people: validateEnvironment(dev).people.map((p) => ({ ...p, trustedPrincipals: [] })) }],
    ['the minimal fixture (no admin at all)', validateEnvironment(envConfig())],
  ];
  test.each(bad)('a config that locks everyone out is found: %s', (_label, env) => {
    expect(declaredAdminPaths(env)).toEqual([]);
  });
});
