/**
 * An independent AWS Signature Version 4 verifier written with node:crypto from the published
 * algorithm (canonical request, string to sign, signing key chain). The stand-ins use it to
 * check every request; it deliberately shares no code with @smithy/signature-v4, so a signer
 * bug cannot vouch for itself.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { TestIdentity } from './identities';

/** Why a signature was refused; the stand-ins map these to each protocol's AWS error. */
export type SigV4Failure =
  | 'MissingAuthentication'
  | 'IncompleteSignature'
  | 'UnknownAccessKey'
  | 'BadSessionToken'
  | 'WrongScope'
  | 'RequestExpired'
  | 'SignatureDoesNotMatch';

/** Outcome of a verification. */
export type SigV4Result =
  | { readonly ok: true; readonly identity: TestIdentity; readonly region: string; readonly service: string }
  | { readonly ok: false; readonly failure: SigV4Failure; readonly message: string };

/** The parts of an HTTP request a signature covers. */
export interface SignedRequest {
  readonly method: string;
  /** Path as sent on the wire (still percent-encoded), without the query. */
  readonly rawPath: string;
  /** Query string as sent on the wire, without `?`. */
  readonly rawQuery: string;
  /** Header values by lower-case name; repeated headers as arrays. */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly body: Buffer;
}

/** What the verifying server expects. */
export interface VerifyOptions {
  readonly identities: readonly TestIdentity[];
  /** Service name the credential scope must carry (eks, iam, sts). */
  readonly service: string;
  /** Regions the credential scope may carry. */
  readonly regions: readonly string[];
  /** Server clock. */
  readonly now: Date;
  /** Allowed clock skew for header-signed requests. @default 15 minutes */
  readonly maxSkewMs?: number;
  /** Whether the double-encoded canonical URI rule applies (all services but S3). @default true */
  readonly doubleEncodePath?: boolean;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';
const EMPTY_SHA256 = sha256Hex('');

/** RFC 3986 encoding (unreserved characters kept), as the SigV4 specification requires. */
export function sigv4Encode(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Hex SHA-256. */
export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Decodes a raw query string into ordered pairs (no `+` to space translation, as AWS does). */
export function parseRawQuery(rawQuery: string): Array<[string, string]> {
  if (rawQuery === '') {
    return [];
  }
  return rawQuery.split('&').map((part) => {
    const eq = part.indexOf('=');
    const k = eq < 0 ? part : part.slice(0, eq);
    const v = eq < 0 ? '' : part.slice(eq + 1);
    return [decodeURIComponent(k), decodeURIComponent(v)];
  });
}

/** Canonical URI: dot segments and empty segments removed, each segment encoded (again). */
export function canonicalUri(rawPath: string, doubleEncode = true): string {
  if (!doubleEncode) {
    return rawPath || '/';
  }
  const segments: string[] = [];
  for (const seg of rawPath.split('/')) {
    if (seg === '' || seg === '.') {
      continue;
    }
    if (seg === '..') {
      segments.pop();
    } else {
      segments.push(seg);
    }
  }
  const trailing = segments.length > 0 && rawPath.endsWith('/') ? '/' : '';
  return `/${segments.map(sigv4Encode).join('/')}${trailing}`;
}

/** Canonical query string: pairs encoded, sorted by key then value. */
export function canonicalQuery(pairs: ReadonlyArray<readonly [string, string]>): string {
  return pairs
    .map(([k, v]) => [sigv4Encode(k), sigv4Encode(v)] as const)
    .sort((a, b) => (a[0] === b[0] ? cmp(a[1], b[1]) : cmp(a[0], b[0])))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Canonical header value: values trimmed, inner whitespace runs collapsed, repeats joined by `,`. */
export function canonicalHeaderValue(value: string | readonly string[]): string {
  const values = typeof value === 'string' ? [value] : value;
  return values.map((v) => v.trim().replace(/\s+/g, ' ')).join(',');
}

/** The canonical request (specification step 1). */
export function canonicalRequest(parts: {
  method: string; uri: string; query: string; headers: ReadonlyArray<readonly [string, string]>; payloadHash: string;
}): string {
  const names = parts.headers.map(([n]) => n);
  return [
    parts.method,
    parts.uri,
    parts.query,
    ...parts.headers.map(([n, v]) => `${n}:${v}`),
    '',
    names.join(';'),
    parts.payloadHash,
  ].join('\n');
}

/** The string to sign (step 2). */
export function stringToSign(amzDate: string, scope: string, canonical: string): string {
  return [ALGORITHM, amzDate, scope, sha256Hex(canonical)].join('\n');
}

/** The signing key chain (step 3): kSecret -> date -> region -> service -> aws4_request. */
export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  let key: Buffer = Buffer.from(`AWS4${secret}`, 'utf8');
  for (const part of [date, region, service, 'aws4_request']) {
    key = createHmac('sha256', key).update(part, 'utf8').digest();
  }
  return key;
}

/** Hex HMAC of the string to sign (step 4). */
export function signature(key: Buffer, toSign: string): string {
  return createHmac('sha256', key).update(toSign, 'utf8').digest('hex');
}

/** `20240102T030405Z` -> Date, or undefined when malformed. */
export function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) {
    return undefined;
  }
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
  return Number.isNaN(d.getTime()) ? undefined : d;
}

interface Scope { accessKeyId: string; date: string; region: string; service: string; scope: string }

function parseCredential(credential: string): Scope | undefined {
  const parts = credential.split('/');
  if (parts.length !== 5 || parts[4] !== 'aws4_request' || !/^\d{8}$/.test(parts[1])) {
    return undefined;
  }
  return { accessKeyId: parts[0], date: parts[1], region: parts[2], service: parts[3], scope: parts.slice(1).join('/') };
}

function fail(failure: SigV4Failure, message: string): SigV4Result {
  return { ok: false, failure, message };
}

function header(req: SignedRequest, name: string): string | undefined {
  const v = req.headers[name];
  return v === undefined ? undefined : typeof v === 'string' ? v : v.join(',');
}

function checkScope(scope: Scope, amzDate: string, opts: VerifyOptions): SigV4Result | undefined {
  if (scope.service !== opts.service) {
    return fail('WrongScope', `Credential should be scoped to correct service: '${opts.service}'.`);
  }
  if (!opts.regions.includes(scope.region)) {
    return fail('WrongScope', `Credential should be scoped to a valid region, not '${scope.region}'.`);
  }
  if (amzDate.slice(0, 8) !== scope.date) {
    return fail('WrongScope', `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scope.date}' != '${amzDate.slice(0, 8)}'`);
  }
  return undefined;
}

function findIdentity(opts: VerifyOptions, accessKeyId: string, sessionToken: string | undefined): SigV4Result {
  const identity = opts.identities.find((i) => i.accessKeyId === accessKeyId);
  if (!identity) {
    return fail('UnknownAccessKey', 'The security token included in the request is invalid.');
  }
  if ((identity.sessionToken ?? undefined) !== sessionToken) {
    return fail('BadSessionToken', 'The security token included in the request is invalid.');
  }
  return { ok: true, identity, region: '', service: '' };
}

function compareSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Verifies a request signed with an `Authorization: AWS4-HMAC-SHA256 ...` header. */
export function verifyAuthorizationHeader(req: SignedRequest, opts: VerifyOptions): SigV4Result {
  const auth = header(req, 'authorization');
  if (!auth) {
    return fail('MissingAuthentication', 'Missing Authentication Token');
  }
  const m = /^AWS4-HMAC-SHA256 Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/.exec(auth);
  if (!m) {
    return fail('IncompleteSignature', `Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters with algorithm ${ALGORITHM}.`);
  }
  const scope = parseCredential(m[1]);
  if (!scope) {
    return fail('IncompleteSignature', `Credential is malformed: ${m[1].split('/').slice(1).join('/')}`);
  }
  const signedHeaders = m[2].split(';');
  const sorted = [...signedHeaders].sort(cmp);
  if (signedHeaders.join(';') !== sorted.join(';') || signedHeaders.some((h) => h !== h.toLowerCase())) {
    return fail('IncompleteSignature', 'SignedHeaders must be lower-case and sorted.');
  }
  if (!signedHeaders.includes('host')) {
    return fail('IncompleteSignature', "'Host' must be a signed header.");
  }
  const amzDate = header(req, 'x-amz-date');
  if (!amzDate || !signedHeaders.includes('x-amz-date')) {
    return fail('IncompleteSignature', "'X-Amz-Date' must be present and signed.");
  }
  const when = parseAmzDate(amzDate);
  if (!when) {
    return fail('IncompleteSignature', `X-Amz-Date '${amzDate}' is not an ISO-8601 basic timestamp.`);
  }
  const scopeError = checkScope(scope, amzDate, opts);
  if (scopeError) {
    return scopeError;
  }
  if (Math.abs(opts.now.getTime() - when.getTime()) > (opts.maxSkewMs ?? 15 * 60_000)) {
    return fail('RequestExpired', `Signature expired: ${amzDate} is now earlier or later than the allowed skew of the server time.`);
  }
  const sessionToken = header(req, 'x-amz-security-token');
  if (sessionToken !== undefined && !signedHeaders.includes('x-amz-security-token')) {
    return fail('IncompleteSignature', "'X-Amz-Security-Token' must be signed.");
  }
  const found = findIdentity(opts, scope.accessKeyId, sessionToken);
  if (!found.ok) {
    return found;
  }
  const headers: Array<[string, string]> = [];
  for (const name of signedHeaders) {
    const value = req.headers[name];
    if (value === undefined) {
      return fail('SignatureDoesNotMatch', `Signed header '${name}' is missing from the request.`);
    }
    headers.push([name, canonicalHeaderValue(value)]);
  }
  const bodyHash = sha256Hex(req.body);
  const declared = header(req, 'x-amz-content-sha256');
  if (declared !== undefined && declared !== bodyHash) {
    return fail('SignatureDoesNotMatch', 'The provided x-amz-content-sha256 header does not match what was computed.');
  }
  const canonical = canonicalRequest({
    method: req.method,
    uri: canonicalUri(req.rawPath, opts.doubleEncodePath ?? true),
    query: canonicalQuery(parseRawQuery(req.rawQuery)),
    headers,
    payloadHash: declared ?? bodyHash,
  });
  const expected = signature(
    signingKey(found.identity.secretAccessKey, scope.date, scope.region, scope.service),
    stringToSign(amzDate, scope.scope, canonical),
  );
  if (!compareSignature(expected, m[3])) {
    return fail('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.');
  }
  return { ok: true, identity: found.identity, region: scope.region, service: scope.service };
}

/** A presigned GET URL to verify, with the header values the verifier supplies itself. */
export interface PresignedUrl {
  readonly host: string;
  readonly rawPath: string;
  readonly rawQuery: string;
  /** Values of signed headers other than `host`, by lower-case name (e.g. `x-k8s-aws-id`). */
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Verifies a presigned GET URL (query-string authentication, empty payload) the way STS does
 * for an EKS token. Expiry is the caller's business (the authenticator applies 15 minutes).
 */
export function verifyPresignedUrl(url: PresignedUrl, opts: VerifyOptions): SigV4Result {
  const pairs = parseRawQuery(url.rawQuery);
  const get = (k: string): string | undefined => pairs.find(([n]) => n === k)?.[1];
  const credential = get('X-Amz-Credential');
  const amzDate = get('X-Amz-Date');
  const signedHeaders = get('X-Amz-SignedHeaders');
  const given = get('X-Amz-Signature');
  if (get('X-Amz-Algorithm') !== ALGORITHM || !credential || !amzDate || !signedHeaders || !given) {
    return fail('IncompleteSignature', 'presigned URL lacks X-Amz-Algorithm, -Credential, -Date, -SignedHeaders or -Signature');
  }
  const scope = parseCredential(credential);
  if (!scope) {
    return fail('IncompleteSignature', 'X-Amz-Credential is malformed');
  }
  if (!parseAmzDate(amzDate)) {
    return fail('IncompleteSignature', 'X-Amz-Date is malformed');
  }
  const scopeError = checkScope(scope, amzDate, opts);
  if (scopeError) {
    return scopeError;
  }
  const found = findIdentity(opts, scope.accessKeyId, get('X-Amz-Security-Token'));
  if (!found.ok) {
    return found;
  }
  const headers: Array<[string, string]> = [];
  for (const name of signedHeaders.split(';')) {
    const value = name === 'host' ? url.host : url.headers[name];
    if (value === undefined) {
      return fail('SignatureDoesNotMatch', `signed header '${name}' has no value`);
    }
    headers.push([name, canonicalHeaderValue(value)]);
  }
  const canonical = canonicalRequest({
    method: 'GET',
    uri: canonicalUri(url.rawPath, opts.doubleEncodePath ?? true),
    query: canonicalQuery(pairs.filter(([k]) => k !== 'X-Amz-Signature')),
    headers,
    payloadHash: EMPTY_SHA256,
  });
  const expected = signature(
    signingKey(found.identity.secretAccessKey, scope.date, scope.region, scope.service),
    stringToSign(amzDate, scope.scope, canonical),
  );
  if (!compareSignature(expected, given)) {
    return fail('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
  }
  return { ok: true, identity: found.identity, region: scope.region, service: scope.service };
}
