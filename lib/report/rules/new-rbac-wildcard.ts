/** New RBAC rules with `*` verbs, resources, API groups or URLs. */
import { rbacRoleId, ruleText, Sections } from '../grants';
import { code } from '../markdown';
import type { RbacRole, RbacRule } from '../model';
import type { Rule } from './types';

/** Whether a rule grants `*` verbs, resources, API groups or URLs. */
export function isWildcardRule(rule: RbacRule): boolean {
  return [rule.verbs, rule.resources, rule.apiGroups, rule.nonResourceURLs].some((list) => list.includes('*'));
}

function ruleWildcards(role: RbacRole | undefined): string[] {
  return (role?.rules ?? []).filter(isWildcardRule).map(ruleText);
}

export const newRbacWildcard: Rule = {
  id: 'new-rbac-wildcard',
  severity: 'high',
  description: 'An RBAC rule with a wildcard that the same Role or ClusterRole did not have.',
  check: ({ base, head }) => head.rbacRoles.flatMap((r) => {
    const before = ruleWildcards(base.rbacRoles.find((b) => rbacRoleId(b) === rbacRoleId(r)));
    return ruleWildcards(r).filter((w) => !before.includes(w)).map((w) => ({
      label: Sections.rbacRole, id: rbacRoleId(r), principal: rbacRoleId(r), grant: w, message: `wildcard rule ${code(w)}`,
    }));
  }),
};
