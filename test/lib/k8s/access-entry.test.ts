import { CLUSTER_ADMIN_ACCESS_POLICY, accessEntryShape, accessPolicyArn } from '../../../lib/k8s/access-entry';
import { Groups } from '../../../lib/k8s/groups';

describe('accessEntryShape', () => {
  test('a mapping without system:masters: the same username and groups, no access policy', () => {
    expect(accessEntryShape({ username: 'developer', groups: [Groups.developer, 'auditors'] }, 'aws'))
      .toEqual({ username: 'developer', kubernetesGroups: ['developer', 'auditors'], accessPolicies: [] });
  });

  test('system:masters becomes AmazonEKSClusterAdminPolicy at cluster scope, in the partition; the other groups stay', () => {
    expect(accessEntryShape({ username: 'break-glass:{{SessionName}}', groups: ['audit', Groups.clusterAdmin] }, 'aws-cn')).toEqual({
      username: 'break-glass:{{SessionName}}',
      kubernetesGroups: ['audit'],
      accessPolicies: [{ policyArn: 'arn:aws-cn:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy', accessScope: { type: 'cluster' } }],
    });
  });

  test('no groups: none, and no policy', () => {
    expect(accessEntryShape({ username: 'u', groups: [] }, 'aws')).toEqual({ username: 'u', kubernetesGroups: [], accessPolicies: [] });
  });

  test('the policy ARN', () => {
    expect(CLUSTER_ADMIN_ACCESS_POLICY).toBe('AmazonEKSClusterAdminPolicy');
    expect(accessPolicyArn('aws-us-gov', 'AmazonEKSViewPolicy')).toBe('arn:aws-us-gov:eks::aws:cluster-access-policy/AmazonEKSViewPolicy');
  });
});
