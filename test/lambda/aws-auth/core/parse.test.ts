/**
 * Table tests of the stored-value rules of parseList: each rule has a non-compliant value
 * (refused, because the authenticator ignores the key or reads it differently from the `yaml`
 * library) and a compliant neighbour read as the authenticator reads it. The Go oracle tests
 * (authenticator-oracle-parse.test.ts) check the same rules against Go itself.
 */
import { AwsAuthParseError, parseList } from '../../../../lambda/aws-auth/core';

const ROLE = 'arn:aws:iam::111122223333:role/r';
const entry = (username: string): string => `- rolearn: ${ROLE}\n  username: ${username}\n  groups: []\n`;

describe('parseList refuses what the authenticator refuses or reads differently', () => {
  test.each([
    ['raw NUL', entry('"a\u0000b"'), 'contains U+0000 at line 2 column 15, a character the authenticator\'s YAML reader (gopkg.in/yaml.v2) refuses ("control characters are not allowed"), so the authenticator ignores the whole key'],
    ['raw DEL', entry('a\u007fb'), 'contains U+007F at line 2 column 14'],
    ['raw C1 U+0080', entry('"a\u0080"'), 'contains U+0080'],
    ['raw U+FFFE', entry('"a\ufffe"'), 'contains U+FFFE at line 2 column 15'],
    ['raw U+FFFF in JSON', `[{"rolearn":"${ROLE}","username":"\uffff","groups":[]}]`, 'contains U+FFFF at line 1 column 60'],
    ['raw NEL (a space to go-yaml inside quotes)', entry('"a\u0085b"'), 'contains U+0085 at line 2 column 15, a YAML 1.1 line break'],
    ['tab after "-"', `- rolearn: ${ROLE}\n  username: a\n  groups:\n  - \tx\n`, 'has a tab at line 4 column 5 in indentation or after "-"'],
    ['tab in indentation', `- rolearn: ${ROLE}\n \t username: a\n`, 'has a tab at line 2 column 2 in indentation or after "-"'],
    ['tab on a blank line', `- rolearn: ${ROLE}\n\t\n  username: a\n`, 'has a tab at line 2 column 1 in indentation or after "-"'],
    ['lone surrogate', entry('"a\ud800"'), 'a lone UTF-16 surrogate'],
    ['lone CR', `- rolearn: ${ROLE}\r  username: a\n  groups: []\n`, 'contains a carriage return (U+000D) not followed by a line feed at line 1'],
    ['surrogate-pair escape', entry('"\\ud83d\\ude00"'), 'contains the surrogate escape \\ud83d at line 2 column 14'],
    ['YAML 1.2 escape \\/', entry('"a\\/b"'), 'uses the escape \\/ in a double-quoted scalar'],
    ['LS in a plain scalar (a line break to go-yaml)', entry('a\u2028b'), 'contains U+2028 at line 2 column 14 outside a quoted scalar'],
    ['LS next to a space inside quotes (go-yaml drops the space)', entry('"a \u2028b"'), 'with a raw U+2028/U+2029 next to white space'],
    ['PS next to a tab inside single quotes', entry("'a\u2029\tb'"), 'with a raw U+2028/U+2029 next to white space'],
    ['PS in a comment', `${entry('a')}# x\u2029y\n`, 'contains U+2029 at line 4 column 4 outside a quoted scalar'],
    ['.nan (encoding/json cannot hold NaN)', entry('.nan'), 'holds .nan, a number JSON cannot hold'],
    ['-.Inf', entry('-.Inf'), 'holds -.Inf, a number JSON cannot hold'],
    ['plain ending with ":" in a flow list', `- {rolearn: ${ROLE}, username: a, groups: [x:]}\n`, 'has a key: value pair directly inside a [flow list]'],
    ['plain starting with ":" in a flow list', `- {rolearn: ${ROLE}, username: a, groups: [":a", :b]}\n`, 'holds the unquoted ":b" inside a flow collection'],
    ['merge key', `- &a {rolearn: ${ROLE}}\n- <<: *a\n  username: a\n`, 'uses a YAML merge key (<<)'],
    ['explicit tag', entry('!!int "12"'), 'uses the explicit tag tag:yaml.org,2002:int'],
    ['null key', `- rolearn: ${ROLE}\n  ~: a\n  username: b\n`, 'has a mapping with a null key'],
  ])('non-compliant: %s', (_name, src, message) => {
    expect(() => parseList('mapRoles', src, 'entries')).toThrow(AwsAuthParseError);
    expect(() => parseList('mapRoles', src, 'entries')).toThrow(message);
  });

  test.each([
    ['escaped NUL', entry('"a\\0b"'), 'a\u0000b'],
    ['escaped U+FFFE', entry('"a\\uFFFE"'), 'a\ufffe'],
    ['escaped NEL', entry('"a\\Nb"'), 'a\u0085b'],
    ['escaped tab', entry('"\\tx"'), '\tx'],
    ['raw tab inside quotes', entry('"\tx"'), '\tx'],
    ['raw tab inside a plain scalar', entry('a\tx'), 'a\tx'],
    ['raw tab after "key:" and before a comment', `- rolearn: ${ROLE}\n  username:\ta\t# c\n  groups: []\n`, 'a'],
    ['tab-indented JSON', JSON.stringify([{ rolearn: ROLE, username: 'a', groups: [] }], null, '\t'), 'a'],
    ['astral character raw', entry('"\u{1f600}"'), '\u{1f600}'],
    ['astral escape', entry('"\\U0001F600"'), '\u{1f600}'],
    ['CRLF line ends', `- rolearn: ${ROLE}\r\n  username: a\r\n  groups: []\r\n`, 'a'],
    ['LS inside double quotes (kept by go-yaml)', entry('"a\u2028b"'), 'a\u2028b'],
    ['LS inside single quotes', entry("'a\u2028b'"), 'a\u2028b'],
    ['1:20 is text to go-yaml (no sexagesimal)', entry('1:20'), '1:20'],
    ['a timestamp is text to go-yaml', entry('2001-12-14'), '2001-12-14'],
    ['quoted .nan', entry('".nan"'), '.nan'],
    ['!!str tag', entry('!!str 012'), '012'],
    ['colon inside a flow plain scalar (an ARN)', `- {rolearn: ${ROLE}, username: a:b, groups: []}\n`, 'a:b'],
  ])('compliant: %s', (_name, src, username) => {
    expect(parseList('mapRoles', src, 'entries').items).toEqual([expect.objectContaining({ username })]);
  });

  test.each([
    ['0o17', 15], ['0x_1F', 31], ['09', 9], ['yes', true], ['~', null],
  ])('a plain %j is typed as go-yaml types it: %p', (plain, value) => {
    // `mapRoles` with a flow mapping takes the full reader; the block reader agrees (properties.test.ts).
    expect(parseList('mapRoles', `- {rolearn: ${ROLE}, username: ${plain}, groups: []}\n`, 'entries').items).toEqual([{ rolearn: ROLE, username: value, groups: [] }]);
  });

  test.each([["''"], ['""'], ['``'], ['  \n']])('%j is skippable, as in the authenticator (no entries)', (src) => {
    expect(parseList('mapRoles', src, 'entries').items).toEqual([]);
  });

  test('mapAccounts keeps the text of plain scalars and refuses YAML 1.2 escapes too', () => {
    expect(parseList('mapAccounts', '- 012\n- 1e3\n- ~\n', 'scalars').items).toEqual(['012', '1e3', '']);
    expect(() => parseList('mapAccounts', '- "\\/"\n', 'scalars')).toThrow('uses the escape \\/ in a double-quoted scalar');
  });
});
