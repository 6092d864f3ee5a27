/**
 * The display and comparison view of an environment's access: every declaration becomes a
 * {@link Grant}, an id within a section plus named lists of text values. The diff compares
 * grants field by field; the renderer prints them. Pure.
 */
import type {
  AccessEntry, AwsAuthMapping, AwsAuthOwner, EksCluster, EnvironmentAccess, IamRole, LambdaFunction, LambdaPermission, PolicyCondition,
  PolicyStatement, RbacBinding, RbacRole, RbacRule, RoleKind, TrustStatement,
} from './model';

/** One declaration as the report compares and shows it. */
export interface Grant {
  /** What kind of declaration; grants are compared within a section. */
  readonly section: string;
  /** How the kind is shown (`IRSA role` for a role of section `IAM role`). */
  readonly label: string;
  /** Identity within the section, stable across synths. */
  readonly id: string;
  /** Named values, compared as sets. */
  readonly fields: ReadonlyArray<readonly [string, readonly string[]]>;
}

/** Section names, in report order. */
export const Sections = {
  awsAuthOwner: 'aws-auth owner',
  mapRoles: 'aws-auth mapRoles',
  mapUsers: 'aws-auth mapUsers',
  accessEntry: 'access entry',
  iamRole: 'IAM role',
  rbacRole: 'RBAC role',
  rbacBinding: 'RBAC binding',
  cluster: 'EKS cluster',
  lambdaFunction: 'Lambda function',
  lambdaPermission: 'Lambda permission',
} as const;

/** Report order of the sections. */
export const SECTION_ORDER: readonly string[] = Object.values(Sections);

/** Labels per kind; `people` is any role an IAM principal may assume (people, and cross-account automation such as the verifier). */
const ROLE_LABELS: Record<RoleKind, string> = { irsa: 'IRSA role', people: 'assumable role', service: 'service role', user: 'IAM user', group: 'IAM group' };

/** Prefix of the `:sub` of a Kubernetes service account token. */
const SERVICE_ACCOUNT_SUBJECT = 'system:serviceaccount:';

/**
 * How a role is labelled in the report: by kind, except that a web-identity role whose subjects
 * are not Kubernetes service accounts (GitHub Actions, for example) is a `web-identity role`.
 */
export function roleLabel(role: Pick<IamRole, 'kind' | 'trust'>): string {
  if (role.kind !== 'irsa') return ROLE_LABELS[role.kind];
  const subjects = role.trust.flatMap((s) => s.conditions).filter((c) => isSubjectKey(c.key)).flatMap((c) => c.values);
  return subjects.length > 0 && subjects.every((v) => !v.startsWith(SERVICE_ACCOUNT_SUBJECT)) ? 'web-identity role' : ROLE_LABELS.irsa;
}

/** Id of an RBAC role: `ClusterRole name` or `Role namespace/name`. */
export function rbacRoleId(role: Pick<RbacRole, 'kind' | 'name' | 'namespace'>): string {
  return `${role.kind} ${role.namespace ? `${role.namespace}/` : ''}${role.name}`;
}

/** Id of an RBAC binding: `ClusterRoleBinding name` or `RoleBinding namespace/name`. */
export function bindingId(binding: Pick<RbacBinding, 'kind' | 'name' | 'namespace'>): string {
  return `${binding.kind} ${binding.namespace ? `${binding.namespace}/` : ''}${binding.name}`;
}

/** `StringEquals key = a, b`. */
export function conditionText(c: PolicyCondition, withKey = true): string {
  return `${c.operator}${withKey ? ` ${c.key} =` : ''} ${c.values.join(', ')}`;
}

/** Whether a condition key is the `:sub` of an OIDC issuer (IRSA subject). */
export function isSubjectKey(key: string): boolean {
  return key.endsWith(':sub');
}

/** Whether a condition key is the `:aud` of an OIDC issuer. */
export function isAudienceKey(key: string): boolean {
  return key.endsWith(':aud');
}

const DEFAULT_TRUST_ACTIONS = ['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity'];

/** `AWS arn:...:root`, with the actions when they are not the plain assume-role action. */
function trustedByText(s: TrustStatement): string[] {
  const via = s.actions.length === 1 && DEFAULT_TRUST_ACTIONS.includes(s.actions[0]) ? '' : ` via ${s.actions.join(', ')}`;
  const effect = s.effect === 'Allow' ? '' : `${s.effect} `;
  return s.principals.map((p) => `${effect}${p}${via}`);
}

/** Each (action, resource) pair of a statement as one line, so statement regrouping is not a change. */
export function permissionLines(s: PolicyStatement): string[] {
  const actions = s.notActions.length > 0 ? [`NOT(${s.notActions.join(', ')})`] : s.actions;
  const resources = s.notResources.length > 0 ? [`NOT(${s.notResources.join(', ')})`] : s.resources;
  const when = s.conditions.length > 0 ? ` when ${s.conditions.map((c) => conditionText(c)).join('; ')}` : '';
  return actions.flatMap((a) => resources.map((r) => `${s.effect} ${a} on ${r}${when}`));
}

/** `get, list, watch on pods, services (core)`. */
export function ruleText(rule: RbacRule): string {
  const groups = rule.apiGroups.map((g) => (g === '' ? 'core' : g)).join(', ');
  const names = rule.resourceNames.length > 0 ? ` named ${rule.resourceNames.join(', ')}` : '';
  const urls = rule.nonResourceURLs.length > 0 ? ` URLs ${rule.nonResourceURLs.join(', ')}` : '';
  const resources = rule.resources.length > 0 ? ` ${rule.resources.join(', ')} (${groups})` : '';
  return `${rule.verbs.join(', ')} on${resources}${names}${urls}`;
}

function ownerGrant(o: AwsAuthOwner): Grant {
  return {
    section: Sections.awsAuthOwner, label: Sections.awsAuthOwner, id: o.owner,
    fields: [['cluster', [o.cluster]], ['allowClusterAdmin', [String(o.allowClusterAdmin)]], ['mapAccounts', o.accounts]],
  };
}

function mappingGrant(m: AwsAuthMapping): Grant {
  const section = m.list === 'mapRoles' ? Sections.mapRoles : Sections.mapUsers;
  return {
    section, label: section, id: m.principal,
    fields: [['owner', [m.owner]], ['username', [m.username]], ['groups', m.groups]],
  };
}

function roleGrant(r: IamRole): Grant {
  const conditions = r.trust.flatMap((s) => s.conditions);
  return {
    section: Sections.iamRole, label: roleLabel(r), id: r.name,
    fields: [
      ['trusted by', r.trust.flatMap(trustedByText)],
      ['subjects', conditions.filter((c) => isSubjectKey(c.key)).map((c) => conditionText(c, false))],
      ['audiences', conditions.filter((c) => isAudienceKey(c.key)).map((c) => conditionText(c, false))],
      ['trust conditions', conditions.filter((c) => !isSubjectKey(c.key) && !isAudienceKey(c.key)).map((c) => conditionText(c))],
      ['permissions', r.statements.flatMap(permissionLines)],
      ['managed policies', r.managedPolicies],
    ],
  };
}

function rbacRoleGrant(r: RbacRole): Grant {
  return { section: Sections.rbacRole, label: Sections.rbacRole, id: rbacRoleId(r), fields: [['rules', r.rules.map(ruleText)]] };
}

function bindingGrant(b: RbacBinding): Grant {
  return {
    section: Sections.rbacBinding, label: Sections.rbacBinding, id: bindingId(b),
    fields: [['role', [`${b.roleRef.kind} ${b.roleRef.name}`]], ['subjects', b.subjects]],
  };
}

function accessEntryGrant(e: AccessEntry): Grant {
  return {
    section: Sections.accessEntry, label: Sections.accessEntry, id: e.principal,
    fields: [
      ['cluster', [e.cluster]], ['type', [e.type]], ['username', e.username === undefined ? [] : [e.username]],
      ['groups', e.groups], ['access policies', e.policies.map((p) => `${p.policy} (${p.scope})`)],
    ],
  };
}

function clusterGrant(c: EksCluster): Grant {
  return {
    section: Sections.cluster, label: Sections.cluster, id: c.label,
    fields: [['creator admin (BootstrapClusterCreatorAdminPermissions)', [String(c.bootstrapCreatorAdmin)]], ['creator', c.creator ? [c.creator] : []]],
  };
}

function functionGrant(f: LambdaFunction): Grant {
  return {
    section: Sections.lambdaFunction, label: Sections.lambdaFunction, id: f.label,
    fields: [['role', [f.role]], ['environment', Object.entries(f.environment).map(([k, v]) => `${k}=${v}`)]],
  };
}

function permissionGrant(p: LambdaPermission): Grant {
  return {
    section: Sections.lambdaPermission, label: Sections.lambdaPermission, id: `${p.function} ${p.principal}`,
    fields: [['action', [p.action]], ['conditions', p.conditions]],
  };
}

/** Makes ids unique within their section (`id`, `id #2`, ...), in declaration order. */
function disambiguate(grants: Grant[]): Grant[] {
  const seen = new Map<string, number>();
  return grants.map((g) => {
    const key = `${g.section}\u0000${g.id}`;
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    return count === 1 ? g : { ...g, id: `${g.id} #${count}` };
  });
}

/** Every grant of an environment. */
export function grantsOf(env: EnvironmentAccess): Grant[] {
  return disambiguate([
    ...env.owners.map(ownerGrant),
    ...env.mappings.map(mappingGrant),
    ...env.accessEntries.map(accessEntryGrant),
    ...env.roles.map(roleGrant),
    ...env.rbacRoles.map(rbacRoleGrant),
    ...env.bindings.map(bindingGrant),
    ...env.clusters.map(clusterGrant),
    ...env.functions.map(functionGrant),
    ...env.permissions.map(permissionGrant),
  ]);
}
