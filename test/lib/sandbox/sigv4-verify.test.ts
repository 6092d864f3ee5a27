import { createHash } from 'node:crypto';
import type { TestIdentity } from '../../../lib/sandbox/identities';
import {
  canonicalQuery, canonicalUri, signature, signingKey, stringToSign, verifyAuthorizationHeader,
} from '../../../lib/sandbox/sigv4-verify';

// The worked example of the AWS General Reference ("Signature Version 4 signing process",
// IAM ListUsers, 2015-08-30): published signing key and signature.
const DOC_IDENTITY: TestIdentity = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  arn: 'arn:aws:iam::123456789012:user/example',
};
const DOC_SIGNATURE = '5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7';
const DOC_AUTH = `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=${DOC_SIGNATURE}`;

function docRequest(overrides: { auth?: string; query?: string; host?: string } = {}) {
  return {
    method: 'GET',
    rawPath: '/',
    rawQuery: overrides.query ?? 'Action=ListUsers&Version=2010-05-08',
    headers: {
      host: overrides.host ?? 'iam.amazonaws.com',
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      'x-amz-date': '20150830T123600Z',
      authorization: overrides.auth ?? DOC_AUTH,
    },
    body: Buffer.alloc(0),
  };
}

const DOC_OPTS = { identities: [DOC_IDENTITY], service: 'iam', regions: ['us-east-1'], now: new Date('2015-08-30T12:40:00Z') };

describe('sigv4-verify', () => {
  test('derives the documented signing key and signature', () => {
    const key = signingKey(DOC_IDENTITY.secretAccessKey, '20150830', 'us-east-1', 'iam');
    expect(key.toString('hex')).toBe('c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9');
    const canonical = [
      'GET', '/', 'Action=ListUsers&Version=2010-05-08',
      'content-type:application/x-www-form-urlencoded; charset=utf-8', 'host:iam.amazonaws.com', 'x-amz-date:20150830T123600Z',
      '', 'content-type;host;x-amz-date', createHash('sha256').update('').digest('hex'),
    ].join('\n');
    expect(createHash('sha256').update(canonical).digest('hex')).toBe('f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59');
    expect(signature(key, stringToSign('20150830T123600Z', '20150830/us-east-1/iam/aws4_request', canonical))).toBe(DOC_SIGNATURE);
  });

  test('accepts the documented request', () => {
    const result = verifyAuthorizationHeader(docRequest(), DOC_OPTS);
    expect(result).toMatchObject({ ok: true, region: 'us-east-1', service: 'iam' });
  });

  test.each([
    ['a changed query', { query: 'Action=ListUsers&Version=2010-05-09' }, 'SignatureDoesNotMatch'],
    ['a changed host', { host: 'evil.example.com' }, 'SignatureDoesNotMatch'],
    ['an unknown key', { auth: DOC_AUTH.replace('AKIDEXAMPLE', 'AKIDOTHER') }, 'UnknownAccessKey'],
    ['another service scope', { auth: DOC_AUTH.replace('/iam/', '/sts/') }, 'WrongScope'],
    ['another region scope', { auth: DOC_AUTH.replace('us-east-1', 'eu-west-1') }, 'WrongScope'],
    ['no host signed', { auth: DOC_AUTH.replace('content-type;host;x-amz-date', 'content-type;x-amz-date') }, 'IncompleteSignature'],
    ['a mangled header', { auth: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE' }, 'IncompleteSignature'],
  ])('refuses %s', (_label, overrides, failure) => {
    expect(verifyAuthorizationHeader(docRequest(overrides), DOC_OPTS)).toMatchObject({ ok: false, failure });
  });

  test('refuses a wrong secret, a stale date and a missing header', () => {
    const wrongSecret = { ...DOC_OPTS, identities: [{ ...DOC_IDENTITY, secretAccessKey: 'x' }] };
    expect(verifyAuthorizationHeader(docRequest(), wrongSecret)).toMatchObject({ ok: false, failure: 'SignatureDoesNotMatch' });
    expect(verifyAuthorizationHeader(docRequest(), { ...DOC_OPTS, now: new Date('2015-08-30T13:00:00Z') }))
      .toMatchObject({ ok: false, failure: 'RequestExpired' });
    const headers: Record<string, string> = { ...docRequest().headers };
    delete headers.authorization;
    expect(verifyAuthorizationHeader({ ...docRequest(), headers }, DOC_OPTS)).toMatchObject({ ok: false, failure: 'MissingAuthentication' });
  });

  test('refuses a session token the identity does not have', () => {
    const req = docRequest();
    const withToken = { ...req, headers: { ...req.headers, 'x-amz-security-token': 'abc' } };
    expect(verifyAuthorizationHeader(withToken, DOC_OPTS)).toMatchObject({ ok: false });
  });

  test('canonical URI double-encodes and canonical query sorts', () => {
    expect(canonicalUri('/clusters/a%20b/./x/../y')).toBe('/clusters/a%2520b/y');
    expect(canonicalQuery([['b', '2'], ['a', 'x y/+'], ['a', '1']])).toBe('a=1&a=x%20y%2F%2B&b=2');
  });
});
