/**
 * Who can reach cluster admin, per environment: every path the templates declare, from the
 * Kubernetes identities that are admin (or can make themselves admin) back to the IAM
 * principals that can become or drive them. Pure; over-approximates (see `iam-match.ts`).
 *
 * 1. Kubernetes identities with admin power (`kubernetes-power.ts`): `system:masters`
 *    mappings, cluster-admin access policies, RBAC that writes aws-auth or manages RBAC, RBAC
 *    `escalate` / `bind` on named roles (`rbac-escalation.ts`); and IAM principals that may
 *    associate `AmazonEKSClusterAdminPolicy` with an access entry (`admin-association.ts`),
 *    such as the manifests function, whose RBAC bootstrap does so for the length of one run.
 * 2. The cluster creator's bootstrap admin (on unless `BootstrapClusterCreatorAdminPermissions`
 *    is `false`), held by the CloudFormation execution role.
 * 3. Functions that run as such an identity (the aws-auth handler, CDK's kubectl provider),
 *    and functions that may invoke those (the provider frameworks), to a fixpoint.
 * 4. Who may invoke or update those functions: IAM statements with `lambda:InvokeFunction`,
 *    `lambda:UpdateFunctionCode`, `lambda:UpdateFunctionConfiguration` (wildcards included)
 *    on them, and `AWS::Lambda::Permission` resources.
 * 5. Who may assume an admin role: its trust policy, and IAM statements with `sts:AssumeRole`
 *    on it in any environment of the assembly.
 * 6. Holders of `eks:CreateAccessEntry`, `eks:AssociateAccessPolicy` (unless its `eks:policyArn`
 *    condition excludes the admin policy), `eks:UpdateClusterConfig`.
 * 7. The CloudFormation execution role of every stack (it can change any of the above), and who
 *    may assume the deploy role that hands work to it.
 */
import { AwsAuthFunctionEnv, OWNER_LIST_SEPARATOR } from '../../lambda/aws-auth/api';
import { MANIFESTS_RBAC_RESOURCE_TYPE } from '../../lambda/manifests/api';
import { accessEntryTarget, allowsAdminPolicy, ASSOCIATE_ACCESS_POLICY } from './admin-association';
import { conditionText } from './grants';
import { allowedActions, coveringResources } from './iam-match';
import type { ResourceTarget } from './iam-match';
import { code } from './markdown';
import type { EnvironmentAccess, IamRole, LambdaFunction, PolicyStatement } from './model';
import { identitiesOf, powersOf } from './kubernetes-power';
import type { Power, PowerOrigin } from './kubernetes-power';

/** The kinds of path, in the order the report lists them. */
export const AdminPathKinds = {
  kubernetesAdmin: 'kubernetes identity',
  rbacEscalation: 'RBAC escalate or bind',
  adminAssociation: 'associate the admin policy',
  creatorAdmin: 'cluster creator',
  adminFunction: 'function',
  functionControl: 'invoke or update a function',
  roleAssumer: 'assume a role',
  eksAccessApi: 'EKS access API',
  executionRole: 'CloudFormation execution role',
} as const;

/** One of {@link AdminPathKinds}. */
export type AdminPathKind = (typeof AdminPathKinds)[keyof typeof AdminPathKinds];

/** One path to cluster admin. */
export interface AdminPath {
  readonly kind: AdminPathKind;
  /** Who holds it (a rendered principal, a function label, `Service lambda.amazonaws.com`). */
  readonly principal: string;
  /** What it reaches: the identity, function, role or cluster. */
  readonly target: string;
  /** How, plain text with values marked by `code()`. */
  readonly how: string;
  /** The grant's content, for fingerprints and for telling base from head. */
  readonly grant: string;
  /** For a Kubernetes identity: where its power comes from. @default - not a Kubernetes identity path */
  readonly origin?: PowerOrigin;
}

/** Actions on a function that let a principal drive or replace it. */
export const FUNCTION_CONTROL_ACTIONS = ['lambda:InvokeFunction', 'lambda:UpdateFunctionCode', 'lambda:UpdateFunctionConfiguration'];

/** EKS actions that let a principal grant Kubernetes access, itself included. */
export const EKS_ACCESS_ACTIONS = ['eks:CreateAccessEntry', 'eks:AssociateAccessPolicy', 'eks:UpdateClusterConfig'];

const ASSUME_ROLE = 'sts:AssumeRole';

/** An IAM role of the environment or of another environment of the same assembly. */
interface ScopedRole {
  readonly role: IamRole;
  /** `role:x` for the environment's own roles, `(app) role:x` for another environment's. */
  readonly principal: string;
  /** Whether it belongs to another environment (its references name other resources). */
  readonly foreign: boolean;
}

function scopedRoles(env: EnvironmentAccess, others: readonly EnvironmentAccess[]): ScopedRole[] {
  return [
    ...env.roles.map((role) => ({ role, principal: role.label, foreign: false })),
    ...others.filter((o) => o.name !== env.name).flatMap((o) => o.roles.map((role) => ({ role, principal: `${o.name} ${role.label}`, foreign: true }))),
  ];
}

/** A statement that allows some of the wanted actions on a target. */
interface Holding {
  readonly holder: ScopedRole;
  readonly actions: string[];
  /** The statement's resource entries that cover the target, joined. */
  readonly resources: string;
  readonly statement: PolicyStatement;
}

/** The statements of `roles` (passing `accept`) that allow one of `actions` on `target`. */
function holders(roles: readonly ScopedRole[], actions: readonly string[], target: ResourceTarget, accept: (s: PolicyStatement) => boolean = () => true): Holding[] {
  return roles.flatMap((holder) => holder.role.statements.filter(accept).flatMap((statement) => {
    const granted = allowedActions(statement, actions);
    const covering = granted.length > 0 ? coveringResources(statement, holder.foreign ? { ...target, matchLabel: false } : target) : [];
    return covering.length > 0 ? [{ holder, actions: granted, resources: covering.join(', '), statement }] : [];
  }));
}

function powerWord(p: Power): string {
  return {
    'cluster-admin': 'is cluster admin', 'writes-aws-auth': 'can write aws-auth', 'manages-rbac': 'can manage RBAC', admin: 'is admin',
    'rbac-escalation': 'is admin-equivalent through RBAC', 'associates-admin-policy': 'can make itself cluster admin',
  }[p.kind];
}

/** Step 1: identities with admin power, by principal. */
function kubernetesAdmins(env: EnvironmentAccess): Map<string, Power[]> {
  const admins = new Map<string, Power[]>();
  for (const identity of identitiesOf(env)) {
    const powers = powersOf(env, identity);
    if (powers.length > 0) admins.set(identity.principal, [...(admins.get(identity.principal) ?? []), ...powers]);
  }
  return admins;
}

/** The IAM boundary of a principal that can make itself admin: where the report's reader should look. */
const IAM_BOUNDARY = 'the boundary is IAM: who may invoke or update the function that runs as it, and the CloudFormation execution role';

/** A path of kind {@link AdminPathKinds.adminAssociation}, and whether the holder reaches admin itself (its own entry). */
interface Association {
  readonly path: AdminPath;
  readonly self: boolean;
}

/** Why a principal may associate the admin policy: the manifests RBAC bootstrap, when one names it. */
function bootstrapText(env: EnvironmentAccess, principal: string): string {
  const bootstrap = (env.rbacBootstraps ?? []).find((b) => b.principal === principal);
  if (!bootstrap) return `at any time; ${IAM_BOUNDARY}`;
  return `by design only temporarily, during the RBAC bootstrap ${code(`${MANIFESTS_RBAC_RESOURCE_TYPE} ${bootstrap.label}`)} (associate, apply only the generated RBAC, disassociate, in one run), but IAM allows it at any time; ${IAM_BOUNDARY}`;
}

/** Step 1b: principals that may associate AmazonEKSClusterAdminPolicy with an access entry of the environment. */
function adminAssociations(env: EnvironmentAccess, roles: readonly ScopedRole[]): Association[] {
  return env.accessEntries.flatMap((entry) => holders(roles, [ASSOCIATE_ACCESS_POLICY], accessEntryTarget(entry, env.clusters), allowsAdminPolicy)
    .map(({ holder, resources, statement }) => {
      const self = !holder.foreign && holder.principal === entry.principal;
      const when = statement.conditions.length > 0 ? ` when ${statement.conditions.map((c) => code(conditionText(c))).join(', ')}` : '';
      const whose = self ? 'its own access entry' : `the access entry of ${code(entry.principal)}`;
      return {
        self,
        path: {
          kind: AdminPathKinds.adminAssociation, principal: holder.principal, target: entry.principal,
          how: `${self ? 'can make itself cluster admin' : `can make ${code(entry.principal)} cluster admin`}: may ${code(ASSOCIATE_ACCESS_POLICY)} on ${code(resources)} (${whose})${when}; ${bootstrapText(env, holder.principal)}`,
          grant: `${ASSOCIATE_ACCESS_POLICY} on ${resources} ${statement.conditions.map((c) => conditionText(c)).join('; ')}`.trim(),
        },
      };
    }));
}

function functionTarget(f: LambdaFunction): ResourceTarget {
  return { label: f.label, ...(f.arn ? { arn: f.arn } : {}) };
}

/**
 * The aws-auth handler's own list of owners allowed `system:masters` mappings (its
 * {@link AwsAuthFunctionEnv.clusterAdminOwners} variable), as text; empty when the function has none.
 */
export function clusterAdminOwnersText(f: LambdaFunction): string {
  const value = f.environment[AwsAuthFunctionEnv.clusterAdminOwners];
  if (value === undefined) return '';
  const owners = value.split(OWNER_LIST_SEPARATOR).filter((o) => o !== '');
  return owners.length === 0
    ? `; owners allowed cluster admin (${code(AwsAuthFunctionEnv.clusterAdminOwners)}): none`
    : `; owners allowed cluster admin (${code(AwsAuthFunctionEnv.clusterAdminOwners)}): ${owners.map((o) => code(o)).join(', ')}`;
}

/** Step 3: functions running as an admin principal, then functions that may invoke those. */
function adminFunctions(env: EnvironmentAccess, admins: ReadonlyMap<string, Power[]>): Map<string, string> {
  const found = new Map<string, string>();
  for (const f of env.functions) {
    const powers = admins.get(f.role);
    if (powers) found.set(f.label, `runs as ${code(f.role)}, which ${powers.map((p) => `${powerWord(p)} (${p.via})`).join('; ')}${clusterAdminOwnersText(f)}`);
  }
  const own = env.roles.map((role) => ({ role, principal: role.label, foreign: false }));
  for (let changed = true; changed;) {
    changed = false;
    for (const f of env.functions.filter((x) => !found.has(x.label))) {
      const role = own.find((r) => r.principal === f.role);
      const invoked = env.functions.filter((t) => found.has(t.label) && role && holders([role], ['lambda:InvokeFunction'], functionTarget(t)).length > 0);
      if (invoked.length > 0) {
        found.set(f.label, `runs as ${code(f.role)}, which may invoke ${invoked.map((t) => code(t.label)).join(', ')}`);
        changed = true;
      }
    }
  }
  return found;
}

function roleTarget(role: IamRole): ResourceTarget {
  return { label: role.label, ...(role.arn ? { arn: role.arn } : {}) };
}

/** Step 5: who may assume `role` (trust policy and identity policies). */
function assumers(roles: readonly ScopedRole[], target: ResourceTarget, trusted: IamRole | undefined, why: string): AdminPath[] {
  const fromTrust = (trusted?.trust ?? []).filter((s) => s.effect === 'Allow').flatMap((s) => s.principals.map((p) => ({
    kind: AdminPathKinds.roleAssumer, principal: p, target: target.label,
    how: `trusted by ${code(target.label)} (${why})${s.conditions.length > 0 ? ` when ${s.conditions.map((c) => code(`${c.operator} ${c.key} = ${c.values.join(', ')}`)).join(', ')}` : ''}`,
    grant: `trust ${s.actions.join(',')} ${s.conditions.map((c) => `${c.operator} ${c.key}=${c.values.join(',')}`).join(';')}`,
  })));
  // A role assuming itself gains nothing.
  const fromPolicies = holders(roles, [ASSUME_ROLE], target).filter(({ holder }) => holder.principal !== target.label).map(({ holder, resources }) => ({
    kind: AdminPathKinds.roleAssumer, principal: holder.principal, target: target.label,
    how: `may ${code(ASSUME_ROLE)} on ${code(resources)} (${why})`,
    grant: `policy ${ASSUME_ROLE} ${resources}`,
  }));
  return [...fromTrust, ...fromPolicies];
}

/** The role of the environment that a trust principal or policy holder names, if any. */
function roleNamed(env: EnvironmentAccess, principal: string): IamRole | undefined {
  return env.roles.find((r) => principal === r.label || principal === `AWS ${r.label}` || (r.arn?.name !== undefined && principal === `AWS ${r.arn.prefix}${r.arn.name}`));
}

/**
 * Step 5, to a fixpoint: who may assume each admin role, then who may assume a role that may
 * assume one (a break-glass role trusted by the account root, for example).
 */
function assumerChains(env: EnvironmentAccess, roles: readonly ScopedRole[], admins: ReadonlyMap<string, Power[]>): AdminPath[] {
  const out: AdminPath[] = [];
  const queue: Array<{ role: IamRole; why: string }> = [];
  for (const [principal, powers] of admins) {
    const role = env.roles.find((r) => r.label === principal);
    if (role) queue.push({ role, why: `it ${powers.map(powerWord).join(', ')}` });
  }
  const seen = new Set(queue.map((q) => q.role.label));
  while (queue.length > 0) {
    const { role, why } = queue.shift() as { role: IamRole; why: string };
    const found = assumers(roles, roleTarget(role), role, why);
    out.push(...found);
    for (const p of found) {
      const next = roleNamed(env, p.principal);
      if (next && !seen.has(next.label)) {
        seen.add(next.label);
        queue.push({ role: next, why: `it may assume ${code(role.label)}` });
      }
    }
  }
  return out;
}

function unique(paths: AdminPath[]): AdminPath[] {
  const seen = new Set<string>();
  return paths.filter((p) => {
    const key = JSON.stringify([p.kind, p.principal, p.target, p.grant]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Every path to cluster admin in `env`. `assembly` holds every environment of the same
 * assembly, so that a role elsewhere (the pipeline's) that may assume a role here is found.
 */
export function adminPathsOf(env: EnvironmentAccess, assembly: readonly EnvironmentAccess[] = [env]): AdminPath[] {
  const roles = scopedRoles(env, assembly);
  const admins = kubernetesAdmins(env);
  const paths: AdminPath[] = [];
  for (const [principal, powers] of admins) {
    for (const p of powers) {
      const kind = p.kind === 'rbac-escalation' ? AdminPathKinds.rbacEscalation : AdminPathKinds.kubernetesAdmin;
      paths.push({ kind, principal, target: p.target ?? p.kind, how: `${powerWord(p)}: ${p.via}`, grant: p.grant, origin: p.origin });
    }
  }
  for (const { path, self } of adminAssociations(env, roles)) {
    paths.push(path);
    if (self) {
      const power: Power = { kind: 'associates-admin-policy', via: path.how.replace(/^can make itself cluster admin: /, ''), grant: path.grant, origin: 'iam' };
      admins.set(path.principal, [...(admins.get(path.principal) ?? []), power]);
    }
  }
  for (const c of env.clusters.filter((x) => x.bootstrapCreatorAdmin)) {
    paths.push({
      kind: AdminPathKinds.creatorAdmin, principal: c.creator ?? '(the principal that creates the stack)', target: c.label,
      how: `is cluster admin of ${code(c.label)}: ${code('BootstrapClusterCreatorAdminPermissions')} is on (absent means true; create-only)`,
      grant: 'BootstrapClusterCreatorAdminPermissions true',
    });
  }
  const functions = adminFunctions(env, admins);
  for (const [label, how] of functions) {
    const f = env.functions.find((x) => x.label === label) as LambdaFunction;
    const owners = f.environment[AwsAuthFunctionEnv.clusterAdminOwners];
    paths.push({ kind: AdminPathKinds.adminFunction, principal: label, target: f.role, how, grant: `runs as ${f.role}${owners === undefined ? '' : ` ${AwsAuthFunctionEnv.clusterAdminOwners}=${owners}`}` });
    for (const { holder, actions, resources } of holders(roles, FUNCTION_CONTROL_ACTIONS, functionTarget(f))) {
      paths.push({
        kind: AdminPathKinds.functionControl, principal: holder.principal, target: label,
        how: `may ${actions.map((a) => code(a)).join(', ')} on ${code(resources)}`,
        grant: `${actions.join(',')} on ${resources}`,
      });
    }
    for (const p of env.permissions.filter((x) => x.function === label || (f.arn?.name !== undefined && x.function === f.arn.name))) {
      paths.push({
        kind: AdminPathKinds.functionControl, principal: p.principal, target: label,
        how: `${code('AWS::Lambda::Permission')} allows ${code(p.action)}${p.conditions.length > 0 ? ` when ${p.conditions.map((c) => code(c)).join(', ')}` : ''}`,
        grant: `permission ${p.action} ${p.conditions.join(';')}`,
      });
    }
  }
  paths.push(...assumerChains(env, roles, admins));
  for (const c of env.clusters) {
    for (const holding of holders(roles, EKS_ACCESS_ACTIONS, { label: c.label, ...(c.arn ? { arn: c.arn } : {}) })) {
      const { holder, resources } = holding;
      // An association whose eks:policyArn condition excludes the admin policy grants no admin (the same judgement as step 1b).
      const actions = holding.actions.filter((a) => a !== ASSOCIATE_ACCESS_POLICY || allowsAdminPolicy(holding.statement));
      if (actions.length === 0) continue;
      paths.push({
        kind: AdminPathKinds.eksAccessApi, principal: holder.principal, target: c.label,
        how: `may ${actions.map((a) => code(a)).join(', ')} on ${code(resources)}: can give itself a cluster-admin access entry`,
        grant: `${actions.join(',')} on ${resources}`,
      });
    }
  }
  for (const executionRole of [...new Set(env.deployments.flatMap((d) => (d.executionRole ? [d.executionRole] : [])))]) {
    const stacks = env.deployments.filter((d) => d.executionRole === executionRole);
    paths.push({
      kind: AdminPathKinds.executionRole, principal: executionRole, target: stacks.map((d) => d.stack).join(', '),
      how: `deploys ${stacks.map((d) => code(d.stack)).join(', ')}: can change every function, access entry and mapping above, and invokes the custom resources`,
      grant: 'cloudformation execution role',
    });
    for (const deployRole of [...new Set(stacks.flatMap((d) => (d.deployRole ? [d.deployRole] : [])))]) {
      paths.push(...assumers(roles, { label: deployRole, literalArns: [deployRole] }, undefined, `the deploy role, which passes ${code(executionRole)} to CloudFormation`));
    }
  }
  return unique(paths);
}
