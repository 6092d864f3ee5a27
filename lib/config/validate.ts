import { isAccountId } from '../../lambda/aws-auth/core/arn';
import { ConfigValidationError, ProblemCollector } from './errors';
import { AWS_REGION, DNS1123_LABEL, EKS_CLUSTER_NAME, partitionOfRegion } from './names';
import type { AccessBackend, EnvironmentConfig, ExistingRoleMappingConfig, UserMappingConfig } from './types';
import { alarmsProblems } from './rules/alarms';
import { networkPolicyEnforcementProblems } from './rules/network-policy-enforcement';
import { endpointProblems } from './rules/endpoint';
import { vpcEgressProblems } from './rules/vpc-egress';
import { zonesProblems } from './rules/zones';
import { SUPPORTED_KUBERNETES_VERSIONS } from './versions';
import { checkAccessBackend } from './validate/access-entries';
import { checkDuplicatePrincipals, checkExistingRoles, checkUsers } from './validate/mappings';
import type { ResolvedNamespace } from './validate/namespaces';
import { checkNamespaces } from './validate/namespaces';
import { checkKubectlObjectsAdopted } from './validate/release';
import { checkNodeGroups } from './validate/node-groups';
import type { ResolvedPeopleRole } from './validate/people';
import { checkPeople } from './validate/people';
import { checkPrincipalArn } from './validate/principal-arn';
import { checkServiceAccounts } from './validate/service-accounts';
import { checkVpc } from './validate/vpc';

export type { ResolvedNamespace } from './validate/namespaces';
export type { ResolvedPeopleRole } from './validate/people';

/** An environment after validation, with every default applied. */
export interface ResolvedEnvironment extends EnvironmentConfig {
  readonly clusterName: string;
  /** Partition of the region (`aws`, `aws-cn`, ...). */
  readonly partition: string;
  readonly allowClusterAdmin: boolean;
  /** Where people's access is declared (`accessBackend`, default `aws-auth`). */
  readonly accessBackend: AccessBackend;
  /** Whether eks-access 0.2 has been deployed to the environment (`kubectlObjectsAdopted`, default false). */
  readonly kubectlObjectsAdopted: boolean;
  readonly deletionProtection: boolean;
  readonly networkPolicyEnforcement: boolean;
  readonly people: ResolvedPeopleRole[];
  readonly existingRoles: ExistingRoleMappingConfig[];
  readonly users: UserMappingConfig[];
  readonly namespaces: ResolvedNamespace[];
  readonly verifierTrustedRoleArns: string[];
}

/**
 * Validates every environment and returns them resolved. Throws one ConfigValidationError
 * listing every problem (environment, field, value, fix) of every environment.
 */
export function validateEnvironments(envs: readonly EnvironmentConfig[], source?: string): ResolvedEnvironment[] {
  const all = new ProblemCollector('*');
  const seen = new Map<string, number>();
  envs.forEach((e, i) => {
    const prev = seen.get(e?.name);
    if (prev !== undefined) all.add(`environments[${i}].name`, e.name, `duplicates environments[${prev}]; give each environment its own name`);
    seen.set(e?.name, i);
  });
  const checked = Array.from(envs, (env) => checkEnvironment(env)); // a hole is checked too, as undefined
  const problems = [...all.problems, ...checked.flatMap((c) => c.problems)];
  if (problems.length) throw new ConfigValidationError(problems, source);
  // No problems: every environment has its value.
  return checked.map((c) => c.value as ResolvedEnvironment);
}

/** Validates one environment; see validateEnvironments. */
export function validateEnvironment(env: EnvironmentConfig, source?: string): ResolvedEnvironment {
  return validateEnvironments([env], source)[0];
}

function checkEnvironment(env: EnvironmentConfig): { value?: ResolvedEnvironment; problems: ProblemCollector['problems'] } {
  const p = new ProblemCollector(typeof env?.name === 'string' && env.name ? env.name : '<unnamed>');
  if (!env || typeof env !== 'object') {
    p.add('(environment)', env, 'must be an EnvironmentConfig object');
    return { problems: p.problems };
  }
  if (typeof env.name !== 'string' || !DNS1123_LABEL.test(env.name) || env.name.length > 20) {
    p.add('name', env.name, 'must be a lower-case DNS-1123 label of at most 20 characters, for example "dev"');
  }
  if (!isAccountId(env.account)) {
    p.add('account', env.account, 'must be the 12-digit AWS account id of the environment, as a string, for example "111122223333"');
  }
  const regionOk = typeof env.region === 'string' && AWS_REGION.test(env.region);
  if (!regionOk) p.add('region', env.region, 'must be an AWS region such as "eu-west-1"');
  const partition = regionOk ? partitionOfRegion(env.region) : 'aws';
  if (!SUPPORTED_KUBERNETES_VERSIONS.includes(env.kubernetesVersion)) {
    p.add('kubernetesVersion', env.kubernetesVersion, `is not supported; use one of ${SUPPORTED_KUBERNETES_VERSIONS.map((v) => `"${v}"`).join(', ')} (each has a pinned vpc-cni add-on version in lib/config/versions.ts)`);
  }
  const clusterName = env.clusterName ?? `eks-access-${env.name}`;
  if (!EKS_CLUSTER_NAME.test(clusterName)) {
    p.add('clusterName', clusterName, 'must start with a letter or digit and contain only letters, digits, "-" and "_" (at most 100)');
  }
  checkVpc(env, p);
  for (const v of zonesProblems(env)) p.add(v.field, v.value, v.message);
  checkNodeGroups(env, p);
  checkCreatorAdmin(env, p);
  const kubectlObjectsAdopted = checkKubectlObjectsAdopted(env, p);
  const deletionProtection = env.deletionProtection ?? true;
  if (typeof deletionProtection !== 'boolean') p.add('deletionProtection', env.deletionProtection, 'must be true or false (true: EKS refuses to delete the cluster; changing it never replaces the cluster)');
  const allowClusterAdmin = env.allowClusterAdmin === true;
  const people = checkPeople(env, partition, allowClusterAdmin, p);
  const existingRoles = env.existingRoles ?? [];
  const users = env.users ?? [];
  checkExistingRoles(existingRoles, partition, allowClusterAdmin, p);
  checkUsers(users, partition, allowClusterAdmin, p);
  if (isAccountId(env.account)) checkDuplicatePrincipals(env.account, partition, people, existingRoles, users, p);
  const accessBackend = checkAccessBackend(env, partition, people, existingRoles, users, p);
  const namespaces = checkNamespaces(env.namespaces, p);
  for (const v of vpcEgressProblems(env)) p.add(v.field, v.value, v.message);
  for (const v of networkPolicyEnforcementProblems(env)) p.add(v.field, v.value, v.message);
  const networkPolicyEnforcement = env.networkPolicyEnforcement === true;
  for (const v of endpointProblems(env)) p.add(v.field, v.value, v.message);
  for (const v of alarmsProblems(env, partition)) p.add(v.field, v.value, v.message);
  checkServiceAccounts(env.serviceAccounts, namespaces.map((n) => n.name), partition, p);
  const verifierTrustedRoleArns = env.verifierTrustedRoleArns ?? [];
  verifierTrustedRoleArns.forEach((arn, i) => checkPrincipalArn(`verifierTrustedRoleArns[${i}]`, arn, 'role', partition, p));
  if (verifierTrustedRoleArns.length && `${clusterName}-verifier`.length > 64) {
    p.add('clusterName', clusterName, 'makes the verifier role name "<clusterName>-verifier" longer than 64 characters; shorten the cluster name');
  }
  if (p.problems.length) return { problems: p.problems };
  return {
    problems: [],
    value: { ...env, clusterName, partition, kubectlObjectsAdopted, allowClusterAdmin, accessBackend, deletionProtection, networkPolicyEnforcement, people, existingRoles, users, namespaces, verifierTrustedRoleArns },
  };
}

/**
 * `bootstrapCreatorAdmin` is required: it is create-only (a change replaces the cluster) and its
 * CloudFormation default (true) hands the execution role undeclared cluster admin, so the app
 * must never pick it for the user.
 */
function checkCreatorAdmin(env: EnvironmentConfig, p: ProblemCollector): void {
  const value = (env as { bootstrapCreatorAdmin?: unknown }).bootstrapCreatorAdmin;
  if (typeof value === 'boolean') return;
  p.add('bootstrapCreatorAdmin', value,
    'is required and create-only (changing it replaces the cluster). Set false for a new environment, so that the CloudFormation execution role gets no cluster-admin access entry; '
    + 'set true for a cluster already deployed without this setting (CloudFormation\'s default is true, so true keeps that cluster; false would replace it)');
}
