/**
 * Table tests of every branch of parseList (parse.ts): the skippable values, which of the three
 * readers answers (block subset with item texts, JSON without, the full YAML 1.1 reader), the
 * JSON reader's safety checks (numbers, long and `__proto__` keys, risky characters, each
 * reached at any depth) and every refusal with its exact message. parse.ts checks only the
 * shape (a list; of mappings, or of scalars for mapAccounts): fields are checked later, so
 * missing, extra and wrongly typed fields come back unchanged.
 */
import { AwsAuthParseError, parseList } from '../../../../lambda/aws-auth/core';
import type { SubsetMode } from '../../../../lambda/aws-auth/core/block-subset';
import { thrown } from '../../../support/thrown';

function refusal(dataKey: string, problem: string): string {
  return `aws-auth data key "${dataKey}" ${problem}; nothing was written; fix ${dataKey} in kube-system/aws-auth by hand (kubectl -n kube-system edit configmap aws-auth) and deploy again`;
}


/** `{"k":"x","k":"y"}` inside `[...]`: refused by every reader (parse-keys.test.ts). */
const DUP = '"k":"x","k":"y"';

describe('parseList: skippable values are the empty list', () => {
  test.each<[string, string | undefined]>([
    ['missing', undefined], ['empty', ''], ['blank', '  \n\t\n'], ['``', '``'], ['""', '""'], ["''", "''"], ['"" with spaces around', ' "" \n'],
  ])('%s', (_name, src) => {
    expect(parseList('mapRoles', src, 'entries')).toStrictEqual({ items: [] });
    expect(parseList('mapAccounts', src, 'scalars')).toStrictEqual({ items: [] });
  });
});

describe('parseList: which reader answers', () => {
  test.each<[string, string, SubsetMode, unknown]>([
    ['block subset at column 0: items and texts', '- a: b\n- c: d\n', 'entries', { items: [{ a: 'b' }, { c: 'd' }], sources: ['- a: b\n', '- c: d\n'] }],
    ['block subset indented: items only', '  - a: b\n', 'entries', { items: [{ a: 'b' }] }],
    ['block subset, comment only', '# c\n', 'entries', { items: [] }],
    ['block subset, scalars', '- 012\n', 'scalars', { items: ['012'], sources: ['- 012\n'] }],
    ['JSON of strings, booleans, null and lists', '[{"a":"b","c":true,"d":null,"e":["f"]}]', 'entries', { items: [{ a: 'b', c: true, d: null, e: ['f'] }] }],
    ['JSON after leading white space', '  \n[{"a":"b"}]', 'entries', { items: [{ a: 'b' }] }],
    // 1e400 is Infinity to JSON.parse and the string "1e400" to go-yaml: numbers anywhere go to the YAML reader
    ['a JSON number in a later item', '[{"a":"b"},{"n":1e400}]', 'entries', { items: [{ a: 'b' }, { n: '1e400' }] }],
    ['a JSON number inside a list', '[{"a":["b",1e400]}]', 'entries', { items: [{ a: ['b', '1e400'] }] }],
    ['a JSON number inside a mapping', '[{"a":{"b":"c","d":1e400}}]', 'entries', { items: [{ a: { b: 'c', d: '1e400' } }] }],
    ['a raw tab and BOM in JSON read alike by both readers', '[{"a":"\ufeff",\t"b":"c"}]', 'entries', { items: [{ a: '\ufeff', b: 'c' }] }],
    ['raw LS in a JSON string goes to the YAML reader, which keeps it', '[{"a":"x\u2028y"}]', 'entries', { items: [{ a: 'x\u2028y' }] }],
    ['JSON with __proto__ below the top level is kept as a plain key', '[{"a":{"__proto__":"x"}}]', 'entries', { items: [{ a: JSON.parse('{"__proto__":"x"}') }] }],
    ['JSON with missing and extra fields comes back unchanged', '[{"extra":"x"},{}]', 'entries', { items: [{ extra: 'x' }, {}] }],
    ['invalid JSON (trailing comma) is read as YAML', '[{"a":"b"},]', 'entries', { items: [{ a: 'b' }] }],
    ['a JSON number is typed by the YAML reader (-0 is the integer 0)', '[{"a":-0}]', 'entries', { items: [{ a: 0 }] }],
    ['YAML types plain scalars as go-yaml v2', '- {a: 012, b: yes, c: "012", d: ~}\n', 'entries', { items: [{ a: 10, b: true, c: '012', d: null }] }],
    ['YAML aliases are expanded', '- &a {a: b}\n- *a\n', 'entries', { items: [{ a: 'b' }, { a: 'b' }] }],
    ['YAML document with no content', '---\n', 'entries', { items: [] }],
    ['YAML document with only a comment', '--- # c\n', 'entries', { items: [] }],
    ['YAML plain null', 'null', 'entries', { items: [] }],
    ['YAML plain ~', '~', 'entries', { items: [] }],
    ['YAML plain Null', 'Null\n', 'entries', { items: [] }],
    ['YAML plain ~ for mapAccounts', '~', 'scalars', { items: [] }],
    ['mapAccounts JSON is read as YAML (true keeps its text)', '[true]', 'scalars', { items: ['true'] }],
    ['mapAccounts quoted JSON string', '["1"]', 'scalars', { items: ['1'] }],
    ['mapAccounts flow list: plain text kept, plain null empty, quoted ~ kept', '[a, ~, 1e3, "~"]', 'scalars', { items: ['a', '', '1e3', '~'] }],
    ['mapAccounts empty item', '- a\n-\n', 'scalars', { items: ['a', ''] }],
    ['mapAccounts tagged ~ keeps its text', '- !!str ~\n', 'scalars', { items: ['~'] }],
  ])('%s', (_name, src, mode, expected) => {
    expect(parseList(mode === 'entries' ? 'mapRoles' : 'mapAccounts', src, mode)).toStrictEqual(expected);
  });
});

describe('parseList refuses with the exact message', () => {
  test.each<[string, string, SubsetMode, string]>([
    // duplicate keys are refused whichever reader answers
    ['a number at the top level of an item', '[{"k":1,"k":2}]', 'entries', 'is not valid YAML: Map keys must be unique at line 1, column 9'],
    ['a number inside a list', `[{"a":[1],${DUP}}]`, 'entries', 'is not valid YAML: Map keys must be unique at line 1, column 19'],
    ['a number inside a mapping', `[{"a":{"n":1},${DUP}}]`, 'entries', 'is not valid YAML: Map keys must be unique at line 1, column 23'],
    ['a __proto__ key', '[{"__proto__":"x","__proto__":"y"}]', 'entries', 'is not valid YAML: Map keys must be unique at line 1, column 19'],
    ['a __proto__ key inside a mapping', `[{"a":{"__proto__":"x"},${DUP}}]`, 'entries', 'is not valid YAML: Map keys must be unique at line 1, column 33'],
    ['a 1000-character key', `[{"${'k'.repeat(1000)}":"x","${'k'.repeat(1000)}":"y"}]`, 'entries', 'is not valid YAML: Map keys must be unique at line 1, column 1010'],
    ['a tab in JSON', '[{"k":"x",\t"k":"y"}]', 'entries', 'is not valid YAML: Map keys must be unique at line 1, column 12'],
    ['raw PS next to a space in a JSON string', '[{"a":"x \u2029y"}]', 'entries', 'holds the quoted scalar "\\"x \u2029y\\"" with a raw U+2028/U+2029 next to white space, which the authenticator\'s YAML reader (gopkg.in/yaml.v2) drops there and other YAML readers keep; escape them (\\L, \\P, \\t, \\x20) or remove them'],
    ['the escape \\/ in JSON', '[{"a":"x\\/y"}]', 'entries', "uses the escape \\/ in a double-quoted scalar, which the authenticator's YAML reader (gopkg.in/yaml.v2), a YAML 1.1 reader, refuses or reads differently; write the character itself"],
    ['a surrogate escape in JSON', '[{"a":"\\ud83d\\ude00"}]', 'entries', "contains the surrogate escape \\ud83d at line 1 column 8, which the authenticator's YAML reader (gopkg.in/yaml.v2) refuses, so it ignores the whole key; write the character itself instead"],
    // syntax
    ['a lone backquote', '`', 'entries', 'is not valid YAML: Plain value cannot start with reserved character ` at line 1, column 1'],
    ['a backquoted word', '`x`', 'entries', 'is not valid YAML: Plain value cannot start with reserved character ` at line 1, column 1'],
    ['an unterminated flow list', 'a: [', 'entries', 'is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] at line 1, column 5'],
    ['an empty string tagged !!str (not an empty document)', '--- !!str\n', 'entries', 'must be a YAML list, got the string ""'],
    ['an empty string tagged !!str for mapAccounts', '--- !!str\n', 'scalars', 'must be a YAML list, got the string ""'],
    ['a YAML error message with a colon before its end keeps it', `- a: b\n  ${'k'.repeat(1025)}: x\n`, 'entries', 'is not valid YAML: The : indicator must be at most 1024 chars after the start of an implicit block mapping key at line 2, column 3'],
    ['an explicit null tag', '!!null ""', 'entries', 'uses the explicit tag tag:yaml.org,2002:null, which eks-access does not read; remove the tag'],
    // not a list
    ['a quoted null', '"null"', 'entries', 'must be a YAML list, got the string "null"'],
    ['a plain string', 'x', 'entries', 'must be a YAML list, got the string "x"'],
    ['a number', '12', 'entries', 'must be a YAML list, got the number 12'],
    ['a boolean', 'true', 'entries', 'must be a YAML list, got the boolean true'],
    ['a block mapping', 'a: b', 'entries', 'must be a YAML list, got a mapping'],
    ['a JSON object', '{"a":"b"}', 'entries', 'must be a YAML list, got a mapping'],
    ['a block mapping for mapAccounts', 'a: b', 'scalars', 'must be a YAML list, got a mapping'],
    ['a plain number for mapAccounts is not typed', '12', 'scalars', 'must be a YAML list, got the string "12"'],
    // JSON items that are not mappings
    ['a JSON string item', '["x"]', 'entries', 'item 1 must be a mapping, got the string "x"'],
    ['a JSON null item', '[{"a":"b"}, null]', 'entries', 'item 2 must be a mapping, got null'],
    ['a JSON list item', '[[]]', 'entries', 'item 1 must be a mapping, got a list'],
    ['a JSON boolean item', '[true]', 'entries', 'item 1 must be a mapping, got the boolean true'],
    // YAML items that are not mappings
    ['a plain item', '- a\n', 'entries', 'item 1 must be a mapping, got the string "a"'],
    ['a flow list item', '- {a: b}\n- [x]\n', 'entries', 'item 2 must be a mapping, got a list'],
    ['an empty flow list item', '- []\n', 'entries', 'item 1 must be a mapping, got a list'],
    ['a null item', '- {a: b}\n- ~\n', 'entries', 'item 2 must be a mapping, got null'],
    ['an empty item', '-\n', 'entries', 'item 1 must be a mapping, got null'],
    ['a number item', '- {a: 1}\n- 5\n', 'entries', 'item 2 must be a mapping, got the number 5'],
    // mapAccounts items that are not scalars
    ['a list account', '- [a]\n', 'scalars', 'item 1 must be an account id, got a list'],
    ['a mapping account', '- {a: b}\n', 'scalars', 'item 1 must be an account id, got a mapping'],
    // go-yaml v2 cannot decode these into a string ("cannot unmarshal !!seq into string"): refused, not read as items
    ['an empty flow list account', '- []\n', 'scalars', 'item 1 must be an account id, got a list'],
    ['an empty flow mapping account after a good one', '- "111122223333"\n- {}\n', 'scalars', 'item 2 must be an account id, got a mapping'],
    ['an alias account', '- &x a\n- *x\n', 'scalars', 'item 2 must be an account id, got an alias or empty node'],
  ])('%s', (_name, src, mode, problem) => {
    const dataKey = mode === 'entries' ? 'mapRoles' : 'mapAccounts';
    const e = thrown(() => parseList(dataKey, src, mode));
    expect(e).toBeInstanceOf(AwsAuthParseError);
    expect(e.message).toBe(refusal(dataKey, problem));
  });

  test('the data key named in the message is the one given', () => {
    expect(thrown(() => parseList('mapUsers', 'x', 'entries')).message).toBe(refusal('mapUsers', 'must be a YAML list, got the string "x"'));
  });
});
