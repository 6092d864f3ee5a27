/**
 * IAM roles, users and groups of one environment with their trust and permissions: inline
 * policies, and `AWS::IAM::Policy` / `AWS::IAM::ManagedPolicy` resources attached to them
 * (`Roles`, `Users`, `Groups`) from any stack of the environment. A policy attached to a role
 * that no template of the environment declares (an imported role) yields a role of kind
 * `service` with an empty trust; its trust is not ours.
 */
import { renderString, resolveValue, resourceLabel, resourceName } from '../intrinsics';
import type { ArnShape, IamRole, PolicyCondition, PolicyStatement, RoleKind, TrustStatement } from '../model';
import { resourcesOf } from '../template';
import type { TemplateContext } from '../template';
import { iamArnShape } from './arn-shape';
import { asList, asRecord, toStringList } from './values';

/** The trust action of IRSA roles. */
export const WEB_IDENTITY_ACTION = 'sts:AssumeRoleWithWebIdentity';

function statementsOf(document: unknown): Array<Record<string, unknown>> {
  return asList(asRecord(document).Statement).map(asRecord);
}

/** `{StringEquals: {k: v}}` as a flat list of conditions. */
export function conditionsOf(value: unknown): PolicyCondition[] {
  return Object.entries(asRecord(value)).flatMap(([operator, inner]) => {
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) {
      return [{ operator, key: '(unparsed)', values: toStringList(inner) }];
    }
    return Object.entries(inner).map(([key, v]) => ({ operator, key, values: toStringList(v) }));
  });
}

/** `Principal` as `AWS arn:...`, `Federated ...`, `Service ...`, or `*`. */
export function principalsOf(value: unknown): string[] {
  if (value === undefined) return [];
  if (typeof value === 'string') return [value === '*' ? '*' : `AWS ${value}`];
  return Object.entries(asRecord(value)).flatMap(([type, v]) => toStringList(v).map((p) => `${type} ${p}`));
}

function toPolicyStatement(raw: Record<string, unknown>): PolicyStatement {
  return {
    effect: String(raw.Effect ?? 'Allow'),
    actions: toStringList(raw.Action),
    notActions: toStringList(raw.NotAction),
    resources: toStringList(raw.Resource),
    notResources: toStringList(raw.NotResource),
    conditions: conditionsOf(raw.Condition),
  };
}

function toTrustStatement(raw: Record<string, unknown>): TrustStatement {
  return {
    effect: String(raw.Effect ?? 'Allow'),
    actions: toStringList(raw.Action),
    principals: [...principalsOf(raw.Principal), ...principalsOf(raw.NotPrincipal).map((p) => `NOT ${p}`)],
    conditions: conditionsOf(raw.Condition),
  };
}

function kindOf(trust: TrustStatement[]): RoleKind {
  if (trust.some((s) => s.actions.includes(WEB_IDENTITY_ACTION))) return 'irsa';
  if (trust.some((s) => s.principals.some((p) => p === '*' || p.startsWith('AWS ')))) return 'people';
  return 'service';
}

interface RoleDraft {
  kind: RoleKind;
  name: string;
  arn?: ArnShape;
  trust: TrustStatement[];
  statements: PolicyStatement[];
  managedPolicies: string[];
}

/** The IAM principal types that hold permissions, and the policy property that lists them. */
const HOLDER_TYPES = [
  { type: 'AWS::IAM::Role', list: 'Roles', prefix: 'role:', arn: 'role' },
  { type: 'AWS::IAM::User', list: 'Users', prefix: 'user:', arn: 'user' },
  { type: 'AWS::IAM::Group', list: 'Groups', prefix: 'group:', arn: 'group' },
] as const;

/** Label of a principal named in a policy's `Roles` / `Users` / `Groups` list: a literal name, or a reference. */
function attachedLabel(context: TemplateContext, entry: unknown, prefix: string): string {
  return typeof entry === 'string' ? `${prefix}${entry}` : renderString(context, entry);
}

function collectRoles(contexts: TemplateContext[]): Map<string, RoleDraft> {
  const roles = new Map<string, RoleDraft>();
  for (const context of contexts) {
    for (const [logicalId, resource] of resourcesOf(context.template)) {
      const holder = HOLDER_TYPES.find((h) => h.type === resource.Type);
      if (!holder) continue;
      const props = asRecord(resolveValue(context, resource.Properties ?? {}));
      const trust = statementsOf(props.AssumeRolePolicyDocument).map(toTrustStatement);
      const inline = asList(props.Policies).flatMap((p) => statementsOf(asRecord(p).PolicyDocument).map(toPolicyStatement));
      const arn = iamArnShape(context, holder.arn, resource.Properties ?? {});
      roles.set(resourceLabel(context, logicalId), {
        kind: holder.arn === 'role' ? kindOf(trust) : holder.arn,
        name: resourceName(context, logicalId),
        ...(arn ? { arn } : {}),
        trust,
        statements: inline,
        managedPolicies: toStringList(props.ManagedPolicyArns),
      });
    }
  }
  return roles;
}

function roleFor(roles: Map<string, RoleDraft>, label: string, kind: RoleKind): RoleDraft {
  let role = roles.get(label);
  if (!role) {
    role = { kind, name: label.replace(/^(role|user|group):/, ''), trust: [], statements: [], managedPolicies: [] };
    roles.set(label, role);
  }
  return role;
}

/** Attaches `AWS::IAM::Policy` and `AWS::IAM::ManagedPolicy` statements to the roles, users and groups they name. */
function attachPolicies(contexts: TemplateContext[], roles: Map<string, RoleDraft>): void {
  const managed = new Map<string, PolicyStatement[]>();
  const attached = new Set<string>();
  for (const context of contexts) {
    for (const [logicalId, resource] of resourcesOf(context.template)) {
      if (resource.Type !== 'AWS::IAM::Policy' && resource.Type !== 'AWS::IAM::ManagedPolicy') continue;
      const statements = statementsOf(resolveValue(context, resource.Properties?.PolicyDocument)).map(toPolicyStatement);
      const policyLabel = resourceLabel(context, logicalId);
      if (resource.Type === 'AWS::IAM::ManagedPolicy') managed.set(policyLabel, statements);
      for (const holder of HOLDER_TYPES) {
        for (const entry of asList(resource.Properties?.[holder.list])) {
          const holderLabel = attachedLabel(context, entry, holder.prefix);
          const role = roleFor(roles, holderLabel, holder.arn === 'role' ? 'service' : holder.arn);
          role.statements.push(...statements);
          if (resource.Type === 'AWS::IAM::ManagedPolicy') {
            attached.add(`${policyLabel} ${holderLabel}`);
            if (!role.managedPolicies.includes(policyLabel)) role.managedPolicies.push(policyLabel);
          }
        }
      }
    }
  }
  // Customer managed policies listed in a holder's ManagedPolicyArns instead of the policy's Roles/Users/Groups.
  for (const [roleLabel, role] of roles) {
    for (const policyLabel of role.managedPolicies) {
      const statements = managed.get(policyLabel);
      if (statements && !attached.has(`${policyLabel} ${roleLabel}`)) role.statements.push(...statements);
    }
  }
}

/** Extracts every IAM role, user and group of an environment (all its stacks) with trust and permissions. */
export function extractIamRoles(contexts: TemplateContext[]): IamRole[] {
  const roles = collectRoles(contexts);
  attachPolicies(contexts, roles);
  return [...roles].map(([label, role]) => ({ ...role, label }));
}
