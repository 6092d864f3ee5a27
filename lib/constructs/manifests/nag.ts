/**
 * cdk-nag acknowledgements of the manifests provider, each with the reason it is accepted (as
 * lib/nag/cluster.ts does for the cluster stack).
 */
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as cr from 'aws-cdk-lib/custom-resources';
import { acknowledge, acknowledgeProviderFramework, managedPolicyFinding } from '../../nag/cluster';
import { VPC_ACCESS_POLICY } from '../handler-function';

/**
 * The handler role's one managed policy (when the function runs in the VPC) and the Provider
 * framework function's findings.
 */
export function acknowledgeManifestsProvider(role: iam.IRole, provider: cr.Provider, handler: lambda.IFunction, inVpc: boolean): void {
  if (inVpc) {
    acknowledge(role, [managedPolicyFinding(VPC_ACCESS_POLICY)],
      'Lambda requires ENI permissions for a function in a VPC; the AWS managed AWSLambdaVPCAccessExecutionRole grants only those (and logs).');
  }
  const framework = provider.node.tryFindChild('framework-onEvent');
  if (framework) acknowledgeProviderFramework(framework, handler);
}
