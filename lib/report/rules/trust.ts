/**
 * Widened trust: an IRSA subject with a wildcard or `StringLike`, an IRSA role without a `:sub`
 * condition, a removed trust condition, a new trusted principal (an account root called out),
 * a role trusted by everyone, and a new account in aws-auth `mapAccounts`.
 */
import { conditionText, isAudienceKey, isSubjectKey, roleLabel, Sections } from '../grants';
import type { IamRole, PolicyCondition } from '../model';
import { code } from './types';
import type { Escalation, EscalationRule } from './types';

/** `AWS arn:aws:iam::111111111111:root` or `AWS 111111111111`: the account id, else undefined. */
export function accountRootOf(principal: string): string | undefined {
  const match = /^AWS (?:arn:(?:\$\{AWS::Partition\}|[\w-]+):iam::(\d{12}):root|(\d{12}))$/.exec(principal);
  return match ? (match[1] ?? match[2]) : undefined;
}

function allowConditions(role: IamRole | undefined): PolicyCondition[] {
  return (role?.trust ?? []).filter((s) => s.effect === 'Allow').flatMap((s) => s.conditions);
}

function allowPrincipals(role: IamRole | undefined): string[] {
  return (role?.trust ?? []).filter((s) => s.effect === 'Allow').flatMap((s) => s.principals);
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
  const previous = allowConditions(before);
  const text = (c: PolicyCondition) => conditionText(c, false);
  for (const c of conditions.filter(isWildcardSubject)) {
    if (!previous.some((p) => isSubjectKey(p.key) && text(p) === text(c))) out.push(`trust subject widened to ${code(text(c))}`);
  }
  if (role.kind === 'irsa' && !conditions.some((c) => isSubjectKey(c.key)) && (!before || previous.some((c) => isSubjectKey(c.key)))) {
    out.push('no `:sub` condition: any identity of the OIDC provider can assume it');
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
    if (!allowPrincipals(before).includes(p)) out.push(`trusted by everyone (${code(p)})`);
  }
  return [...new Set(out)];
}

/** Trust that admits more identities than base did. */
export const widenedTrust: EscalationRule = (base, head) =>
  head.roles.flatMap((r): Escalation[] => {
    const messages = findings(r, base.roles.find((b) => b.name === r.name));
    return messages.map((message) => ({ environment: head.name, label: roleLabel(r), id: r.name, message }));
  });

/** An account id added to aws-auth `mapAccounts`: every IAM principal of it can authenticate. */
export const newMappedAccount: EscalationRule = (base, head) =>
  head.owners.flatMap((o) => {
    const before = base.owners.find((b) => b.owner === o.owner)?.accounts ?? [];
    return o.accounts.filter((a) => !before.includes(a)).map((a) => ({
      environment: head.name,
      label: Sections.awsAuthOwner,
      id: o.owner,
      message: `account ${code(a)} added to mapAccounts: every IAM principal of it can authenticate`,
    }));
  });
