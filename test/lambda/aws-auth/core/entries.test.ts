/** Which principal an aws-auth entry maps, compared as the authenticator compares it. */
import * as fc from 'fast-check';
import { entryKey, foldedFields, mappingKey, sameMapping } from '../../../../lambda/aws-auth/core/entries';
import { caseVariant, userArnArb } from './case-variant';

const ALICE = 'arn:aws:iam::111122223333:user/Alice';
const alice = 'arn:aws:iam::111122223333:user/alice';

describe('entryKey and mappingKey', () => {
  test.each<[string, 'role' | 'user', unknown, string | undefined]>([
    ['a user entry, as written in capitals', 'user', { userarn: ALICE, username: 'a', groups: [] }, alice],
    ['a user entry with UserARN spelled otherwise', 'user', { UserARN: 'arn:aws:iam::111122223333:user/ALICE' }, alice],
    ['an unparseable user ARN, lower-cased as the authenticator matches it', 'user', { userarn: 'Not-An-Arn' }, 'not-an-arn'],
    ['a user entry without ARN', 'user', { username: 'x' }, undefined],
    ['a pathed role in capitals', 'role', { rolearn: 'arn:aws:iam::111122223333:role/Team/Dev' }, 'arn:aws:iam::111122223333:role/dev'],
  ])('%s', (_name, kind, raw, key) => {
    expect(entryKey(kind, raw)).toBe(key);
  });

  test('an owned user mapping keys like a stored entry for the same user in another case', () => {
    expect(mappingKey('user', { userarn: ALICE, username: 'a', groups: [] })).toBe(entryKey('user', { userarn: alice }));
  });
});

describe('sameMapping: a stored entry for the user in another case gives the same mapping', () => {
  const mine = { userarn: ALICE, username: 'alice', groups: ['view', 'dev'] };

  test.each<[string, unknown, boolean]>([
    ['the same user, lower-cased, same username and groups in another order', { userarn: alice, username: 'alice', groups: ['dev', 'view'] }, true],
    ['the same user, another username', { userarn: alice, username: 'Alice', groups: ['view', 'dev'] }, false],
    ['the same user with a userid (a field would be lost)', { userarn: alice, username: 'alice', groups: ['view', 'dev'], userid: 'AIDA' }, false],
    ['another user', { userarn: 'arn:aws:iam::111122223333:user/alicia', username: 'alice', groups: ['view', 'dev'] }, false],
  ])('%s: %s', (_name, raw, same) => {
    expect(sameMapping('user', raw, mine)).toBe(same);
  });
});

test('property: every case variant of a user ARN is the same principal, never a different one', () => {
  fc.assert(fc.property(userArnArb.chain((u) => fc.tuple(fc.constant(u), caseVariant(u))), ([u, v]) => {
    expect(entryKey('user', { userarn: v })).toBe(mappingKey('user', { userarn: u, username: 'x', groups: [] }));
    expect(sameMapping('user', { userarn: v, username: 'x', groups: ['g'] }, { userarn: u, username: 'x', groups: ['g'] })).toBe(true);
  }), { numRuns: 200 });
});

describe('foldedFields: the spelling Go encoding/json keeps', () => {
  const A = 'arn:aws:iam::111122223333:role/other';
  const B = 'arn:aws:iam::111122223333:role/victim';
  test.each([
    // Go sorts keys by bytes (upper case first), so "rolearn" is read after "RoleARN" whatever the document order.
    ['document order rolearn, RoleARN', { rolearn: A, RoleARN: B }, 'rolearn', A],
    ['document order RoleARN, rolearn', { RoleARN: B, rolearn: A }, 'rolearn', A],
    ['a null spelling does not clear a string field', { RoleARN: A, rolearn: null }, 'rolearn', A],
    ['a number does not overwrite a string field', { Username: 'alice', username: 12 }, 'username', 'alice'],
    ['null clears groups (a Go slice)', { Groups: ['a'], groups: null }, 'groups', null],
    ['a string does not overwrite groups', { Groups: ['a'], groups: 'b' }, 'groups', ['a']],
    ['the long s folds to s, as in Go', { username: 'a', 'uſername': 'b' }, 'username', 'b'],
  ])('%s', (_label, raw, field, expected) => {
    expect(foldedFields(raw).get(field)).toEqual(expected);
  });

  test('entryKey follows it: a later RoleARN in the document does not change the principal', () => {
    expect(entryKey('role', { rolearn: A, RoleARN: B, username: 'x', groups: [] })).toBe(entryKey('role', { rolearn: A }));
  });
});
