import { messageText } from '../../../../lib/report/markdown';
import type { AccessEntry, AccessPolicyAssociation } from '../../../../lib/report/model';
import { newNamespacedAccessPolicy } from '../../../../lib/report/rules/new-namespaced-access-policy';
import { check, env, expectRule } from './environment';

const entry = (policies: AccessPolicyAssociation[], principal = 'role:ops'): AccessEntry => ({ principal, cluster: 'Cluster/Cluster', type: 'STANDARD', groups: [], policies });
const one = (policy: string, scope: string) => entry([{ policy, scope }]);

describe('new-namespaced-access-policy', () => {
  test('id, severity and description', () => {
    expectRule(newNamespacedAccessPolicy, 'new-namespaced-access-policy', 'info');
  });

  test('compliant: admin policies (their own rule); the same association in base', () => {
    expect(check(newNamespacedAccessPolicy, env(), env({ accessEntries: [one('AmazonEKSClusterAdminPolicy', 'cluster')] }))).toEqual([]);
    expect(check(newNamespacedAccessPolicy, env(), env({ accessEntries: [one('AmazonEKSAdminPolicy', 'cluster')] }))).toEqual([]);
    const head = env({ accessEntries: [one('AmazonEKSEditPolicy', 'namespaces web')] });
    expect(check(newNamespacedAccessPolicy, head, head)).toEqual([]);
  });

  test('non-compliant (info): an edit policy in one namespace, an admin policy in one', () => {
    const findings = check(newNamespacedAccessPolicy, env(), env({ accessEntries: [entry([{ policy: 'AmazonEKSEditPolicy', scope: 'namespaces web' }, { policy: 'AmazonEKSAdminPolicy', scope: 'namespaces a, b' }])] }));
    expect(findings).toEqual([
      { label: 'access entry', id: 'role:ops', principal: 'role:ops', grant: 'AmazonEKSEditPolicy namespaces web cluster=Cluster/Cluster', message: expect.any(String) },
      { label: 'access entry', id: 'role:ops', principal: 'role:ops', grant: 'AmazonEKSAdminPolicy namespaces a, b cluster=Cluster/Cluster', message: expect.any(String) },
    ]);
    expect(findings.map((f) => messageText(f.message))).toEqual([
      'access policy `AmazonEKSEditPolicy` (`namespaces web`) associated',
      'access policy `AmazonEKSAdminPolicy` (`namespaces a, b`) associated',
    ]);
  });

  test('base entry had the association among others: not new; base entry had no association: new', () => {
    const head = env({ accessEntries: [one('AmazonEKSEditPolicy', 'namespaces web')] });
    const among = env({ accessEntries: [entry([{ policy: 'AmazonEKSViewPolicy', scope: 'cluster' }, { policy: 'AmazonEKSEditPolicy', scope: 'namespaces web' }])] });
    expect(check(newNamespacedAccessPolicy, among, head)).toEqual([]);
    expect(check(newNamespacedAccessPolicy, env({ accessEntries: [entry([])] }), head)).toHaveLength(1);
  });

  test('non-compliant: the same policy at another scope, or on another principal, in base', () => {
    const head = env({ accessEntries: [one('AmazonEKSEditPolicy', 'namespaces web')] });
    expect(check(newNamespacedAccessPolicy, env({ accessEntries: [one('AmazonEKSEditPolicy', 'namespaces api')] }), head)).toHaveLength(1);
    expect(check(newNamespacedAccessPolicy, env({ accessEntries: [one('AmazonEKSViewPolicy', 'namespaces web')] }), head)).toHaveLength(1);
    expect(check(newNamespacedAccessPolicy, env({ accessEntries: [entry([{ policy: 'AmazonEKSEditPolicy', scope: 'namespaces web' }], 'role:other')] }), head)).toHaveLength(1);
  });
});
