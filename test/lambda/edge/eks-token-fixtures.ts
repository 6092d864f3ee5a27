/** Loads the awscli-recorded tokens of test/fixtures/eks-token/ (see scripts/record-eks-token.sh). */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** One recorded `aws eks get-token`. */
export interface TokenFixture {
  readonly file: string;
  readonly recordedWith: string;
  readonly clusterName: string;
  readonly region: string;
  readonly credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  readonly token: string;
  /** The signing instant, read back from X-Amz-Date. */
  readonly signedAt: Date;
}

const DIR = join(__dirname, '..', '..', 'fixtures', 'eks-token');

/** All fixtures. */
export function loadTokenFixtures(): TokenFixture[] {
  return readdirSync(DIR).filter((f) => f.endsWith('.json')).sort().map((file) => {
    const doc = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Omit<TokenFixture, 'file' | 'signedAt'>;
    return { ...doc, file, signedAt: signedAt(doc.token) };
  });
}

/** Decodes a token to its presigned URL (test use only: never log it). */
export function tokenUrl(token: string): URL {
  return new URL(Buffer.from(token.slice('k8s-aws-v1.'.length), 'base64url').toString('utf8'));
}

function signedAt(token: string): Date {
  const d = tokenUrl(token).searchParams.get('X-Amz-Date') ?? '';
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(d);
  if (!m) {
    throw new Error(`fixture token has no X-Amz-Date`);
  }
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
}

/** Re-encodes a presigned URL as a token. */
export function urlToken(url: string): string {
  return `k8s-aws-v1.${Buffer.from(url, 'utf8').toString('base64url')}`;
}
