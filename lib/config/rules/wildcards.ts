/**
 * IAM wildcards in IRSA policy statements, as cdk-nag and IAM see them.
 *
 * cdk-nag's AwsSolutions-IAM5 (rules/iam/IAMNoWildcardPermissions.ts) reports, for every Allow
 * statement, each action and each resource that contains `*`, as `Action::<action>` and
 * `Resource::<resource>`; a finding fails synth unless it is acknowledged. IAM also treats `?`
 * as a wildcard (one character), which cdk-nag does not look for; config refuses it too.
 */

/** The cdk-nag rule id, for messages (the finding ids add `[Action::...]` / `[Resource::...]`). */
export const NAG_WILDCARD_RULE = 'AwsSolutions-IAM5';

/** True when cdk-nag's AwsSolutions-IAM5 reports this action or resource. */
export function nagFlagsWildcard(value: string): boolean {
  return value.includes('*');
}

/** True when IAM matches this action or resource as a pattern (`*` or `?`). */
export function isIamPattern(value: string): boolean {
  return /[*?]/.test(value);
}

/** The cdk-nag finding id of a wildcard resource, as acknowledgements name it. */
export function wildcardResourceFinding(resource: string): string {
  return `${NAG_WILDCARD_RULE}[Resource::${resource}]`;
}

/** The cdk-nag finding id of a wildcard action. */
export function wildcardActionFinding(action: string): string {
  return `${NAG_WILDCARD_RULE}[Action::${action}]`;
}
