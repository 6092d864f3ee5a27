/** The kept objects appended to the summary attribute, shortened to the attributes' byte limit. */
import { withKept, describeKept } from '../../../../lambda/manifests/core/kept';
import type { KeptObject } from '../../../../lambda/manifests/core/kept';
import { MAX_ATTRIBUTES_BYTES, resultAttributes } from '../../../../lambda/manifests/core/outcome';

const NS: KeptObject = { id: { group: '', kind: 'Namespace', name: 'team-a' }, why: 'released' };
const CM: KeptObject = { id: { group: '', kind: 'ConfigMap', namespace: 'team-a', name: 'x' }, why: 'not-owned' };
const COUNTS = { Created: '0', Changed: '0', Unchanged: '0', Deleted: '0' };

describe('describeKept', () => {
  test.each<[KeptObject, string]>([
    [NS, 'Namespace team-a (released, not deleted)'],
    [CM, "ConfigMap team-a/x (not this resource's)"],
    [{ ...CM, why: 'adopted' }, 'ConfigMap team-a/x (adopted, released with its content)'],
  ])('%j -> %s', (kept, text) => {
    expect(describeKept(kept)).toBe(text);
  });
});

describe('withKept', () => {
  test('nothing kept: the attributes as they were (a copy)', () => {
    const attributes = resultAttributes([]);
    const out = withKept(attributes, []);
    expect(out).toEqual({ ...COUNTS, Summary: 'no objects' });
    expect(out).not.toBe(attributes);
  });

  test('kept objects replace "no objects", or follow the summary after "; "', () => {
    expect(withKept(resultAttributes([]), [NS, CM])).toEqual({ ...COUNTS, Summary: "kept 2: Namespace team-a (released, not deleted), ConfigMap team-a/x (not this resource's)" });
    const deleted = resultAttributes([{ id: CM.id, outcome: 'deleted' }]);
    expect(withKept(deleted, [NS])).toEqual({ ...COUNTS, Deleted: '1', Summary: 'deleted 1: ConfigMap team-a/x; kept 1: Namespace team-a (released, not deleted)' });
  });

  test('shortened to the byte limit: as many names as fit, then "and N more", at the least only the number', () => {
    const many = Array.from({ length: 60 }, (_, i): KeptObject => ({ id: { group: '', kind: 'Namespace', name: `namespace-${String(i).padStart(2, '0')}` }, why: 'released' }));
    const out = withKept(resultAttributes([]), many);
    expect(Buffer.byteLength(JSON.stringify(out))).toBeLessThanOrEqual(MAX_ATTRIBUTES_BYTES);
    const m = /^kept 60: (.*) and (\d+) more$/.exec(out.Summary);
    expect(m).not.toBeNull();
    const shown = m![1].split('), ').map((n, i, all) => (i < all.length - 1 ? `${n})` : n));
    expect(shown.length + Number(m![2])).toBe(60);
    expect(shown[0]).toBe('Namespace namespace-00 (released, not deleted)');
    // One more name would not have fitted.
    const longer = `kept 60: ${[...shown, describeKept(many[shown.length])].join(', ')} and ${Number(m![2]) - 1} more`;
    expect(Buffer.byteLength(JSON.stringify({ ...out, Summary: longer }))).toBeGreaterThan(MAX_ATTRIBUTES_BYTES);

    const huge: KeptObject = { id: { group: '', kind: 'Namespace', name: 'n'.repeat(MAX_ATTRIBUTES_BYTES) }, why: 'released' };
    expect(withKept(resultAttributes([]), [huge])).toEqual({ ...COUNTS, Summary: 'kept 1' });
  });

  test('exactly at the limit the names stay; one byte over they go', () => {
    const base = resultAttributes([]);
    const bytesWith = (name: string): number => Buffer.byteLength(JSON.stringify({ ...base, Summary: `kept 1: Namespace ${name} (released, not deleted)` }));
    const fill = 'a'.repeat(MAX_ATTRIBUTES_BYTES - bytesWith(''));
    expect(bytesWith(fill)).toBe(MAX_ATTRIBUTES_BYTES);
    const at: KeptObject = { id: { group: '', kind: 'Namespace', name: fill }, why: 'released' };
    expect(withKept(base, [at]).Summary).toBe(`kept 1: Namespace ${fill} (released, not deleted)`);
    const over: KeptObject = { id: { group: '', kind: 'Namespace', name: `${fill}a` }, why: 'released' };
    expect(withKept(base, [over]).Summary).toBe('kept 1');
  });
});
