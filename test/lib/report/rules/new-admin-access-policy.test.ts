import { newAdminAccessPolicy } from '../../../../lib/report/rules/new-admin-access-policy';
import { check, env } from './environment';

const entry = (policy: string, scope = 'cluster') => ({ principal: 'role:ops', cluster: 'Cluster/Cluster', type: 'STANDARD', groups: [], policies: [{ policy, scope }] });

describe('new-admin-access-policy', () => {
  test('compliant: a view policy, a namespaced admin policy, or an admin policy already in base', () => {
    expect(check(newAdminAccessPolicy, env(), env({ accessEntries: [entry('AmazonEKSViewPolicy')] }))).toEqual([]);
    expect(check(newAdminAccessPolicy, env(), env({ accessEntries: [entry('AmazonEKSAdminPolicy', 'namespaces payments')] }))).toEqual([]);
    const admin = env({ accessEntries: [entry('AmazonEKSClusterAdminPolicy')] });
    expect(check(newAdminAccessPolicy, admin, admin)).toEqual([]);
  });

  test.each(['AmazonEKSClusterAdminPolicy', 'AmazonEKSAdminPolicy'])('non-compliant: %s at cluster scope', (policy) => {
    expect(check(newAdminAccessPolicy, env({ accessEntries: [entry('AmazonEKSViewPolicy')] }), env({ accessEntries: [entry(policy)] }))).toEqual([
      expect.objectContaining({ principal: 'role:ops', grant: `${policy} cluster cluster=Cluster/Cluster` }),
    ]);
  });
});
