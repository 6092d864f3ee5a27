/** Properties of the plan over random declared sets (fast-check, bounded runs). */
import * as fc from 'fast-check';
import { idKey } from '../../../../lambda/manifests/core/ids';
import { applyOrder, deleteOrder } from '../../../../lambda/manifests/core/order';
import { planSteps, roleRefChanged } from '../../../../lambda/manifests/core/plan';
import type { Step } from '../../../../lambda/manifests/core/plan';
import type { DeclaredSet, ObjectId } from '../../../../lambda/manifests/core/types';
import { declaredObjects, declaredPatches } from './arbitraries';

const declaredSet: fc.Arbitrary<DeclaredSet> = fc.record({ owner: fc.constant('dev-1'), objects: declaredObjects, patches: declaredPatches });
const targetId = (s: Step): ObjectId => ('object' in s ? s.object.id : s.patch.id);
const key = (s: Step) => `${s.action}${s.action === 'delete' ? `(${s.why})` : ''} ${idKey(targetId(s))}`;
const keys = (items: ReadonlyArray<{ id: ObjectId }>) => new Set(items.map((i) => idKey(i.id)));
const shuffle = <T>(items: readonly T[]) => fc.shuffledSubarray([...items], { minLength: items.length, maxLength: items.length });

describe('planSteps properties', () => {
  test('Create applies every object once, in apply order, then every patch, and deletes nothing', () => {
    fc.assert(fc.property(declaredSet, (next) => {
      const steps = planSteps({ new: next });
      expect(steps.flatMap((s) => (s.action === 'apply' ? [s.object] : []))).toEqual(applyOrder(next.objects));
      expect(steps.filter((s) => s.action === 'apply-patch')).toHaveLength(next.patches.length);
      expect(steps.filter((s) => s.action === 'delete' || s.action === 'release-patch')).toEqual([]);
    }));
  });

  test('Delete releases every patch and deletes every object in delete order, and applies nothing', () => {
    fc.assert(fc.property(declaredSet, (old) => {
      const steps = planSteps({ old });
      expect(steps.filter((s) => s.action === 'release-patch')).toHaveLength(old.patches.length);
      expect(steps.flatMap((s) => (s.action === 'delete' ? [s.object] : []))).toEqual(deleteOrder(old.objects));
      expect(steps.slice(0, old.patches.length).every((s) => s.action === 'release-patch')).toBe(true);
    }));
  });

  test('Update with the same set never deletes or releases', () => {
    fc.assert(fc.property(declaredSet, (s) => {
      expect(planSteps({ old: s, new: s }).filter((x) => x.action === 'delete' || x.action === 'release-patch')).toEqual([]);
    }));
  });

  test('Update: deletes exactly what was declared before and is neither declared nor patched now; releases exactly the patches no longer declared', () => {
    fc.assert(fc.property(declaredSet, declaredSet, (old, next) => {
      const steps = planSteps({ old, new: next });
      const now = new Set([...keys(next.objects), ...keys(next.patches)]);
      const removed = [...keys(old.objects)].filter((k) => !now.has(k)).sort();
      expect(steps.filter((s) => s.action === 'delete' && s.why === 'removed').map((s) => idKey(targetId(s))).sort()).toEqual(removed);
      const released = [...keys(old.patches)].filter((k) => !keys(next.patches).has(k)).sort();
      expect(steps.filter((s) => s.action === 'release-patch').map((s) => idKey(targetId(s))).sort()).toEqual(released);
      expect(steps.filter((s) => s.action === 'apply')).toHaveLength(next.objects.length);
    }));
  });

  test('Update: a replaced binding is deleted right before its apply, and only when its roleRef changed', () => {
    fc.assert(fc.property(declaredSet, declaredSet, (old, next) => {
      const steps = planSteps({ old, new: next });
      const before = new Map(old.objects.map((o) => [idKey(o.id), o]));
      steps.forEach((s, i) => {
        if (s.action === 'delete' && s.why === 'replaced') {
          const following = steps[i + 1];
          expect(following.action).toBe('apply');
          expect(idKey(targetId(following))).toBe(idKey(s.object.id));
        }
        if (s.action === 'apply') {
          const was = before.get(idKey(s.object.id));
          const replaced = i > 0 && steps[i - 1].action === 'delete' && (steps[i - 1] as { why: string }).why === 'replaced';
          expect(replaced).toBe(was !== undefined && roleRefChanged(was, s.object));
        }
      });
    }));
  });

  test('the declared order never matters', () => {
    const shuffledSets = fc.tuple(declaredSet, declaredSet).chain(([old, next]) => fc.tuple(
      fc.constant(old), fc.constant(next), shuffle(old.objects), shuffle(old.patches), shuffle(next.objects), shuffle(next.patches)));
    fc.assert(fc.property(shuffledSets, ([old, next, oo, op, no, np]) => {
      const a = planSteps({ old, new: next }).map(key);
      const b = planSteps({ old: { ...old, objects: oo, patches: op }, new: { ...next, objects: no, patches: np } }).map(key);
      expect(b).toEqual(a);
    }));
  });
});
