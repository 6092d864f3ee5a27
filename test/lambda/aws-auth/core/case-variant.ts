/** fast-check arbitrary for ARNs spelled in another case (the authenticator compares ARNs ignoring case). */
import * as fc from 'fast-check';

/** `arn` with the case of some letters flipped; never equal to `arn` itself (it must contain a letter). */
export function caseVariant(arn: string): fc.Arbitrary<string> {
  return fc.array(fc.boolean(), { minLength: arn.length, maxLength: arn.length })
    .map((flips) => [...arn].map((c, i) => (flips[i] ? (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()) : c)).join(''))
    .filter((v) => v !== arn);
}

const USER_PREFIX = 'arn:aws:iam::111122223333:user/';
const userName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9+=,.@_-]{0,15}$/);

/** IAM user ARNs in account 111122223333 with a random name (letters included). */
export const userArnArb: fc.Arbitrary<string> = userName.map((n) => `${USER_PREFIX}${n}`);

/** Two valid user ARNs whose names differ only in case (both pass validation as owned mappings). */
export const userArnPairArb: fc.Arbitrary<[string, string]> = userName.chain((n) => caseVariant(n).map((v): [string, string] => [`${USER_PREFIX}${n}`, `${USER_PREFIX}${v}`]));
