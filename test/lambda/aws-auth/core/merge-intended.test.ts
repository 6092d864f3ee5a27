/** The pieces of merge.ts used on their own: intendedOf, checkDistinctPrincipals, checkOwner, modeOf. */
import { AwsAuthConflictError, AwsAuthInputError } from '../../../../lambda/aws-auth/core/errors';
import { checkDistinctPrincipals, checkOwner, intendedOf, modeOf } from '../../../../lambda/aws-auth/core/merge';
import { parseOwnersRecord } from '../../../../lambda/aws-auth/core/owners';
import type { OwnersRecord } from '../../../../lambda/aws-auth/core/owners';
import { desired } from './fixtures';

const ARN = 'arn:aws:iam::111122223333';
const r = (name: string, username = name, groups = ['g']) => ({ rolearn: `${ARN}:role/${name}`, username, groups });
const u = (name: string, username = name.toLowerCase(), groups = ['g']) => ({ userarn: `${ARN}:user/${name}`, username, groups });
const NOTHING_ADOPTED = { role: {}, user: {}, account: {} };
const record = (owners: OwnersRecord['owners']): OwnersRecord => ({ owners, adopted: NOTHING_ADOPTED });

describe('modeOf', () => {
  test.each([['role', 'entries'], ['user', 'entries'], ['account', 'scalars']] as const)('%s -> %s', (kind, mode) => {
    expect(modeOf(kind)).toBe(mode);
  });
});

describe('intendedOf', () => {
  test('keys of every owner, the mapping of the first owner in sorted order, owners sorted', () => {
    const rec = record({
      zed: desired({ mapRoles: [r('shared'), r('z')] }),
      amy: desired({ mapRoles: [r('shared')], mapAccounts: ['444455556666'] }),
      bob: desired({ mapRoles: [r('shared')] }),
    });
    expect([...intendedOf(rec, 'role').entries()]).toEqual([
      [`${ARN}:role/shared`, { mapping: r('shared'), owners: ['amy', 'bob', 'zed'] }],
      [`${ARN}:role/z`, { mapping: r('z'), owners: ['zed'] }],
    ]);
    expect([...intendedOf(rec, 'account').entries()]).toEqual([['444455556666', { mapping: '444455556666', owners: ['amy'] }]]);
    expect(intendedOf(rec, 'user').size).toBe(0);
  });

  test('user keys are lower-cased: one principal in two cases, mapped alike, is one key with both owners', () => {
    const rec = record({ b: desired({ mapUsers: [u('alice')] }), a: desired({ mapUsers: [u('Alice')] }) });
    expect([...intendedOf(rec, 'user').entries()]).toEqual([[`${ARN}:user/alice`, { mapping: u('Alice'), owners: ['a', 'b'] }]]);
  });

  test('an owner declaring one user twice in two cases (an older record) is listed once', () => {
    const rec = parseOwnersRecord(JSON.stringify({ version: 1, owners: { a: { mapUsers: [u('Alice'), u('alice')] } } }));
    expect([...intendedOf(rec, 'user', 'a').entries()]).toEqual([[`${ARN}:user/alice`, { mapping: u('Alice'), owners: ['a'] }]]);
  });

  describe('two owners mapping one principal differently', () => {
    const rec = record({
      b: desired({ mapRoles: [r('x', 'x', ['b'])] }),
      a: desired({ mapRoles: [r('x', 'x', ['a'])] }),
      c: desired({ mapRoles: [r('x', 'x', ['a'])] }),
    });
    const message = (other: string): string => `aws-auth role ${ARN}:role/x is claimed by two owners with different mappings: owner "a" maps it as {"username":"x","groups":["a"]}, owner "${other}" as {"username":"x","groups":["b"]}; declare the same username and groups in both, or map it in one owner only`;

    test('without a strict owner: the first owner\'s mapping wins and the other is not listed', () => {
      expect([...intendedOf(rec, 'role').entries()]).toEqual([[`${ARN}:role/x`, { mapping: r('x', 'x', ['a']), owners: ['a', 'c'] }]]);
    });

    test('strict for an owner that is not a party: no conflict', () => {
      expect(intendedOf(rec, 'role', 'd').get(`${ARN}:role/x`)?.owners).toEqual(['a', 'c']);
    });

    test.each([['the owner whose mapping wins', 'a'], ['the owner who differs', 'b']])('strict for %s: a conflict', (_n, strict) => {
      const run = (): unknown => intendedOf(rec, 'role', strict);
      expect(run).toThrow(AwsAuthConflictError);
      expect(run).toThrow(message('b'));
    });
  });

  test('a user conflict in two cases names both spellings', () => {
    const rec = record({ a: desired({ mapUsers: [u('Alice', 'alice', ['x'])] }), b: desired({ mapUsers: [u('alice', 'alice', ['y'])] }) });
    expect(() => intendedOf(rec, 'user', 'b')).toThrow(`aws-auth user ${ARN}:user/alice is claimed by two owners (as ${ARN}:user/Alice and as ${ARN}:user/alice, one principal to the authenticator, which compares ARNs ignoring case) with different mappings: owner "a" maps it as {"username":"alice","groups":["x"]}, owner "b" as {"username":"alice","groups":["y"]}; declare the same username and groups in both, or map it in one owner only`);
  });

  test('groups compare as a set: another order is the same mapping', () => {
    const rec = record({ a: desired({ mapRoles: [r('x', 'x', ['g1', 'g2'])] }), b: desired({ mapRoles: [r('x', 'x', ['g2', 'g1'])] }) });
    expect(intendedOf(rec, 'role', 'b').get(`${ARN}:role/x`)?.owners).toEqual(['a', 'b']);
  });
});

describe('checkDistinctPrincipals', () => {
  test('distinct principals pass through as the same object', () => {
    const d = desired({ mapRoles: [r('a'), r('b')], mapUsers: [u('a'), u('b')], mapAccounts: ['444455556666', '777788889999'] });
    expect(checkDistinctPrincipals(d)).toBe(d);
  });

  test.each([
    ['users in two cases', desired({ mapUsers: [u('Alice'), u('alice')] }), `mapUsers maps ${ARN}:user/Alice and ${ARN}:user/alice, which differ only in case`],
    ['roles keyed alike', desired({ mapRoles: [r('Dev'), r('dev')] }), `mapRoles maps ${ARN}:role/Dev and ${ARN}:role/dev, which differ only in case`],
    ['an account twice', desired({ mapAccounts: ['444455556666', '444455556666'] }), 'mapAccounts maps 444455556666 and 444455556666, which differ only in case'],
    ['a later kind', desired({ mapRoles: [r('a')], mapUsers: [u('a'), u('b'), u('B')] }), `mapUsers maps ${ARN}:user/b and ${ARN}:user/B, which differ only in case`],
  ])('%s are refused', (_n, d, start) => {
    const run = (): unknown => checkDistinctPrincipals(d);
    expect(run).toThrow(AwsAuthInputError);
    expect(run).toThrow(`${start}; the authenticator compares ARNs ignoring case, so they are one principal; declare it once`);
  });
});

describe('checkOwner', () => {
  test.each(['a', 'Stack-1', 'team/a@x:1.2_3', 'a'.repeat(256)])('%s is an owner id', (id) => {
    expect(checkOwner(id)).toBe(id);
  });

  test.each<[unknown, string]>([
    ['', '""'], ['-a', '"-a"'], ['a b', '"a b"'], ['a'.repeat(257), `"${'a'.repeat(257)}"`], [42, '42'], [undefined, 'undefined'], [null, 'null'],
  ])('%j is refused', (id, shown) => {
    const run = (): unknown => checkOwner(id);
    expect(run).toThrow(AwsAuthInputError);
    expect(run).toThrow(`owner must be 1 to 256 letters, digits and ._:/@- starting with a letter or digit, got ${shown}; use a stable id unique per cluster, such as the stack name`);
  });
});
