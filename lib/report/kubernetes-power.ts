/**
 * What a Kubernetes identity (a principal mapped through aws-auth or an access entry) can do
 * that amounts to cluster admin: be in `system:masters`, hold a cluster-admin access policy,
 * or be bound by RBAC to rules that write aws-auth (then it can map anyone to
 * `system:masters`), manage RBAC (then it can bind itself to anything), `escalate` or `bind`
 * named roles (then it can grant itself anything through them), or do everything.
 * Pure.
 * @see https://kubernetes.io/docs/reference/access-authn-authz/rbac/#privilege-escalation-prevention-and-bootstrapping
 */
import { AWS_AUTH_NAME, AWS_AUTH_NAMESPACE } from '../../lambda/aws-auth/api';
import { Groups } from '../k8s/groups';
import { bindingId, rbacRoleId } from './grants';
import { code } from './markdown';
import type { EnvironmentAccess, RbacBinding, RbacRule } from './model';
import { ESCALATION_VERBS, escalationGrants, escalationTargets } from './rbac-escalation';
import type { EscalationGrant } from './rbac-escalation';

/** Access policies that make an access entry cluster admin, and the one that makes it admin of every namespace. */
export const AccessPolicies = {
  clusterAdmin: 'AmazonEKSClusterAdminPolicy',
  admin: 'AmazonEKSAdminPolicy',
} as const;

/** Built-in ClusterRoles that amount to cluster admin (`cluster-admin`) or manage RBAC in their scope (`admin`). */
const BUILT_IN_CLUSTER_ROLES: Readonly<Record<string, Power['kind']>> = { 'cluster-admin': 'cluster-admin', admin: 'manages-rbac' };

/** One power of an identity, and what grants it. */
export interface Power {
  /**
   * `cluster-admin`: everything; `writes-aws-auth`: can map anyone to `system:masters`;
   * `manages-rbac`: can bind itself to anything; `rbac-escalation`: may `escalate` or `bind`
   * named roles, so can grant itself anything through them; `admin`: AmazonEKSAdminPolicy;
   * `associates-admin-policy`: may associate AmazonEKSClusterAdminPolicy with its own access
   * entry through the EKS API (IAM; see `admin-association.ts`).
   */
  readonly kind: 'cluster-admin' | 'writes-aws-auth' | 'manages-rbac' | 'rbac-escalation' | 'admin' | 'associates-admin-policy';
  /** What grants it, plain text with marked values. */
  readonly via: string;
  /** The grant's content for fingerprints. */
  readonly grant: string;
  /** Where it comes from: a group of the mapping (`system:masters`), an access policy, RBAC bindings, or an IAM statement. */
  readonly origin: PowerOrigin;
  /** What it reaches, when narrower than its kind: the roles of an escalation. @default - its kind */
  readonly target?: string;
}

/** Where a power comes from. */
export type PowerOrigin = 'group' | 'access-policy' | 'rbac' | 'iam';

/** A principal with a Kubernetes identity. */
export interface KubernetesIdentity {
  /** The IAM principal, rendered (`role:external_admin`). */
  readonly principal: string;
  /** How it is mapped: `aws-auth mapRoles` or `access entry`. */
  readonly source: string;
  /** Kubernetes username. @default - none (an access entry without a username: EKS generates one) */
  readonly username?: string;
  readonly groups: readonly string[];
  readonly policies: ReadonlyArray<{ readonly policy: string; readonly scope: string }>;
}

/** Every identity of the environment: aws-auth mappings and access entries. */
export function identitiesOf(env: EnvironmentAccess): KubernetesIdentity[] {
  return [
    ...env.mappings.map((m) => ({ principal: m.principal, source: `aws-auth ${m.list}`, username: m.username, groups: m.groups, policies: [] })),
    ...env.accessEntries.map((e) => ({
      principal: e.principal, source: 'access entry', ...(e.username === undefined ? {} : { username: e.username }), groups: e.groups, policies: e.policies,
    })),
  ];
}

const has = (list: readonly string[], ...values: string[]) => list.includes('*') || values.some((v) => list.includes(v));

/** Whether a rule lets its holder create, update or patch `kube-system/aws-auth`. */
export function writesAwsAuth(rule: RbacRule): boolean {
  if (!has(rule.apiGroups, '') || !has(rule.resources, 'configmaps')) return false;
  // `create` cannot be limited by resourceNames: a create rule can create aws-auth when it is absent.
  if (has(rule.verbs, 'create')) return true;
  return has(rule.verbs, 'update', 'patch') && (rule.resourceNames.length === 0 || rule.resourceNames.includes(AWS_AUTH_NAME));
}

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const RBAC_RESOURCES = ['roles', 'clusterroles', 'rolebindings', 'clusterrolebindings'];

/** Whether a rule lets its holder write RBAC objects or use `bind` / `escalate`. */
export function managesRbac(rule: RbacRule): boolean {
  if (!has(rule.apiGroups, RBAC_GROUP) || !has(rule.resources, ...RBAC_RESOURCES)) return false;
  return has(rule.verbs, 'create', 'update', 'patch', 'bind', 'escalate');
}

/** Whether a rule allows every verb on every resource. */
export function allowsEverything(rule: RbacRule): boolean {
  return rule.verbs.includes('*') && rule.resources.includes('*') && rule.apiGroups.includes('*');
}

function subjectsOf(identity: KubernetesIdentity): string[] {
  return [...identity.groups.map((g) => `Group ${g}`), ...(identity.username ? [`User ${identity.username}`] : [])];
}

/** Whether a binding reaches aws-auth's namespace, kube-system (a ClusterRoleBinding, or a RoleBinding there). */
function reachesAwsAuth(b: RbacBinding): boolean {
  return b.kind === 'ClusterRoleBinding' || b.namespace === AWS_AUTH_NAMESPACE;
}

/**
 * The grants as one line, values marked by `mark`: `escalate and bind ClusterRole a, Role (every
 * namespace)/b` when both verbs reach the same roles, else `escalate ...; bind ...`.
 */
function escalationText(grants: readonly EscalationGrant[], b: RbacBinding, mark: (value: string) => string): string {
  const byVerb = ESCALATION_VERBS.map((verb) => ({ verb, targets: escalationTargets(grants.filter((g) => g.verb === verb), b) })).filter((v) => v.targets.length > 0);
  const list = (targets: readonly string[]) => targets.map(mark).join(', ');
  if (byVerb.length === 2 && list(byVerb[0].targets) === list(byVerb[1].targets)) return `${mark('escalate')} and ${mark('bind')} ${list(byVerb[0].targets)}`;
  return byVerb.map((v) => `${mark(v.verb)} ${list(v.targets)}`).join('; ');
}

function bindingPowers(env: EnvironmentAccess, b: RbacBinding, subject: string): Power[] {
  const where = b.kind === 'ClusterRoleBinding' ? 'cluster-wide' : `in namespace ${code(b.namespace ?? 'default')}`;
  const grant = `${bindingId(b)} ${b.roleRef.kind} ${b.roleRef.name} ${subject}`;
  const by = (what: string) => `${what} as ${code(subject)}, bound by ${code(bindingId(b))} to ${code(`${b.roleRef.kind} ${b.roleRef.name}`)} (${where})`;
  const builtIn = b.roleRef.kind === 'ClusterRole' ? BUILT_IN_CLUSTER_ROLES[b.roleRef.name] : undefined;
  const role = env.rbacRoles.find((r) => rbacRoleId(r) === (b.roleRef.kind === 'ClusterRole' ? `ClusterRole ${b.roleRef.name}` : `Role ${b.namespace ?? 'default'}/${b.roleRef.name}`));
  const rules = role?.rules ?? [];
  const out: Power[] = [];
  if ((builtIn === 'cluster-admin' && !role) || rules.some(allowsEverything)) {
    if (b.kind === 'ClusterRoleBinding') out.push({ kind: 'cluster-admin', via: by('every verb on every resource'), grant, origin: 'rbac' });
  }
  if (reachesAwsAuth(b) && (rules.some(writesAwsAuth) || (builtIn && !role) || rules.some(allowsEverything))) {
    out.push({ kind: 'writes-aws-auth', via: by(`writes ${code(`${AWS_AUTH_NAMESPACE}/${AWS_AUTH_NAME}`)}`), grant, origin: 'rbac' });
  }
  // RBAC managed within one namespace stays there, except in kube-system, whose service accounts hold cluster-wide power.
  const escalation = reachesAwsAuth(b) ? escalationGrants(rules) : [];
  if (escalation.length > 0) {
    out.push({
      kind: 'rbac-escalation', target: escalationTargets(escalation, b).join(', '), grant: `${grant} ${escalationText(escalation, b, (t) => t)}`, origin: 'rbac',
      via: by(`may ${escalationText(escalation, b, code)} (${code('escalate')}: write any rule into them; ${code('bind')}: bind them to anyone, itself included), so it can grant itself anything through them`),
    });
  } else if (reachesAwsAuth(b) && (rules.some(managesRbac) || (builtIn && !role))) {
    out.push({ kind: 'manages-rbac', via: by('manages RBAC'), grant, origin: 'rbac' });
  }
  return out;
}

/** The powers of `identity` that amount to cluster admin, each with what grants it. */
export function powersOf(env: EnvironmentAccess, identity: KubernetesIdentity): Power[] {
  const out: Power[] = [];
  if (identity.groups.includes(Groups.clusterAdmin)) {
    out.push({ kind: 'cluster-admin', via: `${identity.source} to group ${code(Groups.clusterAdmin)}`, grant: `${identity.source} ${Groups.clusterAdmin}`, origin: 'group' });
  }
  for (const p of identity.policies) {
    if (p.policy === AccessPolicies.clusterAdmin && p.scope === 'cluster') out.push({ kind: 'cluster-admin', via: `access policy ${code(p.policy)} (${code(p.scope)})`, grant: `${p.policy} ${p.scope}`, origin: 'access-policy' });
    else if (p.policy === AccessPolicies.admin && p.scope === 'cluster') out.push({ kind: 'admin', via: `access policy ${code(p.policy)} (cluster): admin of every namespace`, grant: `${p.policy} ${p.scope}`, origin: 'access-policy' });
  }
  const subjects = subjectsOf(identity);
  for (const b of env.bindings) {
    for (const subject of b.subjects.filter((s) => subjects.includes(s))) out.push(...bindingPowers(env, b, subject));
  }
  return out;
}
