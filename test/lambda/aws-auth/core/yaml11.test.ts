/**
 * Table tests of the YAML 1.1 rules the core applies as go-yaml v2 applies them (no Go needed;
 * authenticator-oracle*.test.ts checks the same rules against Go itself).
 */
import { goResolvePlain, quoteYaml, yamlString } from '../../../../lambda/aws-auth/core/yaml11';

describe('quoteYaml: characters go-yaml refuses raw or reads differently are escaped', () => {
  test.each([
    ['NUL (C0)', '\u0000', '"\\u0000"'],
    ['ESC (C0)', '\u001b', '"\\u001b"'],
    ['tab', '\t', '"\\t"'],
    ['LF', '\n', '"\\n"'],
    ['CR (folded to a space raw)', '\r', '"\\r"'],
    ['DEL', '\u007f', '"\\u007f"'],
    ['C1 U+0080', '\u0080', '"\\u0080"'],
    ['NEL (a space raw inside quotes)', '\u0085', '"\\u0085"'],
    ['LS', '\u2028', '"\\u2028"'],
    ['PS', '\u2029', '"\\u2029"'],
    ['BOM', 'a\ufeffb', '"a\\ufeffb"'],
    ['noncharacter U+FFFE ("control characters are not allowed" raw)', '\ufffe', '"\\ufffe"'],
    ['noncharacter U+FFFF', '\uffff', '"\\uffff"'],
    ['quote and backslash', 'a"b\\c', '"a\\"b\\\\c"'],
  ])('non-compliant raw: %s', (_name, value, quoted) => {
    expect(quoteYaml(value)).toBe(quoted);
  });

  test.each([
    ['astral emoji', '\u{1f600}'],
    ['astral noncharacter U+1FFFF (go-yaml reads it raw; it has no \\u escape for it)', '\u{1ffff}'],
    ['last code point U+10FFFF', '\u{10ffff}'],
    ['BMP noncharacter U+FDD0 (inside go-yaml\'s printable range)', '\ufdd0'],
    ['replacement character U+FFFD', '\ufffd'],
    ['no-break space and ideographic space', '\u00a0\u3000'],
    ['soft hyphen', '\u00ad'],
  ])('compliant raw: %s', (_name, value) => {
    expect(quoteYaml(value)).toBe(`"${value}"`);
  });

  test('a lone surrogate cannot be written', () => {
    expect(() => quoteYaml('a\ud800')).toThrow(RangeError);
    expect(() => quoteYaml('\udfffa')).toThrow('contains a lone surrogate');
  });

  test.each([['yes'], ['NO'], ['~'], ['012'], ['1e3'], ['.inf'], ['1:20'], ['x:'], ['a b'], ['#x'], ['']])('YAML 1.1 special %j is quoted', (v) => {
    expect(yamlString(v)).toBe(`"${v}"`);
  });
});

describe('goResolvePlain: plain scalars typed as gopkg.in/yaml.v2 resolve.go types them', () => {
  test.each([
    ['yes', true], ['On', true], ['y', true], ['NO', false], ['off', false], ['~', null], ['', null], ['Null', null],
    ['012', 10], ['0o17', 15], ['0x_1F', 31], ['0B11', 3], ['+12', 12], ['1_000', 1000], ['1_', 1], ['09', 9], ['1e3', 1000], ['.5', 0.5], ['+.5', 0.5], ['0.', 0],
    ['-0b101', -5], ['0b-1', -1], ['9223372036854775807', 2 ** 63], ['18446744073709551615', 2 ** 64], ['18446744073709551616', 2 ** 64],
  ])('%j is not a string: %p', (plain, value) => { // beyond uint64 is still float syntax
    expect(goResolvePlain(plain)).toBe(value);
  });

  test.each([
    ['.nan'], ['.Inf'], ['-.inf'], ['+.INF'],
  ])('%j is a float JSON cannot hold', (plain) => {
    expect(Number.isFinite(goResolvePlain(plain) as number)).toBe(false);
  });

  test.each([
    ['1:20', 'no sexagesimal numbers'], ['2001-12-14', 'timestamps stay text'], ['2001-12-14t21:59:43.10-05:00', 'timestamps stay text'], ['1e400', 'out of float64 range'],
['0x', 'no digits'], ['_1', 'starts with _'], ['E5', 'letters other than yYnNtTfFoO are never looked up'], ['e3', 'no digits before the exponent'],
    ['nan', 'only .nan'], ['inf', 'only .inf'], ['<<', 'a merge key only as a key'], ['._5', 'not a Go float'], ['-0b-1', 'a double sign'], ['-', 'a lone sign'],
  ])('%j is a string (%s)', (plain) => {
    expect(goResolvePlain(plain)).toBe(plain);
  });
});
