import { newAdminRoleAssumer } from '../../../../lib/report/rules/new-admin-role-assumer';
import { allow, check, env, role } from './environment';

const masters = (trust: string[], extra = [] as ReturnType<typeof role>[]) => env({
  roles: [role('admin', trust), ...extra],
  mappings: [{ list: 'mapRoles', owner: 'o', principal: 'role:admin', username: 'admin', groups: ['system:masters'] }],
});

describe('new-admin-role-assumer', () => {
  test('compliant: the same trust in base; a new principal trusted by a role that is not admin', () => {
    const head = masters(['AWS arn:aws:iam::111111111111:role/break-glass']);
    expect(check(newAdminRoleAssumer, head, head)).toEqual([]);
    expect(check(newAdminRoleAssumer, env({ roles: [role('reader')] }), env({ roles: [role('reader', ['AWS arn:aws:iam::111111111111:root'])] }))).toEqual([]);
  });

  test('non-compliant: the masters role trusted by the account root instead of one role', () => {
    const findings = check(newAdminRoleAssumer, masters(['AWS arn:aws:iam::111111111111:role/break-glass']), masters(['AWS arn:aws:iam::111111111111:root']));
    expect(findings).toEqual([expect.objectContaining({ principal: 'AWS arn:aws:iam::111111111111:root' })]);
  });

  test('non-compliant: a role allowed sts:AssumeRole on * (identity policy)', () => {
    const base = masters(['AWS arn:aws:iam::111111111111:role/break-glass']);
    const head = masters(['AWS arn:aws:iam::111111111111:role/break-glass'], [role('ci', [], [allow(['sts:AssumeRole'], ['*'])])]);
    expect(check(newAdminRoleAssumer, base, head)).toEqual([expect.objectContaining({ principal: 'role:ci', grant: 'role:admin policy sts:AssumeRole *' })]);
  });
});
