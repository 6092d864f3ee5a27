/** canonicalJson and equivalent: when two stored entries mean the same to the authenticator. */
import { canonicalJson, equivalent, equivalentLists } from '../../../../lambda/aws-auth/core/entries';

const ROLE = 'arn:aws:iam::111122223333:role/Dev';

describe('canonicalJson: JSON with object keys sorted', () => {
  test.each<[string, unknown, string]>([
    ['keys sorted', { b: 1, a: 2 }, '{"a":2,"b":1}'],
    ['nested objects and lists', { z: [{ y: 1, x: [2, { d: null, c: 'e' }] }], a: {} }, '{"a":{},"z":[{"x":[2,{"c":"e","d":null}],"y":1}]}'],
    ['list order kept', ['b', 'a'], '["b","a"]'],
    ['an empty list', [], '[]'],
    ['undefined as null, at the top', undefined, 'null'],
    ['undefined inside a list and an object', [undefined, { a: undefined }], '[null,{"a":null}]'],
    ['null', null, 'null'],
    ['a string escaped', 'a"b\n', '"a\\"b\\n"'],
    ['numbers and booleans', [1.5, true, false], '[1.5,true,false]'],
    ['keys escaped', { 'a"b': 1 }, '{"a\\"b":1}'],
  ])('%s', (_name, value, json) => {
    expect(canonicalJson(value)).toBe(json);
  });
});

describe('equivalent: the same fields up to key spelling and order, with equal values', () => {
  test.each<[string, unknown, unknown, boolean]>([
    ['identical', { rolearn: ROLE, username: 'u', groups: ['a'] }, { rolearn: ROLE, username: 'u', groups: ['a'] }, true],
    ['fields in another order', { groups: ['a'], rolearn: ROLE }, { rolearn: ROLE, groups: ['a'] }, true],
    ['keys spelled otherwise', { RoleARN: ROLE, UserName: 'u' }, { rolearn: ROLE, username: 'u' }, true],
    ['keys spelled otherwise, nested keys in another order', { RoleARN: ROLE, SSO: { b: 1, a: 2 } }, { rolearn: ROLE, sso: { a: 2, b: 1 } }, true],
    ['both empty', {}, {}, true],
    ['another value', { rolearn: ROLE, username: 'u' }, { rolearn: ROLE, username: 'v' }, false],
    ['another value, keys spelled otherwise', { RoleARN: ROLE, username: 'u' }, { rolearn: ROLE, username: 'v' }, false],
    ['groups in another order (the list as written differs)', { RoleARN: ROLE, groups: ['a', 'b'] }, { rolearn: ROLE, groups: ['b', 'a'] }, false],
    ['a field more on the right', { RoleARN: ROLE }, { rolearn: ROLE, username: 'u' }, false],
    ['a field more on the left', { RoleARN: ROLE, username: 'u' }, { rolearn: ROLE }, false],
    ['another field of the same count', { RoleARN: ROLE, username: 'u' }, { rolearn: ROLE, userid: 'u' }, false],
    ['a field spelled twice on the left', { RoleARN: ROLE, rolearn: ROLE }, { rolearn: ROLE }, false],
    ['a field spelled twice on the right', { rolearn: ROLE }, { RoleARN: ROLE, rolearn: ROLE }, false],
    ['two different strings', 'a', 'b', false],
    ['a list and an object', [], {}, false],
    ['an object and a list', {}, [], false],
    ['null and an object', null, {}, false],
  ])('%s', (_name, a, b, same) => {
    expect(equivalent('role', a, b)).toBe(same);
    expect(equivalent('role', b, a)).toBe(same);
  });

  test('accounts: the same id', () => {
    expect(equivalent('account', '444455556666', '444455556666')).toBe(true);
    expect(equivalent('account', '444455556666', '000011112222')).toBe(false);
    expect(equivalent('account', { a: 1 }, { a: 1 })).toBe(false);
  });

  test('equivalentLists: the same length, equivalent position by position', () => {
    const a = [{ RoleARN: ROLE }, { rolearn: 'x' }];
    expect(equivalentLists('role', a, [{ rolearn: ROLE }, { RoleArn: 'x' }])).toBe(true);
    expect(equivalentLists('role', a, [{ rolearn: 'x' }, { rolearn: ROLE }])).toBe(false);
    expect(equivalentLists('role', a, [{ rolearn: ROLE }])).toBe(false);
    expect(equivalentLists('role', [{ rolearn: ROLE }], a)).toBe(false);
    expect(equivalentLists('role', [], [])).toBe(true);
    expect(equivalentLists('account', ['1', '2'], ['1', '2'])).toBe(true);
    expect(equivalentLists('account', ['1', '2'], ['1', '3'])).toBe(false);
  });
});
