/**
 * Mapping keys in the JSON reader of parseList (parse.ts): a key written twice in one object,
 * and a key go-yaml refuses (its `:` on a later line, or more than 1024 characters after the
 * key's start). JSON.parse reads both; the authenticator's go-yaml keeps the last duplicate but
 * drops the whole value for a long or split key. eks-access refuses both on every reader, so a
 * value gets the same answer whether it is JSON, flow YAML or block YAML. Checked against Go by
 * the oracle (authenticator-oracle-parse.test.ts) for the refusals.
 */
import { AwsAuthParseError, parseList } from '../../../../lambda/aws-auth/core';
import { thrown } from '../../../support/thrown';

function refusal(problem: string): string {
  return `aws-auth data key "mapRoles" ${problem}; nothing was written; fix mapRoles in kube-system/aws-auth by hand (kubectl -n kube-system edit configmap aws-auth) and deploy again`;
}

/** The error parseList refuses `src` with. */
const refused = (src: string): Error => thrown(() => parseList('mapRoles', src, 'entries'), `expected parseList to refuse ${JSON.stringify(src)}`);

const k = (n: number): string => 'k'.repeat(n);
const unique = (line: number, column: number): string => `is not valid YAML: Map keys must be unique at line ${line}, column ${column}`;
const keySpan = (at: string): string => `has a mapping key at ${at} whose ":" is on a later line or more than 1024 characters after the key's start, which the authenticator's YAML reader (gopkg.in/yaml.v2) refuses, so the authenticator ignores the whole key; write each key and its ":" on one line, and keep keys short`;

describe('JSON: duplicate keys are refused, as by the YAML reader', () => {
  test.each<[string, string, string]>([
    ['the same key twice', '[{"k":"x","k":"y"}]', unique(1, 11)],
    ['after leading white space', '  \n[{"k":"x","k":"y"}]', unique(2, 11)],
    ['written once plain and once escaped', '[{"k":"x","\\u006b":"y"}]', unique(1, 11)],
    ['a key holding an escaped quote', '[{"a\\"b":"x","a\\"b":"y"}]', unique(1, 14)],
    ['in the second item', '[{"a":"b"},{"k":"x","k":"y"}]', unique(1, 21)],
    ['after a nested mapping', '[{"k":{"a":"b"},"k":"y"}]', unique(1, 17)],
    ['inside a nested mapping', '[{"a":{"k":"x","k":"y"}}]', unique(1, 16)],
    ['after a nested list', '[{"a":["b"],"k":"x","k":"y"}]', unique(1, 21)],
    ['after strings holding brackets, commas and quotes', '[{"a":"}],{[\\"","k":"x","k":"y"}]', unique(1, 25)],
  ])('%s', (_name, src, problem) => {
    const e = refused(src);
    expect(e).toBeInstanceOf(AwsAuthParseError);
    expect(e.message).toBe(refusal(problem));
  });

  test.each<[string, string, unknown[]]>([
    ['a value equal to a key', '[{"a":"a","b":"a"}]', [{ a: 'a', b: 'a' }]],
    ['the same key in two items', '[{"k":"x"},{"k":"y"}]', [{ k: 'x' }, { k: 'y' }]],
    ['the same key inside and outside a nested mapping', '[{"k":{"k":"x"}}]', [{ k: { k: 'x' } }]],
    ['a key after a nested mapping that holds it', '[{"a":{"k":"x"},"k":"y"}]', [{ a: { k: 'x' }, k: 'y' }]],
    ['list strings equal to a later key', '[{"a":["k","k"],"k":"y"}]', [{ a: ['k', 'k'], k: 'y' }]],
    ['an empty mapping in a list, then a key', '[{"a":[{}],"b":"c"}]', [{ a: [{}], b: 'c' }]],
    ['an empty mapping, then a key', '[{"a":{},"b":"c"}]', [{ a: {}, b: 'c' }]],
    ['keys and values holding brackets, commas, colons and quotes', '[{"a,{[:":"}],\\":","b":"a,{[:"}]', [{ 'a,{[:': '}],":', b: 'a,{[:' }]],
    ['a key ending with an escaped backslash', '[{"a\\\\":"x","b":"y"}]', [{ 'a\\': 'x', b: 'y' }]],
    ['case variants are different keys (encoding/json folds them later)', '[{"rolearn":"x","RoleARN":"y"}]', [{ rolearn: 'x', RoleARN: 'y' }]],
    ['__proto__ is a plain key', '[{"__proto__":"x"}]', [JSON.parse('{"__proto__":"x"}')]],
  ])('kept: %s', (_name, src, items) => {
    expect(parseList('mapRoles', src, 'entries')).toStrictEqual({ items });
  });
});

describe('JSON and flow YAML: a key go-yaml refuses is refused', () => {
  test.each<[string, string, string]>([
    ['a 1023-character key (1025 with its quotes)', `[{"${k(1023)}":"x"}]`, 'line 1 column 3'],
    ['a 200-character key written as 1200 characters of escapes', `[{"${'\\u006b'.repeat(200)}":"x"}]`, 'line 1 column 3'],
    ['a 1000-character key with 30 spaces before its ":"', `[{"${k(1000)}"${' '.repeat(30)}:"x"}]`, 'line 1 column 3'],
    ['a line break before ":"', '[{"a":"b","c"\n:"d"}]', 'line 1 column 11'],
    ['a raw U+2028 (a go-yaml line break) inside the key', '[{"a\u2028b":"x"}]', 'line 1 column 3'],
    ['a flow mapping key of 1025 characters', `- {${k(1025)}: x}\n`, 'line 1 column 4'],
    ['a flow mapping key split from its ":"', '- {a: b, c\n  : d}\n', 'line 1 column 10'],
  ])('%s', (_name, src, at) => {
    const e = refused(src);
    expect(e).toBeInstanceOf(AwsAuthParseError);
    expect(e.message).toBe(refusal(keySpan(at)));
  });

  test.each<[string, string, number]>([
    ['a 1022-character key (1024 with its quotes)', `[{"${k(1022)}":"x"}]`, 1022],
    ['a 1022-character key with no space before ":" and a space after', `[{"${k(1022)}": "x"}]`, 1022],
    ['a flow mapping key of 1024 characters', `- {${k(1024)}: x}\n`, 1024],
    ['an explicit (?) flow key of 1100 characters', `- {? ${k(1100)} : x}\n`, 1100],
  ])('kept: %s', (_name, src, length) => {
    expect(parseList('mapRoles', src, 'entries').items).toStrictEqual([{ [k(length)]: 'x' }]);
  });

  test('block keys: 1024 characters are read, 1025 refused by the YAML reader (as by go-yaml)', () => {
    expect(parseList('mapRoles', `- a: b\n  ${k(1024)}: x\n`, 'entries').items).toStrictEqual([{ a: 'b', [k(1024)]: 'x' }]);
    expect(refused(`- a: b\n  ${k(1025)}: x\n`).message).toBe(refusal('is not valid YAML: The : indicator must be at most 1024 chars after the start of an implicit block mapping key at line 2, column 3'));
  });
});
