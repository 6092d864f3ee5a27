/**
 * What the app's functions share (lib/constructs/handler-function.ts): the cluster network of
 * a cluster or an import, and the placement of a function in the cluster VPC (its security
 * group, egress 443 only, the cluster security group's ingress, the VPC-access managed policy).
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { PROJECT_ROOT, VPC_ACCESS_POLICY, clusterNetwork, handlerFunctionProps, placeInClusterVpc, vpcFunctionProps } from '../../../lib/constructs/handler-function';
import * as awsAuthProvider from '../../../lib/constructs/aws-auth/aws-auth-provider';
import { ACCOUNT, REGION, onlyResource } from '../../util';

const env = { account: ACCOUNT, region: REGION };
const CLUSTER_SG = 'sg-0123456789abcdef0';

function stackWithVpc(): { stack: Stack; vpc: ec2.Vpc } {
  const stack = new Stack(new App(), 'S', { env });
  return { stack, vpc: new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 }) };
}

test('the project root holds the lock file; the aws-auth provider re-exports what it used to define', () => {
  expect(fs.existsSync(path.join(PROJECT_ROOT, 'package-lock.json'))).toBe(true);
  expect(awsAuthProvider.clusterNetwork).toBe(clusterNetwork);
  expect(VPC_ACCESS_POLICY).toBe('service-role/AWSLambdaVPCAccessExecutionRole');
});

test('handlerFunctionProps: Node 24 on ARM, 256 MB, index.handler, source maps in stack traces, the caller\'s environment after NODE_OPTIONS', () => {
  const props = handlerFunctionProps(path.join(PROJECT_ROOT, 'lambda', 'manifests', 'index.ts'), { A: 'b' });
  expect(props).toMatchObject({ runtime: lambda.Runtime.NODEJS_24_X, architecture: lambda.Architecture.ARM_64, memorySize: 256, handler: 'index.handler' });
  expect(Object.entries(props.environment ?? {})).toEqual([['NODE_OPTIONS', '--enable-source-maps'], ['A', 'b']]);
  expect(handlerFunctionProps('x.ts').environment).toEqual({ NODE_OPTIONS: '--enable-source-maps' });
});

describe('clusterNetwork', () => {
  test('an import with vpc and cluster security group: both', () => {
    const { stack, vpc } = stackWithVpc();
    const cluster = eks.Cluster.fromClusterAttributes(stack, 'C', { clusterName: 'c', vpc, clusterSecurityGroupId: CLUSTER_SG });
    expect(clusterNetwork(cluster)).toEqual({ vpc, clusterSecurityGroupId: CLUSTER_SG });
  });

  test('an import without them: unknown', () => {
    const { stack } = stackWithVpc();
    expect(clusterNetwork(eks.Cluster.fromClusterAttributes(stack, 'C', { clusterName: 'c' }))).toBeUndefined();
  });

  test('an import with a vpc but no cluster security group: unknown', () => {
    const { stack, vpc } = stackWithVpc();
    expect(clusterNetwork(eks.Cluster.fromClusterAttributes(stack, 'C', { clusterName: 'c', vpc }))).toBeUndefined();
  });
});

describe('placeInClusterVpc', () => {
  function placed() {
    const { stack, vpc } = stackWithVpc();
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const placement = placeInClusterVpc(stack, role, { vpc, clusterSecurityGroupId: CLUSTER_SG }, {
      securityGroup: 'the group', egress: 'the egress', ingress: 'the ingress',
    });
    return { stack, vpc, placement, template: Template.fromStack(stack) };
  }

  test('its own security group: egress TCP 443 only, described as asked, no ingress', () => {
    const { template, placement, stack } = placed();
    const [id, sg] = onlyResource(template, 'AWS::EC2::SecurityGroup');
    expect(stack.resolve(placement.securityGroup.securityGroupId)).toEqual({ 'Fn::GetAtt': [id, 'GroupId'] });
    expect(sg.Properties).toEqual({
      GroupDescription: 'the group',
      SecurityGroupEgress: [{ CidrIp: '0.0.0.0/0', Description: 'the egress', FromPort: 443, IpProtocol: 'tcp', ToPort: 443 }],
      VpcId: { Ref: expect.stringMatching(/^Vpc/) },
    });
    expect(id).toMatch(/^HandlerSecurityGroup/);
  });

  test('the cluster security group admits exactly that group on 443', () => {
    const { template } = placed();
    const [sgId] = onlyResource(template, 'AWS::EC2::SecurityGroup');
    const [id, ingress] = onlyResource(template, 'AWS::EC2::SecurityGroupIngress');
    expect(id).toBe('ClusterApiIngress');
    expect(ingress.Properties).toEqual({
      GroupId: CLUSTER_SG, SourceSecurityGroupId: { 'Fn::GetAtt': [sgId, 'GroupId'] }, IpProtocol: 'tcp', FromPort: 443, ToPort: 443, Description: 'the ingress',
    });
  });

  test('the role gets the VPC-access managed policy, and only it', () => {
    const { template } = placed();
    const [, role] = onlyResource(template, 'AWS::IAM::Role');
    expect(role.Properties?.ManagedPolicyArns).toEqual([{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::aws:policy/${VPC_ACCESS_POLICY}`]] }]);
  });

  test('vpcFunctionProps: the private subnets with egress and that one group', () => {
    const { vpc, placement } = placed();
    expect(vpcFunctionProps({ vpc, clusterSecurityGroupId: CLUSTER_SG }, placement.securityGroup)).toEqual({
      vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }, securityGroups: [placement.securityGroup],
    });
  });
});
