import type * as iam from 'aws-cdk-lib/aws-iam';
import { acknowledgeableWildcardResources } from '../config/rules/irsa-statement';
import { wildcardResourceFinding } from '../config/rules/wildcards';
import type { ServiceAccountConfig } from '../config/types';
import { acknowledge, managedPolicyFinding } from './cluster';

/**
 * Acknowledges the findings an IRSA role carries because config asked for them: AWS managed
 * policies named in config, and wildcard resources that config validation accepts (one `*` at
 * the end, after a literal name prefix, in a statement without `iam:PassRole`, `sts:AssumeRole`
 * or `kms:` actions; lib/config/rules). Nothing else is acknowledged here: a wildcard action, a
 * bare `*`, `secret:*`, `role/*` or `key/*` still fails synth, and config validation reports each
 * of them first, naming the field and the fix.
 */
export function acknowledgeIrsaFindings(role: iam.IRole, sa: ServiceAccountConfig): void {
  const who = `${sa.namespace}/${sa.name}`;
  for (const name of sa.managedPolicyNames ?? []) {
    acknowledge(role, [managedPolicyFinding(name)], `Config grants ${who} the AWS managed policy ${name} (the documented policy for that workload).`);
  }
  const statements = sa.policyStatements ?? [];
  for (const resource of acknowledgeableWildcardResources(statements)) {
    const actions = [...new Set(statements.filter((s) => s.resources.includes(resource)).flatMap((s) => s.actions))];
    acknowledge(role, [wildcardResourceFinding(resource)],
      `Config limits ${who} to ${actions.join(', ')} on names under the literal prefix ${resource.slice(0, -1)} only.`);
  }
}
