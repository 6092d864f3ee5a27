/** The readers of untrusted JSON values. */
import { describeType, isRecord } from '../../../../lambda/manifests/core/json';

describe('isRecord and describeType', () => {
  test.each<[string, unknown, boolean, string]>([
    ['an object', { a: 1 }, true, 'an object'],
    ['an empty object', {}, true, 'an object'],
    ['null', null, false, 'null'],
    ['a list', [1], false, 'a list'],
    ['a string', 'x', false, 'a string'],
    ['a number', 3, false, 'a number'],
    ['a boolean', true, false, 'a boolean'],
    ['undefined', undefined, false, 'undefined'],
  ])('%s', (_name, value, record, text) => {
    expect(isRecord(value)).toBe(record);
    expect(describeType(value)).toBe(text);
  });
});
