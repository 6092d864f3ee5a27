/**
 * Widened trust: an IRSA subject with a wildcard or `StringLike`, an IRSA role without a `:sub`
 * condition, a removed trust condition, a new trusted principal (an account root called out),
 * a role trusted by everyone.
 */
import { conditionText, isAudienceKey, isSubjectKey, roleLabel } from '../grants';
import { code, messageText } from '../markdown';
import type { IamRole, PolicyCondition } from '../model';
import type { Rule } from './types';

/** `AWS arn:aws:iam::111111111111:root` or `AWS 111111111111`: the account id, else undefined. */
export function accountRootOf(principal: string): string | undefined {
  const match = /^AWS (?:arn:(?:\$\{AWS::Partition\}|[\w-]+):iam::(\d{12}):root|(\d{12}))$/.exec(principal);
  return match ? (match[1] ?? match[2]) : undefined;
}

function allowConditions(role: IamRole): PolicyCondition[] {
  return role.trust.filter((s) => s.effect === 'Allow').flatMap((s) => s.conditions);
}

function allowPrincipals(role: IamRole): string[] {
  return role.trust.filter((s) => s.effect === 'Allow').flatMap((s) => s.principals);
}

/**
 * The key a condition is compared by: `<issuer>:sub` / `<issuer>:aud` for any issuer, so that a
 * provider rendered differently (or replaced) does not read as a removed condition; the provider
 * itself is compared as a trusted principal.
 */
export function conditionKeyClass(key: string): string {
  if (isSubjectKey(key)) return '<issuer>:sub';
  if (isAudienceKey(key)) return '<issuer>:aud';
  return key;
}

/** A `:sub` condition that admits more than one exact subject. */
export function isWildcardSubject(c: PolicyCondition): boolean {
  return isSubjectKey(c.key) && (/Like/.test(c.operator) || c.values.some((v) => /[*?]/.test(v)));
}

function findings(role: IamRole, before: IamRole | undefined): string[] {
  const out: string[] = [];
  const conditions = allowConditions(role);
  const previous = before ? allowConditions(before) : [];
  const text = (c: PolicyCondition) => conditionText(c, false);
  for (const c of conditions.filter(isWildcardSubject)) {
    if (!previous.some((p) => isSubjectKey(p.key) && text(p) === text(c))) out.push(`trust subject widened to ${code(text(c))}`);
  }
  if (role.kind === 'irsa' && !conditions.some((c) => isSubjectKey(c.key)) && (!before || previous.some((c) => isSubjectKey(c.key)))) {
    out.push(`no ${code(':sub')} condition: any identity of the OIDC provider can assume it`);
  }
  if (before) {
    const keys = new Set(conditions.map((c) => conditionKeyClass(c.key)));
    for (const c of previous.filter((p) => !keys.has(conditionKeyClass(p.key)))) out.push(`trust condition removed: ${code(conditionText(c))}`);
    const principals = allowPrincipals(before);
    for (const p of allowPrincipals(role).filter((x) => !principals.includes(x))) {
      const account = accountRootOf(p);
      out.push(`new trusted principal ${code(p)}${account ? ` (account root: any principal of ${account} allowed by its own IAM policy)` : ''}`);
    }
  }
  for (const p of allowPrincipals(role).filter((x) => x === '*' || x === 'AWS *')) {
    if (!before || !allowPrincipals(before).includes(p)) out.push(`trusted by everyone (${code(p)})`);
  }
  return [...new Set(out)];
}

export const widenedTrust: Rule = {
  id: 'widened-trust',
  severity: 'high',
  description: 'A role whose trust admits more identities than base did (wildcard or missing subject, removed condition, new principal, everyone).',
  check: ({ base, head }) => head.roles.flatMap((r) => findings(r, base.roles.find((b) => b.name === r.name)).map((message) => ({
    label: roleLabel(r), id: r.name, principal: r.label, grant: messageText(message), message,
  }))),
};
