import { Stack, Validations } from 'aws-cdk-lib';
import type { CfnCondition } from 'aws-cdk-lib';
import type * as eks from 'aws-cdk-lib/aws-eks-v2';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { IConstruct } from 'constructs';
import { CALLERS, apiCallers, describeCallers, endpointFlags } from '../config/api-callers';
import type { EndpointConfig } from '../config/types';

/** Exact id of an IAM4 finding for an AWS managed policy. */
export function managedPolicyFinding(policyName: string): string {
  return `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${policyName}]`;
}

/** Acknowledges the given findings on a construct with one reason. */
export function acknowledge(scope: IConstruct, ids: string[], reason: string): void {
  for (const id of ids) Validations.of(scope).acknowledge({ id, reason });
}

/**
 * The reason the public endpoint (AwsSolutions-EKS1) is accepted, naming the API's real callers
 * and where each comes from (lib/config/api-callers.ts); none for a private endpoint, which the
 * rule does not flag.
 */
export function publicEndpointReason(endpoint: EndpointConfig): string | undefined {
  const flags = endpointFlags(endpoint);
  if (!flags.publicAccess) return undefined;
  return `The public endpoint admits only ${flags.publicCidrs.join(', ')} (endpoint.publicCidrs), for callers outside the VPC; every request is authenticated through IAM and authorized by RBAC. `
    + describeCallers(endpoint, apiCallers(endpoint))
    + ` When the pipeline promotes this environment, ${CALLERS.verify} calls from its verifyStepCidrs (CodeBuild, outside any VPC), which validation requires inside endpoint.publicCidrs.`;
}

/**
 * cdk-nag acknowledgements for the cluster stack, each with the reason it is accepted.
 * The kubectl provider is aws-eks-v2's own (used only for RBAC, namespace and service-account
 * manifests, never for aws-auth); its roles are defined by aws-cdk-lib.
 */
export function acknowledgeClusterFindings(stack: Stack, cluster: eks.Cluster, endpoint: EndpointConfig): void {
  const reason = publicEndpointReason(endpoint);
  if (reason) acknowledge(cluster, ['AwsSolutions-EKS1'], reason);
  acknowledge(cluster.role, [managedPolicyFinding('AmazonEKSClusterPolicy')],
    'EKS requires its cluster service role to carry the AWS managed AmazonEKSClusterPolicy.');

  const kubectl = cluster.node.tryFindChild('KubectlProvider');
  if (!kubectl) return;
  const handler = kubectl.node.findChild('Handler');
  const condition = handler.node.tryFindChild('HasEcrPublic') as CfnCondition | undefined;
  const ecrPublic = condition
    ? [`AwsSolutions-IAM4[Policy::{"Fn::If":["${stack.resolve(stack.getLogicalId(condition))}",{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":iam::aws:policy/AmazonElasticContainerRegistryPublicReadOnly"]]},{"Ref":"AWS::NoValue"}]}]`]
    : [];
  acknowledge(handler, [
    managedPolicyFinding('service-role/AWSLambdaBasicExecutionRole'),
    managedPolicyFinding('service-role/AWSLambdaVPCAccessExecutionRole'),
    managedPolicyFinding('AmazonEC2ContainerRegistryReadOnly'),
    ...ecrPublic,
  ], 'aws-eks-v2 kubectl handler role, defined by aws-cdk-lib: logs, VPC ENIs and pulling its own image layers; it applies only this app\'s RBAC/namespace/service-account manifests.');
  acknowledge(handler, ['AwsSolutions-L1'],
    'The kubectl handler runtime is pinned by aws-cdk-lib to match the kubectl layer; it is upgraded with aws-cdk-lib.');
  const framework = kubectl.node.tryFindChild('Provider')?.node.tryFindChild('framework-onEvent');
  if (framework) acknowledgeProviderFramework(framework, handler as lambda.IFunction);
}

/** Findings of a CDK custom-resource Provider framework function that invokes `target`. */
export function acknowledgeProviderFramework(framework: IConstruct, target: { functionArn: string }): void {
  const stack = Stack.of(framework);
  const targetArn = stack.resolve(target.functionArn) as { 'Fn::GetAtt'?: string[] };
  const logicalId = targetArn['Fn::GetAtt']?.[0];
  acknowledge(framework, [
    managedPolicyFinding('service-role/AWSLambdaBasicExecutionRole'),
    managedPolicyFinding('service-role/AWSLambdaVPCAccessExecutionRole'),
  ], 'CDK Provider framework function: writes its own logs (and, for the kubectl provider, runs in the VPC); it has no other AWS permission.');
  acknowledge(framework, ['AwsSolutions-L1'],
    'The CDK Provider framework runtime is chosen by aws-cdk-lib and upgraded with it.');
  if (logicalId) {
    acknowledge(framework, [`AwsSolutions-IAM5[Resource::<${logicalId}.Arn>:*]`],
      'The Provider framework may invoke any version of exactly one function, its event handler.');
  }
}

/** Findings of the EKS node role, whose managed policies EKS requires. */
export function acknowledgeNodeRole(role: iam.IRole): void {
  acknowledge(role, [managedPolicyFinding('AmazonEKSWorkerNodePolicy'), managedPolicyFinding('AmazonEC2ContainerRegistryReadOnly')],
    'EKS managed node groups require these AWS managed policies on the node role (the CNI policy lives on the aws-node IRSA role instead).');
}

/**
 * The verify runner's role (lib/constructs/verify-runner.ts): its one managed policy is the VPC
 * access policy Lambda needs to place a function in the VPC; its own permission names the cluster.
 */
export function acknowledgeVerifyRunnerRole(role: iam.IRole, policyName: string, clusterName: string): void {
  acknowledge(role, [managedPolicyFinding(policyName)],
    `Lambda needs ENI permissions to run the verify runner of ${clusterName} in the VPC's private subnets, the only place its private API endpoint is reachable from (the pipeline's verify step invokes it); the AWS managed AWSLambdaVPCAccessExecutionRole grants only those and log writes.`);
}
