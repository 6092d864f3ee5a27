import { buildEksToken } from '../../../lambda/edge/token';
import { verifyEksToken } from '../../support/eks-token-verify';
import type { TestIdentity } from '../../support/identities';
import { TEST_IDENTITIES } from '../../support/identities';
import { tokenUrl, urlToken } from './eks-token-fixtures';

const SIGNED_AT = new Date('2025-06-01T10:00:00Z');
const identities: TestIdentity[] = [TEST_IDENTITIES.deployer, TEST_IDENTITIES.handler];
const verifier = { clusterName: 'prod', region: 'eu-west-1', identities, now: new Date('2025-06-01T10:05:00Z') };

async function token(overrides: { clusterName?: string; region?: string; identity?: TestIdentity; now?: Date } = {}): Promise<string> {
  return buildEksToken({
    clusterName: overrides.clusterName ?? 'prod',
    region: overrides.region ?? 'eu-west-1',
    credentials: overrides.identity ?? TEST_IDENTITIES.handler,
    now: overrides.now ?? SIGNED_AT,
  });
}

function editUrl(t: string, edit: (url: string) => string): string {
  return urlToken(edit(tokenUrl(t).toString()));
}

describe('the kube stand-in token check (aws-iam-authenticator rules + SigV4)', () => {
  test('accepts a fresh token with and without a session token', async () => {
    expect(verifyEksToken(await token(), verifier)).toEqual({ ok: true, identity: TEST_IDENTITIES.handler });
    expect(verifyEksToken(await token({ identity: TEST_IDENTITIES.deployer }), verifier)).toEqual({ ok: true, identity: TEST_IDENTITIES.deployer });
  });

  test('accepts at 14:59 and refuses after 15 minutes', async () => {
    const t = await token();
    expect(verifyEksToken(t, { ...verifier, now: new Date(SIGNED_AT.getTime() + 899_000) }).ok).toBe(true);
    expect(verifyEksToken(t, { ...verifier, now: new Date(SIGNED_AT.getTime() + 901_000) }))
      .toEqual({ ok: false, reason: expect.stringMatching(/expired/) });
  });

  test('refuses a token for another cluster', async () => {
    expect(verifyEksToken(await token({ clusterName: 'staging' }), verifier))
      .toEqual({ ok: false, reason: expect.stringMatching(/SignatureDoesNotMatch/) });
  });

  test('refuses a token signed with a wrong secret', async () => {
    const forged = { ...TEST_IDENTITIES.handler, secretAccessKey: 'not-the-secret' };
    expect(verifyEksToken(await token({ identity: forged }), verifier))
      .toEqual({ ok: false, reason: expect.stringMatching(/SignatureDoesNotMatch/) });
  });

  test('refuses unknown keys and stripped session tokens', async () => {
    const stranger = { accessKeyId: 'AKIDSTRANGER', secretAccessKey: 's', arn: 'arn:aws:iam::999999999999:user/x' };
    expect(verifyEksToken(await token({ identity: stranger }), verifier).ok).toBe(false);
    const noSession = { ...TEST_IDENTITIES.handler, sessionToken: undefined };
    expect(verifyEksToken(await token({ identity: noSession }), verifier).ok).toBe(false);
  });

  test('refuses a token from another region', async () => {
    expect(verifyEksToken(await token({ region: 'us-east-1' }), verifier))
      .toEqual({ ok: false, reason: expect.stringMatching(/unexpected hostname/) });
  });

  test.each([
    ['a tampered signature', (u: string) => u.replace(/X-Amz-Signature=([0-9a-f])/, (_m, c: string) => `X-Amz-Signature=${c === '0' ? '1' : '0'}`), /SignatureDoesNotMatch/],
    ['an extra parameter', (u: string) => `${u}&X-Amz-User-Agent=x`, /non-whitelisted/],
    ['a duplicated parameter', (u: string) => `${u}&Action=GetCallerIdentity`, /multiple values/],
    ['another action', (u: string) => u.replace('Action=GetCallerIdentity', 'Action=GetSessionToken'), /unexpected action/],
    ['X-Amz-Expires above 900', (u: string) => u.replace('X-Amz-Expires=60', 'X-Amz-Expires=901'), /X-Amz-Expires/],
    ['a negative X-Amz-Expires', (u: string) => u.replace('X-Amz-Expires=60', 'X-Amz-Expires=-1'), /X-Amz-Expires/],
    ['an unsigned cluster header', (u: string) => u.replace('host%3Bx-k8s-aws-id', 'host'), /x-k8s-aws-id/],
    ['plain http', (u: string) => u.replace('https://', 'http://'), /scheme/],
    ['another host', (u: string) => u.replace('sts.eu-west-1.amazonaws.com', 'sts.eu-west-1.example.com'), /hostname/],
    ['another path', (u: string) => u.replace('.com/?', '.com/x?'), /path/],
  ])('refuses %s', async (_label, edit, reason) => {
    expect(verifyEksToken(editUrl(await token(), edit), verifier)).toEqual({ ok: false, reason: expect.stringMatching(reason) });
  });

  test('refuses a wrong prefix, bad base64 and oversized tokens', async () => {
    const t = await token();
    expect(verifyEksToken(t.replace('k8s-aws-v1.', 'k8s-aws-v2.'), verifier).ok).toBe(false);
    expect(verifyEksToken(`${t}==`, verifier).ok).toBe(false);
    expect(verifyEksToken(`k8s-aws-v1.${'A'.repeat(4100)}`, verifier)).toEqual({ ok: false, reason: 'token is too large' });
  });
});
