/**
 * The handler function's own configuration of the safety switches: its environment lists, at
 * synth, the owners whose AwsAuthMappings set allowClusterAdmin / takeOverUnowned. One function
 * per cluster per stack still serves every mapping (one ServiceToken).
 */
import { App, Stack } from 'aws-cdk-lib';
import { Capture, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsAuthFunctionEnv } from '../../../lambda/aws-auth/api';
import { AwsAuthMappings } from '../../../lib/constructs/aws-auth/aws-auth-mappings';
import { AWS_AUTH_HANDLER_DESCRIPTION } from '../../../lib/constructs/aws-auth/aws-auth-provider';
import { ACCOUNT, NO_BUNDLING, REGION, importedCluster, onlyResource, resourcesOfType } from '../../util';

const env = { account: ACCOUNT, region: REGION };
const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;

/** A stack with one imported cluster and the given mappings (owner id -> switches). */
function synth(mappings: Record<string, { allowClusterAdmin?: boolean; takeOverUnowned?: boolean; admin?: boolean }>): Template {
  const stack = new Stack(new App({ context: NO_BUNDLING }), 'Switches', { env });
  const cluster = importedCluster(stack, 'Cluster', 'switches');
  Object.entries(mappings).forEach(([owner, { admin, ...switches }], i) => {
    const m = new AwsAuthMappings(stack, `Mappings${i}`, { cluster, owner, validatePrincipals: false, ...switches });
    m.addRoleMapping(iam.Role.fromRoleArn(stack, `Role${i}`, role(`role-${i}`)), { username: `user-${i}`, groups: admin ? ['system:masters'] : ['developer'] });
  });
  return Template.fromStack(stack);
}

/** The handler's environment variables (exactly one handler function). */
function variables(template: Template): Record<string, unknown> {
  const captured = new Capture();
  template.hasResourceProperties('AWS::Lambda::Function', { Description: AWS_AUTH_HANDLER_DESCRIPTION, Environment: { Variables: captured } });
  expect(resourcesOfType(template, 'AWS::Lambda::Function', (f) => f.Properties?.Description === AWS_AUTH_HANDLER_DESCRIPTION)).toHaveLength(1);
  return captured.asObject();
}

describe('the function environment lists the owners allowed each switch', () => {
  test('no mapping asks for a switch: both lists are empty', () => {
    expect(variables(synth({ 'team/dev': {} }))).toEqual({
      NODE_OPTIONS: '--enable-source-maps',
      EKS_ACCESS_CLUSTER_ADMIN_OWNERS: '',
      EKS_ACCESS_TAKE_OVER_OWNERS: '',
    });
  });

  test('one owner allowing cluster admin is listed for it, and only for it', () => {
    const template = synth({ 'team/admins': { allowClusterAdmin: true, admin: true } });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: AWS_AUTH_HANDLER_DESCRIPTION,
      Environment: { Variables: Match.objectEquals({ NODE_OPTIONS: '--enable-source-maps', EKS_ACCESS_CLUSTER_ADMIN_OWNERS: 'team/admins', EKS_ACCESS_TAKE_OVER_OWNERS: '' }) },
    });
    template.hasResourceProperties('Custom::EksAccessAwsAuth', { Owner: 'team/admins', AllowClusterAdmin: 'true', TakeOverUnowned: 'false' });
  });

  test('two owners with mixed settings (and one with none): each listed for exactly what it set, sorted', () => {
    const template = synth({
      'zeta/ops': { allowClusterAdmin: true, takeOverUnowned: true, admin: true },
      'alpha/admins': { allowClusterAdmin: true, admin: true },
      'mid/migrate': { takeOverUnowned: true },
      plain: {},
    });
    const vars = variables(template);
    expect(vars[AwsAuthFunctionEnv.clusterAdminOwners]).toBe('alpha/admins,zeta/ops');
    expect(vars[AwsAuthFunctionEnv.takeOverOwners]).toBe('mid/migrate,zeta/ops');
    // Still one provider: every merge resource has the same ServiceToken, each passes its own request.
    const merges = resourcesOfType(template, 'Custom::EksAccessAwsAuth');
    expect(merges).toHaveLength(4);
    expect(new Set(merges.map(([, r]) => JSON.stringify(r.Properties?.ServiceToken))).size).toBe(1);
    expect(Object.fromEntries(merges.map(([, r]) => [r.Properties?.Owner, `${r.Properties?.AllowClusterAdmin}/${r.Properties?.TakeOverUnowned}`]))).toEqual({
      'zeta/ops': 'true/true', 'alpha/admins': 'true/false', 'mid/migrate': 'false/true', plain: 'false/false',
    });
  });

  test('owner lists near Lambda\'s 4 KiB environment limit fail at synth, naming the variables', () => {
    const owners = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`${String(i).repeat(250)}`, { allowClusterAdmin: true }]));
    expect(() => synth(owners)).toThrow(/lists owners totalling 2259 bytes in EKS_ACCESS_CLUSTER_ADMIN_OWNERS and EKS_ACCESS_TAKE_OVER_OWNERS, too close to Lambda's 4096-byte environment limit/);
  });
});

describe('where the handler runs (its network)', () => {
  const CLUSTER_SG = 'sg-0123456789abcdef0';
  /** A stack with one imported cluster, with or without its VPC and cluster security group, and one mapping. */
  function withCluster(network: boolean): Template {
    const stack = new Stack(new App({ context: NO_BUNDLING }), 'Network', { env });
    const vpc = network ? new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 }) : undefined;
    const cluster = eks.Cluster.fromClusterAttributes(stack, 'Cluster', {
      clusterName: 'net',
      ...(vpc ? { vpc, clusterSecurityGroupId: CLUSTER_SG } : {}),
      kubectlProvider: eks.KubectlProvider.fromKubectlProviderAttributes(stack, 'Kubectl', { serviceToken: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:net-kubectl` }),
    });
    new AwsAuthMappings(stack, 'Mappings', { cluster, owner: 'team/net', validatePrincipals: false })
      .addRoleMapping(iam.Role.fromRoleArn(stack, 'Role', role('dev')), { username: 'dev', groups: ['developer'] });
    return Template.fromStack(stack);
  }

  test('with the cluster\'s VPC and security group: private subnets, its own security group, admitted on 443', () => {
    const t = withCluster(true);
    const sg = new Capture();
    t.hasResourceProperties('AWS::Lambda::Function', {
      Description: AWS_AUTH_HANDLER_DESCRIPTION,
      VpcConfig: { SecurityGroupIds: [{ 'Fn::GetAtt': [sg, 'GroupId'] }], SubnetIds: Match.arrayWith([{ Ref: Match.stringLikeRegexp('^VpcPrivateSubnet1') }]) },
    });
    t.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      GroupId: CLUSTER_SG, SourceSecurityGroupId: { 'Fn::GetAtt': [sg.asString(), 'GroupId'] }, IpProtocol: 'tcp', FromPort: 443, ToPort: 443,
    });
    t.hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupEgress: [Match.objectLike({ CidrIp: '0.0.0.0/0', IpProtocol: 'tcp', FromPort: 443, ToPort: 443 })],
    });
  });

  test('an imported cluster without them: the handler runs outside any VPC, and nothing network-related is created', () => {
    const t = withCluster(false);
    const [, fn] = onlyResource(t, 'AWS::Lambda::Function', (r) => r.Properties?.Description === AWS_AUTH_HANDLER_DESCRIPTION);
    expect(fn.Properties?.VpcConfig).toBeUndefined();
    t.resourceCountIs('AWS::EC2::SecurityGroup', 0);
    t.resourceCountIs('AWS::EC2::SecurityGroupIngress', 0);
    expect(JSON.stringify(t.toJSON())).not.toContain('AWSLambdaVPCAccessExecutionRole');
  });
});
