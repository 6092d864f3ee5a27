import { allowClusterAdminTurnedOn } from '../../../../lib/report/rules/allow-cluster-admin-turned-on';
import { check, env } from './environment';

const owner = (allowClusterAdmin: boolean) => ({ owner: 'eks-access/dev/people', cluster: 'Cluster/Cluster', allowClusterAdmin, accounts: [] });

describe('allow-cluster-admin-turned-on', () => {
  test('compliant: off in head, or already on in base', () => {
    expect(check(allowClusterAdminTurnedOn, env(), env({ owners: [owner(false)] }))).toEqual([]);
    expect(check(allowClusterAdminTurnedOn, env({ owners: [owner(true)] }), env({ owners: [owner(true)] }))).toEqual([]);
  });

  test('non-compliant: turned on, or a new owner with it on', () => {
    expect(check(allowClusterAdminTurnedOn, env({ owners: [owner(false)] }), env({ owners: [owner(true)] }))[0].message).toBe('AllowClusterAdmin turned on');
    expect(check(allowClusterAdminTurnedOn, env(), env({ owners: [owner(true)] }))[0].message).toBe('new aws-auth owner with AllowClusterAdmin on');
    expect(allowClusterAdminTurnedOn.severity).toBe('critical');
  });
});
