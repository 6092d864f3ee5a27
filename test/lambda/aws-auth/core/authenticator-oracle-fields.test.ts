/**
 * Entries that spell a field several ways (`rolearn` and `RoleARN`, `username` and `uſername`),
 * with values of any type: the core reads the principal, username and groups Go reads, asked of
 * the authenticator's own parser. A disagreement here lets a take-over or an adoption act on a
 * principal the authenticator does not map.
 */
import * as fc from 'fast-check';
import { parseList } from '../../../../lambda/aws-auth/core';
import { entryKey, foldedFields } from '../../../../lambda/aws-auth/core/entries';
import { describeWithOracle, useOracleSession } from '../../../support/authenticator-oracle';

const ARNS = ['arn:aws:iam::111122223333:role/other', 'arn:aws:iam::111122223333:role/Victim', 'arn:aws:iam::111122223333:role/team/x'];
const value = fc.oneof(fc.constantFrom<unknown>(...ARNS), fc.constantFrom<unknown>(null, 12, true, 'alice', ''), fc.array(fc.constantFrom('a', 'b'), { maxLength: 2 }));
const spellings = {
  rolearn: ['rolearn', 'RoleARN', 'roleArn', 'ROLEARN'],
  username: ['username', 'UserName', 'USERNAME', 'uſername'],
  groups: ['groups', 'Groups', 'GROUPS', 'groupſ'],
};
const entryArb = fc.record({
  rolearn: fc.uniqueArray(fc.tuple(fc.constantFrom(...spellings.rolearn), value), { minLength: 1, maxLength: 3, selector: ([k]) => k }),
  username: fc.uniqueArray(fc.tuple(fc.constantFrom(...spellings.username), value), { maxLength: 2, selector: ([k]) => k }),
  groups: fc.uniqueArray(fc.tuple(fc.constantFrom(...spellings.groups), value), { maxLength: 2, selector: ([k]) => k }),
});

describeWithOracle('case-variant field spellings read as Go reads them', () => {
  const session = useOracleSession();

  test('principal, username and groups of every entry agree with Go', async () => {
    await fc.assert(fc.asyncProperty(fc.array(entryArb, { minLength: 1, maxLength: 2 }), fc.boolean(), async (entries, shuffle) => {
      const objects = entries.map((e) => {
        const pairs = [...e.rolearn, ...e.username, ...e.groups];
        if (shuffle) pairs.reverse();
        return Object.fromEntries(pairs);
      });
      const src = JSON.stringify(objects);
      const go = (await session().read({ mapRoles: src })).mapRoles;
      const ours = parseList('mapRoles', src, 'entries').items;
      expect({ src, tojson: go.stage === 'tojson' ? go.error : undefined }).toEqual({ src, tojson: undefined });
      // Entries Go keeps (Validate passed) in order, against ours with a string ARN.
      const kept = ours.filter((o) => { const arn = foldedFields(o).get('rolearn'); return typeof arn === 'string' && arn !== ''; });
      expect({ src, n: kept.length }).toEqual({ src, n: go.entries.length });
      kept.forEach((o, i) => {
        const f = foldedFields(o);
        const goEntry = go.entries[i];
        expect({ src, rolearn: f.get('rolearn') }).toEqual({ src, rolearn: goEntry.rolearn });
        expect({ src, username: typeof f.get('username') === 'string' ? f.get('username') : '' }).toEqual({ src, username: goEntry.username });
        const g = f.get('groups');
        const goGroups = Array.isArray(g) ? g.map((x) => (typeof x === 'string' ? x : '')) : null;
        expect({ src, groups: goGroups }).toEqual({ src, groups: goEntry.groups });
        expect(entryKey('role', o)).toBeDefined();
      });
    }), { numRuns: 300 });
  });
});
