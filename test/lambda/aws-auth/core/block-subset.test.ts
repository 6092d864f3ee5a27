/**
 * Table tests of the block-subset reader: every form it answers (with the exact items and, at
 * column 0, the exact verbatim text of each item) and every form it leaves to the full YAML 1.1
 * parser (`undefined`). The property tests (properties.test.ts) check that whenever it answers,
 * the full parser agrees; these cases pin each branch so that a flipped comparison, a dropped
 * check or an off-by-one in the indentation rules changes an answer.
 */
import { parseBlockSubset } from '../../../../lambda/aws-auth/core/block-subset';

const ARN = 'arn:aws:iam::111122223333:role/r';

const entries = (src: string): ReturnType<typeof parseBlockSubset> => parseBlockSubset(src, 'entries');

describe('parseBlockSubset answers the subset exactly', () => {
  test.each<[string, string, unknown[], string[] | 'whole' | undefined]>([
    ['empty value', '', [], undefined],
    ['blank lines, spaces and comments only', '\n   \n# c\n  # d\n', [], undefined],
    ['one item with a final newline', '- a: b\n', [{ a: 'b' }], ['- a: b\n']],
    ['one item without a final newline (a newline is added to its text)', '- a: b', [{ a: 'b' }], ['- a: b\n']],
    ['two items', '- a: b\n- c: d\n', [{ a: 'b' }, { c: 'd' }], ['- a: b\n', '- c: d\n']],
    ['leading comment stays out, middle comment belongs to the item before', '# top\n- a: b\n# mid\n- c: d\n', [{ a: 'b' }, { c: 'd' }], ['- a: b\n# mid\n', '- c: d\n']],
    ['blank line between items belongs to the first', '- a: b\n\n- c: d\n', [{ a: 'b' }, { c: 'd' }], ['- a: b\n\n', '- c: d\n']],
    ['trailing comment without newline belongs to the last item', '- a: b\n# end', [{ a: 'b' }], ['- a: b\n# end\n']],
    ['trailing spaces are trimmed from values but kept in the text', '- a: b   \n  c: d \n', [{ a: 'b', c: 'd' }], ['- a: b   \n  c: d \n']],
    ['several spaces after the colon', '- a:   b\n', [{ a: 'b' }], ['- a:   b\n']],
    ['continuation key at exactly the key column (2)', '- a: b\n  c: d\n', [{ a: 'b', c: 'd' }], ['- a: b\n  c: d\n']],
    ['comment at column 0 inside an item', '- a: b\n# c\n  d: e\n', [{ a: 'b', d: 'e' }], ['- a: b\n# c\n  d: e\n']],
    ['key with digits, "_" and "-"', '- _a-1_b: x\n', [{ '_a-1_b': 'x' }], ['- _a-1_b: x\n']],
    ['ARN and node username plain scalars', `- rolearn: ${ARN}\n  username: system:node:{{EC2PrivateDNSName}}\n`, [{ rolearn: ARN, username: 'system:node:{{EC2PrivateDNSName}}' }], 'whole'],
    ['plain with single inner spaces and the allowed punctuation', '- a: x y/z@w+v=u,t.s_r-q\n', [{ a: 'x y/z@w+v=u,t.s_r-q' }], ['- a: x y/z@w+v=u,t.s_r-q\n']],
    ['plain starting with "/"', '- a: /p\n', [{ a: '/p' }], ['- a: /p\n']],
    ['key without value at the end is null', '- a:\n', [{ a: null }], ['- a:\n']],
    ['key without value, with trailing spaces', '- a:   \n', [{ a: null }], ['- a:   \n']],
    ['key without value, then the next item', '- a:\n- b: c\n', [{ a: null }, { b: 'c' }], ['- a:\n', '- b: c\n']],
    ['key without value, then a sibling key', '- a:\n  b: c\n', [{ a: null, b: 'c' }], ['- a:\n  b: c\n']],
    ['flow [] and {}', '- a: []\n  b: {}\n', [{ a: [], b: {} }], ['- a: []\n  b: {}\n']],
    ['nested list at the key column', '- groups:\n  - x\n  - w\n', [{ groups: ['x', 'w'] }], ['- groups:\n  - x\n  - w\n']],
    ['nested list one deeper than the key column', '- groups:\n   - x\n   - w\n', [{ groups: ['x', 'w'] }], ['- groups:\n   - x\n   - w\n']],
    ['nested list two deeper', '- groups:\n    - x\n', [{ groups: ['x'] }], ['- groups:\n    - x\n']],
    ['nested list with a comment and a blank line inside', '- groups:\n  - x\n  # c\n\n  - w\n', [{ groups: ['x', 'w'] }], ['- groups:\n  - x\n  # c\n\n  - w\n']],
    ['nested list of typed scalars', '- groups:\n  - yes\n  - "no"\n  - \'it\'\'s\'\n  - ~\n', [{ groups: [true, 'no', "it's", null] }], 'whole'],
    ['nested list, then a sibling key', '- groups:\n  - x\n  u: v\n', [{ groups: ['x'], u: 'v' }], ['- groups:\n  - x\n  u: v\n']],
    ['nested list, then the next item', '- g:\n    - x\n- h: i\n', [{ g: ['x'] }, { h: 'i' }], ['- g:\n    - x\n', '- h: i\n']],
    ['nested mapping one deeper than the key column', '- sso:\n   a: b\n   c: d\n', [{ sso: { a: 'b', c: 'd' } }], ['- sso:\n   a: b\n   c: d\n']],
    ['nested mapping, then a sibling key', '- sso:\n    a: b\n  u: v\n', [{ sso: { a: 'b' }, u: 'v' }], ['- sso:\n    a: b\n  u: v\n']],
    ['a key at the key column after `key:` is a sibling, not a nested mapping', '- sso:\n  a: b\n', [{ sso: null, a: 'b' }], ['- sso:\n  a: b\n']],
    ['list indented by 1: no texts', ' - a: b\n   c: d\n', [{ a: 'b', c: 'd' }], undefined],
    ['list indented by 2: no texts', '  - a: b\n  - c: d\n', [{ a: 'b' }, { c: 'd' }], undefined],
    ['list indented by 2 with a continuation key at column 4', '  - a: b\n    c: d\n', [{ a: 'b', c: 'd' }], undefined],
    ['a key named like an Object method', '- constructor: a\n  toString: b\n', [{ constructor: 'a', toString: 'b' }], 'whole'],
  ])('entries: %s', (_name, src, items, sources) => {
    const texts = sources === 'whole' ? [src] : sources;
    expect(entries(src)).toStrictEqual(texts === undefined ? { items } : { items, sources: texts });
  });

  test('a list that does not start at column 0 has no item texts at all', () => {
    expect(entries('  - a: b\n')).toStrictEqual({ items: [{ a: 'b' }] });
    expect(entries(' - a: b\n')).toStrictEqual({ items: [{ a: 'b' }] });
    expect(entries('')).toStrictEqual({ items: [] });
    expect(entries('# only a comment\n')).toStrictEqual({ items: [] });
  });

  test('keys of up to 1024 characters are read; longer ones (refused by go-yaml) are left to the full parser', () => {
    const k = (n: number): string => 'k'.repeat(n);
    expect(entries(`- ${k(1024)}: x\n  b: v\n`)?.items).toStrictEqual([{ [k(1024)]: 'x', b: 'v' }]);
    expect(entries(`- a: b\n  ${k(1024)}: x\n`)?.items).toStrictEqual([{ a: 'b', [k(1024)]: 'x' }]);
    expect(entries(`- ${k(1025)}: x\n`)).toBeUndefined();
    expect(entries(`- a: b\n  ${k(1025)}: x\n`)).toBeUndefined();
    expect(entries(`- s:\n    ${k(1025)}: x\n`)).toBeUndefined();
  });

  test('keys keep their written order, a pending key taking its place when it is closed', () => {
    expect(Object.keys(entries('- b: bx\n  a:\n  - x\n  c: z\n')?.items[0] as object)).toEqual(['b', 'a', 'c']);
  });

  test.each<[string, string, unknown]>([
    ['"" is the empty string', '""', ''],
    ['double-quoted escapes', '"a\\"b\\\\c\\b\\f\\n\\r\\t"', 'a"b\\c\b\f\n\r\t'],
    ['\\u escape, any case', '"\\u0041\\u00e9\\u00E9"', 'A\u00e9\u00e9'],
    ['\\ud7ff, just below the surrogates', '"\\ud7ff"', '\ud7ff'],
    ['\\ue000, just above the surrogates', '"\\ue000"', '\ue000'],
    ['raw non-ASCII inside double quotes', '"é # x"', 'é # x'],
    ["'' is the empty string", "''", ''],
    ["'' inside single quotes is one quote", "'it''s'", "it's"],
    ['backslash is literal inside single quotes', "'a\\nb'", 'a\\nb'],
    ['y', 'y', true], ['Y', 'Y', true], ['yes', 'yes', true], ['True', 'True', true], ['ON', 'ON', true],
    ['n', 'n', false], ['No', 'No', false], ['FALSE', 'FALSE', false], ['off', 'off', false],
    ['~', '~', null], ['null', 'null', null], ['Null', 'Null', null], ['NULL', 'NULL', null],
    ['a word-like plain that is not a YAML 1.1 word', 'yES', 'yES'],
    ['a letter-led plain with digits', 'e5x', 'e5x'],
    ['inner colon without a space (an ARN)', 'a:b', 'a:b'],
  ])('entries value %s', (_name, value, expected) => {
    expect(entries(`- k: ${value}\n`)?.items).toStrictEqual([{ k: expected }]);
    expect(entries(`- g:\n  - ${value}\n`)?.items).toStrictEqual([{ g: [expected] }]);
    expect(entries(`- s:\n    k: ${value}\n`)?.items).toStrictEqual([{ s: { k: expected } }]);
  });

  test.each<[string, string, unknown[], string[] | 'whole' | undefined]>([
    ['plain strings', '- a\n- b c\n', ['a', 'b c'], ['- a\n', '- b c\n']],
    ['ints, floats and bools keep their text', '- 012\n- 1e3\n- yes\n- 0x1F\n- 1.5\n', ['012', '1e3', 'yes', '0x1F', '1.5'], ['- 012\n', '- 1e3\n', '- yes\n', '- 0x1F\n', '- 1.5\n']],
    ['null words are the empty string', '- null\n- Null\n- NULL\n', ['', '', ''], ['- null\n', '- Null\n', '- NULL\n']],
    ['quoted scalars', '- "012"\n- \'~\'\n', ['012', '~'], ['- "012"\n', "- '~'\n"]],
    ['inner colon without a space', '- a:b\n', ['a:b'], ['- a:b\n']],
    ['trailing spaces trimmed', '- 1   \n', ['1'], ['- 1   \n']],
    ['indented by 2: no texts', '  - 1\n  - 2\n', ['1', '2'], undefined],
    ['comments between items', '- 1\n# c\n- 2\n', ['1', '2'], ['- 1\n# c\n', '- 2\n']],
  ])('scalars: %s', (_name, src, items, sources) => {
    const texts = sources === 'whole' ? [src] : sources;
    expect(parseBlockSubset(src, 'scalars')).toStrictEqual(texts === undefined ? { items } : { items, sources: texts });
  });
});

describe('parseBlockSubset leaves everything else to the full parser', () => {
  test.each<[string, string]>([
    // characters outside the subset, anywhere
    ['tab in a value', '- a: b\tc\n'],
    ['tab as trailing white space', '- a: b\t\n'],
    ['tab as indentation', '- a: b\n\tc: d\n'],
    ['CR (CRLF line ends)', '- a: b\r\n'],
    ['NUL', '- a: "\u0000"\n'],
    ['U+0008', '- a: "\u0008"\n'],
    ['U+000B', '- a: "\u000b"\n'],
    ['U+001F', '- a: "\u001f"\n'],
    ['DEL', '- a: "\u007f"\n'],
    ['NEL', '- a: "\u0085"\n'],
    ['LS', '- a: "\u2028"\n'],
    ['PS', '- a: "\u2029"\n'],
    ['BOM', '\ufeff- a: b\n'],
    ['BOM inside double quotes', '- a: "\ufeff"\n'],
    ['tab inside double quotes', '- a: "\t"\n'],
    ['tab inside single quotes', "- a: 'x\ty'\n"],
    // the top-level list
    ['a mapping at the top', 'a: b\n'],
    ['a scalar at the top', 'x\n'],
    ['a flow list at the top (JSON)', '[{"a":"b"}]'],
    ['document start marker', '---\n- a: b\n'],
    ['document end marker', '- a: b\n...\n'],
    ['second document', '- a: b\n---\n- c: d\n'],
    ['"-" without a space', '-a: b\n'],
    ['another character where "-" belongs', 'x a: b\n'],
    ['another character where the space after "-" belongs', '-xa: b\n'],
    ['"-" alone', '-\n'],
    ['"- " with nothing after', '- \n'],
    ['two spaces after "-"', '-  a: b\n'],
    ['next item indented by 1 more', '- a: b\n - c: d\n'],
    ['next item indented less than the first', '  - a: b\n- c: d\n'],
    ['next item indented by 1 less than the first', '  - a: b\n - c: d\n'],
    ['a top-level key after the list', '- a: b\nc: d\n'],
    // keys
    ['a flow mapping item', '- {a: b}\n'],
    ['a scalar item in entries mode', '- a\n'],
    ['a key without a space after ":"', '- a:b\n'],
    ['a space before ":"', '- a : b\n'],
    ['a quoted key', '- "a": b\n'],
    ['a key starting with a digit', '- 1a: b\n'],
    ['a key starting with "-"', '- -a: b\n'],
    ['a YAML 1.1 word as a key', '- yes: b\n'],
    ['a null word as a key', '- null: b\n'],
    ['__proto__ as a key', '- __proto__: b\n'],
    ['__proto__ as a continuation key', '- a: b\n  __proto__: c\n'],
    ['a duplicate key', '- a: b\n  a: c\n'],
    ['a duplicate of a pending key', '- a:\n  a: c\n'],
    ['a duplicate of a pending key after its nested list', '- a:\n  - x\n  a: y\n'],
    ['a duplicate of a closed pending key', '- a:\n  b: x\n  a: y\n'],
    // indentation of continuation lines
    ['continuation key at column 1', '- a: b\n c: d\n'],
    ['continuation key at column 3', '- a: b\n   c: d\n'],
    ['continuation key at column 3 of a list at 2 (one less)', '  - a: b\n   c: d\n'],
    ['continuation key at column 5 of a list at 2 (one more)', '  - a: b\n     c: d\n'],
    ['a nested list without a pending key', '- a: b\n  - x\n'],
    ['a deeper nested list without a pending key', '- a: b\n    - x\n'],
    ['a deeper mapping without a pending key', '- a: b\n    c: d\n'],
    // nested lists
    ['nested item "-" alone', '- g:\n  - x\n  -\n'],
    ['nested item "- " with nothing after', '- g:\n  - x\n  - \n'],
    ['nested item with two spaces after "-"', '- g:\n  -  x\n'],
    ['nested item "-" without a space', '- g:\n    -x\n'],
    ['nested item "-" without a space, longer', '- g:\n  -xy\n'],
    ['a plain line with a space at the key column after `key:`', '- g:\n  x y\n'],
    ['a plain line with a space deeper than the key column after `key:`', '- g:\n    x y\n'],
    ['nested list item one less deep than the first', '- g:\n    - x\n   - y\n'],
    ['nested list item one deeper than the first', '- g:\n    - x\n     - y\n'],
    ['nested list item back at the key column after a deeper first', '- g:\n    - x\n  - y\n'],
    ['a mapping line inside a nested list', '- g:\n    - x\n    y: z\n'],
    ['a plain line inside a nested list', '- g:\n    - x\n    abc\n'],
    ['a nested list of lists', '- g:\n  - - x\n'],
    ['a nested flow list', '- g:\n  - [x]\n'],
    // nested mappings
    ['a nested key without value', '- s:\n    a:\n'],
    ['a nested duplicate key', '- s:\n    a: b\n    a: c\n'],
    ['a nested YAML 1.1 word key', '- s:\n    on: b\n'],
    ['a nested __proto__ key', '- s:\n    __proto__: b\n'],
    ['a nested key without a space after ":"', '- s:\n    a:b\n'],
    ['a list line inside a nested mapping', '- s:\n    a: b\n    - x\n'],
    ['a nested mapping line one deeper', '- s:\n    a: b\n     c: d\n'],
    ['a nested mapping line one less deep', '- s:\n    a: b\n   c: d\n'],
    ['a nested mapping with an out-of-subset value', '- s:\n    a: 012\n'],
    // comments
    ['a comment after a value', '- a: b # c\n'],
    ['a comment after a quoted value', '- a: "b" # c\n'],
    ['a comment after a key', '- a: # c\n'],
    ['a comment after "- " in scalars', '- # c\n'],
  ])('entries: %s', (_name, src) => {
    expect(entries(src)).toBeUndefined();
  });

  test.each<[string, string]>([
    ['a number', '012'],
    ['a negative number', '-1'],
    ['a float led by "."', '.5'],
    ['.inf', '.inf'],
    ['an exponent-only float (E5)', 'E5'],
    ['an exponent-only float (e-3)', 'e-3'],
    ['a timestamp-like date', '2001-12-14'],
    ['a flow list', '[x]'],
    ['a flow mapping', '{a: b}'],
    ['a Go template led by "{"', '{{x}}'],
    ['an anchor', '&a b'],
    ['an alias', '*a'],
    ['a tag', '!!str b'],
    ['a block scalar', '|'],
    ['a folded scalar', '>'],
    ['a merge key', '<<'],
    ['a plain with ": " inside', 'a: b'],
    ['a plain ending with ":"', 'a:'],
    ['a plain with two spaces inside', 'a  b'],
    ['a plain with "#"', 'a#b'],
    ['a plain with a quote inside', "a'b"],
    ['a plain with "%"', 'a%b'],
    ['a plain with non-ASCII', 'é'],
    ['an unterminated double quote', '"a'],
    ['text after a closing double quote', '"a"b'],
    ['a closing double quote, text and another quoted part', '"a"b"'],
    ['an unknown escape', '"\\x41"'],
    ['a YAML 1.2 escape \\/', '"\\/"'],
    ['a short \\u escape', '"\\u41"'],
    ['a YAML 1.1 escape \\0', '"\\0"'],
    ['a high surrogate escape', '"\\ud83d\\ude00"'],
    ['a high surrogate escape in upper case', '"\\uD800"'],
    ['a low surrogate escape', '"\\udc00"'],
    ['an unterminated single quote', "'a"],
    ['a lone quote inside single quotes', "'a'b'"],
  ])('entries value %s', (_name, value) => {
    expect(entries(`- k: ${value}\n`)).toBeUndefined();
    expect(entries(`- g:\n  - ${value}\n`)).toBeUndefined();
    expect(entries(`- s:\n    k: ${value}\n`)).toBeUndefined();
  });

  test.each<[string, string]>([
    ['a mapping item', '- a: b\n'],
    ['a plain ending with ":"', '- a:\n'],
    ['a plain led by "-"', '- -1\n'],
    ['a plain led by "."', '- .5\n'],
    ['a plain "~" (null to YAML 1.1, left to the full parser)', '- ~\n'],
    ['a plain with two spaces', '- a  b\n'],
    ['a plain with "#"', '- 1 #c\n'],
    ['a plain with a "[" inside', '- a[b\n'],
    ['an unterminated double quote', '- "a\n'],
    ['a surrogate escape', '- "\\ud800"\n'],
    ['a lone quote inside single quotes', "- 'a'b'\n"],
    ['a nested list line', '- a\n  - b\n'],
    ['a continuation line', '- a\n  b\n'],
    ['a mapping at the top', 'a: b\n'],
    ['a tab', '- 1\t\n'],
    ['another character where "-" belongs', 'x 1\n'],
    ['another character where the space after "-" belongs', '-x1\n'],
  ])('scalars: %s', (_name, src) => {
    expect(parseBlockSubset(src, 'scalars')).toBeUndefined();
  });

  test('flow [] and {} are values of a key, not a list of mappings', () => {
    expect(entries('- []\n')).toBeUndefined();
    expect(entries('- {}\n')).toBeUndefined();
  });

  test('flow [] and {} are not account ids: mapAccounts leaves them to the full parser, which refuses them', () => {
    expect(parseBlockSubset('- []\n', 'scalars')).toBeUndefined();
    expect(parseBlockSubset('- {}\n', 'scalars')).toBeUndefined();
    expect(parseBlockSubset('- "1"\n- []\n', 'scalars')).toBeUndefined();
    expect(parseBlockSubset('- "1"\n- {}\n', 'scalars')).toBeUndefined();
  });
});
