/**
 * IAM principal ARNs as aws-iam-authenticator sees them (pkg/arn/arn.go). Pure: no I/O.
 *
 * The authenticator turns a caller `arn:aws:sts::ACCT:assumed-role/NAME/SESSION` into
 * `arn:aws:iam::ACCT:role/NAME` (no path) and compares role keys lower-cased, so an aws-auth
 * entry whose role ARN carries an IAM path never matches anybody. We therefore strip the path.
 * It compares user ARNs lower-cased too (pkg/config/types.go `UserMapping.Matches`:
 * `strings.ToLower(m.UserARN) == strings.ToLower(subject)`), so user ARNs that differ only in
 * case are one principal; they keep their IAM path.
 */

/** Partitions the authenticator accepts. */
export const PARTITIONS: readonly string[] = [
  'aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc',
];

/** A parsed IAM role or user ARN. */
export interface IamPrincipalArn {
  readonly partition: string;
  readonly account: string;
  readonly kind: 'role' | 'user';
  /** IAM path including leading and trailing `/`, `/` when there is none. */
  readonly path: string;
  readonly name: string;
}

/** A principal ARN that cannot be mapped. The message names the value and the fix. */
export class ArnError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArnError';
  }
}

const ARN_RE = /^arn:([a-z-]+):(iam|sts)::(\d{12}):([a-z-]+)\/(.+)$/;
const NAME_RE = /^[\w+=,.@-]{1,128}$/;
/** One IAM path segment (never empty: `role//x` is refused). */
const PATH_SEGMENT_RE = /^[\w+=,.@-]+$/;

/**
 * Parses a role or user ARN that may be written into aws-auth.
 * @throws ArnError for malformed ARNs, unknown partitions, STS assumed-role or federated-user
 *   ARNs, service-linked roles and anything that is not a role or user.
 */
export function parsePrincipalArn(arn: string, expected?: 'role' | 'user'): IamPrincipalArn {
  const want = expected ?? 'role or user';
  if (typeof arn !== 'string' || arn.length === 0) {
    throw new ArnError(`expected an IAM ${want} ARN, got ${JSON.stringify(arn)}; write it as arn:aws:iam::123456789012:${expected ?? 'role'}/NAME`);
  }
  const m = ARN_RE.exec(arn);
  if (!m) {
    throw new ArnError(`${JSON.stringify(arn)} is not an IAM ${want} ARN; write it as arn:aws:iam::123456789012:${expected ?? 'role'}/NAME`);
  }
  const [, partition, service, account, resourceType, rest] = m;
  if (!PARTITIONS.includes(partition)) {
    throw new ArnError(`${JSON.stringify(arn)} has unknown partition "${partition}"; use one of ${PARTITIONS.join(', ')}`);
  }
  if (service === 'sts') {
    if (resourceType === 'assumed-role') {
      const roleName = rest.split('/')[0];
      throw new ArnError(`${JSON.stringify(arn)} is an STS assumed-role session, not a role; map the role itself: arn:${partition}:iam::${account}:role/${roleName}`);
    }
    throw new ArnError(`${JSON.stringify(arn)} is an STS ${resourceType} ARN; only IAM roles and users can be mapped`);
  }
  if (resourceType !== 'role' && resourceType !== 'user') {
    throw new ArnError(`${JSON.stringify(arn)} is an IAM ${resourceType}, not a role or user; only IAM roles and users can be mapped`);
  }
  if (expected && resourceType !== expected) {
    throw new ArnError(`${JSON.stringify(arn)} is an IAM ${resourceType} ARN where an IAM ${expected} ARN is expected; ${expected === 'role' ? 'map users under users/mapUsers' : 'map roles under roles/mapRoles'}`);
  }
  const parts = rest.split('/');
  const name = parts[parts.length - 1];
  const pathParts = parts.slice(0, -1);
  if (!NAME_RE.test(name) || pathParts.some((p) => !PATH_SEGMENT_RE.test(p))) {
    throw new ArnError(`${JSON.stringify(arn)} has an invalid ${resourceType} name or path; names use letters, digits and +=,.@_- (at most 128)`);
  }
  const path = pathParts.length ? `/${pathParts.join('/')}/` : '/';
  if (resourceType === 'role' && path.startsWith('/aws-service-role/')) {
    throw new ArnError(`${JSON.stringify(arn)} is a service-linked role; AWS manages its access, do not map it`);
  }
  return { partition, account, kind: resourceType, path, name };
}

/** `arn:PART:iam::ACCT:role/NAME`: the role ARN with its IAM path stripped, as aws-auth needs it. */
export function normalizeRoleArn(arn: string): string {
  const p = parsePrincipalArn(arn, 'role');
  return `arn:${p.partition}:iam::${p.account}:role/${p.name}`;
}

/**
 * Go's `strings.ToLower`, which the authenticator lower-cases ARNs with: every code point to
 * its simple lower case (`unicode.ToLower`), one for one. JS `toLowerCase` differs in two
 * places only: U+0130 `İ` becomes `i` + U+0307 (two code points; Go: `i`, so a stored
 * `user/alİce` answers for the caller `user/alice`), and a capital sigma at the end of a word
 * becomes `ς` (Go: `σ` wherever it stands).
 */
export function goToLower(s: string): string {
  return s.replace(/\u0130/g, 'i').replace(/\u03a3/g, '\u03c3').toLowerCase();
}

/** The key the authenticator uses for a role entry: the normalized ARN, lower-cased. */
export function roleKey(arn: string): string {
  return goToLower(normalizeRoleArn(arn));
}

/**
 * The key the authenticator matches a user entry by: the ARN lower-cased as Go does it
 * ({@link goToLower}; path kept). Two entries for `user/Alice` and `user/alice` both match the
 * caller, and which one answers is Go map order, so they are one principal: one owner, one entry.
 */
export function userKey(arn: string): string {
  return goToLower(arn);
}

/** Validates a user ARN and returns it unchanged (user ARNs keep their path and, as written, their case). */
export function normalizeUserArn(arn: string): string {
  parsePrincipalArn(arn, 'user');
  return arn;
}

/** True for a 12-digit AWS account id. */
export function isAccountId(value: unknown): value is string {
  return typeof value === 'string' && /^\d{12}$/.test(value);
}
