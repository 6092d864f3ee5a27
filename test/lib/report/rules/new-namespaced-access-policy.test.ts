import { newNamespacedAccessPolicy } from '../../../../lib/report/rules/new-namespaced-access-policy';
import { check, env } from './environment';

const entry = (policy: string, scope: string) => ({ principal: 'role:ops', cluster: 'Cluster/Cluster', type: 'STANDARD', groups: [], policies: [{ policy, scope }] });

describe('new-namespaced-access-policy', () => {
  test('compliant: admin policies (their own rule); the same association in base', () => {
    expect(check(newNamespacedAccessPolicy, env(), env({ accessEntries: [entry('AmazonEKSClusterAdminPolicy', 'cluster')] }))).toEqual([]);
    const head = env({ accessEntries: [entry('AmazonEKSEditPolicy', 'namespaces web')] });
    expect(check(newNamespacedAccessPolicy, head, head)).toEqual([]);
  });

  test('non-compliant (info): an edit policy in one namespace', () => {
    expect(check(newNamespacedAccessPolicy, env(), env({ accessEntries: [entry('AmazonEKSEditPolicy', 'namespaces web')] })))
      .toEqual([expect.objectContaining({ grant: 'AmazonEKSEditPolicy namespaces web cluster=Cluster/Cluster' })]);
  });
});
