/** The go-yaml compatibility rules as pure functions (parse.test.ts checks them through parseList). */
import { parseDocument } from 'yaml';
import { documentProblem, textProblem, typePlainScalars } from '../../../../lambda/aws-auth/core/go-yaml';

const doc = (src: string) => parseDocument(src, { version: '1.1', schema: 'failsafe', keepSourceTokens: true });

describe('textProblem', () => {
  test.each([
    ['- "a\ufffeb"\n', 'contains U+FFFE at line 1 column 5'],
    ['- a\n-\tb\n', 'has a tab at line 2 column 2 in indentation or after "-"'],
    ['- a\rb\n', 'contains a carriage return (U+000D) not followed by a line feed at line 1 column 4'],
    ['- "\\udfff"\n', 'contains the surrogate escape \\udfff at line 1 column 4'],
  ])('non-compliant %j', (src, problem) => {
    expect(textProblem(src)).toContain(problem);
  });

  test.each([['- "a\\uFFFEb"\n'], ['- a\tb\n'], ['- a\r\n- b\r\n'], ['- "\\U0001F600"\n'], ['[\n\t"a"\n]']])('compliant %j', (src) => {
    expect(textProblem(src)).toBeUndefined();
  });
});

describe('documentProblem', () => {
  test.each([
    ['- "a\u2028 b"\n', 'with a raw U+2028/U+2029 next to white space'],
    ['- a\u2028b\n', 'contains U+2028 at line 1 column 4 outside a quoted scalar'],
    ['- "a\\/b"\n', 'uses the escape \\/'],
    ['- [a: b]\n', 'has a key: value pair directly inside a [flow list]'],
    ['- {a: [:b]}\n', 'holds the unquoted ":b" inside a flow collection'],
    ['- <<: {a: b}\n', 'uses a YAML merge key'],
    ['- !!binary aGk=\n', 'uses the explicit tag tag:yaml.org,2002:binary'],
    ['- ~: a\n', 'has a mapping with a null key'],
    ['- a: .NaN\n', 'holds .NaN, a number JSON cannot hold'],
  ])('non-compliant %j', (src, problem) => {
    expect(documentProblem(src, doc(src), 'entries')).toContain(problem);
  });

  test.each([['- "a\u2028b"\n'], ['- a: "b\\tc\\N"\n'], ['- {a: [b:c]}\n'], ['- !!str 012\n'], ['- a: ".nan"\n']])('compliant %j', (src) => {
    expect(documentProblem(src, doc(src), 'entries')).toBeUndefined();
  });

  test('mapAccounts keeps the text of .nan (go-yaml decodes it into a string)', () => {
    expect(documentProblem('- .nan\n', doc('- .nan\n'), 'scalars')).toBeUndefined();
  });
});

test('typePlainScalars types untagged plain scalars only', () => {
  const d = doc('- {a: 012, b: "012", c: !!str 012, d: yes, e: 1:20, f: ~}\n');
  typePlainScalars(d);
  expect(d.toJS()).toEqual([{ a: 10, b: '012', c: '012', d: true, e: '1:20', f: null }]);
});
