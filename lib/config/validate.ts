import { ArnError, isAccountId, parsePrincipalArn, roleKey, userKey } from '../../lambda/aws-auth/core/arn';
import { EC2_NODE_USERNAME, WINDOWS_KUBE_PROXY_GROUP, nodeShapeOf, reservedIdentities } from '../../lambda/aws-auth/core/reserved';
import { MAX_NAME_LENGTH, nameProblem } from '../../lambda/aws-auth/core/validate';
import { Groups, NODE_GROUPS } from '../k8s/groups';
import { ConfigValidationError, ProblemCollector } from './errors';
import {
  AWS_REGION, DNS1123_LABEL, DNS1123_SUBDOMAIN, EC2_INSTANCE_TYPE, EKS_CLUSTER_NAME, IAM_ROLE_NAME,
  K8S_QUANTITY, VPC_ID, isIpv4Cidr, partitionOfRegion,
} from './names';
import type {
  EnvironmentConfig, ExistingRoleMappingConfig, NamespaceConfig, PeopleRoleConfig, PodSecurityLevel,
  PolicyStatementConfig, ServiceAccountConfig, UserMappingConfig,
} from './types';
import { alarmsProblems } from './rules/alarms';
import { irsaStatementProblems } from './rules/irsa-statement';
import { networkPolicyEnforcementProblems } from './rules/network-policy-enforcement';
import { endpointProblems } from './rules/endpoint';
import { vpcEgressProblems } from './rules/vpc-egress';
import { DEFAULT_MAX_AZS, zonesProblems } from './rules/zones';
import { SUPPORTED_KUBERNETES_VERSIONS } from './versions';

/** A people role with its defaults applied. */
export interface ResolvedPeopleRole extends PeopleRoleConfig {
  readonly trustedPrincipals: string[];
  readonly maxSessionHours: number;
  readonly breakGlass: boolean;
}

/** A namespace with its defaults applied. */
export interface ResolvedNamespace extends NamespaceConfig {
  readonly podSecurity: PodSecurityLevel;
  readonly developerAccess: boolean;
}

/** An environment after validation, with every default applied. */
export interface ResolvedEnvironment extends EnvironmentConfig {
  readonly clusterName: string;
  /** Partition of the region (`aws`, `aws-cn`, ...). */
  readonly partition: string;
  readonly allowClusterAdmin: boolean;
  readonly deletionProtection: boolean;
  readonly networkPolicyEnforcement: boolean;
  readonly people: ResolvedPeopleRole[];
  readonly existingRoles: ExistingRoleMappingConfig[];
  readonly users: UserMappingConfig[];
  readonly namespaces: ResolvedNamespace[];
  readonly verifierTrustedRoleArns: string[];
}

/** Namespaces that must not get a default-deny baseline from this app. */
const SYSTEM_NAMESPACES = ['kube-system', 'kube-public', 'kube-node-lease', 'default'];
const POD_SECURITY_LEVELS: readonly PodSecurityLevel[] = ['privileged', 'baseline', 'restricted'];

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
    p.add('kubernetesVersion', env.kubernetesVersion, `is not supported; use one of ${SUPPORTED_KUBERNETES_VERSIONS.map((v) => `"${v}"`).join(', ')} (the bundled kubectl layer is v1.35)`);
  }
  const clusterName = env.clusterName ?? `eks-access-${env.name}`;
  if (!EKS_CLUSTER_NAME.test(clusterName)) {
    p.add('clusterName', clusterName, 'must start with a letter or digit and contain only letters, digits, "-" and "_" (at most 100)');
  }
  checkVpc(env, p);
  for (const v of zonesProblems(env)) p.add(v.field, v.value, v.message);
  checkNodeGroups(env, p);
  checkCreatorAdmin(env, p);
  const deletionProtection = env.deletionProtection ?? true;
  if (typeof deletionProtection !== 'boolean') p.add('deletionProtection', env.deletionProtection, 'must be true or false (true: EKS refuses to delete the cluster; changing it never replaces the cluster)');
  const allowClusterAdmin = env.allowClusterAdmin === true;
  const people = checkPeople(env, partition, allowClusterAdmin, p);
  const existingRoles = env.existingRoles ?? [];
  const users = env.users ?? [];
  checkExistingRoles(existingRoles, partition, allowClusterAdmin, p);
  checkUsers(users, partition, allowClusterAdmin, p);
  if (isAccountId(env.account)) checkDuplicatePrincipals(env.account, partition, people, existingRoles, users, p);
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
    value: { ...env, clusterName, partition, allowClusterAdmin, deletionProtection, networkPolicyEnforcement, people, existingRoles, users, namespaces, verifierTrustedRoleArns },
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

function checkVpc(env: EnvironmentConfig, p: ProblemCollector): void {
  const vpc = env.vpc as unknown as Record<string, unknown> | undefined;
  if (!vpc || typeof vpc !== 'object') {
    p.add('vpc', vpc, 'is required: { cidr: "10.0.0.0/16" } for a new VPC or { vpcId: "vpc-..." } for an existing one');
    return;
  }
  const hasCidr = 'cidr' in vpc;
  const hasId = 'vpcId' in vpc;
  if (hasCidr === hasId) {
    p.add('vpc', vpc, 'set exactly one of "cidr" (new VPC) or "vpcId" (existing VPC)');
    return;
  }
  if (hasId) {
    if (typeof vpc.vpcId !== 'string' || !VPC_ID.test(vpc.vpcId)) p.add('vpc.vpcId', vpc.vpcId, 'must look like "vpc-0123456789abcdef0"');
    return;
  }
  const cidr = vpc.cidr as string;
  const prefix = isIpv4Cidr(cidr) ? Number(cidr.split('/')[1]) : 0; // not a CIDR: below every allowed prefix
  if (prefix < 16 || prefix > 24) p.add('vpc.cidr', cidr, 'must be an IPv4 CIDR between /16 and /24, for example "10.10.0.0/16"');
  const maxAzs = vpc.maxAzs ?? DEFAULT_MAX_AZS;
  if (!Number.isInteger(maxAzs) || (maxAzs as number) < 2 || (maxAzs as number) > 6) p.add('vpc.maxAzs', maxAzs, 'must be an integer from 2 to 6 (EKS needs subnets in at least two AZs)');
  const nat = vpc.natGateways ?? 1;
  if (!Number.isInteger(nat) || (nat as number) < 1 || (nat as number) > (maxAzs as number)) p.add('vpc.natGateways', nat, 'must be an integer from 1 to maxAzs (nodes in private subnets need a NAT gateway)');
}

function checkNodeGroups(env: EnvironmentConfig, p: ProblemCollector): void {
  if (!Array.isArray(env.nodeGroups) || env.nodeGroups.length === 0) {
    p.add('nodeGroups', env.nodeGroups, 'declare at least one managed node group');
    return;
  }
  const names = new Set<string>();
  env.nodeGroups.forEach((ng, i) => {
    const f = `nodeGroups[${i}]`;
    if (typeof ng.name !== 'string' || !DNS1123_LABEL.test(ng.name) || ng.name.length > 63) p.add(`${f}.name`, ng.name, 'must be a DNS-1123 label, for example "general"');
    else if (names.has(ng.name)) p.add(`${f}.name`, ng.name, 'is used by another node group; names must be unique');
    else if (`${env.clusterName ?? `eks-access-${env.name}`}-node-${ng.name}`.length > 64) p.add(`${f}.name`, ng.name, 'makes the node role name "<clusterName>-node-<name>" longer than 64 characters; shorten the node group or cluster name');
    names.add(ng.name);
    if (!Array.isArray(ng.instanceTypes) || ng.instanceTypes.length === 0) p.add(`${f}.instanceTypes`, ng.instanceTypes, 'list at least one EC2 instance type, for example ["m6i.large"]');
    else ng.instanceTypes.forEach((t, j) => { if (typeof t !== 'string' || !EC2_INSTANCE_TYPE.test(t)) p.add(`${f}.instanceTypes[${j}]`, t, 'is not an EC2 instance type such as "m6i.large"'); });
    const min = ng.minSize, max = ng.maxSize, desired = ng.desiredSize ?? ng.minSize;
    if (!Number.isInteger(min) || min < 0) p.add(`${f}.minSize`, min, 'must be a whole number >= 0');
    if (!Number.isInteger(max) || max < 1 || max < min) p.add(`${f}.maxSize`, max, 'must be a whole number >= 1 and >= minSize');
    if (!Number.isInteger(desired) || desired < min || desired > max) p.add(`${f}.desiredSize`, ng.desiredSize, 'must lie between minSize and maxSize');
    if (ng.diskSize !== undefined && (!Number.isInteger(ng.diskSize) || ng.diskSize < 20)) p.add(`${f}.diskSize`, ng.diskSize, 'must be a whole number of GiB >= 20');
  });
}

/** A username or group the authenticator's parser reads exactly (the handler's rule, `nameProblem`). */
function checkName(field: string, value: string, p: ProblemCollector): void {
  const problem = nameProblem(value);
  if (problem !== undefined) p.add(field, value, `cannot be written to aws-auth as it is: ${problem}; use printable characters without leading or trailing spaces (at most ${MAX_NAME_LENGTH})`);
}

/**
 * Checks username and groups of one mapping. Reserved identities are judged by the same rule as
 * the construct and the handler (`lambda/aws-auth/core/reserved.ts`); a node role must have a
 * node shape exactly, and a node shape is only accepted on a role declared `nodeRole: true`.
 */
function checkMapping(field: string, kind: 'role' | 'user', username: unknown, groups: unknown, nodeRole: boolean, allowClusterAdmin: boolean, p: ProblemCollector): void {
  if (typeof username !== 'string' || username.trim() === '') {
    p.add(`${field}.username`, username, 'must be a non-empty Kubernetes username');
  } else {
    checkName(`${field}.username`, username, p);
  }
  if (!Array.isArray(groups)) {
    p.add(`${field}.groups`, groups, 'must be a list of Kubernetes group names (may be empty)');
    return;
  }
  groups.forEach((g, j) => {
    if (typeof g !== 'string' || g.trim() === '') p.add(`${field}.groups[${j}]`, g, 'must be a non-empty group name');
    else checkName(`${field}.groups[${j}]`, g, p);
  });
  const shape = nodeShapeOf({ username, groups });
  if (nodeRole) {
    if (shape === undefined || shape.username !== EC2_NODE_USERNAME) {
      p.add(field, { username, groups }, `a node role must map to username "${EC2_NODE_USERNAME}" with exactly the groups ${NODE_GROUPS.join(' and ')} (Windows nodes add ${WINDOWS_KUBE_PROXY_GROUP})`);
    }
    return;
  }
  if (shape !== undefined) {
    p.add(`${field}.groups`, groups, 'is the node mapping shape; declare the role under existingRoles with nodeRole: true');
    return;
  }
  for (const r of reservedIdentities(kind, { username, groups }, { allowClusterAdmin })) {
    if (r.value === Groups.clusterAdmin) {
      p.add(`${field}.${r.field}`, r.value, 'grants cluster-admin; set allowClusterAdmin: true for this environment if that is intended, otherwise use "reader" or "developer"');
    } else if (NODE_GROUPS.includes(r.value)) {
      p.add(`${field}.${r.field}`, r.value, 'is reserved for node roles; declare the role under existingRoles with nodeRole: true');
    } else {
      p.add(`${field}.${r.field}`, r.value, r.reason);
    }
  }
}

function checkPrincipalArn(field: string, arn: unknown, kind: 'role' | 'user', partition: string, p: ProblemCollector): boolean {
  try {
    const parsed = parsePrincipalArn(arn as string, kind);
    if (parsed.partition !== partition) {
      p.add(field, arn, `is in partition "${parsed.partition}" but the environment's region is in "${partition}"; use arn:${partition}:iam::...`);
      return false;
    }
    return true;
  } catch (e) {
    if (e instanceof ArnError) { p.add(field, arn, e.message); return false; }
    throw e;
  }
}

function checkPeople(env: EnvironmentConfig, partition: string, allowClusterAdmin: boolean, p: ProblemCollector): ResolvedPeopleRole[] {
  if (!Array.isArray(env.people)) { p.add('people', env.people, 'must be a list (may be empty)'); return []; }
  const names = new Set<string>();
  return env.people.map((person, i) => {
    const f = `people[${i}]`;
    if (typeof person.roleName !== 'string' || !IAM_ROLE_NAME.test(person.roleName)) p.add(`${f}.roleName`, person.roleName, 'must be an IAM role name (letters, digits, +=,.@_-, at most 64)');
    else if (names.has(person.roleName.toLowerCase())) p.add(`${f}.roleName`, person.roleName, 'is used by another people role (IAM role names are case-insensitive)');
    names.add(String(person.roleName).toLowerCase());
    checkMapping(f, 'role', person.username, person.groups, false, allowClusterAdmin, p);
    const clusterAdmin = Array.isArray(person.groups) && person.groups.includes(Groups.clusterAdmin);
    const breakGlass = checkBreakGlass(f, person, clusterAdmin, p);
    const hours = person.maxSessionHours ?? 1;
    if (!Number.isInteger(hours) || hours < 1 || hours > 12) p.add(`${f}.maxSessionHours`, person.maxSessionHours, 'must be a whole number of hours from 1 to 12');
    if (clusterAdmin && person.trustedPrincipals === undefined) {
      p.add(`${f}.trustedPrincipals`, undefined, `maps to ${Groups.clusterAdmin}, so it may not default to trusting the whole account root; ${ADMIN_TRUST_FIX}`);
      return { ...person, trustedPrincipals: [], maxSessionHours: hours, breakGlass };
    }
    // Default trust is the environment account; a bad account is reported once, under "account".
    const trusted = person.trustedPrincipals ?? (isAccountId(env.account) ? [env.account] : undefined);
    if (trusted === undefined) return { ...person, trustedPrincipals: [], maxSessionHours: hours, breakGlass };
    if (!Array.isArray(trusted) || trusted.length === 0) p.add(`${f}.trustedPrincipals`, trusted, 'list at least one account id or IAM role/user ARN, or omit it to trust the environment account');
    else trusted.forEach((t, j) => {
      const tf = `${f}.trustedPrincipals[${j}]`;
      if (isAccountId(t)) {
        if (clusterAdmin) p.add(tf, t, `is a whole account root (any principal of account ${t} that its IAM policies allow), and this role maps to ${Groups.clusterAdmin}; ${ADMIN_TRUST_FIX}`);
        return;
      }
      const parsedKind = typeof t === 'string' && /:user\//.test(t) ? 'user' : 'role';
      if (checkPrincipalArn(tf, t, parsedKind, partition, p) && breakGlass && parsedKind !== 'user') {
        p.add(tf, t, 'is not an IAM user, and a break-glass role requires MFA (aws:MultiFactorAuthPresent), which only an IAM user presents when it calls sts:AssumeRole with --serial-number and --token-code; a role session (IAM Identity Center included) never does, so it could never assume this role. Trust break-glass IAM users (arn:aws:iam::ACCOUNT:user/NAME) with MFA devices');
      }
    });
    return { ...person, trustedPrincipals: Array.isArray(trusted) ? trusted : [], maxSessionHours: hours, breakGlass };
  });
}

/** How to give a cluster-admin people role a trust that names who may assume it. */
const ADMIN_TRUST_FIX = 'list the IAM role or user ARNs that may assume it (for example your IAM Identity Center admin role, '
  + 'arn:aws:iam::ACCOUNT:role/aws-reserved/sso.amazonaws.com/REGION/AWSReservedSSO_AdministratorAccess_ID), and keep a break-glass role (breakGlass: true, trusted by IAM users with MFA)';

/** `breakGlass` is a boolean and only makes sense on a cluster-admin role. */
function checkBreakGlass(f: string, person: PeopleRoleConfig, clusterAdmin: boolean, p: ProblemCollector): boolean {
  const value = person.breakGlass ?? false;
  if (typeof value !== 'boolean') {
    p.add(`${f}.breakGlass`, person.breakGlass, 'must be true or false');
    return false;
  }
  if (value && !clusterAdmin) p.add(`${f}.breakGlass`, value, `marks a break-glass cluster-admin role, but groups do not include ${Groups.clusterAdmin}; add ${Groups.clusterAdmin} or remove breakGlass`);
  return value;
}

function checkExistingRoles(roles: ExistingRoleMappingConfig[], partition: string, allowClusterAdmin: boolean, p: ProblemCollector): void {
  roles.forEach((r, i) => {
    const f = `existingRoles[${i}]`;
    checkPrincipalArn(`${f}.arn`, r.arn, 'role', partition, p);
    checkMapping(f, 'role', r.username, r.groups, r.nodeRole === true, allowClusterAdmin, p);
  });
}

function checkUsers(users: UserMappingConfig[], partition: string, allowClusterAdmin: boolean, p: ProblemCollector): void {
  users.forEach((u, i) => {
    const f = `users[${i}]`;
    checkPrincipalArn(`${f}.arn`, u.arn, 'user', partition, p);
    checkMapping(f, 'user', u.username, u.groups, false, allowClusterAdmin, p);
  });
}

/** A principal mapped twice must map to the same username and groups both times. */
function checkDuplicatePrincipals(
  account: string, partition: string, people: ResolvedPeopleRole[], roles: ExistingRoleMappingConfig[], users: UserMappingConfig[], p: ProblemCollector,
): void {
  const seen = new Map<string, { field: string; username: string; groups: string }>();
  const visit = (key: string | undefined, field: string, username: string, groups: string[]) => {
    if (!key || !Array.isArray(groups)) return;
    const g = [...groups].sort().join(',');
    const prev = seen.get(key);
    if (prev && (prev.username !== username || prev.groups !== g)) {
      p.add(field, key, `is also mapped by ${prev.field} as "${prev.username}" [${prev.groups}] but here as "${username}" [${g}]; map each principal once`);
    } else if (!prev) {
      seen.set(key, { field, username, groups: g });
    }
  };
  const safeRoleKey = (arn: string) => { try { return roleKey(arn); } catch { return undefined; } };
  people.forEach((r, i) => visit(safeRoleKey(`arn:${partition}:iam::${account}:role/${r.roleName}`), `people[${i}]`, r.username, r.groups));
  roles.forEach((r, i) => visit(safeRoleKey(r.arn), `existingRoles[${i}]`, r.username, r.groups));
  // The authenticator matches users by the lower-cased ARN (IAM user names ignore case too).
  users.forEach((u, i) => visit(typeof u.arn === 'string' ? `user:${userKey(u.arn)}` : undefined, `users[${i}]`, u.username, u.groups));
}

function checkQuantity(field: string, value: unknown, p: ProblemCollector): void {
  if (typeof value !== 'string' || !K8S_QUANTITY.test(value)) p.add(field, value, 'must be a Kubernetes quantity string such as "500m", "2" or "4Gi"');
}

function checkNamespaces(namespaces: NamespaceConfig[], p: ProblemCollector): ResolvedNamespace[] {
  if (!Array.isArray(namespaces)) { p.add('namespaces', namespaces, 'must be a list (may be empty)'); return []; }
  const names = new Set<string>();
  return namespaces.map((ns, i) => {
    const f = `namespaces[${i}]`;
    if (typeof ns.name !== 'string' || !DNS1123_LABEL.test(ns.name) || ns.name.length > 63) p.add(`${f}.name`, ns.name, 'must be a DNS-1123 label (lower-case letters, digits, "-"; at most 63), for example "payments"');
    else if (SYSTEM_NAMESPACES.includes(ns.name)) p.add(`${f}.name`, ns.name, 'is a system namespace; a default-deny baseline would break it, declare a workload namespace instead');
    else if (names.has(ns.name)) p.add(`${f}.name`, ns.name, 'is declared twice; declare each namespace once');
    names.add(ns.name);
    const level = ns.podSecurity ?? 'restricted';
    if (!POD_SECURITY_LEVELS.includes(level)) p.add(`${f}.podSecurity`, ns.podSecurity, `must be one of ${POD_SECURITY_LEVELS.join(', ')}`);
    const q = ns.quota ?? ({} as NamespaceConfig['quota']);
    checkQuantity(`${f}.quota.requestsCpu`, q.requestsCpu, p);
    checkQuantity(`${f}.quota.requestsMemory`, q.requestsMemory, p);
    checkQuantity(`${f}.quota.limitsCpu`, q.limitsCpu, p);
    checkQuantity(`${f}.quota.limitsMemory`, q.limitsMemory, p);
    if (!Number.isInteger(q.pods) || q.pods < 1) p.add(`${f}.quota.pods`, q.pods, 'must be a whole number >= 1');
    const d = ns.containerDefaults ?? ({} as NamespaceConfig['containerDefaults']);
    checkQuantity(`${f}.containerDefaults.requestCpu`, d.requestCpu, p);
    checkQuantity(`${f}.containerDefaults.requestMemory`, d.requestMemory, p);
    checkQuantity(`${f}.containerDefaults.limitCpu`, d.limitCpu, p);
    checkQuantity(`${f}.containerDefaults.limitMemory`, d.limitMemory, p);
    const ruleNames = new Set<string>();
    (ns.allow ?? []).forEach((rule, j) => {
      const rf = `${f}.allow[${j}]`;
      if (typeof rule.name !== 'string' || !DNS1123_LABEL.test(rule.name) || rule.name.length > 50) p.add(`${rf}.name`, rule.name, 'must be a DNS-1123 label of at most 50 characters');
      else if (rule.name === 'dns-egress') p.add(`${rf}.name`, rule.name, 'is reserved for the built-in DNS egress policy; choose another name');
      else if (ruleNames.has(rule.name)) p.add(`${rf}.name`, rule.name, 'is used by another allow rule of this namespace; names must be unique');
      ruleNames.add(rule.name);
      if (rule.direction !== 'ingress' && rule.direction !== 'egress') p.add(`${rf}.direction`, rule.direction, 'must be "ingress" or "egress"');
      if (!(rule.namespaces?.length || rule.cidrs?.length)) p.add(rf, rule, 'name at least one peer: "namespaces" or "cidrs"');
      (rule.namespaces ?? []).forEach((n, k) => { if (typeof n !== 'string' || !DNS1123_LABEL.test(n)) p.add(`${rf}.namespaces[${k}]`, n, 'must be a namespace name (DNS-1123 label)'); });
      (rule.cidrs ?? []).forEach((c, k) => { if (!isIpv4Cidr(c)) p.add(`${rf}.cidrs[${k}]`, c, 'must be an IPv4 CIDR such as "10.0.0.0/8"'); });
      (rule.tcpPorts ?? []).forEach((port, k) => { if (!Number.isInteger(port) || port < 1 || port > 65535) p.add(`${rf}.tcpPorts[${k}]`, port, 'must be a port number from 1 to 65535'); });
    });
    return { ...ns, podSecurity: level, developerAccess: ns.developerAccess ?? true, allow: ns.allow ?? [] };
  });
}

function checkServiceAccounts(sas: ServiceAccountConfig[], namespaces: string[], partition: string, p: ProblemCollector): void {
  if (!Array.isArray(sas)) { p.add('serviceAccounts', sas, 'must be a list (may be empty)'); return; }
  const seen = new Set<string>();
  sas.forEach((sa, i) => {
    const f = `serviceAccounts[${i}]`;
    if (typeof sa.namespace !== 'string' || !DNS1123_LABEL.test(sa.namespace)) p.add(`${f}.namespace`, sa.namespace, 'must be a namespace name (DNS-1123 label)');
    else if (sa.namespace !== 'kube-system' && !namespaces.includes(sa.namespace)) p.add(`${f}.namespace`, sa.namespace, `is not declared under namespaces; declare it or use one of ${[...namespaces, 'kube-system'].join(', ')}`);
    if (typeof sa.name !== 'string' || !DNS1123_SUBDOMAIN.test(sa.name) || sa.name.length > 253) p.add(`${f}.name`, sa.name, 'must be a DNS-1123 subdomain (lower-case letters, digits, "-" and "."), for example "uploader"');
    const id = `${sa.namespace}/${sa.name}`;
    if (seen.has(id)) p.add(f, id, 'is declared twice; declare each service account once');
    seen.add(id);
    const sources = [sa.policyStatements?.length ? 'policyStatements' : '', sa.managedPolicyNames?.length ? 'managedPolicyNames' : '', sa.roleArn ? 'roleArn' : ''].filter(Boolean);
    if (sources.length !== 1) {
      p.add(f, sources, 'set exactly one of policyStatements, managedPolicyNames or roleArn');
    }
    (sa.policyStatements ?? []).forEach((st, j) => checkPolicyStatement(`${f}.policyStatements[${j}]`, st, partition, p));
    (sa.managedPolicyNames ?? []).forEach((m, k) => {
      if (typeof m !== 'string' || !/^[\w+=,.@/-]{1,128}$/.test(m) || m.startsWith('arn:')) p.add(`${f}.managedPolicyNames[${k}]`, m, 'must be an AWS managed policy name such as "AmazonEKS_CNI_Policy" (not an ARN)');
    });
    if (sa.roleArn) checkPrincipalArn(`${f}.roleArn`, sa.roleArn, 'role', partition, p);
  });
}

/**
 * One IRSA policy statement: its shape, then every wildcard cdk-nag would fail synth on
 * (lib/config/rules), so the user reads the field and the fix instead of a bare nag id.
 */
function checkPolicyStatement(sf: string, st: PolicyStatementConfig, partition: string, p: ProblemCollector): void {
  let wellFormed = true;
  if (!Array.isArray(st.actions) || st.actions.length === 0) {
    p.add(`${sf}.actions`, st.actions, 'list at least one action such as "s3:PutObject"');
    wellFormed = false;
  } else {
    st.actions.forEach((a, k) => {
      // A bare "*" has no "service:" and so fails the shape.
      if (typeof a !== 'string' || !/^[a-z0-9-]+:[A-Za-z0-9*?]+$/.test(a)) {
        p.add(`${sf}.actions[${k}]`, a, 'must be "service:Action" (no bare "*"), for example "s3:PutObject"');
        wellFormed = false;
      }
    });
  }
  if (!Array.isArray(st.resources) || st.resources.length === 0) {
    p.add(`${sf}.resources`, st.resources, 'list at least one resource ARN');
    wellFormed = false;
  } else {
    st.resources.forEach((r, k) => {
      if (r === '*') return; // a wildcard: reported by the rules below
      if (typeof r !== 'string' || !r.startsWith(`arn:${partition}:`)) {
        p.add(`${sf}.resources[${k}]`, r, `must be an ARN in partition "${partition}" (arn:${partition}:...)`);
        wellFormed = false;
      }
    });
  }
  if (!wellFormed) return;
  for (const problem of irsaStatementProblems(st)) p.add(`${sf}.${problem.field}`, problem.value, problem.message);
}
