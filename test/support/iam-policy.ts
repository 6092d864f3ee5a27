/**
 * How the stand-in AWS endpoints judge a request against a role's synthesized policy, the way
 * IAM does for the statements this app writes: `*` and `?` wildcards, actions compared ignoring
 * case, resources by case, an explicit Deny winning over any Allow. Conditions are not evaluated
 * here (trust conditions are checked by each stand-in for the exact form it expects).
 */

/** The statement fields the judgement reads. */
export interface PolicyStatementJson {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource?: string | string[];
  readonly Principal?: { AWS?: string | string[] };
  readonly Condition?: Record<string, Record<string, string | string[]>>;
}

/** IAM's wildcard match of an action or resource pattern. */
export function iamMatches(pattern: string, value: string, ignoreCase: boolean): boolean {
  const body = pattern.split('').map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\/]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`, ignoreCase ? 'i' : '').test(value);
}

/** True when the statements allow `action` on `resource` and no statement denies it. */
export function policyAllows(statements: readonly PolicyStatementJson[], action: string, resource: string): boolean {
  const hit = (s: PolicyStatementJson) => [s.Action].flat().some((a) => iamMatches(a, action, true))
    && [s.Resource ?? []].flat().some((r) => iamMatches(r, resource, false));
  return !statements.some((s) => s.Effect === 'Deny' && hit(s)) && statements.some((s) => s.Effect === 'Allow' && hit(s));
}
