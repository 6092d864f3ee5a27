/**
 * An environment on an existing VPC (`vpc: { vpcId }`): the VPC is looked up at synth. Offline,
 * the lookup is answered from context, exactly as a committed cdk.context.json answers it.
 */
import { Match } from 'aws-cdk-lib/assertions';
import type { SynthesizedEnvironment } from '../../util';
import { ACCOUNT, REGION, envConfig, synthApp } from '../../util';

const VPC_ID = 'vpc-0123456789abcdef0';
const LOOKUP_KEY = `vpc-provider:account=${ACCOUNT}:filter.vpc-id=${VPC_ID}:region=${REGION}:returnAsymmetricSubnets=true`;
const subnet = (id: string, az: string, cidr: string) => ({ subnetId: id, cidr, availabilityZone: az, routeTableId: `rtb-${id.slice(7)}` });
const LOOKUP_VALUE = {
  vpcId: VPC_ID,
  vpcCidrBlock: '10.50.0.0/16',
  ownerAccountId: ACCOUNT,
  availabilityZones: [],
  subnetGroups: [
    { name: 'Public', type: 'Public', subnets: [subnet('subnet-0a0a0a0a0a0a0a0a1', `${REGION}a`, '10.50.0.0/24'), subnet('subnet-0a0a0a0a0a0a0a0a2', `${REGION}b`, '10.50.1.0/24')] },
    { name: 'Private', type: 'Private', subnets: [subnet('subnet-0b0b0b0b0b0b0b0b1', `${REGION}a`, '10.50.16.0/20'), subnet('subnet-0b0b0b0b0b0b0b0b2', `${REGION}b`, '10.50.32.0/20')] },
  ],
};

let env: SynthesizedEnvironment;
let synthErrors: string[];
beforeAll(() => {
  const config = envConfig({ vpc: { vpcId: VPC_ID } });
  // CDK prints a synth's validation report (unacknowledged warnings) with console.error.
  const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const synthesized = synthApp([config], { context: { [LOOKUP_KEY]: LOOKUP_VALUE } });
  synthErrors = spy.mock.calls.map((c) => c.map(String).join(' '));
  spy.mockRestore();
  const found = synthesized.envs.get(config.name);
  if (!found) throw new Error('environment not synthesized');
  env = found;
});

test('creates no VPC and places the cluster and node groups in the existing private subnets', () => {
  env.cluster.resourceCountIs('AWS::EC2::VPC', 0);
  env.cluster.resourceCountIs('AWS::EC2::Subnet', 0);
  env.cluster.hasResourceProperties('AWS::EKS::Cluster', {
    ResourcesVpcConfig: Match.objectLike({ SubnetIds: Match.arrayWith(['subnet-0b0b0b0b0b0b0b0b1', 'subnet-0b0b0b0b0b0b0b0b2']) }),
    AccessConfig: Match.objectLike({ AuthenticationMode: 'API_AND_CONFIG_MAP' }),
  });
  env.cluster.hasResourceProperties('AWS::EKS::Nodegroup', { Subnets: ['subnet-0b0b0b0b0b0b0b0b1', 'subnet-0b0b0b0b0b0b0b0b2'] });
});

test('the security group of the cluster lives in the existing VPC', () => {
  env.cluster.hasResourceProperties('AWS::EC2::SecurityGroup', { VpcId: VPC_ID });
});

test('the subnet-tag warning (one per subnet CDK cannot tag) is acknowledged with the requirement, so synth prints no report', () => {
  expect(synthErrors).toEqual([]);
  const validations = JSON.stringify(env.stage.cluster.node.findAll().flatMap((c) => c.node.metadata).filter((m) => /acknowledge/i.test(m.type)));
  expect(validations).toContain('clusterMustManuallyTagSubnet');
  expect(validations).toContain('kubernetes.io/role/internal-elb=1');
});
