import { messageText } from '../../../../lib/report/markdown';
import { newAdminRoleAssumer } from '../../../../lib/report/rules/new-admin-role-assumer';
import { allow, check, env, expectRule, role } from './environment';

const masters = (trust: string[], extra = [] as ReturnType<typeof role>[]) => env({
  roles: [role('admin', trust), ...extra],
  mappings: [{ list: 'mapRoles', owner: 'o', principal: 'role:admin', username: 'admin', groups: ['system:masters'] }],
});

describe('new-admin-role-assumer', () => {
  test('id, severity and description', () => {
    expectRule(newAdminRoleAssumer, 'new-admin-role-assumer', 'critical');
  });

  test('compliant: the same trust in base; a new principal trusted by a role that is not admin', () => {
    const head = masters(['AWS arn:aws:iam::111111111111:role/break-glass']);
    expect(check(newAdminRoleAssumer, head, head)).toEqual([]);
    expect(check(newAdminRoleAssumer, env({ roles: [role('reader')] }), env({ roles: [role('reader', ['AWS arn:aws:iam::111111111111:root'])] }))).toEqual([]);
  });

  test('non-compliant: the masters role trusted by the account root instead of one role, in full', () => {
    const findings = check(newAdminRoleAssumer, masters(['AWS arn:aws:iam::111111111111:role/break-glass']), masters(['AWS arn:aws:iam::111111111111:root']));
    expect(findings).toEqual([{
      label: 'assume a role', id: 'AWS arn:aws:iam::111111111111:root', principal: 'AWS arn:aws:iam::111111111111:root',
      grant: 'role:admin trust sts:AssumeRole ', message: expect.any(String),
    }]);
    expect(messageText(findings[0].message)).toBe('can assume a role that reaches cluster admin: trusted by `role:admin` (it is cluster admin)');
  });

  test('non-compliant: a role allowed sts:AssumeRole on * (identity policy)', () => {
    const base = masters(['AWS arn:aws:iam::111111111111:role/break-glass']);
    const head = masters(['AWS arn:aws:iam::111111111111:role/break-glass'], [role('ci', [], [allow(['sts:AssumeRole'], ['*'])])]);
    const findings = check(newAdminRoleAssumer, base, head);
    expect(findings).toEqual([expect.objectContaining({ principal: 'role:ci', grant: 'role:admin policy sts:AssumeRole *' })]);
    expect(messageText(findings[0].message)).toBe('can assume a role that reaches cluster admin: may `sts:AssumeRole` on `*` (it is cluster admin)');
  });
});
