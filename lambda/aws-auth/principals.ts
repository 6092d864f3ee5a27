import { parsePrincipalArn } from './core/arn';
import type { AwsEdgeWithIam } from '../edge/aws-iam';

/** A mapped principal that IAM does not know. */
export class MissingPrincipalError extends Error {
  constructor(readonly missing: string[]) {
    super(`IAM does not know ${missing.length === 1 ? 'the mapped principal' : `${missing.length} mapped principals`} ${missing.join(', ')}; fix the ARN (a typo grants nothing), create the principal first, or set validatePrincipals: false`);
    this.name = 'MissingPrincipalError';
  }
}

/** What validation checked. */
export interface PrincipalValidation {
  /** ARNs checked with GetRole/GetUser. */
  readonly checked: string[];
  /** ARNs of other accounts: GetRole/GetUser by name only sees the caller's own account. */
  readonly skipped: string[];
}

/**
 * Checks with IAM GetRole/GetUser that every mapped principal of the handler's own account
 * exists. Uses the ARNs as declared (GetRole by name ignores the path), each once, a few at a
 * time. Principals of other accounts cannot be checked by name from here (it would look in the
 * wrong account), so they are skipped and reported.
 */
export async function validatePrincipals(aws: Pick<AwsEdgeWithIam, 'callerIdentity' | 'principalExists'>, declared: { roles: string[]; users: string[] }): Promise<PrincipalValidation> {
  const all: Array<[string, 'role' | 'user']> = [
    ...[...new Set(declared.roles)].map((a) => [a, 'role'] as [string, 'role']),
    ...[...new Set(declared.users)].map((a) => [a, 'user'] as [string, 'user']),
  ];
  if (all.length === 0) return { checked: [], skipped: [] };
  const { account } = await aws.callerIdentity();
  const own = ([arn, kind]: [string, 'role' | 'user']) => parsePrincipalArn(arn, kind).account === account;
  const checks = all.filter(own);
  const skipped = all.filter((c) => !own(c)).map(([arn]) => arn);
  const missing: string[] = [];
  const parallel = 5;
  for (let i = 0; i < checks.length; i += parallel) {
    const batch = checks.slice(i, i + parallel);
    const found = await Promise.all(batch.map(([arn, kind]) => aws.principalExists(parsePrincipalArn(arn, kind).name, kind)));
    found.forEach((ok, j) => { if (!ok) missing.push(batch[j][0]); });
  }
  if (missing.length) throw new MissingPrincipalError(missing);
  return { checked: checks.map(([arn]) => arn), skipped };
}
