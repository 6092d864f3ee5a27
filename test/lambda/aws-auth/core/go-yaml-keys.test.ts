/**
 * The key rule of go-yaml.ts: go-yaml (libyaml's simple keys) reads `key:` without `?` only when
 * its `:` is on the key's line and at most 1024 characters after the key's first character.
 * Boundaries asked of Go (authenticator oracle): a 1024-character plain key or a 1022-character
 * quoted one is read, one more character and the whole value is refused.
 */
import { parseDocument } from 'yaml';
import { documentProblem, implicitKeyProblem, MAX_KEY_SPAN } from '../../../../lambda/aws-auth/core/go-yaml';

const doc = (src: string) => parseDocument(src, { version: '1.1', schema: 'failsafe', keepSourceTokens: true });
const k = (n: number): string => 'k'.repeat(n);
const problem = (at: string): string => `has a mapping key at ${at} whose ":" is on a later line or more than 1024 characters after the key's start, which the authenticator's YAML reader (gopkg.in/yaml.v2) refuses, so the authenticator ignores the whole key; write each key and its ":" on one line, and keep keys short`;

describe('implicitKeyProblem', () => {
  test('the limit is 1024', () => {
    expect(MAX_KEY_SPAN).toBe(1024);
  });

  test.each<[string, string, number, number, string | undefined]>([
    ['`:` right after a one-character key', 'a: b', 0, 1, undefined],
    ['`:` 1024 characters after the start', `${k(1024)}: b`, 0, 1024, undefined],
    ['`:` 1025 characters after the start', `${k(1025)}: b`, 0, 1025, problem('line 1 column 1')],
    ['a key that starts later: only the span counts', `${k(2000)}\n  ${k(1024)}: b`, 2003, 3027, undefined],
    ['a key that starts later, one too long', `${k(2000)}\n  ${k(1025)}: b`, 2003, 3028, problem('line 2 column 3')],
    ['a line break between key and `:`', 'x\n"a"\n: b', 2, 6, problem('line 2 column 1')],
    ['U+2028 inside the key', '"a\u2028b": c', 0, 5, problem('line 1 column 1')],
    ['U+2029 inside the key', '"a\u2029b": c', 0, 5, problem('line 1 column 1')],
    ['a line break before the key does not count', 'x\na: b', 2, 3, undefined],
    ['a line break after the `:` does not count', 'a:\n b', 0, 1, undefined],
  ])('%s', (_name, src, start, colon, expected) => {
    expect(implicitKeyProblem(src, start, colon)).toBe(expected);
  });
});

describe('documentProblem: mapping keys', () => {
  test.each<[string, string, string]>([
    ['a block key of 1025 characters after a good one', `- a: b\n  ${k(1025)}: x\n`, 'line 2 column 3'],
    ['a flow key of 1025 characters', `- {a: b, ${k(1025)}: x}\n`, 'line 1 column 10'],
    ['a quoted flow key of 1023 characters (1025 with quotes)', `- {"${k(1023)}": x}\n`, 'line 1 column 4'],
    ['a flow key split from its `:`', '- {a\n  : b}\n', 'line 1 column 4'],
    ['a key of a nested mapping', `- a:\n    b: {${k(1025)}: x}\n`, 'line 2 column 9'],
  ])('refused: %s', (_name, src, at) => {
    expect(documentProblem(src, doc(src), 'entries')).toBe(problem(at));
  });

  test.each<[string, string]>([
    ['block and flow keys of 1024 characters', `- ${k(1024)}: x\n  b: {${k(1024)}: y}\n`],
    ['an explicit (?) flow key of 1100 characters', `- {? ${k(1100)} : x}\n`],
    ['an explicit (?) block key split from its `:`', `- ? ${k(1100)}\n  : x\n`],
    ['a flow mapping entry without a value', '- {a, b: c}\n'],
    ['a flow mapping entry with an empty value', '- {a: , b: c}\n'],
    ['a flow mapping inside a flow list (not an implicit pair)', '- [{a: b}, {c: d}]\n'],
  ])('read: %s', (_name, src) => {
    expect(documentProblem(src, doc(src), 'entries')).toBeUndefined();
  });

  test('the implicit-pair rule comes first for a pair directly in a flow list', () => {
    expect(documentProblem('- [a: b]\n', doc('- [a: b]\n'), 'entries')).toBe('has a key: value pair directly inside a [flow list], which YAML readers split differently; wrap it in braces or quote it');
  });
});
