/**
 * Config rule for `networkPolicyEnforcement`: a boolean, and on only where the app manages the
 * VPC CNI add-on, which it does for an environment that declares the CNI's service account
 * (`kube-system/aws-node`, whose IRSA role the add-on runs with).
 */
import { AWS_NODE_SERVICE_ACCOUNT } from '../../k8s/vpc-cni';
import type { EnvironmentConfig } from '../types';

/** One problem: the field below the environment, the value, what is wrong and the fix. */
export interface EnforcementProblem {
  readonly field: string;
  readonly value: unknown;
  readonly message: string;
}

/** Whether config declares the CNI's service account, so that the app manages the `vpc-cni` add-on. */
export function declaresAwsNode(env: Pick<EnvironmentConfig, 'serviceAccounts'>): boolean {
  return Array.isArray(env.serviceAccounts)
    && env.serviceAccounts.some((sa) => sa?.namespace === AWS_NODE_SERVICE_ACCOUNT.namespace && sa.name === AWS_NODE_SERVICE_ACCOUNT.name);
}

/** The problems of `networkPolicyEnforcement` (none when it is absent, false, or true with aws-node declared). */
export function networkPolicyEnforcementProblems(env: EnvironmentConfig): EnforcementProblem[] {
  const value = (env as { networkPolicyEnforcement?: unknown }).networkPolicyEnforcement;
  if (value === undefined || value === false) return [];
  if (value !== true) {
    return [{ field: 'networkPolicyEnforcement', value, message: 'must be true or false (true: the vpc-cni add-on enforces the namespaces\' NetworkPolicies)' }];
  }
  if (declaresAwsNode(env)) return [];
  const { namespace, name } = AWS_NODE_SERVICE_ACCOUNT;
  return [{
    field: 'networkPolicyEnforcement', value,
    message: `needs the vpc-cni add-on, which the app manages only with the CNI's IRSA role: declare { namespace: "${namespace}", name: "${name}", managedPolicyNames: ["AmazonEKS_CNI_Policy"] } under serviceAccounts, or set networkPolicyEnforcement: false`,
  }];
}
