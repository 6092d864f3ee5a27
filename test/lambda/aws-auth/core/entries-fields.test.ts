/** foldedFields: the fields of an aws-auth entry as Go encoding/json fills the authenticator's structs. */
import { foldedFields } from '../../../../lambda/aws-auth/core/entries';

const A = 'arn:aws:iam::111122223333:role/a';
const B = 'arn:aws:iam::111122223333:role/b';

describe('not an object: no fields', () => {
  test.each<[string, unknown]>([
    ['null', null], ['undefined', undefined], ['a string', 'rolearn'], ['a number', 7], ['a boolean', true], ['a list', [{ rolearn: A }]],
  ])('%s', (_name, raw) => {
    expect([...foldedFields(raw)]).toEqual([]);
  });
});

describe('one spelling per field: every field by its folded name, in document order', () => {
  test.each<[string, Record<string, unknown>, [string, unknown][]]>([
    ['lower case', { rolearn: A, username: 'u', groups: ['g'] }, [['rolearn', A], ['username', 'u'], ['groups', ['g']]]],
    ['other spellings', { Groups: ['g'], RoleARN: A, UserName: 'u' }, [['groups', ['g']], ['rolearn', A], ['username', 'u']]],
    ['unknown fields and wrong types are kept as they are', { USERID: 5, Extra: null, sso: 'x' }, [['userid', 5], ['extra', null], ['sso', 'x']]],
    ['an empty entry', {}, []],
  ])('%s', (_name, raw, fields) => {
    expect([...foldedFields(raw)]).toEqual(fields);
  });
});

describe('several spellings of a field: the last in byte order wins, unless its value cannot set the Go field', () => {
  test.each<[string, Record<string, unknown>, string, unknown]>([
    // Byte order: upper-case letters sort before lower-case ones.
    ['a later string spelling overwrites', { rolearn: B, RoleARN: A }, 'rolearn', B],
    ['the same, the other document order', { RoleARN: A, rolearn: B }, 'rolearn', B],
    ['three spellings', { roleArn: B, ROLEARN: A, RoleARN: A }, 'rolearn', B],
    ['null leaves rolearn', { RoleARN: A, rolearn: null }, 'rolearn', A],
    ['a number leaves userarn', { UserARN: A, userarn: 5 }, 'userarn', A],
    ['a list leaves username', { UserName: 'alice', username: ['bob'] }, 'username', 'alice'],
    ['an object leaves userid', { UserID: 'AIDA', userid: { x: 1 } }, 'userid', 'AIDA'],
    ['the first spelling is taken whatever its type', { Username: 12, username: 13 }, 'username', 12],
    ['a later list overwrites groups', { Groups: ['a'], groups: ['b'] }, 'groups', ['b']],
    ['null clears groups (a Go slice set to nil)', { Groups: ['a'], groups: null }, 'groups', null],
    ['a string leaves groups', { Groups: ['a'], groups: 'b' }, 'groups', ['a']],
    ['an object leaves groups', { Groups: ['a'], groups: { b: 1 } }, 'groups', ['a']],
    ['the first groups spelling is taken whatever its type', { Groups: 'x', groups: 'y' }, 'groups', 'x'],
    ['a later object overwrites sso', { SSO: { a: 1 }, sso: { b: 2 } }, 'sso', { b: 2 }],
    ['null clears sso (a Go pointer set to nil)', { SSO: { a: 1 }, sso: null }, 'sso', null],
    ['a list leaves sso', { SSO: { a: 1 }, sso: [1] }, 'sso', { a: 1 }],
    ['a string leaves sso', { SSO: { a: 1 }, sso: 'x' }, 'sso', { a: 1 }],
    ['a number leaves sso', { SSO: { a: 1 }, sso: 3 }, 'sso', { a: 1 }],
    ['an unknown field takes any later value', { Extra: 'x', extra: 5 }, 'extra', 5],
    ['an unknown field takes a later null', { Extra: 'x', extra: null }, 'extra', null],
    ['the long s is an s (Go folds it so)', { username: 'a', 'u\u017fername': 'b' }, 'username', 'b'],
    ['the Kelvin sign is a k', { kind: 'a', '\u212aind': 'b' }, 'kind', 'b'],
  ])('%s', (_name, raw, field, value) => {
    expect(foldedFields(raw).get(field)).toEqual(value);
  });

  test('the other fields of an entry with a repeated field are all there, once each', () => {
    const f = foldedFields({ rolearn: A, RoleARN: B, username: 'u', groups: ['g'] });
    expect(f.size).toBe(3);
    expect(Object.fromEntries(f)).toEqual({ rolearn: A, username: 'u', groups: ['g'] });
  });
});
