/** The shape of a rule and of what it finds. */
import type { AdminPath } from '../admin-paths';
import type { Severity } from '../exit-codes';
import type { EnvironmentAccess } from '../model';

/** What a rule sees: one environment in base and head, with their paths to cluster admin. */
export interface RuleInput {
  /** The environment in base (empty when it is new in head). */
  readonly base: EnvironmentAccess;
  readonly head: EnvironmentAccess;
  readonly basePaths: readonly AdminPath[];
  readonly headPaths: readonly AdminPath[];
}

/** One finding of a rule, before the runner adds environment, severity and fingerprint. */
export interface RuleFinding {
  /** Kind of declaration, as labelled in the report (`aws-auth mapRoles`). */
  readonly label: string;
  /** Id of the declaration (`role:external_admin`). */
  readonly id: string;
  /** Who gains (`role:external_admin`, `Group ops`): part of the fingerprint. */
  readonly principal: string;
  /** The grant's exact content (never a logical id or a position): part of the fingerprint. */
  readonly grant: string;
  /** What widened: literal text with template-derived values marked by `code()`. */
  readonly message: string;
}

/** One rule: a small pure check of what head grants that base did not. */
export interface Rule {
  /** Stable id, the file name (`new-masters-mapping`): part of the fingerprint. */
  readonly id: string;
  readonly severity: Severity;
  /** One sentence: what it finds. */
  readonly description: string;
  readonly check: (input: RuleInput) => RuleFinding[];
}
