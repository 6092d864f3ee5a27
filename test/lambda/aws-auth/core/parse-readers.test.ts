/**
 * Which reader of parseList (parse.ts) answers. The JSON reader must answer exactly what the
 * YAML reader would (parse-keys.test.ts, parse-branches.test.ts), so only this tells them apart:
 * it keeps the YAML reader (about 300 ms for a 1 MiB aws-auth) out of the common JSON case,
 * as CDK's AwsAuth writes it, and hands it everything it cannot be sure of.
 */
import * as yaml from 'yaml';
import { AwsAuthParseError, parseList } from '../../../../lambda/aws-auth/core';

// The real yaml library, its parseDocument wrapped so that calls can be counted.
jest.mock('yaml', () => {
  const actual = jest.requireActual<typeof yaml>('yaml');
  return { ...actual, parseDocument: jest.fn(actual.parseDocument) };
});

describe('parseList: the JSON reader answers plain JSON, the YAML reader the rest', () => {
  const parseDocument = yaml.parseDocument as jest.Mock;
  beforeEach(() => {
    parseDocument.mockClear();
  });

  test.each<[string, string, unknown[]]>([
    ['strings', '[{"a":"b"}]', [{ a: 'b' }]],
    ['booleans, null, lists and mappings in two items', '[{"a":true,"b":null},{"c":["d"],"e":{"f":"g"}}]', [{ a: true, b: null }, { c: ['d'], e: { f: 'g' } }]],
    ['an empty list', '[]', []],
    ['a slash written as \\u002f', '[{"a":"\\u002f"}]', [{ a: '/' }]],
  ])('JSON: %s', (_name, src, items) => {
    expect(parseList('mapRoles', src, 'entries')).toStrictEqual({ items });
    expect(parseDocument).not.toHaveBeenCalled();
  });

  test('JSON: an item that is not a mapping is refused by the JSON reader', () => {
    expect(() => parseList('mapRoles', '[{"a":"b"},"x"]', 'entries')).toThrow(new AwsAuthParseError('aws-auth data key "mapRoles" item 2 must be a mapping, got the string "x"; nothing was written; fix mapRoles in kube-system/aws-auth by hand (kubectl -n kube-system edit configmap aws-auth) and deploy again'));
    expect(parseDocument).not.toHaveBeenCalled();
  });

  test.each<[string, string]>([
    ['a number', '[{"a":1}]'],
    ['a number in a later item', '[{"a":"b"},{"c":1}]'],
    ['raw LS', '[{"a":"x\u2028y"}]'],
    ['raw PS', '[{"a":"x\u2029y"}]'],
    ['the YAML 1.2 escape \\/', '[{"a":"x\\/y"}]'],
    ['a duplicate key', '[{"a":"b","a":"c"}]'],
    ['a key split from its ":"', '[{"a"\n:"b"}]'],
    ['invalid JSON', '[{"a":"b"},]'],
    ['flow YAML', '[{a: b}]'],
    ['block YAML outside the subset', '- a: b # c\n'],
    ['mapAccounts JSON (typed by go-yaml, not JSON)', '["1"]'],
  ])('YAML: %s', (_name, src) => {
    try {
      parseList(src === '["1"]' ? 'mapAccounts' : 'mapRoles', src, src === '["1"]' ? 'scalars' : 'entries');
    } catch {
      // some of these are refused; the reader is what counts here
    }
    expect(parseDocument).toHaveBeenCalledTimes(1);
  });

  test('the block subset answers before either', () => {
    expect(parseList('mapRoles', '- a: b\n', 'entries').items).toStrictEqual([{ a: 'b' }]);
    expect(parseDocument).not.toHaveBeenCalled();
  });
});
