/** Properties of the merge (fast-check, bounded runs): order of appended entries and changes, idempotence, removal. */
import * as fc from 'fast-check';
import { KINDS, canonicalJson, entryKey } from '../../../../lambda/aws-auth/core/entries';
import { applyOwner, removeOwner } from '../../../../lambda/aws-auth/core/merge';
import { parseList } from '../../../../lambda/aws-auth/core/parse';
import { renderList } from '../../../../lambda/aws-auth/core/render';
import type { ConfigMapState, DesiredEntries, EntryKind, MergeOptions } from '../../../../lambda/aws-auth/core/types';

const RUNS = { numRuns: 120 };
const OPTIONS: MergeOptions = { allowClusterAdmin: false, takeOverUnowned: false };
const DATA_KEY = { role: 'mapRoles', user: 'mapUsers', account: 'mapAccounts' } as const;
const MODE = { role: 'entries', user: 'entries', account: 'scalars' } as const;

const name = fc.constantFrom('dev', 'NO', 'ci:deployers', 'view', 'a: b', '{{SessionName}}');
const roleArn = fc.constantFrom('Zed', 'alpha', 'Beta', 'team/gamma', 'delta', 'x/Omega').map((n) => `arn:aws:iam::444455556666:role/${n}`);
const userArn = fc.constantFrom('Zed', 'alpha', 'Beta', 'gamma', 'Delta').map((n) => `arn:aws:iam::444455556666:user/${n}`);
const desiredArb: fc.Arbitrary<DesiredEntries> = fc.record({
  mapRoles: fc.uniqueArray(fc.record({ rolearn: roleArn, username: name, groups: fc.uniqueArray(name, { maxLength: 2 }) }), { maxLength: 4, selector: (r) => r.rolearn.split('/').pop()?.toLowerCase() }),
  mapUsers: fc.uniqueArray(fc.record({ userarn: userArn, username: name, groups: fc.uniqueArray(name, { maxLength: 2 }) }), { maxLength: 3, selector: (u) => u.userarn.toLowerCase() }),
  mapAccounts: fc.uniqueArray(fc.constantFrom('444455556666', '000011112222', '999900001111'), { maxLength: 3 }),
});
/** Foreign entries of another account, so they never collide with an owned principal. */
const stateArb: fc.Arbitrary<ConfigMapState> = fc.record({
  roles: fc.array(fc.record({ rolearn: fc.constantFrom('b', 'A', 'c').map((n) => `arn:aws:iam::111122223333:role/${n}`), username: name, groups: fc.array(name, { maxLength: 2 }) }), { maxLength: 3 }),
  users: fc.array(fc.record({ userarn: fc.constantFrom('b', 'A').map((n) => `arn:aws:iam::111122223333:user/${n}`), username: name, groups: fc.array(name, { maxLength: 2 }) }), { maxLength: 2 }),
  accounts: fc.array(fc.constantFrom('111122223333', '012345678901'), { maxLength: 2 }),
}).map(({ roles, users, accounts }) => {
  const data: Record<string, string> = {};
  if (roles.length) data.mapRoles = renderList(roles);
  if (users.length) data.mapUsers = renderList(users);
  if (accounts.length) data.mapAccounts = renderList(accounts);
  return { data, annotations: {} };
});

const items = (s: ConfigMapState, kind: EntryKind): unknown[] => parseList(DATA_KEY[kind], s.data[DATA_KEY[kind]], MODE[kind]).items;
const sortedStrictly = (keys: string[]): boolean => keys.every((k, i) => i === 0 || keys[i - 1] < k);

describe('merge properties', () => {
  test('entries for new principals are appended after the foreign ones, in strictly ascending key order', () => {
    fc.assert(fc.property(stateArb, desiredArb, (state, d) => {
      const r = applyOwner(state, 'owner', d, OPTIONS);
      for (const kind of KINDS) {
        const before = items(state, kind);
        const after = items(r.state, kind);
        const appended = after.slice(before.length).map((e) => entryKey(kind, e) as string);
        expect(after.slice(0, before.length).map(canonicalJson)).toEqual(before.map(canonicalJson));
        expect(appended).toHaveLength(ownedCount(d, kind));
        expect(sortedStrictly(appended)).toBe(true);
      }
    }), RUNS);
  });

  test('changes come by kind (roles, users, accounts), then by ascending key', () => {
    fc.assert(fc.property(stateArb, desiredArb, desiredArb, (state, d1, d2) => {
      const s1 = applyOwner(state, 'owner', d1, OPTIONS).state;
      const { changes } = applyOwner(s1, 'owner', d2, OPTIONS);
      const ranks = changes.map((c) => KINDS.indexOf(c.kind));
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      for (const kind of KINDS) {
        const keys = changes.filter((c) => c.kind === kind).map((c) => c.key);
        expect(sortedStrictly(keys)).toBe(true);
      }
    }), RUNS);
  });

  test('applying twice changes nothing the second time; removing restores the foreign entries', () => {
    fc.assert(fc.property(stateArb, desiredArb, desiredArb, (state, d1, d2) => {
      const s1 = applyOwner(state, 'owner', d1, OPTIONS).state;
      const s2 = applyOwner(s1, 'owner', d2, OPTIONS).state;
      const again = applyOwner(s2, 'owner', d2, OPTIONS);
      expect(again.changed).toBe(false);
      expect(again.state).toBe(s2);
      const removed = removeOwner(s2, 'owner').state;
      for (const kind of KINDS) expect(items(removed, kind).map(canonicalJson)).toEqual(items(state, kind).map(canonicalJson));
      expect(removed.annotations).toEqual({});
    }), RUNS);
  });
});

function ownedCount(d: DesiredEntries, kind: EntryKind): number {
  return kind === 'role' ? d.mapRoles.length : kind === 'user' ? d.mapUsers.length : d.mapAccounts.length;
}
