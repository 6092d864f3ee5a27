import { accessChecks, mappingChecks } from '../../../lib/cli/access-checks';
import { desiredMappings } from '../../../lib/config/mappings';
import { validateEnvironment } from '../../../lib/config/validate';
import { ACCOUNT, role, testEnvironment } from './cli-setup';

const env = validateEnvironment(testEnvironment());

describe('mappingChecks', () => {
  test('one entry per declared mapping, roles then users, each with the principal the live aws-auth is searched for', () => {
    const { mapRoles, mapUsers } = desiredMappings(env);
    const checks = mappingChecks(env);
    expect(checks.map((m) => [m.principal, m.username, m.groups])).toEqual([
      ...mapRoles.map((r) => [{ kind: 'role', arn: r.rolearn }, r.username, r.groups]),
      ...mapUsers.map((u) => [{ kind: 'user', arn: u.userarn }, u.username, u.groups]),
    ]);
    expect(checks.find((m) => m.principal.kind === 'user')?.principal.arn).toBe(`arn:aws:iam::${ACCOUNT}:user/ci-bot`);
  });

  test('node roles are checked too: they must not do *', () => {
    const node = mappingChecks(env).find((m) => m.principal.arn === role('eks-access-test-node-general'));
    expect(node?.checks).toEqual([
      { attributes: { verb: '*', group: '*', resource: '*' }, expectAllowed: false, describe: 'node role eks-access-test-node-general cannot do * on * cluster-wide' },
    ]);
  });

  test('only a cluster admin is expected to do *; a reader lists pods but reads no secrets', () => {
    const byUser = new Map(mappingChecks(env).map((m) => [m.username, m.checks]));
    expect(byUser.get('admin')?.map((c) => [c.describe, c.expectAllowed])).toEqual([['admin can do * on * cluster-wide', true]]);
    expect(byUser.get('reader')?.map((c) => [c.describe, c.expectAllowed])).toEqual([
      ['reader cannot do * on * cluster-wide', false],
      ['reader can list pods cluster-wide', true],
      ['reader cannot get secrets cluster-wide', false],
      ['reader cannot delete pods cluster-wide', false],
    ]);
    expect(accessChecks(env)).toEqual(mappingChecks(env).flatMap((m) => m.checks));
  });
});
