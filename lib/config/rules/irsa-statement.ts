import type { PolicyStatementConfig } from '../types';
import { irsaActionWildcard } from './irsa-action-wildcard';
import { irsaPrivilegedActionWildcard } from './irsa-privileged-action';
import { irsaResourceWildcard } from './irsa-resource-wildcard';
import { nagFlagsWildcard } from './wildcards';

/** One rule violation in an IRSA policy statement. */
export interface StatementProblem {
  /** Field below the statement, for example `resources[0]`. */
  readonly field: string;
  /** The offending action or resource. */
  readonly value: string;
  /** What is wrong and the fix. */
  readonly message: string;
}

/**
 * Every wildcard problem of one statement whose actions and resources are strings: wildcard
 * actions, wildcard resources without a literal name prefix, wildcard resources beside
 * privileged actions. A statement without problems has only wildcards that lib/nag/workloads.ts
 * acknowledges, so cdk-nag passes it.
 */
export function irsaStatementProblems(statement: PolicyStatementConfig): StatementProblem[] {
  const problems: StatementProblem[] = [];
  statement.actions.forEach((action, i) => {
    const message = irsaActionWildcard(action);
    if (message) problems.push({ field: `actions[${i}]`, value: action, message });
  });
  statement.resources.forEach((resource, i) => {
    const message = irsaResourceWildcard(resource) ?? irsaPrivilegedActionWildcard(statement.actions, resource);
    if (message) problems.push({ field: `resources[${i}]`, value: resource, message });
  });
  return problems;
}

/**
 * The wildcard resources (as cdk-nag reports them) that may be acknowledged on a role with these
 * statements: each one that no statement reports a problem for (an acknowledgement names a
 * resource, not a statement, so a resource refused in one statement is refused for the role).
 * cdk-nag then reports on the role exactly what `irsaStatementProblems` reports, less `?`.
 */
export function acknowledgeableWildcardResources(statements: readonly PolicyStatementConfig[]): string[] {
  const refused = new Set(statements.flatMap((s) => irsaStatementProblems(s).filter((p) => p.field.startsWith('resources')).map((p) => p.value)));
  const flagged = new Set(statements.flatMap((s) => s.resources).filter(nagFlagsWildcard));
  return [...flagged].filter((r) => !refused.has(r));
}
