/**
 * Branch tables for yaml11.ts, written to kill mutants: every quoting decision, every escape and
 * every range boundary (the code point just inside and just outside) with the exact output, so a
 * flipped comparison, a dropped branch or a changed escape letter fails a row. yaml11.test.ts keeps
 * the readable overview; authenticator-oracle*.test.ts checks the same rules against Go itself.
 */
import {
  foldKey, goResolvePlain, isExponentOnly, isSafePlain, isYaml11Null, isYaml11Word, quoteYaml, yaml11WordValue, yamlString,
} from '../../../../lambda/aws-auth/core/yaml11';

/** Every plain word gopkg.in/yaml.v2 resolves to a boolean or null, with its value. */
const WORDS: [string, boolean | null][] = [
  ['y', true], ['Y', true], ['yes', true], ['Yes', true], ['YES', true], ['true', true], ['True', true], ['TRUE', true],
  ['on', true], ['On', true], ['ON', true],
  ['n', false], ['N', false], ['no', false], ['No', false], ['NO', false], ['false', false], ['False', false], ['FALSE', false],
  ['off', false], ['Off', false], ['OFF', false],
  ['null', null], ['Null', null], ['NULL', null], ['~', null], ['', null],
];

/** Case forms go-yaml does not list: plain strings, although they spell a word. */
const NOT_WORDS = ['yES', 'yEs', 'YEs', 'tRUE', 'TRue', 'oN', 'oFF', 'OfF', 'nO', 'fALSE', 'nULL', 'NUll', 'nuLL', 'yess', 'nope', 'none', 'nil', 'Nil', 'ye', 'tru', 'of'];

describe('word and null predicates', () => {
  test.each(WORDS)('%j is a YAML 1.1 word standing for %p', (word, value) => {
    expect(isYaml11Word(word)).toBe(true);
    expect(yaml11WordValue(word)).toBe(value);
    expect(isYaml11Null(word)).toBe(value === null);
  });

  test.each(NOT_WORDS)('%j is no YAML 1.1 word', (plain) => {
    expect(isYaml11Word(plain)).toBe(false);
    expect(isYaml11Null(plain)).toBe(false);
  });

  test.each([' null', 'null ', '~~', ' ', 'NULl', 'nulL'])('%j is not null', (plain) => {
    expect(isYaml11Null(plain)).toBe(false);
    expect(isYaml11Word(plain)).toBe(false);
  });
});

describe('isExponentOnly: a letter-led exponent the yaml library reads as a float', () => {
  test.each([
    ['e5', true], ['E5', true], ['e0', true], ['e9', true], ['e+5', true], ['e-5', true], ['E+10', true], ['E-0', true],
    ['e', false], ['E', false], ['e+', false], ['e-', false], ['e+-5', false], ['e5x', false], ['xe5', false], ['ee5', false],
    ['e5.0', false], ['e 5', false], ['f5', false], ['d5', false], ['5e5', false], ['e/5', false], ['e:5', false],
  ])('%j -> %p', (plain, expected) => {
    expect(isExponentOnly(plain)).toBe(expected);
  });
});

describe('isSafePlain / yamlString: only letter- or slash-led text without specials goes unquoted', () => {
  test.each([
    // first character: A-Z, a-z and / and their neighbours
    'A', 'Z', 'a', 'z', '/', 'Ab', 'Zb', 'ab', 'zb', '/b',
    // every character allowed after the first, next to the first letter and at the end
    'a0', 'a9', 'aA', 'aZ', 'az', 'a_', 'a.', 'a:b', 'a/', 'a@', 'a{', 'a}', 'a+', 'a=', 'a,', 'a-', 'a_b.c/d@e{f}g+h=i,j-k',
    // real values
    'arn:aws:iam::123456789012:role/admin', 'system:node:{{EC2PrivateDNSName}}', 'system:masters', 'eks-console-dashboard-full-access-group',
    '/path/to', 'a:b:c', 'e', 'E', 'e5x', 'ex5', 'e5.0', 'xe5',
    // case forms of words that go-yaml does not list
    ...NOT_WORDS.filter((w) => /^[A-Za-z]+$/.test(w)),
  ])('%j is written plain', (value) => {
    expect(isSafePlain(value)).toBe(true);
    expect(yamlString(value)).toBe(value);
  });

  test.each([
    // empty, booleans and nulls in every listed case form
    ...WORDS.map(([w]) => w),
    // first character outside A-Z, a-z, /: neighbours of the ranges, digits, indicators
    '@', '[', '`', '{', '.a', '0a', '9a', '_a', '-a', '-', '- a', '?', '? a', ':', ': a', ':a', ',a', '[a', ']a', '{a', '}a', '{{x}}', '#a', '&a',
    '*a', '!a', '|a', '>a', "'a", '"a', '%a', '@a', '`a', '=', '=a', '+a', '~a', '<<', '\\a', ';a', '(a', '$a', '^a', 'éa', ' a', '\ta', '\na',
    // a character not allowed after the first (neighbours of the allowed ranges included)
    'a b', 'a ', 'a\t', 'a\n', 'a#b', 'a #b', 'a: b', 'a[', 'a]', 'a`', 'a|', 'a~', 'a;', 'a<', 'a>', 'a?', 'a!', 'a&', 'a*', 'a%', "a'", 'a"',
    'a\\', 'a(', 'a)', 'a$', 'a^', 'aé', 'a\u00a0', 'a\u0085', 'a\u2028', 'a\u{1f600}',
    // ends with ':' (a mapping key)
    'a:', 'a::', 'arn:',
    // exponent-only (a float to the yaml library)
    'e5', 'E5', 'e+5', 'e-3', 'E+10',
    // numbers, special floats, timestamps
    '1', '0', '012', '0x1F', '0o17', '0b11', '1.5', '.5', '-1', '+1', '1e3', '.inf', '-.inf', '+.INF', '.nan', '.NaN', '1:20', '2001-12-14',
    '2001-12-14t21:59:43.10-05:00',
  ])('%j is double-quoted', (value) => {
    expect(isSafePlain(value)).toBe(false);
    expect(yamlString(value)).toBe(quoteYaml(value));
    expect(yamlString(value).startsWith('"')).toBe(true);
  });

  test.each([
    ['', '""'], ['yes', '"yes"'], ['~', '"~"'], ['a b', '"a b"'], [' a', '" a"'], ['a ', '"a "'], ['a: b', '"a: b"'], ['a #b', '"a #b"'],
    ['a:', '"a:"'], ['e5', '"e5"'], ['012', '"012"'], ['a"b', '"a\\"b"'], ['a\nb', '"a\\nb"'], ['a\u0085b', '"a\\u0085b"'],
  ])('yamlString(%j) is exactly %s', (value, written) => {
    expect(yamlString(value)).toBe(written);
  });
});

describe('quoteYaml: escapes', () => {
  /** The 32 C0 controls: the five with a short escape both YAML versions share, the rest as \u00XX (lower-case hex). */
  const C0: [number, string][] = [
    [0x00, '\\u0000'], [0x01, '\\u0001'], [0x02, '\\u0002'], [0x03, '\\u0003'], [0x04, '\\u0004'], [0x05, '\\u0005'], [0x06, '\\u0006'],
    [0x07, '\\u0007'], [0x08, '\\b'], [0x09, '\\t'], [0x0a, '\\n'], [0x0b, '\\u000b'], [0x0c, '\\f'], [0x0d, '\\r'], [0x0e, '\\u000e'],
    [0x0f, '\\u000f'], [0x10, '\\u0010'], [0x11, '\\u0011'], [0x12, '\\u0012'], [0x13, '\\u0013'], [0x14, '\\u0014'], [0x15, '\\u0015'],
    [0x16, '\\u0016'], [0x17, '\\u0017'], [0x18, '\\u0018'], [0x19, '\\u0019'], [0x1a, '\\u001a'], [0x1b, '\\u001b'], [0x1c, '\\u001c'],
    [0x1d, '\\u001d'], [0x1e, '\\u001e'], [0x1f, '\\u001f'],
  ];
  /** Escaped BMP characters above C0: DEL, C1 (ends and NEL), the YAML 1.1 line breaks, the BOM, U+FFFE/U+FFFF, and the two quoted characters. */
  const OTHERS: [number, string][] = [
    [0x7f, '\\u007f'], [0x80, '\\u0080'], [0x85, '\\u0085'], [0x9f, '\\u009f'], [0x2028, '\\u2028'], [0x2029, '\\u2029'],
    [0xfeff, '\\ufeff'], [0xfffe, '\\ufffe'], [0xffff, '\\uffff'], [0x22, '\\"'], [0x5c, '\\\\'],
  ];

  test.each([...C0, ...OTHERS].map(([c, e]) => [c.toString(16).padStart(4, '0'), e, c] as const))('U+%s is written %s alone, first, last and between text', (_hex, escaped, code) => {
    const ch = String.fromCharCode(code);
    expect(quoteYaml(ch)).toBe(`"${escaped}"`);
    expect(quoteYaml(`${ch}ab`)).toBe(`"${escaped}ab"`);
    expect(quoteYaml(`ab${ch}`)).toBe(`"ab${escaped}"`);
    expect(quoteYaml(`a${ch}b${ch}`)).toBe(`"a${escaped}b${escaped}"`);
  });

  /** Characters just outside each escaped range (and other printable ones): written raw. */
  const RAW = [
    0x20, 0x21, 0x23, 0x27, 0x2f, 0x41, 0x5b, 0x5d, 0x62, 0x66, 0x6e, 0x72, 0x74, 0x75, 0x7e, 0xa0, 0xad, 0xe9, 0x2027, 0x202a, 0x3000,
    0xd7ff, 0xe000, 0xfdd0, 0xfefe, 0xff00, 0xfffd,
  ];
  test.each(RAW.map((c) => [c.toString(16), c]))('U+%s is written raw, alone and next to an escape', (_hex, code) => {
    const ch = String.fromCharCode(code);
    expect(quoteYaml(ch)).toBe(`"${ch}"`);
    expect(quoteYaml(`\n${ch}`)).toBe(`"\\n${ch}"`);
    expect(quoteYaml(`${ch}"`)).toBe(`"${ch}\\""`);
  });

  test.each([
    ['U+10000 (first astral: D800 DC00)', '\ud800\udc00'],
    ['U+103FF (D800 DFFF)', '\ud800\udfff'],
    ['U+10FC00 (DBFF DC00)', '\udbff\udc00'],
    ['U+10FFFF (last code point: DBFF DFFF)', '\udbff\udfff'],
    ['emoji U+1F600', '\u{1f600}'],
    ['astral noncharacter U+1FFFF', '\u{1ffff}'],
  ])('astral %s is written raw, alone, first, last and next to escapes', (_name, ch) => {
    expect(quoteYaml(ch)).toBe(`"${ch}"`);
    expect(quoteYaml(`${ch}\n`)).toBe(`"${ch}\\n"`);
    expect(quoteYaml(`\t${ch}`)).toBe(`"\\t${ch}"`);
    expect(quoteYaml(`"${ch}${ch}\\`)).toBe(`"\\"${ch}${ch}\\\\"`);
  });

  test.each([
    ['first high surrogate alone', '\ud800', '"\\ud800"'],
    ['last high surrogate alone', '\udbff', '"\\udbff"'],
    ['first low surrogate alone', '\udc00', '"\\udc00"'],
    ['last low surrogate alone', '\udfff', '"\\udfff"'],
    ['high surrogate at the end', 'a\ud800', '"a\\ud800"'],
    ['low surrogate at the start', '\udfffa', '"\\udfffa"'],
    ['high followed by a high', '\ud800\udbff', '"\\ud800\\udbff"'],
    ['high followed by U+E000 (just above the low range)', '\udbff\ue000', '"\\udbff\ue000"'],
    ['high followed by U+D7FF (just below the surrogates)', '\ud800\ud7ff', '"\\ud800\ud7ff"'],
    ['high followed by a letter', '\ud800a', '"\\ud800a"'],
    ['low then high (reversed pair)', '\udc00\ud800', '"\\udc00\\ud800"'],
    ['low then low (first of the range)', '\udc00\udc00', '"\\udc00\\udc00"'],
    ['low then low (last of the range)', '\udfff\udfff', '"\\udfff\\udfff"'],
    ['a letter then a lone low', 'a\udc00', '"a\\udc00"'],
    ['an escape then a lone low', '\n\udc00', '"\\n\\udc00"'],
    ['a valid pair then a lone low', '\u{1f600}\ude00', '"\u{1f600}\\ude00"'],
    ['a lone high after an escape', '\n\ud800', '"\\n\\ud800"'],
  ])('a lone surrogate is refused: %s', (_name, value, shown) => {
    expect(() => quoteYaml(value)).toThrow(new RangeError(`string ${shown} contains a lone surrogate and cannot be written as YAML`));
  });

  test.each([
    ['', '""'],
    ['plain text', '"plain text"'],
    ['a\r\nb', '"a\\r\\nb"'],
    ['\b\f', '"\\b\\f"'],
    ['"\\"', '"\\"\\\\\\""'],
    ['\\n', '"\\\\n"'],
    ['/', '"/"'],
    ['\u0000\u001f\u0020\u007e\u007f\u009f\u00a0', '"\\u0000\\u001f \u007e\\u007f\\u009f\u00a0"'],
    ['\u2027\u2028\u2029\u202a', '"\u2027\\u2028\\u2029\u202a"'],
    ['\ufefe\ufeff\uff00\ufffd\ufffe\uffff', '"\ufefe\\ufeff\uff00\ufffd\\ufffe\\uffff"'],
    ['key: "v" # c', '"key: \\"v\\" # c"'],
  ])('quoteYaml(%j) is exactly %s', (value, written) => {
    expect(quoteYaml(value)).toBe(written);
  });
});

describe('foldKey: Go encoding/json case-insensitive field names', () => {
  test.each([
    ['rolearn', 'rolearn'], ['RoleARN', 'rolearn'], ['roleArn', 'rolearn'], ['ROLEARN', 'rolearn'], ['', ''], [' A~', ' a~'], ['Groups_1', 'groups_1'],
    ['\u212aey', 'key'], // Kelvin sign K folds to k
    ['u\u017fername', 'username'], // long s folds to s
    ['\u017f', 's'],
    ['Stra\u00dfe', 'stra\u00dfe'], // ß upper-cases to SS (two letters): kept as its own lower case
    ['\u00df', '\u00df'],
    ['\u03a3\u03c3\u03c2', '\u03c3\u03c3\u03c3'], // Σ σ ς are one letter
    ['\u00c9t\u00c9', '\u00e9t\u00e9'],
    ['\u{10400}', '\u{10428}'], // astral Deseret capital: one code point after folding
    ['A\tB', 'a\tb'], ['A\u007fB', 'a\u007fb'],
  ])('foldKey(%j) = %j', (key, folded) => {
    expect(foldKey(key)).toBe(folded);
  });
});

describe('goResolvePlain: every branch of resolve.go', () => {
  test.each(WORDS)('word %j resolves to %p', (plain, value) => {
    expect(goResolvePlain(plain)).toBe(value);
  });

  test.each([
    ['.nan', NaN], ['.NaN', NaN], ['.NAN', NaN],
    ['.inf', Infinity], ['.Inf', Infinity], ['.INF', Infinity], ['+.inf', Infinity], ['+.Inf', Infinity], ['+.INF', Infinity],
    ['-.inf', -Infinity], ['-.Inf', -Infinity], ['-.INF', -Infinity],
  ])('special float %j is %p', (plain, value) => {
    expect(goResolvePlain(plain)).toBe(value);
  });

  test.each([
    // integers in every base prefix, signs, leading-zero octal
    ['0', 0], ['-0', 0], ['+0', 0], ['00', 0], ['1', 1], ['9', 9], ['123', 123], ['-12', -12], ['+12', 12],
    ['012', 10], ['017', 15], ['-012', -10], ['+07', 7],
    ['0x1F', 31], ['0X1f', 31], ['0xff', 255], ['-0x10', -16], ['+0x10', 16],
    ['0o17', 15], ['0O17', 15], ['-0o7', -7],
    ['0b11', 3], ['0B11', 3], ['-0b101', -5], ['+0b1', 1],
    // underscores removed everywhere before parsing
    ['1_000', 1000], ['1_0_0', 100], ['1__0', 10], ['0x_1F', 31], ['1_.5', 1.5],
    // int64 / uint64 boundaries
    ['-0x8000000000000000', -(2 ** 63)], ['0x7FFFFFFFFFFFFFFF', 2 ** 63], ['+0x7FFFFFFFFFFFFFFF', 2 ** 63], ['0x8000000000000000', 2 ** 63],
    ['0xFFFFFFFFFFFFFFFF', 2 ** 64], ['-9223372036854775808', -(2 ** 63)], ['9223372036854775807', 2 ** 63], ['18446744073709551615', 2 ** 64],
    ['0b' + '1'.repeat(64), 2 ** 64],
    // floats (yamlStyleFloat), leading zero without octal digits included
    ['08', 8], ['09.5', 9.5], ['1.5', 1.5], ['-1.5', -1.5], ['+1.5', 1.5], ['1.', 1], ['0.', 0], ['-0.0', -0], ['1.e3', 1000],
    ['1e3', 1000], ['1E3', 1000], ['1e+3', 1000], ['1e-3', 0.001], ['-.5', -0.5], ['+.5', 0.5], ['1e-400', 0],
    ['18446744073709551616', 2 ** 64], ['-9223372036854775809', -(2 ** 63)],
    // plain scalars starting with '.'
    ['.5', 0.5], ['.0', 0], ['.9', 0.9], ['.5_5', 0.55], ['.5e3', 500], ['.5E-3', 0.0005], ['.5e+3', 500], ['.5e3_0', 5e29], ['.55', 0.55], ['.5e30', 5e29], ['-.55', -0.55], ['+.55', 0.55],
    // resolve.go's 0b fallback with a sign after the prefix
    ['0b-1', -1], ['0b+1', 1], ['0b-1' + '0'.repeat(63), -(2 ** 63)], ['0b+' + '1'.repeat(63), 2 ** 63],
  ])('%j is the number %p', (plain, value) => {
    expect(goResolvePlain(plain)).toBe(value);
  });

  test.each([
    // case forms go-yaml does not list, and other words
    ...NOT_WORDS, 'nan', 'inf', 'NaN', 'Infinity', '.NAn', '.INf', '+.nan', '-.nan', '-.NaN', 'toString', 'constructor', '__proto__',
    // not led by a sign, digit or '.'
    'abc', 'E5', 'e3', '_1', '/1', ':1', '<<', '=', 'x1',
    // '.'-led but not Go float syntax
    '.', '..5', '._5', '.5_', '.5__5', '.e5', '.5e', '.5e_3', '.5e3x', '.5.5', '.1e400', '.5e3_',
    // sign- or digit-led but neither integer nor float
    '-', '+', '+-1', '-+1', '+.', '1e', '1e3.5', '1.5.5', '1e400', '-1e400', '0x', '0xg', '0o8', '0b2', '-0b-1', '-0b+1', '0B-1', '0b-1x', '0b+1x', '0b-', '0b1+1', '0b1-1', '0bx+1',
    '1:20', '2001-12-14', '2001-12-14t21:59:43.10-05:00', '1 2', '12a', '0x1.8p1',
    // beyond int64 / uint64 where no float syntax applies
    '-0x8000000000000001', '+0x8000000000000000', '0x10000000000000000', '0b+1' + '0'.repeat(63), '0b-1' + '0'.repeat(62) + '1',
    '-0b' + '1'.repeat(64), '0b' + '1'.repeat(65),
  ])('%j stays the string itself', (plain) => {
    expect(goResolvePlain(plain)).toBe(plain);
  });
});
