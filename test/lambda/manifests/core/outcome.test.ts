/** Per-object outcomes and the attributes that fit the custom-resource response. */
import { outcomeOf, resultAttributes, MAX_ATTRIBUTES_BYTES } from '../../../../lambda/manifests/core/outcome';
import type { ObjectResult } from '../../../../lambda/manifests/core/outcome';
import type { ObjectId } from '../../../../lambda/manifests/core/types';

describe('outcomeOf', () => {
  test.each<[number, string | null, string, string]>([
    [201, null, '5', 'created'],
    [201, '4', '5', 'created'],
    [200, '4', '4', 'unchanged'],
    [200, '4', '5', 'changed'],
    [200, null, '5', 'changed'],
  ])('HTTP %d, before %j, after %j: %s', (status, before, after, outcome) => {
    expect(outcomeOf({ status, before, after })).toBe(outcome);
  });

  test.each([204, 409, 500])('HTTP %d has no outcome', (status) => {
    expect(() => outcomeOf({ status, before: '1', after: '1' })).toThrow(`an apply that answered HTTP ${status} has no outcome; explain the failure instead`);
  });
});

const cm = (name: string, namespace = 'team-a'): ObjectId => ({ group: '', kind: 'ConfigMap', namespace, name });

describe('resultAttributes', () => {
  test('no results', () => {
    expect(resultAttributes([])).toEqual({ Created: '0', Changed: '0', Unchanged: '0', Deleted: '0', Summary: 'no objects' });
  });

  test('counts per outcome; created, changed and deleted objects named in order, unchanged ones counted', () => {
    const results: ObjectResult[] = [
      { id: { group: '', kind: 'Namespace', name: 'team-a' }, outcome: 'created' },
      { id: cm('a'), outcome: 'unchanged' },
      { id: cm('b'), outcome: 'changed' },
      { id: cm('c'), outcome: 'created' },
      { id: cm('d'), outcome: 'unchanged' },
      { id: { group: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'old' }, outcome: 'deleted' },
    ];
    expect(resultAttributes(results)).toEqual({
      Created: '2', Changed: '1', Unchanged: '2', Deleted: '1',
      Summary: 'created 2: Namespace team-a, ConfigMap team-a/c; changed 1: ConfigMap team-a/b; unchanged 2; deleted 1: ClusterRole old',
    });
  });

  test('only the outcomes that occurred appear in the summary', () => {
    expect(resultAttributes([{ id: cm('a'), outcome: 'unchanged' }]).Summary).toBe('unchanged 1');
    expect(resultAttributes([{ id: cm('a'), outcome: 'deleted' }]).Summary).toBe('deleted 1: ConfigMap team-a/a');
  });

  test('many objects: as many names as fit, the rest counted, and the attributes within the limit', () => {
    const results: ObjectResult[] = Array.from({ length: 200 }, (_, i) => ({ id: cm(`config-${String(i).padStart(3, '0')}`), outcome: 'created' as const }));
    const attributes = resultAttributes(results);
    const bytes = Buffer.byteLength(JSON.stringify(attributes), 'utf8');
    expect(bytes).toBeLessThanOrEqual(MAX_ATTRIBUTES_BYTES);
    const shown = (attributes.Summary.match(/ConfigMap/g) ?? []).length;
    expect(attributes.Summary).toBe(`created 200: ${results.slice(0, shown).map((r) => `ConfigMap team-a/${r.id.name}`).join(', ')} and ${200 - shown} more`);
    // One more name would not fit.
    const oneMore = { ...attributes, Summary: `created 200: ${results.slice(0, shown + 1).map((r) => `ConfigMap team-a/${r.id.name}`).join(', ')} and ${199 - shown} more` };
    expect(Buffer.byteLength(JSON.stringify(oneMore), 'utf8')).toBeGreaterThan(MAX_ATTRIBUTES_BYTES);
    expect(shown).toBeGreaterThan(40);
  });

  test('names of 253 characters in every group: the summary falls back to counts when no name fits', () => {
    const long = (c: string) => cm(c.repeat(253));
    const results: ObjectResult[] = [];
    for (const c of 'abcdefghij') {
      results.push({ id: long(c), outcome: 'created' }, { id: long(c.toUpperCase()), outcome: 'changed' }, { id: { ...long(c), namespace: 'z' }, outcome: 'deleted' });
    }
    const attributes = resultAttributes(results);
    expect(Buffer.byteLength(JSON.stringify(attributes), 'utf8')).toBeLessThanOrEqual(MAX_ATTRIBUTES_BYTES);
    expect(attributes.Summary).toMatch(/^created 10: ConfigMap team-a\/a{253}, ConfigMap team-a\/b{253} and 8 more; changed 10: .* and 8 more; deleted 10: .* and 8 more$/);
  });

  test('attributes of exactly the limit keep the name; one byte more gives counts only', () => {
    const at = (n: number) => resultAttributes([{ id: { group: 'example.com', kind: 'Widget', name: 'x'.repeat(n) }, outcome: 'created' }]);
    const base = Buffer.byteLength(JSON.stringify(at(1))) - 1;
    const fits = at(MAX_ATTRIBUTES_BYTES - base);
    expect(Buffer.byteLength(JSON.stringify(fits))).toBe(MAX_ATTRIBUTES_BYTES);
    expect(fits.Summary).toBe(`created 1: Widget.example.com ${'x'.repeat(MAX_ATTRIBUTES_BYTES - base)}`);
    expect(at(MAX_ATTRIBUTES_BYTES - base + 1).Summary).toBe('created 1');
  });

  test('a name so long that none fits gives counts only', () => {
    const huge = { group: 'example.com', kind: 'Widget', name: 'x'.repeat(3000) };
    expect(resultAttributes([{ id: huge, outcome: 'created' }, { id: cm('a'), outcome: 'unchanged' }])).toEqual({
      Created: '1', Changed: '0', Unchanged: '1', Deleted: '0', Summary: 'created 1; unchanged 1',
    });
  });

  test('the limit keeps half of the 4096-byte response for its other fields', () => {
    expect(MAX_ATTRIBUTES_BYTES).toBe(2048);
  });
});
