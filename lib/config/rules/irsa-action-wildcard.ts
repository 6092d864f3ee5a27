import { NAG_WILDCARD_RULE, isIamPattern } from './wildcards';

/**
 * Rule: an IRSA action is never a pattern. cdk-nag reports every wildcard action and this app
 * acknowledges none, so `s3:*` or `s3:Get*` would fail synth with a bare nag id; a pattern also
 * grants actions AWS adds later.
 * @returns what is wrong and the fix, or undefined when the action is compliant
 */
export function irsaActionWildcard(action: string): string | undefined {
  if (!isIamPattern(action)) return undefined;
  const service = action.split(':')[0];
  return `is a wildcard action: it grants every ${service} action it matches, now and as AWS adds them, and cdk-nag `
    + `(${NAG_WILDCARD_RULE}) fails synth on it, which this app never acknowledges; list the exact actions the workload calls, `
    + `for example "${service}:GetObject" instead of "${service}:Get*"`;
}
