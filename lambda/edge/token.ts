/**
 * The bearer token EKS accepts: `k8s-aws-v1.` + unpadded base64url of a SigV4-presigned STS
 * GetCallerIdentity URL with the cluster name signed in the `x-k8s-aws-id` header
 * (aws-iam-authenticator pkg/token/token.go). Byte-for-byte equal to `aws eks get-token`.
 */
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { stsHostname } from './sts-host';
import { uriEncode } from './uri-encode';

/** Prefix of every EKS token. */
export const EKS_TOKEN_PREFIX = 'k8s-aws-v1.';
/** Header carrying the cluster name; the verifier substitutes its own cluster name. */
export const CLUSTER_ID_HEADER = 'x-k8s-aws-id';
/** `X-Amz-Expires` the authenticator and awscli use; STS ignores it (tokens live 15 minutes). */
export const PRESIGN_EXPIRES_SECONDS = 60;

/** AWS credentials as the token needs them. */
export interface TokenCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** Input of {@link buildEksToken}. */
export interface EksTokenInput {
  readonly clusterName: string;
  readonly region: string;
  readonly credentials: TokenCredentials;
  /** Signing instant. @default - the current time */
  readonly now?: Date;
}

/**
 * Query parameters in the order botocore writes them (operation params, then auth params in
 * insertion order, signature appended last). Not alphabetical: the security token follows
 * `X-Amz-SignedHeaders`.
 */
const QUERY_ORDER = [
  'Action', 'Version', 'X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Expires',
  'X-Amz-SignedHeaders', 'X-Amz-Security-Token', 'X-Amz-Signature',
] as const;

/**
 * Builds the EKS bearer token for `clusterName`. The presigned URL always names the regional
 * STS host of the partition, never an overridden endpoint: the authenticator rejects any other
 * host.
 */
export async function buildEksToken(input: EksTokenInput): Promise<string> {
  const url = await presignGetCallerIdentity(input);
  return EKS_TOKEN_PREFIX + Buffer.from(url, 'utf8').toString('base64url');
}

/** The presigned STS GetCallerIdentity URL inside the token. Never log it. */
export async function presignGetCallerIdentity(input: EksTokenInput): Promise<string> {
  if (!input.clusterName) {
    throw new Error('clusterName is required to build an EKS token');
  }
  const hostname = stsHostname(input.region);
  const { accessKeyId, secretAccessKey, sessionToken } = input.credentials;
  const signer = new SignatureV4({
    credentials: sessionToken ? { accessKeyId, secretAccessKey, sessionToken } : { accessKeyId, secretAccessKey },
    region: input.region,
    service: 'sts',
    sha256: Hash.bind(null, 'sha256'),
    uriEscapePath: true,
  });
  const request = new HttpRequest({
    method: 'GET',
    protocol: 'https:',
    hostname,
    path: '/',
    query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
    headers: { host: hostname, [CLUSTER_ID_HEADER]: input.clusterName },
  });
  const signed = await signer.presign(request, {
    expiresIn: PRESIGN_EXPIRES_SECONDS,
    signingDate: input.now ?? new Date(),
  });
  return `https://${hostname}/?${serializeQuery(signed.query ?? {})}`;
}

function serializeQuery(query: Record<string, string | string[] | null>): string {
  const unexpected = Object.keys(query).filter((k) => !(QUERY_ORDER as readonly string[]).includes(k));
  if (unexpected.length > 0) {
    throw new Error(`presigned STS URL carries unexpected query parameters ${unexpected.join(', ')}`);
  }
  const parts: string[] = [];
  for (const key of QUERY_ORDER) {
    const value = query[key];
    if (value === undefined || value === null) {
      continue;
    }
    if (typeof value !== 'string') {
      throw new Error(`presigned STS URL has a repeated query parameter ${key}`);
    }
    parts.push(`${uriEncode(key)}=${uriEncode(value)}`);
  }
  return parts.join('&');
}
