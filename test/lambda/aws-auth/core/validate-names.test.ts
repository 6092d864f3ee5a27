/** nameProblem: why a username or group name cannot be written, with the code point and its position. */
import { MAX_NAME_LENGTH, nameProblem } from '../../../../lambda/aws-auth/core/validate';

const CONTROL = 'a control character, which the authenticator\'s YAML reader refuses unless escaped';
const BREAK = 'a YAML 1.1 line break (NEL, LS or PS), which YAML readers disagree on';
const BOM = 'the byte-order mark U+FEFF, which YAML readers drop at the start of a document and go-yaml does not count as printable';
const NONCHAR = 'a noncharacter the authenticator\'s YAML reader refuses unless escaped ("control characters are not allowed")';
const SURROGATE = 'a lone UTF-16 surrogate, which UTF-8 (and so Kubernetes) cannot hold';

test('the longest name is 1024 characters', () => {
  expect(MAX_NAME_LENGTH).toBe(1024);
  expect(nameProblem('n'.repeat(1024))).toBeUndefined();
  expect(nameProblem('n'.repeat(1025))).toBe('it is 1025 characters long');
  expect(nameProblem(' '.repeat(2000))).toBe('it is 2000 characters long');
});

describe('each refused character: its code point in capitals, its 1-based position and why', () => {
  test.each<[string, string, string]>([
    ['NUL', '\u0000', `it contains U+0000 at position 1, ${CONTROL}`],
    ['ESC, hex in capitals', 'ab\u001b', `it contains U+001B at position 3, ${CONTROL}`],
    ['unit separator', 'a\u001f', `it contains U+001F at position 2, ${CONTROL}`],
    ['DEL', 'a\u007f', `it contains U+007F at position 2, ${CONTROL}`],
    ['the first C1 control', 'a\u0080', `it contains U+0080 at position 2, ${CONTROL}`],
    ['the last C1 control', 'a\u009f', `it contains U+009F at position 2, ${CONTROL}`],
    ['NEL', 'a\u0085', `it contains U+0085 at position 2, ${BREAK}`],
    ['LS', '\u2028a', `it contains U+2028 at position 1, ${BREAK}`],
    ['PS', 'ab\u2029', `it contains U+2029 at position 3, ${BREAK}`],
    ['BOM', 'a\ufeff', `it contains U+FEFF at position 2, ${BOM}`],
    ['U+FFFE', 'a\ufffe', `it contains U+FFFE at position 2, ${NONCHAR}`],
    ['U+FFFF', 'a\uffff', `it contains U+FFFF at position 2, ${NONCHAR}`],
    ['a lone high surrogate at the end', 'ab\ud83d', `it contains U+D83D at position 3, ${SURROGATE}`],
    ['a lone high surrogate before a letter', '\udbffa', `it contains U+DBFF at position 1, ${SURROGATE}`],
    ['a lone low surrogate', 'a\udfff', `it contains U+DFFF at position 2, ${SURROGATE}`],
    ['a low surrogate after a complete pair', '\ud83d\ude00\ude00', `it contains U+DE00 at position 3, ${SURROGATE}`],
    ['two high surrogates then a low one', '\ud83d\ud83d\ude00', `it contains U+D83D at position 1, ${SURROGATE}`],
  ])('%s', (_name, value, problem) => {
    expect(nameProblem(value)).toBe(problem);
  });

  test('the rules are tried in order: a line break is named before an earlier control character', () => {
    expect(nameProblem('\u0001\u0085')).toBe(`it contains U+0085 at position 2, ${BREAK}`);
    expect(nameProblem('\ufeff\u0001')).toBe(`it contains U+0001 at position 2, ${CONTROL}`);
    expect(nameProblem('\ud800\ufffe')).toBe(`it contains U+FFFE at position 2, ${NONCHAR}`);
  });

  test('the first occurrence of a character is the one named', () => {
    expect(nameProblem('ab\u0000c\u0000')).toBe(`it contains U+0000 at position 3, ${CONTROL}`);
  });
});

describe('whitespace at either end', () => {
  test.each<[string, string | undefined]>([
    [' a', 'it starts or ends with whitespace'],
    ['a ', 'it starts or ends with whitespace'],
    ['\u3000a', 'it starts or ends with whitespace'],
    ['a\u00a0', 'it starts or ends with whitespace'],
    ['a b', undefined],
    ['a\u3000b', undefined],
  ])('%j', (value, problem) => {
    expect(nameProblem(value)).toBe(problem);
  });
});

test.each([
  ['plain', 'developer'], ['a complete surrogate pair', 'dev-\ud83d\ude00'], ['the characters around the refused ranges', ' \u007e\u00a0\u00a1\u2027\u202a\ufefe\uff00\ufffd'.trim()],
  ['U+0020 to U+007E', Array.from({ length: 0x5f }, (_, i) => String.fromCharCode(0x20 + i)).join('').trim()],
])('usable: %s', (_name, value) => {
  expect(nameProblem(value)).toBeUndefined();
});
