/**
 * Every escalation rule, run over one environment's base and head. One small pure function per
 * rule, in `escalations/`, named after what it finds.
 */
import { allowClusterAdminTurnedOn, newAdminAccessPolicy, newMastersMapping } from './rules/cluster-admin';
import { newClusterRoleBinding, newClusterWideGroupMapping } from './rules/cluster-wide';
import { newMappedAccount, widenedTrust } from './rules/trust';
import type { Escalation, EscalationRule } from './rules/types';
import { newIamWildcard, newRbacWildcard } from './rules/wildcards';
import type { EnvironmentAccess } from './model';

/** The rules, in the order their findings are listed. */
export const ESCALATION_RULES: readonly EscalationRule[] = [
  newMastersMapping,
  allowClusterAdminTurnedOn,
  newAdminAccessPolicy,
  newMappedAccount,
  newClusterWideGroupMapping,
  newClusterRoleBinding,
  newIamWildcard,
  newRbacWildcard,
  widenedTrust,
];

/** The escalations of one environment, `base` being empty for an environment new in head. */
export function findEscalations(base: EnvironmentAccess, head: EnvironmentAccess): Escalation[] {
  return ESCALATION_RULES.flatMap((rule) => rule(base, head));
}
