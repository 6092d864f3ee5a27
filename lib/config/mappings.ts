import type { RoleMapping, UserMapping } from '../../lambda/aws-auth/api';
import { EC2_NODE_USERNAME } from '../../lambda/aws-auth/core/reserved';
import { Groups, NODE_GROUPS } from '../k8s/groups';
import type { ResolvedEnvironment } from './validate';

/** Username EKS gives node roles. */
export const NODE_USERNAME = EC2_NODE_USERNAME;

/** Owner id of the environment's people and node mappings in aws-auth (stable: entries are owned by it). */
export function peopleOwner(env: Pick<ResolvedEnvironment, 'name'>): string {
  return `eks-access/${env.name}/people`;
}

/** Name of the node role of a node group: deterministic, so `plan` and `verify` can compute it. */
export function nodeRoleName(env: Pick<ResolvedEnvironment, 'clusterName'>, nodeGroup: string): string {
  return `${env.clusterName}-node-${nodeGroup}`;
}

/** Kubernetes username of the verifier role. */
export const VERIFIER_USERNAME = 'eks-access-verifier';

/** Name of the environment's verifier role (deterministic: the pipeline's verify step assumes it). */
export function verifierRoleName(env: Pick<ResolvedEnvironment, 'clusterName'>): string {
  return `${env.clusterName}-verifier`;
}

/** ARN of the environment's verifier role. */
export function verifierRoleArn(env: Pick<ResolvedEnvironment, 'clusterName' | 'partition' | 'account'>): string {
  return `arn:${env.partition}:iam::${env.account}:role/${verifierRoleName(env)}`;
}

/** Kubernetes username of the verify runner's role (lib/constructs/verify-runner.ts). */
export const VERIFY_RUNNER_USERNAME = 'eks-access-verify-runner';

/**
 * The environment has a verify runner: its endpoint is private and it has verifiers (the
 * pipeline's verify step cannot reach a private endpoint, so it invokes the runner in the VPC).
 */
export function hasVerifyRunner(env: Pick<ResolvedEnvironment, 'endpoint' | 'verifierTrustedRoleArns'>): boolean {
  return env.endpoint.access === 'private' && env.verifierTrustedRoleArns.length > 0;
}

/** Name of the verify runner's execution role and of its function (deterministic: the pipeline names them). */
export function verifyRunnerName(env: Pick<ResolvedEnvironment, 'clusterName'>): string {
  return `${env.clusterName}-verify-runner`;
}

/** ARN of the verify runner's execution role. */
export function verifyRunnerRoleArn(env: Pick<ResolvedEnvironment, 'clusterName' | 'partition' | 'account'>): string {
  return `arn:${env.partition}:iam::${env.account}:role/${verifyRunnerName(env)}`;
}

/**
 * The aws-auth entries an environment declares, computed from config alone (role ARNs as the
 * roles will have them). The Access stack passes the same mappings through IRole objects; the
 * `plan` and `verify` commands use this.
 */
export function desiredMappings(env: ResolvedEnvironment): { mapRoles: RoleMapping[]; mapUsers: UserMapping[]; mapAccounts: string[] } {
  const roleArn = (name: string) => `arn:${env.partition}:iam::${env.account}:role/${name}`;
  return {
    mapRoles: [
      ...env.people.map((p) => ({ rolearn: roleArn(p.roleName), username: p.username, groups: [...p.groups] })),
      ...env.existingRoles.map((r) => ({ rolearn: r.arn, username: r.username, groups: [...r.groups] })),
      ...env.nodeGroups.map((ng) => ({ rolearn: roleArn(nodeRoleName(env, ng.name)), username: NODE_USERNAME, groups: [...NODE_GROUPS] })),
      ...(env.verifierTrustedRoleArns.length ? [{ rolearn: verifierRoleArn(env), username: VERIFIER_USERNAME, groups: [Groups.verifier] }] : []),
      ...(hasVerifyRunner(env) ? [{ rolearn: verifyRunnerRoleArn(env), username: VERIFY_RUNNER_USERNAME, groups: [Groups.verifier] }] : []),
    ],
    mapUsers: env.users.map((u) => ({ userarn: u.arn, username: u.username, groups: [...u.groups] })),
    mapAccounts: [],
  };
}
