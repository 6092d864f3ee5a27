/** Shared by the rules over paths to cluster admin: the paths of a kind in head that base did not have. */
import type { AdminPath, AdminPathKind } from '../admin-paths';
import { code } from '../markdown';
import type { RuleFinding, RuleInput } from './types';

function keyOf(p: AdminPath): string {
  return JSON.stringify([p.kind, p.principal, p.target, p.grant]);
}

/** Paths of `kind` (and passing `filter`) in head and not in base. */
export function newPaths(input: RuleInput, kind: AdminPathKind, filter: (p: AdminPath) => boolean = () => true): AdminPath[] {
  const before = new Set(input.basePaths.map(keyOf));
  return input.headPaths.filter((p) => p.kind === kind && filter(p) && !before.has(keyOf(p)));
}

/**
 * A new path as a finding: its principal, and its target and grant as the grant's content.
 * When base had a path of the same kind, principal and target with another grant, the message
 * says what it was.
 */
export function pathFinding(input: RuleInput, p: AdminPath, message: string): RuleFinding {
  const previous = input.basePaths.find((b) => b.kind === p.kind && b.principal === p.principal && b.target === p.target);
  const change = previous ? ` (changed: was ${code(previous.grant)}, now ${code(p.grant)})` : '';
  return { label: p.kind, id: p.principal, principal: p.principal, grant: `${p.target} ${p.grant}`, message: `${message}${change}` };
}
