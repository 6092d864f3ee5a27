import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { ACCESS_ENTRY_OWNER_TAG, AccessEntryMapping } from '../../../lib/constructs/access-entry-mapping';
import { Groups } from '../../../lib/k8s/groups';
import { ACCOUNT, REGION } from '../../util';

function stack(): { stack: Stack; cluster: eks.ICluster } {
  const s = new Stack(new App(), 'S', { env: { account: ACCOUNT, region: REGION } });
  return { stack: s, cluster: eks.Cluster.fromClusterAttributes(s, 'C', { clusterName: 'demo' }) };
}

test('an imported role with a path: its whole ARN, STANDARD, username and groups, no policy', () => {
  const { stack: s, cluster } = stack();
  const arn = `arn:aws:iam::${ACCOUNT}:role/teams/platform/ops`;
  new AccessEntryMapping(s, 'E', { cluster, principal: iam.Role.fromRoleArn(s, 'R', arn), username: 'ops:{{SessionName}}', groups: [Groups.reader, 'auditors'], owner: 'eks-access/test/people' });
  Template.fromStack(s).resourceCountIs('AWS::EKS::AccessEntry', 1);
  Template.fromStack(s).hasResourceProperties('AWS::EKS::AccessEntry', {
    ClusterName: 'demo', PrincipalArn: arn, Type: 'STANDARD', Username: 'ops:{{SessionName}}', KubernetesGroups: ['reader', 'auditors'], AccessPolicies: Match.absent(),
    Tags: [{ Key: 'eks-access.io/owner', Value: 'eks-access/test/people' }],
  });
  expect(ACCESS_ENTRY_OWNER_TAG).toBe('eks-access.io/owner');
});

test('a user mapped to system:masters alone: no groups, the admin policy at cluster scope', () => {
  const { stack: s, cluster } = stack();
  const arn = `arn:aws:iam::${ACCOUNT}:user/breakglass`;
  const entry = new AccessEntryMapping(s, 'E', { cluster, principal: iam.User.fromUserArn(s, 'U', arn), username: 'breakglass', groups: [Groups.clusterAdmin], owner: 'o' });
  Template.fromStack(s).hasResourceProperties('AWS::EKS::AccessEntry', {
    PrincipalArn: arn, Username: 'breakglass', KubernetesGroups: Match.absent(),
    AccessPolicies: [{ PolicyArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy']] }, AccessScope: { Type: 'cluster' } }],
  });
  expect(entry.entry.node.path).toBe('S/E/Resource');
});
