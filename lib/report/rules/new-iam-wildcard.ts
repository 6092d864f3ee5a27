/** New IAM permissions with a wildcard: action `*` / `service:*`, resource `*`, `NotAction`, `NotResource`. */
import { roleLabel } from '../grants';
import { code } from '../markdown';
import type { IamRole, PolicyStatement } from '../model';
import type { Rule } from './types';

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

function roleWildcards(role: IamRole): string[] {
  return [...new Set(role.statements.flatMap(wildcardPermissions))];
}

export const newIamWildcard: Rule = {
  id: 'new-iam-wildcard',
  severity: 'high',
  description: 'An IAM permission with a wildcard action or resource that the same role did not have.',
  check: ({ base, head }) => head.roles.flatMap((r) => {
    const before = base.roles.find((b) => b.name === r.name);
    return roleWildcards(r).filter((w) => !before || !roleWildcards(before).includes(w)).map((w) => ({
      label: roleLabel(r), id: r.name, principal: r.label, grant: w, message: `wildcard permission ${code(w)}`,
    }));
  }),
};
