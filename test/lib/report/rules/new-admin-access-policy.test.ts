import { messageText } from '../../../../lib/report/markdown';
import type { AccessEntry, AccessPolicyAssociation } from '../../../../lib/report/model';
import { isAdminAssociation, newAdminAccessPolicy } from '../../../../lib/report/rules/new-admin-access-policy';
import { check, env, expectRule } from './environment';

const entry = (policies: AccessPolicyAssociation[], principal = 'role:ops'): AccessEntry => ({ principal, cluster: 'Cluster/Cluster', type: 'STANDARD', groups: [], policies });
const one = (policy: string, scope = 'cluster') => entry([{ policy, scope }]);

describe('isAdminAssociation', () => {
  test.each([
    ['AmazonEKSClusterAdminPolicy', 'cluster', true],
    ['AmazonEKSClusterAdminPolicy', 'namespaces payments', true],
    ['AmazonEKSAdminPolicy', 'cluster', true],
    ['AmazonEKSAdminPolicy', 'namespaces payments', false],
    ['AmazonEKSEditPolicy', 'cluster', false],
    ['AmazonEKSViewPolicy', 'cluster', false],
  ])('%s (%s): %s', (policy, scope, admin) => {
    expect(isAdminAssociation({ policy, scope })).toBe(admin);
  });
});

describe('new-admin-access-policy', () => {
  test('id, severity and description', () => {
    expectRule(newAdminAccessPolicy, 'new-admin-access-policy', 'critical');
    expect(newAdminAccessPolicy.description).toMatch(/^AmazonEKSClusterAdminPolicy \(any scope\) or AmazonEKSAdminPolicy \(cluster scope\) /);
  });

  test('compliant: a view policy, a namespaced admin policy, or an admin policy already in base', () => {
    expect(check(newAdminAccessPolicy, env(), env({ accessEntries: [one('AmazonEKSViewPolicy')] }))).toEqual([]);
    expect(check(newAdminAccessPolicy, env(), env({ accessEntries: [one('AmazonEKSAdminPolicy', 'namespaces payments')] }))).toEqual([]);
    const admin = env({ accessEntries: [one('AmazonEKSClusterAdminPolicy')] });
    expect(check(newAdminAccessPolicy, admin, admin)).toEqual([]);
  });

  test.each(['AmazonEKSClusterAdminPolicy', 'AmazonEKSAdminPolicy'])('non-compliant: %s at cluster scope', (policy) => {
    const findings = check(newAdminAccessPolicy, env({ accessEntries: [one('AmazonEKSViewPolicy')] }), env({ accessEntries: [one(policy)] }));
    expect(findings).toEqual([{
      label: 'access entry', id: 'role:ops', principal: 'role:ops', grant: `${policy} cluster cluster=Cluster/Cluster`, message: expect.any(String),
    }]);
    expect(messageText(findings[0].message)).toBe(`access policy \`${policy}\` (\`cluster\`) associated`);
  });

  test('non-compliant: the same policy at another scope, or on another principal, in base', () => {
    const head = env({ accessEntries: [one('AmazonEKSClusterAdminPolicy', 'namespaces web')] });
    expect(check(newAdminAccessPolicy, env({ accessEntries: [one('AmazonEKSClusterAdminPolicy')] }), head).map((f) => f.grant))
      .toEqual(['AmazonEKSClusterAdminPolicy namespaces web cluster=Cluster/Cluster']);
    expect(check(newAdminAccessPolicy, env({ accessEntries: [entry([{ policy: 'AmazonEKSClusterAdminPolicy', scope: 'namespaces web' }], 'role:other')] }), head).map((f) => f.principal))
      .toEqual(['role:ops']);
  });

  test('base entry had the association among others: not new; base entry had no association: new', () => {
    const head = env({ accessEntries: [one('AmazonEKSClusterAdminPolicy')] });
    const among = env({ accessEntries: [entry([{ policy: 'AmazonEKSViewPolicy', scope: 'cluster' }, { policy: 'AmazonEKSClusterAdminPolicy', scope: 'cluster' }])] });
    expect(check(newAdminAccessPolicy, among, head)).toEqual([]);
    expect(check(newAdminAccessPolicy, env({ accessEntries: [entry([])] }), head).map((f) => f.grant)).toEqual(['AmazonEKSClusterAdminPolicy cluster cluster=Cluster/Cluster']);
  });

  test('one finding per new admin association, in order; the base ones and the others left out', () => {
    const head = env({ accessEntries: [entry([
      { policy: 'AmazonEKSAdminPolicy', scope: 'cluster' },
      { policy: 'AmazonEKSViewPolicy', scope: 'cluster' },
      { policy: 'AmazonEKSClusterAdminPolicy', scope: 'cluster' },
      { policy: 'AmazonEKSClusterAdminPolicy', scope: 'namespaces a' },
    ])] });
    const base = env({ accessEntries: [entry([{ policy: 'AmazonEKSClusterAdminPolicy', scope: 'cluster' }])] });
    expect(check(newAdminAccessPolicy, base, head).map((f) => f.grant)).toEqual([
      'AmazonEKSAdminPolicy cluster cluster=Cluster/Cluster',
      'AmazonEKSClusterAdminPolicy namespaces a cluster=Cluster/Cluster',
    ]);
  });
});
