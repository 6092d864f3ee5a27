/**
 * Every rule, and the runner that turns their findings into ranked, fingerprinted findings.
 * One small pure rule per file in `rules/`, named after what it finds (cdk-nag style).
 */
import type { Severity } from './exit-codes';
import { severityRank } from './exit-codes';
import { fingerprintOf } from './fingerprint';
import { allowClusterAdminTurnedOn } from './rules/allow-cluster-admin-turned-on';
import { creatorAdminTurnedOn } from './rules/creator-admin-turned-on';
import { newAdminAccessPolicy } from './rules/new-admin-access-policy';
import { newAdminFunction } from './rules/new-admin-function';
import { newAdminPolicyAssociator } from './rules/new-admin-policy-associator';
import { newAdminRoleAssumer } from './rules/new-admin-role-assumer';
import { newClusterRoleBinding } from './rules/new-cluster-role-binding';
import { newClusterWideGroupMapping } from './rules/new-cluster-wide-group-mapping';
import { newEksAccessApiHolder } from './rules/new-eks-access-api-holder';
import { newFunctionController } from './rules/new-function-controller';
import { newGroupMember } from './rules/new-group-member';
import { newIamWildcard } from './rules/new-iam-wildcard';
import { newKubernetesWriter } from './rules/new-kubernetes-writer';
import { newMappedAccount } from './rules/new-mapped-account';
import { newMastersMapping } from './rules/new-masters-mapping';
import { newNamespacedAccessPolicy } from './rules/new-namespaced-access-policy';
import { newNamespacedBinding } from './rules/new-namespaced-binding';
import { newRbacEscalation } from './rules/new-rbac-escalation';
import { newRbacWildcard } from './rules/new-rbac-wildcard';
import { widenedTrust } from './rules/widened-trust';
import type { Rule, RuleFinding, RuleInput } from './rules/types';

/** The rules, most serious first; findings of equal severity keep this order. */
export const RULES: readonly Rule[] = [
  newMastersMapping,
  allowClusterAdminTurnedOn,
  newAdminAccessPolicy,
  creatorAdminTurnedOn,
  newKubernetesWriter,
  newRbacEscalation,
  newAdminPolicyAssociator,
  newAdminFunction,
  newFunctionController,
  newAdminRoleAssumer,
  newEksAccessApiHolder,
  newClusterRoleBinding,
  newClusterWideGroupMapping,
  newMappedAccount,
  newIamWildcard,
  newRbacWildcard,
  widenedTrust,
  newNamespacedBinding,
  newNamespacedAccessPolicy,
  newGroupMember,
];

/** A finding as the report lists it. */
export interface Finding extends RuleFinding {
  readonly environment: string;
  readonly severity: Severity;
  /** The rule's id. */
  readonly rule: string;
  /** Stable hash of environment, rule, principal and grant (see `fingerprint.ts`). */
  readonly fingerprint: string;
}

/** The findings of one environment, most serious first. */
export function findFindings(input: RuleInput): Finding[] {
  const findings = RULES.flatMap((rule) => rule.check(input).map((f) => ({
    ...f,
    environment: input.head.name,
    severity: rule.severity,
    rule: rule.id,
    fingerprint: fingerprintOf({ environment: input.head.name, rule: rule.id, principal: f.principal, grant: f.grant }),
  })));
  const seen = new Set<string>();
  return findings
    .filter((f) => (seen.has(f.fingerprint) ? false : (seen.add(f.fingerprint), true)))
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
}
