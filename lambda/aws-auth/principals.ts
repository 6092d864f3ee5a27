import type { AwsEdge } from './io/aws';

/** A mapped principal that IAM does not know. */
export class MissingPrincipalError extends Error {
  constructor(readonly missing: string[]) {
    super(`IAM does not know ${missing.length === 1 ? 'the mapped principal' : `${missing.length} mapped principals`} ${missing.join(', ')}; fix the ARN (a typo grants nothing), create the principal first, or set validatePrincipals: false`);
    this.name = 'MissingPrincipalError';
  }
}

/**
 * Checks with IAM GetRole/GetUser that every mapped principal exists. Uses the ARNs as declared
 * (with their IAM path, which GetRole ignores), each once, a few at a time.
 */
export async function validatePrincipals(aws: AwsEdge, declared: { roles: string[]; users: string[] }): Promise<void> {
  const checks: Array<[string, 'role' | 'user']> = [
    ...[...new Set(declared.roles)].map((a) => [a, 'role'] as [string, 'role']),
    ...[...new Set(declared.users)].map((a) => [a, 'user'] as [string, 'user']),
  ];
  const missing: string[] = [];
  const parallel = 5;
  for (let i = 0; i < checks.length; i += parallel) {
    const batch = checks.slice(i, i + parallel);
    const found = await Promise.all(batch.map(([arn, kind]) => aws.principalExists(arn, kind)));
    found.forEach((ok, j) => { if (!ok) missing.push(batch[j][0]); });
  }
  if (missing.length) throw new MissingPrincipalError(missing);
}
