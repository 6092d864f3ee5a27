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

/** One mapping that becomes an access entry with accessBackend `both`: where config declares it, its principal, username and groups. */
export interface EntryMapping {
  /** `people[0]`, `existingRoles[1]`, `users[0]`. */
  readonly field: string;
  /** A people role's ARN (no path), an existing role's or a user's ARN as config gives it. */
  readonly principalArn: string;
  readonly username: string;
  readonly groups: readonly string[];
}

/**
 * The mappings of an environment that become access entries, in config order: people roles,
 * existing roles but node roles (EKS made their entries), users. The one list synth validation,
 * `plan`, `verify` and the sandbox read.
 */
export function entryMappings(env: Pick<ResolvedEnvironment, 'account' | 'partition' | 'people' | 'existingRoles' | 'users'>): EntryMapping[] {
  return [
    ...env.people.map((r, i) => ({ field: `people[${i}]`, principalArn: `arn:${env.partition}:iam::${env.account}:role/${r.roleName}`, username: r.username, groups: r.groups })),
    ...env.existingRoles.flatMap((r, i) => (r.nodeRole === true ? [] : [{ field: `existingRoles[${i}]`, principalArn: r.arn, username: r.username, groups: r.groups }])),
    ...env.users.map((u, i) => ({ field: `users[${i}]`, principalArn: u.arn, username: u.username, groups: u.groups })),
  ];
}
