/** Property-based tests of the merge core (fast-check, bounded runs). */
import * as fc from 'fast-check';
import { parse } from 'yaml';
import { OWNERS_ANNOTATION } from '../../../../lambda/aws-auth/api';
import { applyOwner, parseList, removeOwner, renderList } from '../../../../lambda/aws-auth/core';
import type { ConfigMapState, DesiredEntries, MergeOptions } from '../../../../lambda/aws-auth/core';
import { parseBlockSubset } from '../../../../lambda/aws-auth/core/block-subset';
import { canonicalJson, entryKey } from '../../../../lambda/aws-auth/core/entries';
import { caseVariant, userArnArb, userArnPairArb } from './case-variant';

const RUNS = { numRuns: 150 };
const OPTIONS: MergeOptions = { allowClusterAdmin: true, takeOverUnowned: false };

const TRICKY = ['NO', 'no', 'yes', 'On', 'y', 'n', '~', 'null', 'true', '012', '0x1F', '1e3', '1:20', '.inf', '{{SessionName}}', 'system:node:{{EC2PrivateDNSName}}',
  'a: b', 'a #b', '#x', '- x', '[x]', '*x', '&x', '!x', '|', '>', '@x', '%x', '`x', "it's", 'say "hi"', 'back\\slash', 'dev', 'system:masters', 'x:', 'ü', 'tab\there', 'line\nbreak', '\u2028'];
const text = fc.oneof(fc.constantFrom(...TRICKY), fc.string({ maxLength: 12 }), fc.stringMatching(/^[a-z][a-z0-9:-]{0,10}$/));
const jsonValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'small' }, text, fc.boolean(), fc.constant(null), fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), tie('v'), { maxKeys: 3 })),
})).v;

/** Unowned role entries over account 111122223333 (never an owned principal). */
const foreignRole = fc.oneof(
  fc.record({ rolearn: fc.constantFrom('arn:aws:iam::111122223333:role/f1', 'arn:aws:iam::111122223333:role/F1', 'arn:aws:iam::111122223333:role/path/f2', 'arn:aws:iam::111122223333:role/f3', 'not-an-arn'), username: text, groups: fc.array(text, { maxLength: 3 }) }),
  fc.record({ rolearn: fc.constant('arn:aws:iam::111122223333:role/f4'), username: text, groups: fc.array(text, { maxLength: 2 }), userid: text, extra: jsonValue }),
  fc.record({ sso: fc.record({ permissionSetName: text, accountID: fc.constant('111122223333') }), username: text, groups: fc.array(text, { maxLength: 2 }) }),
);
const foreignUser = fc.record({ userarn: fc.constantFrom('arn:aws:iam::111122223333:user/u1', 'arn:aws:iam::111122223333:user/U1', 'x'), username: text, groups: fc.array(text, { maxLength: 2 }) });
const foreignAccount = fc.constantFrom('111122223333', '012345678901', '999988887777');

/** Names usable by an owner (validateDesired accepts them). */
const okName = fc.oneof(fc.constantFrom('NO', 'yes', '~', '012', '{{SessionName}}', 'a: b', '#x', 'system:masters', 'dev', 'ü'), fc.stringMatching(/^[a-z][a-z0-9:-]{0,8}$/));
const ownedRole = fc.record({ rolearn: fc.constantFrom('arn:aws:iam::444455556666:role/o1', 'arn:aws:iam::444455556666:role/o2', 'arn:aws:iam::444455556666:role/team/o3', 'arn:aws:iam::444455556666:role/o4'), username: okName, groups: fc.uniqueArray(okName, { maxLength: 3 }) });
const ownedUser = fc.record({ userarn: fc.constantFrom('arn:aws:iam::444455556666:user/o1', 'arn:aws:iam::444455556666:user/o2'), username: okName, groups: fc.uniqueArray(okName, { maxLength: 2 }) });
const desiredArb: fc.Arbitrary<DesiredEntries> = fc.record({
  mapRoles: fc.uniqueArray(ownedRole, { maxLength: 3, selector: (r) => r.rolearn.split('/').pop() as string }),
  mapUsers: fc.uniqueArray(ownedUser, { maxLength: 2, selector: (u) => u.userarn }),
  mapAccounts: fc.uniqueArray(fc.constantFrom('444455556666', '000011112222'), { maxLength: 2 }),
});

const stateArb: fc.Arbitrary<ConfigMapState> = fc.record({
  roles: fc.array(foreignRole, { maxLength: 6 }),
  users: fc.array(foreignUser, { maxLength: 3 }),
  accounts: fc.array(foreignAccount, { maxLength: 3 }),
  json: fc.boolean(),
}).map(({ roles, users, accounts, json }) => {
  const data: Record<string, string> = { other: 'x: 1' };
  if (roles.length) data.mapRoles = json ? JSON.stringify(roles) : renderList(roles);
  if (users.length) data.mapUsers = renderList(users);
  if (accounts.length) data.mapAccounts = renderList(accounts);
  return { data, annotations: { 'example.com/x': 'y' } };
});

const KIND_OF = { mapRoles: 'role', mapUsers: 'user', mapAccounts: 'account' } as const;

/** What the authenticator sees: per data key, principal -> last entry, plus unkeyed entries. */
function view(s: ConfigMapState): Record<string, string> {
  const out: Record<string, string> = {};
  for (const dataKey of ['mapRoles', 'mapUsers', 'mapAccounts'] as const) {
    const kind = KIND_OF[dataKey];
    const items = parseList(dataKey, s.data[dataKey], kind === 'account' ? 'scalars' : 'entries').items;
    const keyed = new Map<string, string>();
    const unkeyed: string[] = [];
    for (const it of items) {
      const k = entryKey(kind, it);
      if (k === undefined) unkeyed.push(canonicalJson(it)); else keyed.set(k, canonicalJson(it));
    }
    out[dataKey] = canonicalJson({ keyed: [...keyed.entries()].sort(), unkeyed });
  }
  return out;
}

function foreignItems(s: ConfigMapState, dataKey: 'mapRoles' | 'mapUsers' | 'mapAccounts'): string[] {
  const kind = KIND_OF[dataKey];
  return parseList(dataKey, s.data[dataKey], kind === 'account' ? 'scalars' : 'entries').items.map(canonicalJson);
}

describe('merge core properties', () => {
  test('rendering parses back to the same entries, with our reader and with a YAML 1.1 reader', () => {
    fc.assert(fc.property(fc.array(fc.oneof(foreignRole, foreignUser), { maxLength: 5 }), (items) => {
      const rendered = renderList(items);
      expect(parseList('mapRoles', rendered, 'entries').items).toEqual(items);
      expect(parse(rendered, { version: '1.1' }) ?? []).toEqual(items);
    }), RUNS);
  });

  test('the block-subset reader, when it answers, agrees with the YAML 1.1 library', () => {
    const line = fc.oneof(
      fc.constantFrom('- rolearn: a', '  username: b', '  groups:', '  - c', '- groups:', '    - x', '  sso:', '    a: b', '  k: [x]', '# c', '', '- x', 'x: y', '  - NO', '  u: 012'),
      fc.tuple(fc.constantFrom('- a: ', '  b: ', '  - ', '- '), text.map((t) => t.replace(/\n/g, ''))).map(([p, t]) => p + t),
    );
    fc.assert(fc.property(fc.array(line, { maxLength: 8 }), (lines) => {
      const src = lines.join('\n');
      const fast = parseBlockSubset(src, 'entries');
      if (fast === undefined) return;
      let ref: unknown;
      try {
        ref = parse(src, { version: '1.1' }) ?? [];
      } catch {
        throw new Error(`subset reader accepted what YAML rejects: ${JSON.stringify(src)}`);
      }
      expect(fast.items).toEqual(ref);
    }), { numRuns: 400 });
  });

  test('merging twice equals merging once', () => {
    fc.assert(fc.property(stateArb, desiredArb, (state, d) => {
      const once = applyOwner(state, 'owner-a', d, OPTIONS);
      const twice = applyOwner(once.state, 'owner-a', d, OPTIONS);
      expect(twice.changed).toBe(false);
      expect(twice.state).toBe(once.state);
    }), RUNS);
  });

  test('owners applied in any order give the same authenticator view and owners record', () => {
    fc.assert(fc.property(stateArb, desiredArb, desiredArb, (state, a, b) => {
      let ab: ConfigMapState;
      try {
        ab = applyOwner(applyOwner(state, 'owner-a', a, OPTIONS).state, 'owner-b', b, OPTIONS).state;
      } catch (e) {
        expect((e as Error).name).toBe('AwsAuthConflictError');
        expect(() => applyOwner(applyOwner(state, 'owner-b', b, OPTIONS).state, 'owner-a', a, OPTIONS)).toThrow(/claimed by two owners/);
        return;
      }
      const ba = applyOwner(applyOwner(state, 'owner-b', b, OPTIONS).state, 'owner-a', a, OPTIONS).state;
      expect(view(ab)).toEqual(view(ba));
      expect(ab.annotations[OWNERS_ANNOTATION]).toBe(ba.annotations[OWNERS_ANNOTATION]);
    }), RUNS);
  });

  test('no foreign entry is ever lost or altered, and other keys and annotations stay', () => {
    fc.assert(fc.property(stateArb, desiredArb, (state, d) => {
      const r = applyOwner(state, 'owner-a', d, OPTIONS).state;
      for (const dataKey of ['mapRoles', 'mapUsers', 'mapAccounts'] as const) {
        const after = foreignItems(r, dataKey);
        const before = foreignItems(state, dataKey);
        expect(after.slice(0, before.length)).toEqual(before);
      }
      expect(r.data.other).toBe(state.data.other);
      expect(r.annotations['example.com/x']).toBe('y');
    }), RUNS);
  });

  test('remove after apply restores the foreign entries, also after adopting identical ones', () => {
    fc.assert(fc.property(stateArb, desiredArb, fc.boolean(), (state0, d, adopt) => {
      // Optionally plant identical unowned copies of the owner's mappings (to be adopted).
      const planted = adopt && d.mapRoles.length > 0
        ? { ...state0, data: { ...state0.data, mapRoles: renderList([...parseList('mapRoles', state0.data.mapRoles, 'entries').items, { rolearn: d.mapRoles[0].rolearn.replace('/team/', '/'), username: d.mapRoles[0].username, groups: d.mapRoles[0].groups }]) } }
        : state0;
      const applied = applyOwner(planted, 'owner-a', d, OPTIONS).state;
      const removed = removeOwner(applied, 'owner-a').state;
      expect(view(removed)).toEqual(view(planted));
      expect(removed.annotations).toEqual(planted.annotations);
    }), RUNS);
  });
});

describe('user ARNs that differ only in case are one principal (the authenticator compares them lower-cased)', () => {
  const mapping = fc.record({ username: okName, groups: fc.uniqueArray(okName, { maxLength: 2 }) });
  const pair = userArnPairArb;
  const same = (a: { username: string; groups: string[] }, b: { username: string; groups: string[] }): boolean =>
    a.username === b.username && canonicalJson([...a.groups].sort()) === canonicalJson([...b.groups].sort());
  const entriesFor = (s: ConfigMapState, arn: string): unknown[] =>
    parseList('mapUsers', s.data.mapUsers, 'entries').items.filter((e) => entryKey('user', e) === arn.toLowerCase());
  const BOB = { userarn: 'arn:aws:iam::111122223333:user/bob-unrelated', username: 'bob', groups: ['view'] };

  test('two owners: one entry when they agree, a conflict when they do not', () => {
    fc.assert(fc.property(pair, mapping, mapping, ([u, v], m1, m2) => {
      const s1 = applyOwner({ data: {}, annotations: {} }, 'owner-a', { mapRoles: [], mapUsers: [{ userarn: u, ...m1 }], mapAccounts: [] }, OPTIONS).state;
      const second = (): ConfigMapState => applyOwner(s1, 'owner-b', { mapRoles: [], mapUsers: [{ userarn: v, ...m2 }], mapAccounts: [] }, OPTIONS).state;
      if (!same(m1, m2)) {
        expect(second).toThrow(/is claimed by two owners/);
        return;
      }
      expect(entriesFor(second(), u)).toEqual([{ userarn: u, ...m1 }]);
    }), RUNS);
  });

  test('an unowned entry in another case: adopted when identical, a conflict when not, replaced in place with takeOverUnowned; removal restores it; other users untouched', () => {
    fc.assert(fc.property(pair, mapping, mapping, fc.boolean(), ([u, v], mine, theirs, takeOver) => {
      const mapUsers = renderList([BOB, { userarn: v, ...theirs }, BOB]);
      const state: ConfigMapState = { data: { mapUsers }, annotations: {} };
      const apply = () => applyOwner(state, 'owner-a', { mapRoles: [], mapUsers: [{ userarn: u, ...mine }], mapAccounts: [] }, { ...OPTIONS, takeOverUnowned: takeOver });
      if (!same(mine, theirs) && !takeOver) {
        expect(apply).toThrow(/is already mapped by an unowned entry/);
        return;
      }
      const r = apply();
      expect(r.changes.map((c) => c.action)).toEqual([same(mine, theirs) ? 'adopted' : 'changed']);
      const items = parseList('mapUsers', r.state.data.mapUsers, 'entries').items;
      expect(items).toEqual([BOB, { userarn: u, ...mine }, BOB]);
      expect(r.state.data.mapUsers.startsWith(renderList([BOB]))).toBe(true);
      expect(parseList('mapUsers', removeOwner(r.state, 'owner-a').state.data.mapUsers, 'entries').items).toEqual([BOB, { userarn: v, ...theirs }, BOB]);
    }), RUNS);
  });

  test('duplicates in any cases collapse into the one owned entry', () => {
    fc.assert(fc.property(userArnArb.chain((u) => fc.tuple(fc.constant(u), fc.array(caseVariant(u), { minLength: 1, maxLength: 3 }))), mapping, ([u, variants], m) => {
      const mapUsers = renderList(variants.map((v) => ({ userarn: v, ...m })));
      const r = applyOwner({ data: { mapUsers }, annotations: {} }, 'owner-a', { mapRoles: [], mapUsers: [{ userarn: u, ...m }], mapAccounts: [] }, OPTIONS);
      expect(parseList('mapUsers', r.state.data.mapUsers, 'entries').items).toEqual([{ userarn: u, ...m }]);
      expect(r.changes.filter((c) => c.action === 'collapsed')).toHaveLength(variants.length - 1);
    }), RUNS);
  });
});
