/**
 * Every branch of the go-yaml.ts rules with its exact message: the characters go-yaml refuses
 * (each range's ends and neighbours), tabs, lone CR, surrogate escapes, LS/PS, escapes, tags,
 * `:` in flow, NaN/Inf, null keys and merge keys. parse.test.ts checks the same rules through
 * parseList, and the oracle tests against Go.
 */
import { parseDocument } from 'yaml';
import { documentProblem, textProblem } from '../../../../lambda/aws-auth/core/go-yaml';
import type { SubsetMode } from '../../../../lambda/aws-auth/core/block-subset';

const GO = "the authenticator's YAML reader (gopkg.in/yaml.v2)";
const doc = (src: string) => parseDocument(src, { version: '1.1', schema: 'failsafe', keepSourceTokens: true });
const problem = (src: string, mode: SubsetMode = 'entries') => documentProblem(src, doc(src), mode);

const control = (cp: string, at: string) => `contains ${cp} at ${at}, a character ${GO} refuses ("control characters are not allowed"), so the authenticator ignores the whole key; remove it or write it as an escape inside double quotes`;
const nel = (at: string) => `contains U+0085 at ${at}, a YAML 1.1 line break that ${GO} reads differently from other YAML readers; remove it or write it as an escape inside double quotes`;
const lone = (cp: string, at: string) => `contains ${cp} at ${at}, a lone UTF-16 surrogate, which UTF-8 cannot hold; remove it or write it as an escape inside double quotes`;
const tab = (at: string) => `has a tab at ${at} in indentation or after "-", which ${GO} refuses and other YAML readers read as a space; indent with spaces`;
const cr = (at: string) => `contains a carriage return (U+000D) not followed by a line feed at ${at}, which ${GO} reads as a line break and other YAML readers do not; use LF or CRLF line ends`;
const surrogateEscape = (e: string, at: string) => `contains the surrogate escape ${e} at ${at}, which ${GO} refuses, so it ignores the whole key; write the character itself instead`;

describe('textProblem: refused characters', () => {
  test.each<[string, string, string]>([
    ['U+0000', '- "\u0000"\n', control('U+0000', 'line 1 column 4')],
    ['U+0008', '- "\u0008"\n', control('U+0008', 'line 1 column 4')],
    ['U+000B', '- "\u000b"\n', control('U+000B', 'line 1 column 4')],
    ['U+000C', '- "\u000c"\n', control('U+000C', 'line 1 column 4')],
    ['U+000E', '- "\u000e"\n', control('U+000E', 'line 1 column 4')],
    ['U+001F', '- "\u001f"\n', control('U+001F', 'line 1 column 4')],
    ['U+007F', '- a\u007f\n', control('U+007F', 'line 1 column 4')],
    ['U+0080', '- a\u0080\n', control('U+0080', 'line 1 column 4')],
    ['U+009F', '- a\u009f\n', control('U+009F', 'line 1 column 4')],
    ['U+FFFE', '- a\ufffe\n', control('U+FFFE', 'line 1 column 4')],
    ['U+FFFF', '- a\uffff\n', control('U+FFFF', 'line 1 column 4')],
    ['NEL', '- a\u0085\n', nel('line 1 column 4')],
    ['on a later line and column', '- a\n- bc\u0001\n', control('U+0001', 'line 2 column 5')],
    ['the first of two', '- \u0002\u0003\n', control('U+0002', 'line 1 column 3')],
    ['a lone high surrogate at the end', '- a\ud800', lone('U+D800', 'line 1 column 4')],
    ['a lone high surrogate before a letter', '- \udbffa\n', lone('U+DBFF', 'line 1 column 3')],
    ['two high surrogates', '- \ud83d\ud83d\ude00\n', lone('U+D83D', 'line 1 column 3')],
    ['a lone low surrogate', '- a\udc00\n', lone('U+DC00', 'line 1 column 4')],
    ['a lone low surrogate at the start', '\udfff', lone('U+DFFF', 'line 1 column 1')],
  ])('%s', (_name, src, expected) => {
    expect(textProblem(src)).toBe(expected);
  });

  test.each<[string, string]>([
    ['tab, LF and CRLF', '- a\tb\r\n- c\n'],
    ['space, ~, U+00A0, U+FFFD', '- " ~\u00a0\ufffd"\n'],
    ['U+D7FF and U+E000 (next to the surrogates)', '- "\ud7ff\ue000"\n'],
    ['a surrogate pair (astral character)', '- "\ud83d\ude00"\n'],
    ['LS and PS (see documentProblem)', '- "\u2028\u2029"\n'],
    ['BOM', '\ufeff- a\n'],
  ])('read: %s', (_name, src) => {
    expect(textProblem(src)).toBeUndefined();
  });
});

describe('textProblem: tabs, CR, surrogate escapes', () => {
  test.each<[string, string, string]>([
    ['a tab first', '\t- a\n', tab('line 1 column 1')],
    ['a tab after indentation', '- a\n  \tb: c\n', tab('line 2 column 3')],
    ['a tab on a blank line', '- a\n\t\n- b\n', tab('line 2 column 1')],
    ['a tab right after "-"', '-\ta\n', tab('line 1 column 2')],
    ['a tab after "- "', '- \ta\n', tab('line 1 column 3')],
    ['a tab after an indented "-"', '  - a\n  -\tb\n', tab('line 2 column 4')],
    ['a tab after a nested "-"', '- - \ta\n', tab('line 1 column 5')],
    ['a lone CR', '- a\rb\n', cr('line 1 column 4')],
    ['a lone CR at the end', '- a\r', cr('line 1 column 4')],
    ['a lone CR after a CRLF', '- a\r\n- b\r', cr('line 2 column 4')],
    ['a high surrogate escape', '- "\\ud800"\n', surrogateEscape('\\ud800', 'line 1 column 4')],
    ['an upper-case high surrogate escape', '- "\\uDBFF"\n', surrogateEscape('\\uDBFF', 'line 1 column 4')],
    ['a low surrogate escape', '- "a\\udc00"\n', surrogateEscape('\\udc00', 'line 1 column 5')],
    ['a long surrogate escape', '- "\\U0000D83D"\n', surrogateEscape('\\U0000D83D', 'line 1 column 4')],
    ['a long low surrogate escape', '- "\\U0000dfff"\n', surrogateEscape('\\U0000dfff', 'line 1 column 4')],
    ['refused characters come before tabs', '\t- "\u0001"\n', control('U+0001', 'line 1 column 5')],
    ['tabs come before CR', '- a\r\n\t- b\r', tab('line 2 column 1')],
    ['a tab in indentation after a flow list further down', '- [a]\n\tb\n', tab('line 2 column 1')],
    ['CR comes before surrogate escapes', '- "\\ud800"\r', cr('line 1 column 11')],
  ])('%s', (_name, src, expected) => {
    expect(textProblem(src)).toBe(expected);
  });

  test.each<[string, string]>([
    ['a tab inside a value', '- a\tb\n'],
    ['a tab after "key:"', '- a:\tb\n'],
    ['a tab after a "-" inside a word', '- a-\tb\n'],
    ['a tab in JSON', '[\n\t{"a": "b"}\n]'],
    ['a tab in JSON after leading white space', ' \n {\t"a": "b"}'],
    ['a tab-indented JSON list after a leading space', ' [\n\t"a"\n]'],
    ['a tab in a flow mapping', '{a:\tb}'],
    ['CRLF', '- a\r\n'],
    ['\\uD7FF and \\uE000 escapes', '- "\\ud7ff\\ue000"\n'],
    ['a short surrogate-like escape', '- "\\ud8"\n'],
    ['an astral escape', '- "\\U0001F600"\n'],
    ['\\U0000D7FF', '- "\\U0000D7FF"\n'],
  ])('read: %s', (_name, src) => {
    expect(textProblem(src)).toBeUndefined();
  });
});

describe('documentProblem: LS and PS', () => {
  const nextToBlank = (text: string) => `holds the quoted scalar ${JSON.stringify(text)} with a raw U+2028/U+2029 next to white space, which ${GO} drops there and other YAML readers keep; escape them (\\L, \\P, \\t, \\x20) or remove them`;
  const outside = (cp: string, at: string) => `contains ${cp} at ${at} outside a quoted scalar, where ${GO} reads a line break and other YAML readers do not; remove it or move it inside double quotes`;
  test.each<[string, string, string]>([
    ['a space before LS', '- "a \u2028b"\n', nextToBlank('"a \u2028b"')],
    ['a space after PS', '- "a\u2029 b"\n', nextToBlank('"a\u2029 b"')],
    ['a tab before LS', '- "a\t\u2028b"\n', nextToBlank('"a\t\u2028b"')],
    ['a tab after LS in single quotes', "- 'a\u2028\tb'\n", nextToBlank("'a\u2028\tb'")],
    ['a line break after LS', '- "a\u2028\n  b"\n', nextToBlank('"a\u2028\n  b"')],
    ['a line break before PS', '- "a\n  \u2029b"\n', nextToBlank('"a\n  \u2029b"')],
    ['a CRLF before PS', '- "a\r\n  \u2029b"\n', nextToBlank('"a\r\n  \u2029b"')],
    ['the second scalar', '- "a\u2028b"\n- "c \u2028"\n', nextToBlank('"c \u2028"')],
    ['only the first 80 characters are shown', `- "${'x'.repeat(90)} \u2028"\n`, nextToBlank(`"${'x'.repeat(79)}`)],
    ['LS in a plain scalar', '- a\u2028b\n', outside('U+2028', 'line 1 column 4')],
    ['PS in a comment', '- a # \u2029\n', outside('U+2029', 'line 1 column 7')],
    ['LS outside quotes after one inside', '- "a\u2028b"\n- c\u2028\n', outside('U+2028', 'line 1 column 5')],
    ['PS in a key', '- a\u2029b: c\n', outside('U+2029', 'line 1 column 4')],
    ['the first problem wins over a later LS outside quotes', '- "a \u2028b"\n- c\u2028\n', nextToBlank('"a \u2028b"')],
    ['the first problem wins over later quoted ones', '- "a \u2028b"\n- "c\u2028d"\n', nextToBlank('"a \u2028b"')],
  ])('%s', (_name, src, expected) => {
    expect(problem(src)).toBe(expected);
  });

  test.each<[string, string]>([
    ['LS inside double quotes', '- "a\u2028b"\n'],
    ['PS inside single quotes', "- 'a\u2029b'\n"],
    ['LS and PS in two quoted scalars', '- "a\u2028b"\n- \'c\u2029d\'\n'],
    ['two in one scalar', '- "a\u2028b\u2029c"\n'],
    ['escaped \\L and \\P', '- "a \\L \\P b"\n'],
  ])('read: %s', (_name, src) => {
    expect(problem(src)).toBeUndefined();
  });
});

describe('documentProblem: scalars', () => {
  const escape = (e: string) => `uses the escape \\${e} in a double-quoted scalar, which ${GO}, a YAML 1.1 reader, refuses or reads differently; write the character itself`;
  test.each<[string, string, string]>([
    ['\\/', '- "a\\/b"\n', escape('/')],
    ["\\'", "- \"a\\'b\"\n", escape("'")],
    ['\\c', '- "\\c"\n', escape('c')],
    ['\\z after good escapes', '- "\\n\\t\\z"\n', escape('z')],
    ['a backslash before a no-break space', '- "a\\\u00a0b"\n', escape('\u00a0')],
    ['\\/ as a key', '- "a\\/": b\n', escape('/')],
    ['an explicit !!int tag', '- !!int 1\n', 'uses the explicit tag tag:yaml.org,2002:int, which eks-access does not read; remove the tag'],
    ['a local tag', '- !x a\n', 'uses the explicit tag !x, which eks-access does not read; remove the tag'],
    ['a tagged quoted scalar', '- !!bool "yes"\n', 'uses the explicit tag tag:yaml.org,2002:bool, which eks-access does not read; remove the tag'],
    [':a in a flow list', '- [a, :b]\n', `holds the unquoted ":b" inside a flow collection, which ${GO} refuses; quote it`],
    [':a in a flow mapping', '- {a: :b}\n', `holds the unquoted ":b" inside a flow collection, which ${GO} refuses; quote it`],
    [':a in a block list inside a flow mapping', '- {a: [x, :y]}\n', `holds the unquoted ":y" inside a flow collection, which ${GO} refuses; quote it`],
    ['.nan', '- a: .nan\n', `holds .nan, a number JSON cannot hold, so the authenticator ignores the whole key; quote it`],
    ['.inf', '- a: .inf\n', `holds .inf, a number JSON cannot hold, so the authenticator ignores the whole key; quote it`],
    ['-.INF in a flow list', '- a: [-.INF]\n', `holds -.INF, a number JSON cannot hold, so the authenticator ignores the whole key; quote it`],
    ['a ~ key', '- ~: a\n', 'has a mapping with a null key, which the authenticator cannot convert to JSON (it ignores the whole key); remove it'],
    ['a null key in a flow mapping', '- {null: a}\n', 'has a mapping with a null key, which the authenticator cannot convert to JSON (it ignores the whole key); remove it'],
    ['a merge key', '- <<: {a: b}\n', 'uses a YAML merge key (<<), which eks-access does not read; write the fields out'],
    ['a merge key in a flow mapping', '- {a: b, <<: {c: d}}\n', 'uses a YAML merge key (<<), which eks-access does not read; write the fields out'],
  ])('%s', (_name, src, expected) => {
    expect(problem(src)).toBe(expected);
  });

  test.each<[string, string]>([
    ['every escape YAML 1.1 and the yaml library share', '- "\\0\\a\\b\\t\\\t\\n\\v\\f\\r\\e\\ \\"\\\\\\N\\_\\L\\P\\x41\\u0041\\U00000041"\n'],
    ['an escaped line break', '- "a\\\n  b"\n'],
    ['\\/ inside single quotes', "- 'a\\/b'\n"],
    ['\\/ in a plain scalar', '- a\\/b\n'],
    ['!!str on a plain scalar', '- !!str 012\n'],
    ['!!str on a quoted scalar', '- !!str "a"\n'],
    [':a in a block list', '- :a\n'],
    [':a quoted in a flow list', '- [":a", \':b\']\n'],
    ['a: in a flow mapping value is not led by ":"', '- {a: b:c}\n'],
    ['.nan quoted', '- a: ".nan"\n'],
    ['.nan tagged !!str', '- a: !!str .nan\n'],
    ['a large finite number', '- a: 1e308\n'],
    ['a null value', '- a: ~\n'],
    ['a quoted ~ key', '- "~": a\n'],
    ['a quoted merge key', '- "<<": a\n'],
    ['a merge-like value', '- a: <<\n'],
  ])('read: %s', (_name, src) => {
    expect(problem(src)).toBeUndefined();
  });

  test('mapAccounts: .nan and .inf keep their text (go-yaml decodes them into strings)', () => {
    expect(problem('- .nan\n- .inf\n- -.Inf\n', 'scalars')).toBeUndefined();
  });

  test('a null key is refused in mapAccounts too', () => {
    expect(problem('- {~: a}\n', 'scalars')).toBe('has a mapping with a null key, which the authenticator cannot convert to JSON (it ignores the whole key); remove it');
  });
});
