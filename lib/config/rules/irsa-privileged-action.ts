import { NAG_WILDCARD_RULE, isIamPattern } from './wildcards';

/** Actions that hand a pod another identity or a key's power: never on a wildcard resource. */
const PRIVILEGED_ACTIONS = ['iam:passrole', 'sts:assumerole', 'sts:assumerolewithsaml', 'sts:assumerolewithwebidentity'];

/** True for `iam:PassRole`, `sts:AssumeRole*` and every `kms:` action (IAM action names are case-insensitive). */
export function isPrivilegedAction(action: string): boolean {
  const a = action.toLowerCase();
  return PRIVILEGED_ACTIONS.includes(a) || a.startsWith('kms:');
}

/**
 * Rule: a statement with `iam:PassRole`, an `sts:AssumeRole` action or a `kms:` action names
 * its resources exactly. A prefix is no boundary there: `role/app-*` lets the pod pass or assume
 * every matching role (present and future), and KMS key ids are random, so a key-id prefix
 * scopes nothing. Such wildcards are never acknowledged for cdk-nag.
 * @returns what is wrong and the fix, or undefined when the resource is compliant
 */
export function irsaPrivilegedActionWildcard(actions: readonly string[], resource: string): string | undefined {
  if (!isIamPattern(resource)) return undefined;
  const privileged = actions.filter(isPrivilegedAction);
  if (privileged.length === 0) return undefined;
  return `is a wildcard resource in a statement with ${privileged.map((a) => `"${a}"`).join(', ')}, which would let the pod pass or assume `
    + `every matching role or use every matching KMS key; cdk-nag (${NAG_WILDCARD_RULE}) fails synth on it and this app never acknowledges it there; `
    + 'list the exact role or key ARNs (move other actions to a statement of their own)';
}
