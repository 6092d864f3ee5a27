/**
 * What the sandbox cluster holds when it starts, computed from one environment's config (pure):
 * the cluster as EKS and the already-deployed `<env>/Cluster` and `<env>/Workloads` stacks leave
 * it, before `<env>/Access` merges its mappings into aws-auth.
 *
 * - aws-auth holds what EKS writes for each managed node group (the node role, in EKS's own
 *   layout), nothing else; with `deployed`, also the environment's own entries, merged by the
 *   handler's merge core as a deploy of `<env>/Access` leaves them.
 * - `kube-system/amazon-vpc-cni` as the vpc-cni add-on leaves it (network policy controller on
 *   where config enforces network policies).
 * - RBAC as the app applies it; the verifier group's RBAC always (the operator's access entry
 *   uses it: exactly what `plan` and `verify` need).
 * - IAM: the roles and users the mappings name (as the Access stack creates or references them),
 *   and the handler's role; access entries: the handler (aws-auth writer group), the operator
 *   (verifier group) and, with `bootstrapCreatorAdmin`, the cluster creator holding
 *   AmazonEKSClusterAdminPolicy at cluster scope, as EKS creates it (listed by EKS, never used
 *   to call the API server here).
 */
import { stringify } from 'yaml';
import { AWS_AUTH_NAME, AWS_AUTH_NAMESPACE, WRITER_GROUP } from '../../lambda/aws-auth/api';
import { applyOwner } from '../../lambda/aws-auth/core';
import type { ConfigMapState } from '../../lambda/aws-auth/core';
import { clusterAdminPolicyArn, creatorRoleArn } from '../cli/creator-admin';
import { mergeOptions } from '../cli/plan';
import { NODE_USERNAME, desiredMappings, peopleOwner } from '../config/mappings';
import type { ResolvedEnvironment } from '../config/validate';
import { Groups } from '../k8s/groups';
import { KUBE_SYSTEM_NAMESPACE } from '../k8s/manifest';
import { awsAuthWriterRbac, developerRbac, readerRbac, verifierRbac } from '../k8s/rbac';
import { NETWORK_POLICY_CONTROLLER_KEY, VPC_CNI_CONFIGMAP } from '../k8s/vpc-cni';
import type { StandInAccessEntry } from './aws-endpoints';
import { ACCESS_ENTRY_OWNER_TAG, entryPrincipals } from '../cli/people-entries';
import { accessEntryShape } from '../k8s/access-entry';
import type { SandboxAccessEntry } from './callers';
import type { SeedConfigMap } from './configmap-store';
import type { SandboxPrincipals } from './principals';
import type { RbacObject } from './rbac-authorizer';

/** Options of {@link sandboxSeed}. */
export interface SeedOptions {
  /**
   * Seed aws-auth as a deploy of `<env>/Access` leaves it (`verify` passes from the start).
   * @default false - only EKS's node-role entries: `plan` lists the environment's entries as changes
   */
  readonly deployed?: boolean;
}

/** Everything the sandbox stand-ins are seeded with. */
export interface SandboxSeed {
  /** ConfigMaps of the cluster (aws-auth first). */
  readonly configMaps: SeedConfigMap[];
  /** The RBAC objects the API server's authorizer evaluates. */
  readonly rbac: RbacObject[];
  /** Access entries with their Kubernetes groups (who may call the API server without aws-auth). */
  readonly accessEntries: SandboxAccessEntry[];
  /** Access entries with their access policies, as EKS ListAccessEntries / ListAssociatedAccessPolicies answer. */
  readonly accessPolicies: StandInAccessEntry[];
  /** IAM roles that exist (GetRole, AssumeRole). */
  readonly roles: string[];
  /** IAM users that exist (GetUser). */
  readonly users: string[];
  /** Roles the operator may assume (`--assume-role`): every mapped role but the node roles (people, existing roles, the verifier). */
  readonly assumableByOperator: string[];
}

/** The RBAC the app applies for `env` (workloads, access and aws-auth provider stacks). */
export function appRbac(env: ResolvedEnvironment): RbacObject[] {
  return [
    ...env.namespaces.filter((n) => n.developerAccess).flatMap((n) => developerRbac(n.name)),
    ...readerRbac(),
    ...awsAuthWriterRbac(),
    ...(env.verifierTrustedRoleArns.length ? verifierRbac() : []),
  ];
}

/** The RBAC the app applies for `env`, plus the verifier group's (which the operator uses) where the app has none. */
export function sandboxRbac(env: ResolvedEnvironment): RbacObject[] {
  return [...appRbac(env), ...(env.verifierTrustedRoleArns.length ? [] : verifierRbac())];
}

/** aws-auth as EKS writes it for the node groups' roles (its own field order: groups, rolearn, username). */
export function eksNodeEntries(env: ResolvedEnvironment): ConfigMapState {
  const nodes = desiredMappings(env).mapRoles.filter((r) => r.username === NODE_USERNAME)
    .map((r) => ({ groups: [...r.groups], rolearn: r.rolearn, username: r.username }));
  return { data: { mapRoles: stringify(nodes) }, annotations: {} };
}

/**
 * The people access entries a deploy of `<env>/Access` creates on accessBackend "both", as EKS
 * answers them (tagged as the app tags its own). Only on the EKS side: the Kubernetes stand-in
 * still authenticates people through aws-auth, which grants the same.
 */
export function peopleAccessEntries(env: ResolvedEnvironment): StandInAccessEntry[] {
  return entryPrincipals(env).map((mapping) => {
    const { principalArn } = mapping;
    const shape = accessEntryShape(mapping, env.partition);
    return {
      clusterName: env.clusterName, principalArn, username: shape.username, kubernetesGroups: shape.kubernetesGroups,
      policies: shape.accessPolicies.map((a) => ({ policyArn: a.policyArn, accessScope: { type: a.accessScope.type } })),
      tags: { [ACCESS_ENTRY_OWNER_TAG]: peopleOwner(env) },
    };
  });
}

/** The sandbox seed of `env` (pure). */
export function sandboxSeed(env: ResolvedEnvironment, principals: SandboxPrincipals, options: SeedOptions = {}): SandboxSeed {
  const desired = desiredMappings(env);
  const eks = eksNodeEntries(env);
  const awsAuth = options.deployed ? applyOwner(eks, peopleOwner(env), desired, mergeOptions(env)).state : eks;
  const configMaps: SeedConfigMap[] = [
    { metadata: { name: AWS_AUTH_NAME, namespace: AWS_AUTH_NAMESPACE, ...(Object.keys(awsAuth.annotations).length ? { annotations: { ...awsAuth.annotations } } : {}) }, data: { ...awsAuth.data } },
    { metadata: { name: VPC_CNI_CONFIGMAP, namespace: KUBE_SYSTEM_NAMESPACE }, data: { [NETWORK_POLICY_CONTROLLER_KEY]: String(env.networkPolicyEnforcement) } },
  ];
  const creator = creatorRoleArn(env);
  // Every mapped role but the node roles: people, existing roles, the verifier (and verify runner).
  const assumable = desired.mapRoles.filter((r) => r.username !== NODE_USERNAME).map((r) => r.rolearn);
  return {
    configMaps,
    rbac: sandboxRbac(env),
    accessEntries: [
      { principalArn: principals.handlerRoleArn, groups: [WRITER_GROUP] },
      { principalArn: principals.operator.arn, groups: [Groups.verifier] },
    ],
    accessPolicies: [
      { clusterName: env.clusterName, principalArn: principals.handlerRoleArn, policies: [] },
      { clusterName: env.clusterName, principalArn: principals.operator.arn, policies: [] },
      ...(env.bootstrapCreatorAdmin
        ? [{ clusterName: env.clusterName, principalArn: creator, policies: [{ policyArn: clusterAdminPolicyArn(env.partition), accessScope: { type: 'cluster' as const } }] }]
        : []),
      ...(options.deployed ? peopleAccessEntries(env) : []),
    ],
    roles: [...new Set([...desired.mapRoles.map((r) => r.rolearn), principals.handlerRoleArn, ...(env.bootstrapCreatorAdmin ? [creator] : [])])],
    users: [...new Set([...desired.mapUsers.map((u) => u.userarn), principals.operator.arn])],
    assumableByOperator: [...new Set(assumable)],
  };
}
