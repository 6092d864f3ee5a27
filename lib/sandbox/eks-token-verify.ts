/**
 * Checks an EKS bearer token the way aws-iam-authenticator's `tokenVerifier.Verify` does
 * (pkg/token/token.go), then verifies the presigned URL's SigV4 signature locally, standing in
 * for the STS call: the cluster id header is the verifier's own cluster name, so a token signed
 * for another cluster fails exactly as it would against STS.
 */
import type { TestIdentity } from './identities';
import { parseAmzDate, parseRawQuery, verifyPresignedUrl } from './sigv4-verify';

const PREFIX = 'k8s-aws-v1.';
const MAX_TOKEN_BYTES = 4096;
const VALIDITY_MS = 15 * 60_000;
const ALLOWED_PARAMS = new Set([
  'action', 'version', 'x-amz-algorithm', 'x-amz-credential', 'x-amz-date', 'x-amz-expires',
  'x-amz-security-token', 'x-amz-signature', 'x-amz-signedheaders',
]);

/** Outcome of {@link verifyEksToken}; `reason` is safe to log (it never echoes the token). */
export type EksTokenResult =
  | { readonly ok: true; readonly identity: TestIdentity }
  | { readonly ok: false; readonly reason: string };

/** What the verifying cluster knows. */
export interface EksTokenVerifierOptions {
  readonly clusterName: string;
  readonly region: string;
  readonly identities: readonly TestIdentity[];
  readonly now: Date;
}

/** The partition's STS hostnames the authenticator accepts (regional endpoint of `region`). */
export function acceptedStsHosts(region: string): string[] {
  return [`sts.${region}.${region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'}`];
}

function reject(reason: string): EksTokenResult {
  return { ok: false, reason };
}

/** Verifies `token` for the stand-in cluster. */
export function verifyEksToken(token: string, opts: EksTokenVerifierOptions): EksTokenResult {
  if (token.length > MAX_TOKEN_BYTES) {
    return reject('token is too large');
  }
  if (!token.startsWith(PREFIX)) {
    return reject(`token is missing expected "${PREFIX}" prefix`);
  }
  const body = token.slice(PREFIX.length);
  if (!/^[A-Za-z0-9_-]*$/.test(body) || body.length % 4 === 1) {
    return reject('token is not unpadded base64url');
  }
  let url: URL;
  try {
    url = new URL(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return reject('token does not decode to a URL');
  }
  if (url.protocol !== 'https:') {
    return reject(`unexpected scheme "${url.protocol}" in pre-signed URL`);
  }
  if (!acceptedStsHosts(opts.region).includes(url.host)) {
    return reject(`unexpected hostname "${url.host}" in pre-signed URL`);
  }
  if (url.pathname !== '/' || url.username || url.password || url.hash) {
    return reject('unexpected path in pre-signed URL');
  }
  const rawQuery = url.search.replace(/^\?/, '');
  let pairs: Array<[string, string]>;
  try {
    pairs = parseRawQuery(rawQuery);
  } catch {
    return reject('malformed query parameter');
  }
  const lower = new Map<string, string>();
  for (const [key, value] of pairs) {
    const k = key.toLowerCase();
    if (!ALLOWED_PARAMS.has(k)) {
      return reject(`non-whitelisted query parameter "${key}"`);
    }
    if (lower.has(k)) {
      return reject('query parameter with multiple values not supported');
    }
    lower.set(k, value);
  }
  if (lower.get('action') !== 'GetCallerIdentity') {
    return reject('unexpected action parameter in pre-signed URL');
  }
  if (!(lower.get('x-amz-signedheaders') ?? '').split(';').some((h) => h.toLowerCase() === 'x-k8s-aws-id')) {
    return reject('client did not sign the x-k8s-aws-id header in the pre-signed URL');
  }
  const expiresRaw = lower.get('x-amz-expires') ?? '';
  const expires = /^-?\d+$/.test(expiresRaw) ? Number(expiresRaw) : NaN;
  if (!Number.isInteger(expires) || expires < 0 || expires > 900) {
    return reject(`invalid X-Amz-Expires parameter in pre-signed URL: ${expiresRaw}`);
  }
  const date = parseAmzDate(lower.get('x-amz-date') ?? '');
  if (!date) {
    return reject('X-Amz-Date parameter must be present and well-formed in pre-signed URL');
  }
  if (opts.now.getTime() > date.getTime() + VALIDITY_MS) {
    return reject('X-Amz-Date parameter is expired (15 minute expiration)');
  }
  if (date.getTime() > opts.now.getTime() + VALIDITY_MS) {
    return reject('X-Amz-Date parameter is in the future');
  }
  const verified = verifyPresignedUrl(
    { host: url.host, rawPath: url.pathname, rawQuery, headers: { 'x-k8s-aws-id': opts.clusterName } },
    { identities: opts.identities, service: 'sts', regions: [opts.region], now: opts.now },
  );
  if (!verified.ok) {
    return reject(`sts getCallerIdentity failed: ${verified.failure}: ${verified.message}`);
  }
  return { ok: true, identity: verified.identity };
}
