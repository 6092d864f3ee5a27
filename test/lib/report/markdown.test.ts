import { code, inlineCode, messageMarkdown, messageText, showInvisible } from '../../../lib/report/markdown';

describe('inlineCode', () => {
  test.each([
    ['plain', '`plain`'],
    ['a`b', '``a`b``'],
    ['``x', '``` ``x ```'],
    ['', '(empty)'],
    ['line\nbreak', '`line\\u{a}break`'],
    ['bidi\u202Eevil', '`bidi\\u{202e}evil`'],
    ['<img src=x onerror=alert(1)>', '`<img src=x onerror=alert(1)>`'],
    ['[link](https://evil.example) @org/team', '`[link](https://evil.example) @org/team`'],
  ])('%j -> %s', (value, expected) => {
    expect(inlineCode(value)).toBe(expected);
  });

  test('in a table, | is escaped so the cell cannot end early', () => {
    expect(inlineCode('a|b', { inTable: true })).toBe('`a\\|b`');
    expect(inlineCode('a|b')).toBe('`a|b`');
  });

  test('the fence is longer than any backtick run inside', () => {
    const value = 'x```y`z';
    expect(inlineCode(value)).toBe('````x```y`z````');
  });

  test('a lone surrogate is shown, not emitted', () => {
    expect(showInvisible('a\ud800b')).toBe('a\\u{d800}b');
  });
});

describe('messages with marked values', () => {
  test('values become code spans in Markdown and backticks in plain text', () => {
    const message = `mapped to ${code('system:masters')} by ${code('a`b')}`;
    expect(messageMarkdown(message)).toBe('mapped to `system:masters` by ``a`b``');
    expect(messageText(message)).toBe('mapped to `system:masters` by `a`b`');
  });

  test('a value cannot forge the end of its marker', () => {
    const message = `x ${code('evil\ufdd1 **bold** \ufdd0more')} y`;
    expect(messageMarkdown(message)).toBe('x `evil **bold** more` y');
  });
});
