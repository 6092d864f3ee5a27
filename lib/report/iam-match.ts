/**
 * IAM pattern matching as the policy evaluator does it, enough to tell which statements of the
 * templates reach a given action on a given resource: actions compared case-insensitively with
 * `*` and `?` wildcards, `NotAction`, and resources matched against what the target's ARN can
 * be (its label when a reference names it; its literal ARN; for a generated name, any name that
 * CloudFormation would generate from the stack name). Over-approximates where a template does
 * not say enough (conditions are not evaluated, Deny statements and permission boundaries are
 * not subtracted): a security report must not miss a path.
 * Pure.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
 */
import type { ArnShape, PolicyStatement } from './model';

/**
 * Whether the IAM pattern `pattern` (`*` any run, `?` any one character) matches `value`.
 * Greedy matching with one backtrack point (O(pattern x value)), not a regular expression:
 * patterns come from untrusted templates, and `*a*a*a...` must not take exponential time.
 */
export function globMatches(pattern: string, value: string, ignoreCase = false): boolean {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const v = ignoreCase ? value.toLowerCase() : value;
  let i = 0;
  let j = 0;
  let star = -1;
  let resume = 0;
  while (j < v.length) {
    if (i < p.length && (p[i] === '?' || (p[i] !== '*' && p[i] === v[j]))) {
      i++;
      j++;
    } else if (i < p.length && p[i] === '*') {
      star = i++;
      resume = j;
    } else if (star >= 0) {
      i = star + 1;
      j = ++resume;
    } else {
      return false;
    }
  }
  while (i < p.length && p[i] === '*') i++;
  return i === p.length;
}

/** Whether an action pattern (`lambda:*`, `*`, `eks:Create*`) covers `action`, case-insensitively. */
export function actionMatches(pattern: string, action: string): boolean {
  return globMatches(pattern, action, true);
}

/** The actions of `wanted` that an Allow statement grants (through `Action`, or `NotAction` not listing them). */
export function allowedActions(s: PolicyStatement, wanted: readonly string[]): string[] {
  if (s.effect !== 'Allow') return [];
  if (s.notActions.length > 0) return wanted.filter((a) => !s.notActions.some((p) => actionMatches(p, a)));
  return wanted.filter((a) => s.actions.some((p) => actionMatches(p, a)));
}

/** What a statement's resource is compared with. */
export interface ResourceTarget {
  /** How references to it render (`role:external_admin`, `function:Access/.../Handler`). */
  readonly label: string;
  /** Its ARN's shape. @default - unknown: only the label and `literalArns` match */
  readonly arn?: ArnShape;
  /** Literal ARNs it is known by (for example a bootstrap role's ARN from the manifest). @default - none */
  readonly literalArns?: readonly string[];
  /**
   * Whether a pattern equal to the label matches. Labels are stage-relative, so a statement of
   * another environment naming the same label means another resource. @default true
   */
  readonly matchLabel?: boolean;
}

/** Concrete ARNs the target may have: its literal name, or names generated from the stack name. */
function candidateArns(target: ResourceTarget): string[] {
  const out = [...(target.literalArns ?? [])];
  if (target.arn) {
    const { prefix, name, stackName } = target.arn;
    if (name) out.push(`${prefix}${name}`);
    else out.push(`${prefix}${stackName}-`, `${prefix}${stackName}-x`);
  }
  return out;
}

/** Qualified forms (`:alias`, `:1`) and sub-paths, which patterns such as `arn:...:function:x:*` cover. */
function withQualifiers(value: string): string[] {
  return [value, `${value}:x`, `${value}/x`];
}

/** Whether the resource pattern `pattern` can cover `target`. */
export function resourceMatches(pattern: string, target: ResourceTarget): boolean {
  if (pattern === '*') return true;
  if (target.matchLabel !== false && withQualifiers(target.label).some((v) => v === pattern || globMatches(pattern, v))) return true;
  return candidateArns(target).some((arn) => withQualifiers(arn).some((v) => globMatches(pattern, v)));
}

/**
 * The resource entries of a statement through which it covers `target`: the matching
 * `Resource` patterns, or the whole `NotResource` list (as `NOT(...)`) when it does not exclude
 * the target; empty when the statement does not cover it.
 */
export function coveringResources(s: PolicyStatement, target: ResourceTarget): string[] {
  if (s.notResources.length > 0) return s.notResources.some((p) => resourceMatches(p, target)) ? [] : [`NOT(${s.notResources.join(', ')})`];
  return s.resources.filter((p) => resourceMatches(p, target));
}
