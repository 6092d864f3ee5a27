/** The owners record: every way parseOwnersRecord refuses a record, what it accepts, and the rendering. */
import { OWNERS_ANNOTATION } from '../../../../lambda/aws-auth/api';
import { AwsAuthParseError } from '../../../../lambda/aws-auth/core/errors';
import {
  EMPTY_RECORD, OWNERS_RECORD_VERSION, OWNER_ID_RE, isEmptyRecord, ownedOfKind, parseOwnersRecord, renderOwnersRecord,
} from '../../../../lambda/aws-auth/core/owners';
import type { OwnersRecord } from '../../../../lambda/aws-auth/core/owners';
import type { DesiredEntries } from '../../../../lambda/aws-auth/core/types';
import { validateDesired } from '../../../../lambda/aws-auth/core/validate';

const ARN = 'arn:aws:iam::111122223333';
const roleOf = (name: string, groups = ['g']) => ({ rolearn: `${ARN}:role/${name}`, username: name, groups });
const userOf = (name: string, groups = ['g']) => ({ userarn: `${ARN}:user/${name}`, username: name.toLowerCase(), groups });
const d = (p: Partial<DesiredEntries>): DesiredEntries => ({ mapRoles: p.mapRoles ?? [], mapUsers: p.mapUsers ?? [], mapAccounts: p.mapAccounts ?? [] });
const NOTHING_ADOPTED = { role: {}, user: {}, account: {} };

function bad(detail: string): string {
  return `annotation ${OWNERS_ANNOTATION} on kube-system/aws-auth ${detail}; nothing was written; restore it from a backup or remove it by hand (the entries it listed become unowned)`;
}
function jsonError(text: string): string {
  try {
    JSON.parse(text);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('valid JSON');
}

describe('constants', () => {
  test('the record format is version 1', () => {
    expect(OWNERS_RECORD_VERSION).toBe(1);
  });

  test.each<[string, boolean]>([
    ['a', true], ['Stack-1', true], ['a._:/@-b', true], ['9', true], ['a'.repeat(256), true],
    ['', false], ['-a', false], ['.a', false], ['a b', false], ['a'.repeat(257), false], ['a\n', false], ['é', false], ['a#b', false],
  ])('owner id %j valid: %s', (id, ok) => {
    expect(OWNER_ID_RE.test(id)).toBe(ok);
  });
});

describe('parseOwnersRecord: no record', () => {
  test.each<[string, string | undefined]>([['absent', undefined], ['empty', ''], ['blank', ' \n\t']])('%s means no owners', (_n, value) => {
    expect(parseOwnersRecord(value)).toBe(EMPTY_RECORD);
    expect(EMPTY_RECORD).toEqual({ owners: {}, adopted: NOTHING_ADOPTED });
  });
});

describe('parseOwnersRecord: refused records', () => {
  test.each<[string, string, string]>([
    ['not JSON', '{not json', bad(`is not valid JSON (${jsonError('{not json')})`)],
    ['a JSON list', '[]', bad('is not an owners record of version 1')],
    ['JSON null', 'null', bad('is not an owners record of version 1')],
    ['a number', '1', bad('is not an owners record of version 1')],
    ['another version', '{"version":2,"owners":{}}', bad('is not an owners record of version 1')],
    ['the version as a string', '{"version":"1","owners":{}}', bad('is not an owners record of version 1')],
    ['no owners', '{"version":1}', bad('is not an owners record of version 1')],
    ['owners as a list', '{"version":1,"owners":[]}', bad('is not an owners record of version 1')],
    ['owners null', '{"version":1,"owners":null}', bad('is not an owners record of version 1')],
    ['an invalid owner id', '{"version":1,"owners":{"bad id":{}}}', bad('has an invalid owner id "bad id"')],
    ['adopted as a list', '{"version":1,"owners":{},"adopted":[]}', bad('has an invalid "adopted" section')],
    ['adopted null', '{"version":1,"owners":{},"adopted":null}', bad('has an invalid "adopted" section')],
    ['adopted as a string', '{"version":1,"owners":{},"adopted":"x"}', bad('has an invalid "adopted" section')],
    ['an adopted section as a list', '{"version":1,"owners":{},"adopted":{"mapRoles":[]}}', bad('has an invalid "adopted.mapRoles" section')],
    ['an adopted section as a string', '{"version":1,"owners":{},"adopted":{"mapUsers":"x"}}', bad('has an invalid "adopted.mapUsers" section')],
    ['an adopted section as a number', '{"version":1,"owners":{},"adopted":{"mapAccounts":1}}', bad('has an invalid "adopted.mapAccounts" section')],
    ['adopted entries not a list', '{"version":1,"owners":{},"adopted":{"mapRoles":{"k":{"a":1}}}}', bad('has an invalid "adopted.mapRoles" entry for k')],
    ['adopted entries an empty list', '{"version":1,"owners":{},"adopted":{"mapUsers":{"k":[]}}}', bad('has an invalid "adopted.mapUsers" entry for k')],
    ['an adopted key __proto__', '{"version":1,"owners":{},"adopted":{"mapAccounts":{"__proto__":["1"]}}}', bad('has an invalid "adopted.mapAccounts" entry for __proto__')],
  ])('%s', (_name, value, message) => {
    const run = (): unknown => parseOwnersRecord(value);
    expect(run).toThrow(AwsAuthParseError);
    expect(run).toThrow(message);
  });

  test('invalid entries of an owner name the owner and say what is wrong with them', () => {
    const entries = { mapRoles: [{ rolearn: 'nope', username: 'x', groups: [] }] };
    let reason = '';
    try {
      validateDesired(entries, { allowClusterAdmin: true, takeOverUnowned: false });
    } catch (e) {
      reason = (e as Error).message;
    }
    expect(reason).not.toBe('');
    const run = (): unknown => parseOwnersRecord(JSON.stringify({ version: 1, owners: { 'team-a': entries } }));
    expect(run).toThrow(AwsAuthParseError);
    expect(run).toThrow(bad(`has invalid entries for owner "team-a": ${reason}`));
  });
});

describe('parseOwnersRecord: accepted records', () => {
  test('owners are normalized (paths dropped, sorted); system:masters is accepted (allowed when it was written)', () => {
    const value = JSON.stringify({
      version: 1,
      owners: {
        b: { mapRoles: [roleOf('z'), { rolearn: `${ARN}:role/team/a`, username: 'a', groups: ['system:masters'] }], mapAccounts: ['444455556666', '012345678901'] },
        a: { mapUsers: [userOf('u')] },
      },
    });
    expect(parseOwnersRecord(value)).toEqual({
      owners: {
        a: d({ mapUsers: [userOf('u')] }),
        b: d({ mapRoles: [{ rolearn: `${ARN}:role/a`, username: 'a', groups: ['system:masters'] }, roleOf('z')], mapAccounts: ['012345678901', '444455556666'] }),
      },
      adopted: NOTHING_ADOPTED,
    });
  });

  test('a record without "adopted", or with only some sections, adopts nothing else', () => {
    expect(parseOwnersRecord('{"version":1,"owners":{}}')).toEqual({ owners: {}, adopted: NOTHING_ADOPTED });
    expect(parseOwnersRecord('{"version":1,"owners":{},"adopted":{}}')).toEqual({ owners: {}, adopted: NOTHING_ADOPTED });
    expect(parseOwnersRecord('{"version":1,"owners":{},"adopted":{"mapRoles":null}}')).toEqual({ owners: {}, adopted: NOTHING_ADOPTED });
    expect(parseOwnersRecord('{"version":1,"owners":{},"adopted":{"mapAccounts":{"444455556666":["444455556666"]}}}'))
      .toEqual({ owners: {}, adopted: { role: {}, user: {}, account: { 444455556666: ['444455556666'] } } });
  });

  test('adopted keys: roles and accounts kept as written, users folded to lower case; keys read in sorted order', () => {
    const rec = parseOwnersRecord(JSON.stringify({
      version: 1,
      owners: {},
      adopted: {
        mapRoles: { [`${ARN}:role/zz`]: [roleOf('zz')], [`${ARN}:role/AA`]: [roleOf('AA')] },
        mapUsers: { [`${ARN}:user/Zed`]: [userOf('Zed')], [`${ARN}:user/amy`]: [userOf('amy')] },
      },
    }));
    expect(Object.keys(rec.adopted.role)).toEqual([`${ARN}:role/AA`, `${ARN}:role/zz`]);
    expect(rec.adopted.role[`${ARN}:role/AA`]).toEqual([roleOf('AA')]);
    expect(Object.keys(rec.adopted.user)).toEqual([`${ARN}:user/zed`, `${ARN}:user/amy`]);
    expect(rec.adopted.user).toEqual({ [`${ARN}:user/zed`]: [userOf('Zed')], [`${ARN}:user/amy`]: [userOf('amy')] });
  });

  test('three keys folding together keep all their entries, in sorted key order', () => {
    const adoptedUsers = { [`${ARN}:user/bob`]: [userOf('bob')], [`${ARN}:user/BOB`]: [userOf('BOB'), userOf('BOB', ['h'])], [`${ARN}:user/Bob`]: [userOf('Bob')] };
    const rec = parseOwnersRecord(JSON.stringify({ version: 1, owners: {}, adopted: { mapUsers: adoptedUsers } }));
    expect(rec.adopted.user).toEqual({ [`${ARN}:user/bob`]: [userOf('BOB'), userOf('BOB', ['h']), userOf('Bob'), userOf('bob')] });
  });
});

describe('ownedOfKind', () => {
  test('picks the list of each kind', () => {
    const entries = d({ mapRoles: [roleOf('r')], mapUsers: [userOf('u')], mapAccounts: ['444455556666'] });
    expect(ownedOfKind(entries, 'role')).toEqual([roleOf('r')]);
    expect(ownedOfKind(entries, 'user')).toEqual([userOf('u')]);
    expect(ownedOfKind(entries, 'account')).toEqual(['444455556666']);
  });
});

describe('isEmptyRecord', () => {
  test.each<[string, OwnersRecord, boolean]>([
    ['no owners, nothing adopted', { owners: {}, adopted: NOTHING_ADOPTED }, true],
    ['an owner (even with no entries)', { owners: { a: d({}) }, adopted: NOTHING_ADOPTED }, false],
    ['an adopted role', { owners: {}, adopted: { role: { k: [1] }, user: {}, account: {} } }, false],
    ['an adopted user', { owners: {}, adopted: { role: {}, user: { k: [1] }, account: {} } }, false],
    ['an adopted account', { owners: {}, adopted: { role: {}, user: {}, account: { k: [1] } } }, false],
  ])('%s: %s', (_n, rec, empty) => {
    expect(isEmptyRecord(rec)).toBe(empty);
  });
});

describe('renderOwnersRecord', () => {
  test('the empty record is just the version and no owners', () => {
    expect(renderOwnersRecord(EMPTY_RECORD)).toBe('{"version":1,"owners":{}}');
  });

  test('owners sorted, each list sorted by key (user keys lower-cased), empty lists and sections left out', () => {
    const rec: OwnersRecord = {
      owners: {
        zeta: d({ mapRoles: [roleOf('b'), roleOf('a')] }),
        alpha: d({ mapUsers: [userOf('Bob'), userOf('alice'), userOf('carl')], mapAccounts: ['444455556666', '012345678901'] }),
        mid: d({}),
      },
      adopted: { role: {}, user: { [`${ARN}:user/zed`]: [userOf('zed')], [`${ARN}:user/amy`]: [userOf('amy')] }, account: {} },
    };
    expect(JSON.parse(renderOwnersRecord(rec))).toEqual({
      version: 1,
      owners: {
        alpha: { mapUsers: [userOf('alice'), userOf('Bob'), userOf('carl')], mapAccounts: ['012345678901', '444455556666'] },
        mid: {},
        zeta: { mapRoles: [roleOf('a'), roleOf('b')] },
      },
      adopted: { mapUsers: { [`${ARN}:user/amy`]: [userOf('amy')], [`${ARN}:user/zed`]: [userOf('zed')] } },
    });
    expect(renderOwnersRecord(rec)).toBe(`{"version":1,"owners":{"alpha":{"mapUsers":[${JSON.stringify(userOf('alice'))},${JSON.stringify(userOf('Bob'))},${JSON.stringify(userOf('carl'))}],`
      + '"mapAccounts":["012345678901","444455556666"]},"mid":{},'
      + `"zeta":{"mapRoles":[${JSON.stringify(roleOf('a'))},${JSON.stringify(roleOf('b'))}]}},`
      + `"adopted":{"mapUsers":{"${ARN}:user/amy":[${JSON.stringify(userOf('amy'))}],"${ARN}:user/zed":[${JSON.stringify(userOf('zed'))}]}}}`);
  });

  test('adopted sections in kind order (roles, users, accounts), each key sorted', () => {
    const rec: OwnersRecord = {
      owners: {},
      adopted: { account: { 2: ['2'], 1: ['1'] }, user: { u: ['u'] }, role: { rb: ['b'], ra: ['a'] } },
    };
    expect(renderOwnersRecord(rec)).toBe('{"version":1,"owners":{},"adopted":{"mapRoles":{"ra":["a"],"rb":["b"]},"mapUsers":{"u":["u"]},"mapAccounts":{"1":["1"],"2":["2"]}}}');
  });

  test('two users of one owner that differ only in case (a legacy record) keep their order', () => {
    for (const users of [[userOf('Ann'), userOf('ann')], [userOf('ann'), userOf('Ann')]]) {
      const rec: OwnersRecord = { owners: { a: d({ mapUsers: [userOf('zoe'), ...users, userOf('Abe')] }) }, adopted: NOTHING_ADOPTED };
      expect(JSON.parse(renderOwnersRecord(rec)).owners.a.mapUsers).toEqual([userOf('Abe'), ...users, userOf('zoe')]);
    }
  });

  test('parse and render are inverse on a rendered record', () => {
    const rec: OwnersRecord = {
      owners: { a: d({ mapRoles: [roleOf('r')], mapUsers: [userOf('u')], mapAccounts: ['444455556666'] }), b: d({ mapAccounts: ['012345678901'] }) },
      adopted: { role: { [`${ARN}:role/r`]: [{ rolearn: `${ARN}:role/r`, username: 'old', groups: [] }] }, user: {}, account: {} },
    };
    const text = renderOwnersRecord(rec);
    expect(parseOwnersRecord(text)).toEqual(rec);
    expect(renderOwnersRecord(parseOwnersRecord(text))).toBe(text);
  });
});
