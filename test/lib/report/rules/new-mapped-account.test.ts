import { newMappedAccount } from '../../../../lib/report/rules/new-mapped-account';
import { check, env } from './environment';

const owner = (accounts: string[]) => ({ owner: 'o', cluster: 'Cluster/Cluster', allowClusterAdmin: false, accounts });

describe('new-mapped-account', () => {
  test('compliant: the same accounts in base', () => {
    expect(check(newMappedAccount, env({ owners: [owner(['222222222222'])] }), env({ owners: [owner(['222222222222'])] }))).toEqual([]);
  });

  test('non-compliant: an account added', () => {
    expect(check(newMappedAccount, env({ owners: [owner([])] }), env({ owners: [owner(['222222222222'])] }))).toEqual([expect.objectContaining({ principal: '222222222222' })]);
  });
});
