/** The shape of an escalation finding and of a rule that finds them. */
import type { EnvironmentAccess } from '../model';

/** A change that widens access enough to need a security review. */
export interface Escalation {
  /** Environment (stage) name. */
  readonly environment: string;
  /** Kind of declaration, as labelled in the report (`aws-auth mapRoles`). */
  readonly label: string;
  /** Id of the declaration (`role:external_admin`). */
  readonly id: string;
  /** What widened, in Markdown. */
  readonly message: string;
}

/** One escalation check: the findings in `head` that `base` did not have. */
export type EscalationRule = (base: EnvironmentAccess, head: EnvironmentAccess) => Escalation[];

/** `value` in backticks, for messages. */
export function code(value: string): string {
  return `\`${value}\``;
}
