import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ENVIRONMENTS } from '../../../lib/config/environments';
import type { NodeGroupConfig } from '../../../lib/config/types';
import { validateEnvironments } from '../../../lib/config/validate';
import { extractClusters } from '../../../lib/report/extract/clusters';
import type { CfnTemplate } from '../../../lib/report/template';
import { AUTHENTICATION_MODE, CREATOR_ADMIN_PROPERTY, ClusterStack } from '../../../lib/stacks/cluster-stack';
import { contextOf } from '../report/extract/context';
import { cliContext, fullEnvConfig, getAtt, onlyResource, ref, resourcesOfType, synthEnvironment } from '../../util';
import type { CfnResource, SynthesizedEnvironment } from '../../util';

const config = fullEnvConfig({ kubernetesVersion: '1.34' });
let env: SynthesizedEnvironment;

beforeAll(() => {
  env = synthEnvironment(config);
});

describe('EKS cluster', () => {
  test('uses API_AND_CONFIG_MAP, the configured name and version, and enables all five log types', () => {
    env.cluster.resourceCountIs('AWS::EKS::Cluster', 1);
    env.cluster.hasResourceProperties('AWS::EKS::Cluster', {
      Name: 'full-cluster',
      Version: '1.34',
      AccessConfig: { AuthenticationMode: 'API_AND_CONFIG_MAP' },
      Logging: {
        ClusterLogging: {
          EnabledTypes: Match.arrayWith([{ Type: 'api' }]),
        },
      },
    });
    const [, cluster] = onlyResource(env.cluster, 'AWS::EKS::Cluster');
    const enabled = (cluster.Properties?.Logging as { ClusterLogging: { EnabledTypes: Array<{ Type: string }> } }).ClusterLogging.EnabledTypes;
    expect(enabled.map((t) => t.Type).sort()).toEqual(['api', 'audit', 'authenticator', 'controllerManager', 'scheduler']);
  });

  test('the cluster runs in the private subnets of the new VPC', () => {
    const [vpcId] = onlyResource(env.cluster, 'AWS::EC2::VPC');
    const [, cluster] = onlyResource(env.cluster, 'AWS::EKS::Cluster');
    const subnetIds = (cluster.Properties?.ResourcesVpcConfig as { SubnetIds: Array<{ Ref: string }> }).SubnetIds.map((s) => s.Ref);
    const privateSubnets = resourcesOfType(env.cluster, 'AWS::EC2::Subnet', (s) => s.Properties?.MapPublicIpOnLaunch === false)
      .filter(([, s]) => JSON.stringify(s.Properties?.VpcId) === JSON.stringify(ref(vpcId)))
      .map(([id]) => id);
    expect(subnetIds.sort()).toEqual(privateSubnets.sort());
    expect(subnetIds).toHaveLength(2);
  });
});

describe('managed node groups', () => {
  test('one AWS::EKS::Nodegroup per configured node group', () => {
    env.cluster.resourceCountIs('AWS::EKS::Nodegroup', config.nodeGroups.length);
  });

  test.each(config.nodeGroups.map((ng) => [ng.name, ng] as [string, NodeGroupConfig]))('node group %s has the configured sizes and instance types', (name, ng) => {
    const [clusterId] = onlyResource(env.cluster, 'AWS::EKS::Cluster');
    env.cluster.hasResourceProperties('AWS::EKS::Nodegroup', {
      ClusterName: ref(clusterId),
      NodegroupName: name,
      InstanceTypes: ng.instanceTypes,
      ScalingConfig: { MinSize: ng.minSize, MaxSize: ng.maxSize, DesiredSize: ng.desiredSize ?? ng.minSize },
      DiskSize: ng.diskSize ?? 20,
    });
  });

  test('each node group has its own node role, trusted by EC2 only', () => {
    const roles = resourcesOfType(env.cluster, 'AWS::EKS::Nodegroup').map(([, ng]) => (ng.Properties?.NodeRole as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]);
    expect(new Set(roles).size).toBe(config.nodeGroups.length);
    for (const roleId of roles) {
      const role = env.cluster.toJSON().Resources[roleId] as CfnResource;
      expect(role.Type).toBe('AWS::IAM::Role');
      expect(role.Properties?.AssumeRolePolicyDocument).toEqual({
        Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' } }],
        Version: '2012-10-17',
      });
    }
  });
});

describe('OIDC provider', () => {
  test('one AWS::IAM::OIDCProvider for the cluster issuer with client id sts.amazonaws.com', () => {
    const [clusterId] = onlyResource(env.cluster, 'AWS::EKS::Cluster');
    env.cluster.resourceCountIs('AWS::IAM::OIDCProvider', 1);
    env.cluster.hasResourceProperties('AWS::IAM::OIDCProvider', {
      ClientIdList: ['sts.amazonaws.com'],
      Url: getAtt(clusterId, 'OpenIdConnectIssuerUrl'),
    });
  });

  test('outputs OidcIssuerUrl (and the provider ARN and cluster name)', () => {
    const [clusterId] = onlyResource(env.cluster, 'AWS::EKS::Cluster');
    const [providerId] = onlyResource(env.cluster, 'AWS::IAM::OIDCProvider');
    env.cluster.hasOutput('OidcIssuerUrl', { Value: getAtt(clusterId, 'OpenIdConnectIssuerUrl') });
    env.cluster.hasOutput('OidcProviderArn', { Value: ref(providerId) });
    env.cluster.hasOutput('ClusterName', { Value: ref(clusterId) });
  });
});

describe('VPC', () => {
  test('a new VPC with the configured CIDR', () => {
    env.cluster.resourceCountIs('AWS::EC2::VPC', 1);
    env.cluster.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.42.0.0/16' });
  });

  test('public and private subnets in maxAzs zones, natGateways NAT gateways, flow logs on', () => {
    env.cluster.resourceCountIs('AWS::EC2::Subnet', 4);
    env.cluster.resourceCountIs('AWS::EC2::NatGateway', 1);
    const [vpcId] = onlyResource(env.cluster, 'AWS::EC2::VPC');
    env.cluster.hasResourceProperties('AWS::EC2::FlowLog', { ResourceId: ref(vpcId), ResourceType: 'VPC', TrafficType: 'ALL' });
  });
});

describe('creator admin (BootstrapClusterCreatorAdminPermissions, create-only)', () => {
  test('bootstrapCreatorAdmin: true leaves the property absent: AccessConfig is exactly the authentication mode', () => {
    env.cluster.hasResourceProperties('AWS::EKS::Cluster', { AccessConfig: Match.exact({ AuthenticationMode: AUTHENTICATION_MODE }) });
  });

  test('bootstrapCreatorAdmin: false is written explicitly', () => {
    const created = synthEnvironment(fullEnvConfig({ name: 'fresh', clusterName: 'fresh-cluster', bootstrapCreatorAdmin: false }));
    created.cluster.hasResourceProperties('AWS::EKS::Cluster', {
      AccessConfig: Match.exact({ AuthenticationMode: AUTHENTICATION_MODE, [CREATOR_ADMIN_PROPERTY]: false }),
    });
  });

  test('the access report reads the rendering back as the configured value (absent: true; written: false)', () => {
    const created = synthEnvironment(fullEnvConfig({ name: 'fresh2', clusterName: 'fresh2-cluster', bootstrapCreatorAdmin: false }));
    const read = (t: Template) => extractClusters(contextOf(t.toJSON() as CfnTemplate), { stack: 'x' }).map((c) => c.bootstrapCreatorAdmin);
    expect(read(env.cluster)).toEqual([true]);
    expect(read(created.cluster)).toEqual([false]);
  });

  // The shipped environments are deployed: their cluster template must not change, so AccessConfig
  // stays what it was before the setting existed.
  const clusterOf = (name: string) => {
    const config = validateEnvironments(ENVIRONMENTS).find((e) => e.name === name);
    if (!config) throw new Error(`no ${name} environment`);
    const app = new App({ context: cliContext() });
    return Template.fromStack(new ClusterStack(app, `${name}Cluster`, { config, env: { account: config.account, region: config.region } }));
  };
  test.each(ENVIRONMENTS.map((e) => e.name))('shipped environment %s: AccessConfig unchanged, DeletionProtection on', (name) => {
    const template = clusterOf(name);
    template.hasResourceProperties('AWS::EKS::Cluster', {
      AccessConfig: Match.exact({ AuthenticationMode: AUTHENTICATION_MODE }),
      DeletionProtection: true,
    });
  });
});

describe('deletion protection', () => {
  test('on by default', () => {
    env.cluster.hasResourceProperties('AWS::EKS::Cluster', { DeletionProtection: true });
  });

  test('deletionProtection: false turns it off', () => {
    const off = synthEnvironment(fullEnvConfig({ name: 'scratch', clusterName: 'scratch-cluster', deletionProtection: false }));
    off.cluster.hasResourceProperties('AWS::EKS::Cluster', { DeletionProtection: false });
  });
});
