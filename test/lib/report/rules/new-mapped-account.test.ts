import { messageText } from '../../../../lib/report/markdown';
import { newMappedAccount } from '../../../../lib/report/rules/new-mapped-account';
import { check, env, expectRule } from './environment';

const owner = (accounts: string[], name = 'o') => ({ owner: name, cluster: 'Cluster/Cluster', allowClusterAdmin: false, accounts });

describe('new-mapped-account', () => {
  test('id, severity and description', () => {
    expectRule(newMappedAccount, 'new-mapped-account', 'high');
  });

  test('compliant: the same accounts in base; an account removed', () => {
    expect(check(newMappedAccount, env({ owners: [owner(['222222222222'])] }), env({ owners: [owner(['222222222222'])] }))).toEqual([]);
    expect(check(newMappedAccount, env({ owners: [owner(['222222222222', '333333333333'])] }), env({ owners: [owner(['333333333333'])] }))).toEqual([]);
  });

  test('non-compliant: an account added, in full', () => {
    const findings = check(newMappedAccount, env({ owners: [owner(['333333333333'])] }), env({ owners: [owner(['222222222222', '333333333333'])] }));
    expect(findings).toEqual([{ label: 'aws-auth owner', id: 'o', principal: '222222222222', grant: 'mapAccounts 222222222222 owner=o', message: expect.any(String) }]);
    expect(messageText(findings[0].message)).toBe('account `222222222222` added to mapAccounts: every IAM principal of it can authenticate');
  });

  test('owners are matched by id: an account another owner of base had, or a new owner, counts', () => {
    expect(check(newMappedAccount, env({ owners: [owner(['222222222222'], 'other')] }), env({ owners: [owner(['222222222222'])] })).map((f) => f.id)).toEqual(['o']);
    expect(check(newMappedAccount, env(), env({ owners: [owner(['222222222222', '333333333333'])] })).map((f) => f.principal)).toEqual(['222222222222', '333333333333']);
  });
});
