/** New wildcards: an IAM permission with action `*` / `svc:*` or resource `*`, an RBAC rule with `*`. */
import { roleLabel, rbacRoleId, Sections, ruleText } from '../grants';
import type { IamRole, PolicyStatement, RbacRole, RbacRule } from '../model';
import { code } from './types';
import type { EscalationRule } from './types';

/** `*` or `service:*`. */
export function isWildcardAction(action: string): boolean {
  return action === '*' || /^[\w-]+:\*$/.test(action);
}

/** The Allow (action, resource) pairs of a statement that involve a wildcard, as text. */
export function wildcardPermissions(s: PolicyStatement): string[] {
  if (s.effect !== 'Allow') return [];
  const lines: string[] = [];
  if (s.notActions.length > 0) lines.push(`Allow NOT(${s.notActions.join(', ')})`);
  if (s.notResources.length > 0) lines.push(`Allow on NOT(${s.notResources.join(', ')})`);
  for (const a of s.actions) {
    for (const r of s.resources) {
      if (isWildcardAction(a) || r === '*') lines.push(`Allow ${a} on ${r}`);
    }
  }
  return lines;
}

function roleWildcards(role: IamRole | undefined): string[] {
  return [...new Set((role?.statements ?? []).flatMap(wildcardPermissions))];
}

/** IAM permissions with a wildcard that the same role did not have in base. */
export const newIamWildcard: EscalationRule = (base, head) =>
  head.roles.flatMap((r) => {
    const before = roleWildcards(base.roles.find((b) => b.name === r.name));
    const added = roleWildcards(r).filter((w) => !before.includes(w));
    if (added.length === 0) return [];
    return [{ environment: head.name, label: roleLabel(r), id: r.name, message: `wildcard permission: ${added.map(code).join(', ')}` }];
  });

/** Whether a rule grants `*` verbs, resources, API groups or URLs. */
export function isWildcardRule(rule: RbacRule): boolean {
  return [rule.verbs, rule.resources, rule.apiGroups, rule.nonResourceURLs].some((list) => list.includes('*'));
}

function ruleWildcards(role: RbacRole | undefined): string[] {
  return (role?.rules ?? []).filter(isWildcardRule).map(ruleText);
}

/** RBAC rules with a wildcard that the same Role/ClusterRole did not have in base. */
export const newRbacWildcard: EscalationRule = (base, head) =>
  head.rbacRoles.flatMap((r) => {
    const before = ruleWildcards(base.rbacRoles.find((b) => rbacRoleId(b) === rbacRoleId(r)));
    const added = ruleWildcards(r).filter((w) => !before.includes(w));
    if (added.length === 0) return [];
    return [{ environment: head.name, label: Sections.rbacRole, id: rbacRoleId(r), message: `wildcard rule: ${added.map(code).join(', ')}` }];
  });
