/** The stand-in's ObjectMeta omitempty rule: a merge patch removing the last label or annotation leaves no map. */
import { mergePatch, omitEmptyMetadataMaps } from '../../support/kube-configmap-rules';

describe('omitEmptyMetadataMaps', () => {
  test('drops empty labels and annotations maps, keeps non-empty ones and every other field', () => {
    const live = { metadata: { name: 'x', labels: { a: '1' }, annotations: { b: '2' }, finalizers: [] }, data: {} };
    expect(omitEmptyMetadataMaps(mergePatch(live, { metadata: { labels: { a: null }, annotations: { b: null } } }))).toEqual({ metadata: { name: 'x', finalizers: [] }, data: {} });
    expect(omitEmptyMetadataMaps(live)).toEqual(live);
  });

  test.each<[string, unknown]>([['no metadata', { data: {} }], ['metadata not an object', { metadata: 'x' }], ['not an object', 'x'], ['null', null]])('%s: unchanged', (_what, value) => {
    expect(omitEmptyMetadataMaps(value)).toEqual(value);
  });

  test('a list in place of a map is not a map', () => {
    expect(omitEmptyMetadataMaps({ metadata: { labels: [] } })).toEqual({ metadata: { labels: [] } });
  });
});
