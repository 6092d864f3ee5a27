import { allowClusterAdminTurnedOn } from '../../../../lib/report/rules/allow-cluster-admin-turned-on';
import type { AwsAuthOwner } from '../../../../lib/report/model';
import { check, env, expectRule } from './environment';

const owner = (allowClusterAdmin: boolean, name = 'eks-access/dev/people'): AwsAuthOwner => ({ owner: name, cluster: 'Cluster/Cluster', allowClusterAdmin, accounts: [] });
const finding = (name: string, message: string) => ({
  label: 'aws-auth owner', id: name, principal: name, grant: 'AllowClusterAdmin=true cluster=Cluster/Cluster', message,
});

describe('allow-cluster-admin-turned-on', () => {
  test('id, severity and description', () => {
    expectRule(allowClusterAdminTurnedOn, 'allow-cluster-admin-turned-on', 'critical');
  });

  test('compliant: off in head, or already on in base', () => {
    expect(check(allowClusterAdminTurnedOn, env(), env({ owners: [owner(false)] }))).toEqual([]);
    expect(check(allowClusterAdminTurnedOn, env({ owners: [owner(true)] }), env({ owners: [owner(false)] }))).toEqual([]);
    expect(check(allowClusterAdminTurnedOn, env({ owners: [owner(true)] }), env({ owners: [owner(true)] }))).toEqual([]);
  });

  test('non-compliant: turned on for an owner base had with it off', () => {
    expect(check(allowClusterAdminTurnedOn, env({ owners: [owner(false)] }), env({ owners: [owner(true)] })))
      .toEqual([finding('eks-access/dev/people', 'AllowClusterAdmin turned on')]);
  });

  test('non-compliant: a new owner with it on, even when another owner of base had it on', () => {
    expect(check(allowClusterAdminTurnedOn, env(), env({ owners: [owner(true)] })))
      .toEqual([finding('eks-access/dev/people', 'new aws-auth owner with AllowClusterAdmin on')]);
    expect(check(allowClusterAdminTurnedOn, env({ owners: [owner(true, 'other')] }), env({ owners: [owner(true, 'other'), owner(true)] })))
      .toEqual([finding('eks-access/dev/people', 'new aws-auth owner with AllowClusterAdmin on')]);
  });

  test('one finding per owner, in head order, the cluster in the grant', () => {
    const head = env({ owners: [{ ...owner(true, 'b'), cluster: 'Other/Cluster' }, owner(false, 'c'), owner(true, 'a')] });
    expect(check(allowClusterAdminTurnedOn, env({ owners: [owner(false, 'a')] }), head)).toEqual([
      { ...finding('b', 'new aws-auth owner with AllowClusterAdmin on'), grant: 'AllowClusterAdmin=true cluster=Other/Cluster' },
      finding('a', 'AllowClusterAdmin turned on'),
    ]);
  });
});
