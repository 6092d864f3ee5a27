/**
 * goToLower: ARNs lower-cased as the authenticator's Go `strings.ToLower` does it (the keys of
 * role entries and the comparison of user entries), not as JS `toLowerCase` does.
 */
import * as fc from 'fast-check';
import { goToLower, roleKey, userKey } from '../../../../lambda/aws-auth/core/arn';

describe('goToLower: Go strings.ToLower, one code point for one', () => {
  test.each<[string, string, string]>([
    ['ASCII', 'ARN:AWS:IAM::111122223333:USER/Ops/Alice', 'arn:aws:iam::111122223333:user/ops/alice'],
    ['the dotted capital I is a plain i (JS gives i + U+0307)', 'al\u0130ce', 'alice'],
    ['the dotted capital I alone', '\u0130', 'i'],
    ['i + combining dot stays two code points', 'i\u0307', 'i\u0307'],
    ['the dotless small i stays', '\u0131', '\u0131'],
    ['a final capital sigma is sigma, not final sigma (JS gives \u03c2)', '\u0391\u03a3', '\u03b1\u03c3'],
    ['capital sigmas anywhere', '\u03a3\u0391\u03a3 x\u03a3', '\u03c3\u03b1\u03c3 x\u03c3'],
    ['the final small sigma stays', '\u03c2', '\u03c2'],
    ['the Kelvin sign is k', '\u212a', 'k'],
    ['sharp s stays one letter', 'STRA\u00dfE', 'stra\u00dfe'],
    ['astral capitals', '\u{10400}', '\u{10428}'],
    ['the empty string', '', ''],
  ])('%s', (_name, s, lower) => {
    expect(goToLower(s)).toBe(lower);
  });

  test('property: as many code points out as in, and JS toLowerCase wherever neither \u0130 nor \u03a3 occurs', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme-composite', maxLength: 12 }), fc.constantFrom('', '\u0130', '\u03a3', 'A'), (s, extra) => {
      const input = `${s}${extra}${s}`;
      expect([...goToLower(input)]).toHaveLength([...input].length);
      if (!/[\u0130\u03a3]/.test(input)) expect(goToLower(input)).toBe(input.toLowerCase());
    }), { numRuns: 300 });
  });
});

describe('user and role keys use it', () => {
  const USER = 'arn:aws:iam::111122223333:user/';
  test('a stored user ARN with \u0130 is the caller it answers for in Go', () => {
    expect(userKey(`${USER}AL\u0130CE`)).toBe(userKey(`${USER}alice`));
  });

  test('\u0130 and i + U+0307 are two principals, as in Go (JS toLowerCase would make them one)', () => {
    expect(userKey(`${USER}\u0130`)).not.toBe(userKey(`${USER}i\u0307`));
  });

  test('a final capital sigma keys like a small sigma', () => {
    expect(userKey(`${USER}x\u03a3`)).toBe(`${USER}x\u03c3`);
  });

  test('role keys (always ASCII after parsing)', () => {
    expect(roleKey('arn:aws:iam::111122223333:role/Team/DEV')).toBe('arn:aws:iam::111122223333:role/dev');
  });
});
