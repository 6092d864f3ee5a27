/**
 * The verify runner in `<env>/Access` of a private environment with verifiers: a function in
 * the cluster VPC's private subnets with its own security group (admitted on 443 by the cluster
 * security group), its role allowed only eks:DescribeCluster on the cluster plus the VPC-access
 * managed policy, mapped in aws-auth to the verifier group, its config the resolved environment.
 */
import { Capture, Match } from 'aws-cdk-lib/assertions';
import type { Template } from 'aws-cdk-lib/assertions';
import { VERIFY_RUNNER_CONFIG_ENV, encodeRunnerEnvironment, runnerEnvironment } from '../../../lib/cli/verify-runner';
import { VERIFY_RUNNER_USERNAME, desiredMappings } from '../../../lib/config/mappings';
import { validateEnvironment } from '../../../lib/config/validate';
import { Groups } from '../../../lib/k8s/groups';
import { Validations } from 'aws-cdk-lib';
import { buildApp } from '../../../lib/app';
import { VPC_ACCESS_POLICY } from '../../../lib/constructs/verify-runner';
import { managedPolicyFinding } from '../../../lib/nag/cluster';
import { ACCOUNT, cliContext, envConfig, onlyResource, resourcesOfType, synthApp } from '../../util';
import type { SynthesizedEnvironment } from '../../util';

const VERIFY_STEP = 'arn:aws:iam::444444444444:role/eks-access-verify-sealed';
const PRIVATE = envConfig({ name: 'sealed', endpoint: { access: 'private', operatorCidrs: ['10.200.0.0/16'] }, verifierTrustedRoleArns: [VERIFY_STEP] });
const PUBLIC_WITH_VERIFIER = envConfig({ name: 'open', verifierTrustedRoleArns: ['arn:aws:iam::444444444444:role/eks-access-verify-open'] });
const PRIVATE_WITHOUT_VERIFIER = envConfig({ name: 'closed', endpoint: { access: 'private', operatorCidrs: ['10.200.0.0/16'] } });
const RUNNER = 'eks-access-sealed-verify-runner';

let envs: ReadonlyMap<string, SynthesizedEnvironment>;
beforeAll(() => {
  envs = synthApp([PRIVATE, PUBLIC_WITH_VERIFIER, PRIVATE_WITHOUT_VERIFIER]).envs;
});
const access = (name: string) => (envs.get(name) as SynthesizedEnvironment).access;
const runnerFunction = (t: Template) => onlyResource(t, 'AWS::Lambda::Function', (r) => r.Properties?.FunctionName === RUNNER);

test('the function runs in the VPC\'s private subnets with its own security group, egress 443 only', () => {
  const [, fn] = runnerFunction(access('sealed'));
  const sgs = new Capture();
  expect(fn.Properties?.VpcConfig).toEqual({ SecurityGroupIds: expect.any(Array), SubnetIds: expect.any(Array) });
  access('sealed').hasResourceProperties('AWS::Lambda::Function', {
    FunctionName: RUNNER,
    Runtime: 'nodejs24.x',
    Architectures: ['arm64'],
    VpcConfig: { SecurityGroupIds: sgs, SubnetIds: Match.anyValue() },
  });
  const subnets = (fn.Properties?.VpcConfig as { SubnetIds: Array<{ 'Fn::GetStackOutput': { StackName: string; OutputName: string } }> }).SubnetIds;
  expect(subnets.map((s) => [s['Fn::GetStackOutput'].StackName, /^PublishOutputRefVpcprivateSubnet[12]Subnet/.test(s['Fn::GetStackOutput'].OutputName)])).toEqual([['sealed-Cluster', true], ['sealed-Cluster', true]]);
  const sgRef = (sgs.asArray()[0] as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  const sg = access('sealed').toJSON().Resources[sgRef];
  expect(sg.Type).toBe('AWS::EC2::SecurityGroup');
  expect(sg.Properties.SecurityGroupEgress).toEqual([{ CidrIp: '0.0.0.0/0', Description: 'HTTPS: the private API endpoint and EKS (DescribeCluster)', FromPort: 443, IpProtocol: 'tcp', ToPort: 443 }]);
  expect(sg.Properties.SecurityGroupIngress).toBeUndefined();
  // The cluster security group admits exactly this group on 443.
  access('sealed').hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
    SourceSecurityGroupId: { 'Fn::GetAtt': [sgRef, 'GroupId'] },
    GroupId: Match.anyValue(), IpProtocol: 'tcp', FromPort: 443, ToPort: 443,
  });
});

test('its configuration is the resolved environment, as the runner reads it', () => {
  const [, fn] = runnerFunction(access('sealed'));
  const vars = (fn.Properties?.Environment as { Variables: Record<string, string> }).Variables;
  expect(vars[VERIFY_RUNNER_CONFIG_ENV]).toBe(encodeRunnerEnvironment(validateEnvironment(PRIVATE)));
  expect(runnerEnvironment(vars)).toEqual(JSON.parse(JSON.stringify(validateEnvironment(PRIVATE))));
});

test('its role may only describe the cluster (plus the VPC-access managed policy), and nothing adds to it', () => {
  const [, fn] = runnerFunction(access('sealed'));
  const roleId = (fn.Properties?.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  const role = access('sealed').toJSON().Resources[roleId];
  expect(role.Properties).toEqual({
    RoleName: RUNNER,
    Description: `eks-access verify runner of eks-access-sealed: eks:DescribeCluster; Kubernetes group ${Groups.verifier}`,
    AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } }] },
    ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole']] }],
    Policies: [{
      PolicyName: 'DescribeCluster',
      PolicyDocument: { Version: '2012-10-17', Statement: [{ Action: 'eks:DescribeCluster', Effect: 'Allow', Resource: { 'Fn::GetStackOutput': expect.objectContaining({ StackName: 'sealed-Cluster', OutputName: expect.stringMatching(/^PublishOutputFnGetAttCluster[0-9A-F]{8}Arn/) }) } }] },
    }],
  });
  expect(resourcesOfType(access('sealed'), 'AWS::IAM::Policy', (p) => JSON.stringify(p.Properties?.Roles ?? []).includes(roleId))).toEqual([]);
});

test('its role is mapped in aws-auth with the verifier group, as plan and verify expect it', () => {
  const [, fn] = runnerFunction(access('sealed'));
  const roleId = (fn.Properties?.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  const mapRoles = new Capture();
  access('sealed').hasResourceProperties('Custom::EksAccessAwsAuth', { MapRoles: mapRoles });
  expect(mapRoles.asArray()).toEqual(expect.arrayContaining([
    { rolearn: { 'Fn::GetAtt': [roleId, 'Arn'] }, username: VERIFY_RUNNER_USERNAME, groups: [Groups.verifier] },
  ]));
  expect(desiredMappings(validateEnvironment(PRIVATE)).mapRoles).toContainEqual({ rolearn: `arn:aws:iam::${ACCOUNT}:role/${RUNNER}`, username: VERIFY_RUNNER_USERNAME, groups: [Groups.verifier] });
});

test.each(['open', 'closed'])('no runner in %s (public endpoint, or no verifiers)', (name) => {
  expect(resourcesOfType(access(name), 'AWS::Lambda::Function', (r) => String(r.Properties?.FunctionName).endsWith('-verify-runner'))).toEqual([]);
  expect(JSON.stringify(access(name).toJSON())).not.toContain(VERIFY_RUNNER_USERNAME);
});

test('the invoker role needs the runner: a public environment refuses it, naming why', () => {
  const { stages } = buildApp({ environments: [PUBLIC_WITH_VERIFIER], context: cliContext() });
  expect(() => stages[0].access.addVerifyRunnerInvoker({ roleName: 'x', trustedRoleArn: 'arn:aws:iam::444444444444:role/eks-access-verify-open' }))
    .toThrow('there is no verify runner to invoke; it exists only for an environment with endpoint.access "private" and verifiers');
});

test('the one managed policy is acknowledged with a reason that names the runner and its cluster', () => {
  const { stages } = buildApp({ environments: [PRIVATE], context: cliContext() });
  const role = stages[0].access.verifyRunner!.role;
  const acks = role.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY).flatMap((m) => Object.entries(m.data as Record<string, string>));
  expect(acks).toEqual([[`Annotation::${managedPolicyFinding(VPC_ACCESS_POLICY)}`, expect.stringContaining('verify runner of eks-access-sealed in the VPC\'s private subnets')]]);
});
