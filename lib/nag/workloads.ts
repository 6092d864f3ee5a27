import type * as iam from 'aws-cdk-lib/aws-iam';
import type { ServiceAccountConfig } from '../config/types';
import { acknowledge, managedPolicyFinding } from './cluster';

/**
 * Acknowledges the findings an IRSA role carries because config asked for them: AWS managed
 * policies named in config, and resources that end in a wildcard BELOW a fixed prefix (one
 * bucket's objects, one secret-name prefix). A bare `*` resource is never acknowledged here:
 * it still fails synth until someone acknowledges it by hand with a reason.
 */
export function acknowledgeIrsaFindings(role: iam.IRole, sa: ServiceAccountConfig): void {
  const who = `${sa.namespace}/${sa.name}`;
  for (const name of sa.managedPolicyNames ?? []) {
    acknowledge(role, [managedPolicyFinding(name)], `Config grants ${who} the AWS managed policy ${name} (the documented policy for that workload).`);
  }
  for (const statement of sa.policyStatements ?? []) {
    for (const resource of statement.resources) {
      if (resource !== '*' && /[^*:/][/:]\*$/.test(resource)) {
        acknowledge(role, [`AwsSolutions-IAM5[Resource::${resource}]`],
          `Config limits ${who} to ${statement.actions.join(', ')} on keys under the fixed prefix ${resource.slice(0, -1)} only.`);
      }
    }
  }
}
