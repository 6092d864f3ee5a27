/** Keys, written entries and mapping comparison of aws-auth entries (roles, users, accounts). */
import {
  DATA_KEYS, KINDS, MASTERS_GROUP, NODES_GROUP, entryKey, isNodeEntry, mappingEntry, mappingKey, sameMapping, sameOwnedMapping, showMapping,
} from '../../../../lambda/aws-auth/core/entries';
import type { EntryKind } from '../../../../lambda/aws-auth/core/types';

const ROLE = 'arn:aws:iam::111122223333:role/Dev';
const PATHED_ROLE = 'arn:aws:iam::111122223333:role/team/Dev';
const ROLE_KEY = 'arn:aws:iam::111122223333:role/dev';
const USER = 'arn:aws:iam::111122223333:user/ops/Alice';
const USER_KEY = 'arn:aws:iam::111122223333:user/ops/alice';

test('the data keys, kinds and well-known groups', () => {
  expect(DATA_KEYS).toEqual({ role: 'mapRoles', user: 'mapUsers', account: 'mapAccounts' });
  expect(KINDS).toEqual(['role', 'user', 'account']);
  expect(NODES_GROUP).toBe('system:nodes');
  expect(MASTERS_GROUP).toBe('system:masters');
});

describe('entryKey: the principal a stored entry maps', () => {
  test.each<[string, EntryKind, unknown, string | undefined]>([
    ['an account id', 'account', '444455556666', '444455556666'],
    ['an account that is not a string', 'account', 444455556666, undefined],
    ['an account that is an object', 'account', { id: '444455556666' }, undefined],
    ['a user, lower-cased with its path', 'user', { userarn: USER }, USER_KEY],
    ['a user spelled UserARN', 'user', { UserARN: USER }, USER_KEY],
    ['a user with an empty ARN', 'user', { userarn: '' }, undefined],
    ['a user with a numeric ARN', 'user', { userarn: 5 }, undefined],
    ['a user entry holding only a rolearn', 'user', { rolearn: ROLE }, undefined],
    ['a user entry that is not an object', 'user', USER, undefined],
    ['a role, path stripped and lower-cased', 'role', { rolearn: PATHED_ROLE }, ROLE_KEY],
    ['a role spelled RoleArn', 'role', { RoleArn: ROLE }, ROLE_KEY],
    ['a role with an empty ARN', 'role', { rolearn: '' }, undefined],
    ['a role with a non-string ARN', 'role', { rolearn: ['x'] }, undefined],
    ['a role entry holding only a userarn', 'role', { userarn: USER }, undefined],
    ['a role with an sso block (the authenticator drops it)', 'role', { rolearn: ROLE, sso: { permissionSetName: 'p', accountID: '111122223333' } }, undefined],
    ['a role with an empty sso block', 'role', { rolearn: ROLE, sso: {} }, undefined],
    ['a role with sso: null (no block)', 'role', { rolearn: ROLE, sso: null }, ROLE_KEY],
    ['a role ARN that does not parse, lower-cased as it is', 'role', { rolearn: 'Not:An/ARN' }, 'not:an/arn'],
    ['a user ARN under roles, lower-cased as it is', 'role', { rolearn: USER }, USER.toLowerCase()],
    // Go strings.ToLower: U+0130 is i, so the authenticator keys this entry as the role "devi".
    ['a role ARN that does not parse, lower-cased as Go does it', 'role', { rolearn: 'arn:aws:iam::111122223333:role/Dev\u0130' }, 'arn:aws:iam::111122223333:role/devi'],
    ['a user ARN with U+0130, lower-cased as Go does it', 'user', { userarn: 'arn:aws:iam::111122223333:user/AL\u0130CE' }, 'arn:aws:iam::111122223333:user/alice'],
  ])('%s', (_name, kind, raw, key) => {
    expect(entryKey(kind, raw)).toBe(key);
  });
});

describe('mappingKey and mappingEntry: an owned mapping as it is keyed and written', () => {
  const role = { rolearn: ROLE, username: 'dev', groups: ['b', 'a'] };
  const user = { userarn: USER, username: 'alice', groups: ['ops'] };

  test('keys', () => {
    expect(mappingKey('account', '444455556666')).toBe('444455556666');
    expect(mappingKey('user', user)).toBe(USER_KEY);
    expect(mappingKey('role', { ...role, rolearn: PATHED_ROLE })).toBe(ROLE_KEY);
  });

  test('written entries: ARN, username, groups, in that order, groups copied', () => {
    expect(mappingEntry('account', '444455556666')).toBe('444455556666');
    const r = mappingEntry('role', role) as Record<string, unknown>;
    expect(Object.entries(r)).toEqual([['rolearn', ROLE], ['username', 'dev'], ['groups', ['b', 'a']]]);
    expect(r.groups).not.toBe(role.groups);
    const u = mappingEntry('user', user) as Record<string, unknown>;
    expect(Object.entries(u)).toEqual([['userarn', USER], ['username', 'alice'], ['groups', ['ops']]]);
    expect(u.groups).not.toBe(user.groups);
  });

  test('a written entry keys like the mapping', () => {
    expect(entryKey('role', mappingEntry('role', role))).toBe(mappingKey('role', role));
    expect(entryKey('user', mappingEntry('user', user))).toBe(mappingKey('user', user));
  });

  test('showMapping: username and groups, or the account id', () => {
    expect(showMapping('account', '444455556666')).toBe('"444455556666"');
    expect(showMapping('role', role)).toBe('{"username":"dev","groups":["b","a"]}');
    expect(showMapping('user', user)).toBe('{"username":"alice","groups":["ops"]}');
  });
});

describe('sameMapping: a stored entry gives exactly the owned mapping', () => {
  const role = { rolearn: ROLE, username: 'dev', groups: ['a', 'b'] };
  const user = { userarn: USER, username: 'alice', groups: ['ops'] };

  test.each<[string, unknown, boolean]>([
    ['as we write it', { rolearn: ROLE, username: 'dev', groups: ['a', 'b'] }, true],
    ['other key spellings, groups in another order', { RoleARN: ROLE, UserName: 'dev', Groups: ['b', 'a'] }, true],
    ['the ARN with a path and in another case (same principal)', { rolearn: 'arn:aws:iam::111122223333:role/x/DEV', username: 'dev', groups: ['a', 'b'] }, true],
    ['a group listed twice (the same set)', { rolearn: ROLE, username: 'dev', groups: ['a', 'b', 'a'] }, true],
    ['another role', { rolearn: 'arn:aws:iam::111122223333:role/Ops', username: 'dev', groups: ['a', 'b'] }, false],
    ['another username', { rolearn: ROLE, username: 'Dev', groups: ['a', 'b'] }, false],
    ['a group less', { rolearn: ROLE, username: 'dev', groups: ['a'] }, false],
    ['a group more', { rolearn: ROLE, username: 'dev', groups: ['a', 'b', 'c'] }, false],
    ['a non-string group', { rolearn: ROLE, username: 'dev', groups: ['a', 'b', 1] }, false],
    ['groups not a list', { rolearn: ROLE, username: 'dev', groups: 'a,b' }, false],
    ['groups null', { rolearn: ROLE, username: 'dev', groups: null }, false],
    ['a fourth field', { rolearn: ROLE, username: 'dev', groups: ['a', 'b'], userid: 'AROA' }, false],
    ['no groups', { rolearn: ROLE, username: 'dev' }, false],
    ['three fields but no groups', { rolearn: ROLE, username: 'dev', userid: 'AROA' }, false],
    ['three fields but no username', { rolearn: ROLE, groups: ['a', 'b'], userid: 'AROA' }, false],
    ['three fields but no rolearn', { userarn: ROLE, username: 'dev', groups: ['a', 'b'] }, false],
    ['an sso block instead of a field', { rolearn: ROLE, username: 'dev', sso: {} }, false],
    ['not an object', ROLE, false],
  ])('role, %s: %s', (_name, raw, same) => {
    expect(sameMapping('role', raw, role)).toBe(same);
  });

  test.each<[string, unknown, boolean]>([
    ['as we write it', { userarn: USER, username: 'alice', groups: ['ops'] }, true],
    ['the ARN lower-cased', { userarn: USER_KEY, username: 'alice', groups: ['ops'] }, true],
    ['the ARN without its path (another user)', { userarn: 'arn:aws:iam::111122223333:user/Alice', username: 'alice', groups: ['ops'] }, false],
    ['a rolearn instead of the userarn', { rolearn: USER, username: 'alice', groups: ['ops'] }, false],
  ])('user, %s: %s', (_name, raw, same) => {
    expect(sameMapping('user', raw, user)).toBe(same);
  });

  test.each<[string, unknown, boolean]>([
    ['the same id', '444455556666', true],
    ['another id', '444455556667', false],
    ['the id as a number', 444455556666, false],
  ])('account, %s', (_name, raw, same) => {
    expect(sameMapping('account', raw, '444455556666')).toBe(same);
  });

  test.each<[string, unknown, unknown]>([
    ['groups: null is not the empty list we write', null, []],
    ['groups as a string is not its letters as a list', 'ab', ['a', 'b']],
    ['the same string on both sides', 'ab', 'ab'],
    ['the same list with a non-string on both sides', ['a', 1], ['a', 1]],
    ['the same list with null on both sides', [null], [null]],
  ])('groups that are not a list of strings never match: %s', (_name, stored, owned) => {
    expect(sameMapping('role', { rolearn: ROLE, username: 'dev', groups: stored }, { rolearn: ROLE, username: 'dev', groups: owned as string[] })).toBe(false);
  });

  test('sameOwnedMapping compares two owned mappings the same way', () => {
    expect(sameOwnedMapping('role', role, { rolearn: 'arn:aws:iam::111122223333:role/p/dev', username: 'dev', groups: ['b', 'a'] })).toBe(true);
    expect(sameOwnedMapping('role', role, { ...role, username: 'other' })).toBe(false);
    expect(sameOwnedMapping('user', user, { ...user, groups: [] })).toBe(false);
    expect(sameOwnedMapping('user', user, { ...user })).toBe(true);
    expect(sameOwnedMapping('account', '444455556666', '444455556666')).toBe(true);
    expect(sameOwnedMapping('account', '444455556666', '000011112222')).toBe(false);
  });
});

describe('isNodeEntry: groups include system:nodes', () => {
  test.each<[string, EntryKind, unknown, boolean]>([
    ['a node role', 'role', { rolearn: ROLE, username: 'system:node:{{EC2PrivateDNSName}}', groups: ['system:bootstrappers', 'system:nodes'] }, true],
    ['groups spelled Groups', 'role', { rolearn: ROLE, Groups: ['system:nodes'] }, true],
    ['a user in system:nodes', 'user', { userarn: USER, groups: ['system:nodes'] }, true],
    ['other groups', 'role', { rolearn: ROLE, groups: ['system:bootstrappers', 'system:node'] }, false],
    ['system:nodes in another case', 'role', { rolearn: ROLE, groups: ['System:Nodes'] }, false],
    ['groups as a string', 'role', { rolearn: ROLE, groups: 'system:nodes' }, false],
    ['no groups', 'role', { rolearn: ROLE }, false],
    ['an account', 'account', 'system:nodes', false],
    ['an account entry holding node groups (accounts are never nodes)', 'account', { groups: ['system:nodes'] }, false],
  ])('%s', (_name, kind, raw, node) => {
    expect(isNodeEntry(kind, raw)).toBe(node);
  });
});
