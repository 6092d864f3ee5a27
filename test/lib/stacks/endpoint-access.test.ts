/**
 * The endpoint modes as CloudFormation sees them, in both modes: the cluster's
 * ResourcesVpcConfig; the app's functions in the VPC's private subnets (the aws-auth handler
 * and the manifests functions, each with its own security group, admitted by the cluster
 * security group on 443); the connected networks admitted on 443. And the
 * caller model's claim that its VPC callers run in the VPC, checked against the templates.
 */
import { Capture, Match } from 'aws-cdk-lib/assertions';
import { CALLERS, apiCallers } from '../../../lib/config/api-callers';
import type { EndpointConfig } from '../../../lib/config/types';
import { MANIFESTS_HANDLER_DESCRIPTION } from '../../../lambda/manifests/api';
import { AWS_AUTH_HANDLER_DESCRIPTION } from '../../../lib/constructs/aws-auth/aws-auth-provider';
import { endpointAccess } from '../../../lib/stacks/endpoint-access';
import type { CfnResource, SynthesizedEnvironment } from '../../util';
import { envConfig, getAtt, onlyResource, resolveCrossStack, resourcesOfType, synthApp } from '../../util';

const PUBLIC: EndpointConfig = { access: 'public-and-private', publicCidrs: ['203.0.113.0/24', '198.51.100.0/24'] };
const PRIVATE: EndpointConfig = { access: 'private', operatorCidrs: ['10.200.0.0/16', '172.20.4.0/22'] };

let publicEnv: SynthesizedEnvironment;
let privateEnv: SynthesizedEnvironment;
beforeAll(() => {
  const app = synthApp([
    envConfig({ name: 'pub', endpoint: PUBLIC }),
    envConfig({ name: 'priv', endpoint: PRIVATE }),
  ], { pipeline: false });
  const get = (name: string) => {
    const env = app.envs.get(name);
    if (!env) throw new Error(`environment ${name} was not synthesized`);
    return env;
  };
  publicEnv = get('pub');
  privateEnv = get('priv');
});

/** The cluster resource's logical id in the cluster template. */
const clusterId = (env: SynthesizedEnvironment) => onlyResource(env.cluster, 'AWS::EKS::Cluster')[0];
/** The private subnets of the cluster's VPC, as Refs. */
const privateSubnets = (env: SynthesizedEnvironment) =>
  resourcesOfType(env.cluster, 'AWS::EC2::Subnet', (r) => (r.Properties?.Tags as Array<{ Key: string; Value: string }>).some((t) => t.Key === 'aws-cdk:subnet-type' && t.Value === 'Private'))
    .map(([id]) => ({ Ref: id }));

describe('ResourcesVpcConfig', () => {
  test('public-and-private: both endpoints on, the public one only from publicCidrs', () => {
    publicEnv.cluster.hasResourceProperties('AWS::EKS::Cluster', {
      ResourcesVpcConfig: Match.objectLike({ EndpointPublicAccess: true, EndpointPrivateAccess: true, PublicAccessCidrs: ['203.0.113.0/24', '198.51.100.0/24'] }),
    });
  });

  test('private: the public endpoint off, no allow-list', () => {
    const config = new Capture();
    privateEnv.cluster.hasResourceProperties('AWS::EKS::Cluster', { ResourcesVpcConfig: config });
    expect(config.asObject()).toEqual(expect.objectContaining({ EndpointPublicAccess: false, EndpointPrivateAccess: true }));
    expect(config.asObject()).not.toHaveProperty('PublicAccessCidrs');
  });

  test('endpointAccess renders what config says (and never an open public endpoint)', () => {
    expect(endpointAccess(PUBLIC)._config).toEqual({ publicAccess: true, privateAccess: true, publicCidrs: PUBLIC.access === 'public-and-private' ? PUBLIC.publicCidrs : [] });
    expect(endpointAccess(PRIVATE)._config).toEqual({ publicAccess: false, privateAccess: true });
  });
});

describe.each([['public-and-private', () => publicEnv], ['private', () => privateEnv]])('the app\'s functions in the VPC (%s)', (_mode, env) => {
  test('the aws-auth handler runs in the private subnets with its own security group', () => {
    const sg = new Capture();
    env().access.hasResourceProperties('AWS::Lambda::Function', {
      Description: AWS_AUTH_HANDLER_DESCRIPTION,
      VpcConfig: { SecurityGroupIds: [{ 'Fn::GetAtt': [sg, 'GroupId'] }], SubnetIds: Match.anyValue() },
    });
    const [, fn] = onlyResource(env().access, 'AWS::Lambda::Function', (r) => r.Properties?.Description === AWS_AUTH_HANDLER_DESCRIPTION);
    const subnets = resolveCrossStack((fn.Properties?.VpcConfig as { SubnetIds: unknown }).SubnetIds, env().byStackName);
    expect(subnets).toEqual(privateSubnets(env()));
    // Its security group: HTTPS out only, nothing in.
    const group = env().access.toJSON().Resources[sg.asString()] as CfnResource;
    expect(group.Type).toBe('AWS::EC2::SecurityGroup');
    expect(group.Properties?.SecurityGroupEgress).toEqual([expect.objectContaining({ CidrIp: '0.0.0.0/0', IpProtocol: 'tcp', FromPort: 443, ToPort: 443 })]);
    expect(group.Properties?.SecurityGroupIngress).toBeUndefined();
    // The cluster security group admits it on 443, and the merge resources wait for that rule.
    const [ingressId, ingress] = onlyResource(env().access, 'AWS::EC2::SecurityGroupIngress', (r) => JSON.stringify(r.Properties?.SourceSecurityGroupId) === JSON.stringify(getAtt(sg.asString(), 'GroupId')));
    expect({ ...ingress.Properties, GroupId: resolveCrossStack(ingress.Properties?.GroupId, env().byStackName) }).toEqual(expect.objectContaining({
      GroupId: getAtt(clusterId(env()), 'ClusterSecurityGroupId'), IpProtocol: 'tcp', FromPort: 443, ToPort: 443,
    }));
    for (const [, merge] of resourcesOfType(env().access, 'Custom::EksAccessAwsAuth')) expect(merge.DependsOn).toEqual(expect.arrayContaining([ingressId]));
  });

  test('the handler role may manage its network interfaces (AWSLambdaVPCAccessExecutionRole)', () => {
    const [, fn] = onlyResource(env().access, 'AWS::Lambda::Function', (r) => r.Properties?.Description === AWS_AUTH_HANDLER_DESCRIPTION);
    const roleId = (fn.Properties?.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0];
    expect(JSON.stringify(env().access.toJSON().Resources[roleId].Properties.ManagedPolicyArns)).toContain('service-role/AWSLambdaVPCAccessExecutionRole');
  });

  test('each manifests function (Access, Workloads) runs in the private subnets with its own security group, which the cluster security group admits on 443; no kubectl provider is left', () => {
    for (const stack of [env().access, env().workloads]) {
      const [, fn] = onlyResource(stack, 'AWS::Lambda::Function', (r) => r.Properties?.Description === MANIFESTS_HANDLER_DESCRIPTION);
      const vpc = fn.Properties?.VpcConfig as { SecurityGroupIds: Array<{ 'Fn::GetAtt': string[] }>; SubnetIds: unknown };
      expect(resolveCrossStack(vpc.SubnetIds, env().byStackName)).toEqual(privateSubnets(env()));
      expect(vpc.SecurityGroupIds).toHaveLength(1);
      const sgId = vpc.SecurityGroupIds[0]['Fn::GetAtt'][0];
      const ingress = resourcesOfType(stack, 'AWS::EC2::SecurityGroupIngress', (r) => JSON.stringify(r.Properties?.SourceSecurityGroupId) === JSON.stringify(getAtt(sgId, 'GroupId')));
      expect(ingress.map(([, r]) => [r.Properties?.FromPort, r.Properties?.ToPort, r.Properties?.IpProtocol])).toEqual([[443, 443, 'tcp']]);
    }
    for (const stack of [env().cluster, env().access, env().workloads]) {
      expect(resourcesOfType(stack, 'AWS::Lambda::Function', (r) => String(r.Properties?.Description ?? '').includes('kubectl'))).toEqual([]);
    }
  });

  test('every caller the model places in the VPC is a function in the VPC in the template', () => {
    const endpoint = env() === publicEnv ? PUBLIC : PRIVATE;
    const functionsOf: Record<string, () => CfnResource[]> = {
      [CALLERS.handler]: () => [onlyResource(env().access, 'AWS::Lambda::Function', (r) => r.Properties?.Description === AWS_AUTH_HANDLER_DESCRIPTION)[1]],
      [CALLERS.manifests]: () => [env().access, env().workloads].map((t) => onlyResource(t, 'AWS::Lambda::Function', (r) => r.Properties?.Description === MANIFESTS_HANDLER_DESCRIPTION)[1]),
    };
    const functions = apiCallers(endpoint).filter((c) => c.name in functionsOf);
    expect(functions.map((c) => c.name)).toEqual([CALLERS.handler, CALLERS.manifests]);
    for (const caller of functions) {
      expect(caller.networks).toEqual([{ kind: 'vpc' }]);
      for (const fn of functionsOf[caller.name]()) expect(fn.Properties?.VpcConfig).toEqual(expect.objectContaining({ SubnetIds: expect.any(Object) }));
    }
  });
});

describe('connected networks (operatorCidrs)', () => {
  test('private: the cluster security group admits each operator block on 443, and nothing else from a CIDR', () => {
    const rules = resourcesOfType(privateEnv.cluster, 'AWS::EC2::SecurityGroupIngress', (r) => r.Properties?.CidrIp !== undefined);
    expect(rules.map(([, r]) => r.Properties).sort((a, b) => String(a?.CidrIp).localeCompare(String(b?.CidrIp)))).toEqual(['10.200.0.0/16', '172.20.4.0/22'].map((cidr) => ({
      GroupId: getAtt(clusterId(privateEnv), 'ClusterSecurityGroupId'), IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: cidr, Description: expect.stringContaining(cidr),
    })));
  });

  test('public-and-private without operatorCidrs: no CIDR is admitted to the cluster security group', () => {
    expect(resourcesOfType(publicEnv.cluster, 'AWS::EC2::SecurityGroupIngress', (r) => r.Properties?.CidrIp !== undefined)).toEqual([]);
  });
});
