/** Rendering aws-auth list values as eksctl-style block YAML: exact text per shape, and read-back. */
import * as fc from 'fast-check';
import { parseList } from '../../../../lambda/aws-auth/core/parse';
import { renderItem, renderList } from '../../../../lambda/aws-auth/core/render';
import { yaml11 } from './fixtures';

describe('renderItem: scalars', () => {
  test.each<[string, unknown, string]>([
    ['null', null, '- null\n'],
    ['undefined (as null)', undefined, '- null\n'],
    ['true', true, '- true\n'],
    ['false', false, '- false\n'],
    ['an integer', 42, '- 42\n'],
    ['a negative float', -1.5, '- -1.5\n'],
    ['zero', 0, '- 0\n'],
    ['minus zero (a float, so it keeps its sign)', -0, '- -0.0\n'],
    ['NaN', NaN, '- .nan\n'],
    ['infinity', Infinity, '- .inf\n'],
    ['minus infinity', -Infinity, '- -.inf\n'],
    ['a bigint', 12345678901234567890n, '- 12345678901234567890\n'],
    ['a plain string', 'dev', '- dev\n'],
    ['a string YAML 1.1 reads as a boolean', 'NO', '- "NO"\n'],
    ['a string that looks like a number', '012345678901', '- "012345678901"\n'],
    ['an empty list', [], '- []\n'],
    ['an empty mapping', {}, '- {}\n'],
  ])('%s', (_name, value, text) => {
    expect(renderItem(value)).toBe(text);
  });

  test.each<[string, unknown]>([
    ['function', () => 1],
    ['symbol', Symbol('s')],
  ])('a %s cannot be rendered', (type, value) => {
    expect(() => renderItem(value)).toThrow(RangeError);
    expect(() => renderItem(value)).toThrow(`cannot render ${type} as YAML`);
    expect(() => renderItem({ a: value })).toThrow(`cannot render ${type} as YAML`);
  });
});

describe('renderItem: mappings and lists', () => {
  test('an entry as eksctl writes it: keys in insertion order, groups at the key\'s column', () => {
    expect(renderItem({ rolearn: 'arn:aws:iam::111122223333:role/x', username: 'system:node:{{EC2PrivateDNSName}}', groups: ['system:bootstrappers', 'system:nodes'] }))
      .toBe('- rolearn: arn:aws:iam::111122223333:role/x\n  username: system:node:{{EC2PrivateDNSName}}\n  groups:\n  - system:bootstrappers\n  - system:nodes\n');
  });

  test('empty values inline, null and undefined values as null, keys quoted when YAML 1.1 would type them', () => {
    expect(renderItem({ NO: 'x', groups: [], sso: {}, a: null, b: undefined, c: true, '1': 2 }))
      .toBe('- "1": 2\n  "NO": x\n  groups: []\n  sso: {}\n  a: null\n  b: null\n  c: true\n');
  });

  test('nested mappings indent by two, nested lists sit at their key\'s column, lists in lists get a bare dash', () => {
    const item = { a: { b: 1, c: [1, 2] }, d: [], e: {}, f: [[1, 2], []], g: [{ h: 1, i: 2 }, {}], j: { k: { l: 'm' } } };
    expect(renderItem(item)).toBe([
      '- a:',
      '    b: 1',
      '    c:',
      '    - 1',
      '    - 2',
      '  d: []',
      '  e: {}',
      '  f:',
      '  -',
      '    - 1',
      '    - 2',
      '  - []',
      '  g:',
      '  - h: 1',
      '    i: 2',
      '  - {}',
      '  j:',
      '    k:',
      '      l: m',
      '',
    ].join('\n'));
    expect(yaml11(renderItem(item))).toEqual([item]);
  });

  test('a list as the item: a bare dash, its items indented under it', () => {
    expect(renderItem([1, [2, { a: 'b', c: 'd' }], 'x'])).toBe('-\n  - 1\n  -\n    - 2\n    - a: b\n      c: d\n  - x\n');
    expect(yaml11(renderItem([1, [2, { a: 'b', c: 'd' }], 'x']))).toEqual([[1, [2, { a: 'b', c: 'd' }], 'x']]);
  });

  test('a mapping inside a list inside a mapping', () => {
    expect(renderItem({ a: [{ b: [{ c: 1 }] }] })).toBe('- a:\n  - b:\n    - c: 1\n');
  });
});

describe('renderList', () => {
  const x = { rolearn: 'arn:aws:iam::111122223333:role/x', username: 'x', groups: ['g'] };
  const xText = '- rolearn: arn:aws:iam::111122223333:role/x\n  username: x\n  groups:\n  - g\n';

  test.each<[string, unknown[], (string | undefined)[] | undefined, string]>([
    ['the empty list', [], undefined, '[]\n'],
    ['the empty list, whatever the sources', [], ['- a\n'], '[]\n'],
    ['items without sources are rendered', [x, 'b'], undefined, `${xText}- b\n`],
    ['a known source is copied verbatim', [x, 'b'], ['- {rolearn: kept as it was}\n', undefined], '- {rolearn: kept as it was}\n- b\n'],
    ['sources shorter than items', [x, 'b'], [undefined], `${xText}- b\n`],
    ['every source known', ['a', 'b'], ['- "a"\n', '- \'b\'\n'], '- "a"\n- \'b\'\n'],
  ])('%s', (_name, items, sources, text) => {
    expect(renderList(items, sources)).toBe(text);
  });
});

describe('read-back', () => {
  const scalar = fc.oneof(
    fc.constantFrom('NO', 'yes', 'On', '~', 'null', '012', '0x1F', '1e3', '.inf', '{{SessionName}}', 'a: b', '#x', '- x', "it's", 'say "hi"', 'ü', ''),
    fc.stringMatching(/^[a-z][a-z0-9:-]{0,8}$/),
    fc.boolean(),
    fc.constant(null),
    fc.integer({ min: -1000, max: 1000 }),
  );
  const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
    v: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(fc.stringMatching(/^[a-z]{1,5}$/), tie('v'), { maxKeys: 3 })),
  })).v;
  const entry = fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), value, { minKeys: 1, maxKeys: 4 });

  test('rendered entries read back as themselves, with our reader and with a YAML 1.1 reader', () => {
    fc.assert(fc.property(fc.array(entry, { maxLength: 4 }), (items) => {
      const text = renderList(items);
      expect(parseList('mapRoles', text, 'entries').items).toEqual(items);
      expect(yaml11(text)).toEqual(items);
    }), { numRuns: 200 });
  });
});
