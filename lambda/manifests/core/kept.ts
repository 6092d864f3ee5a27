/**
 * The objects a run left in place although the plan named them for deletion, added to the
 * summary attribute: a Namespace released (its content stays, without the opt-in annotation),
 * an adopted object released with its content (core/adoption.ts), and objects whose owner label
 * is not this resource's.
 */
import { ManifestsAttributes } from '../api';
import { describeId } from './ids';
import { MAX_ATTRIBUTES_BYTES } from './outcome';
import type { ObjectId } from './types';

/** Why an object was kept. */
export type KeptReason = 'released' | 'adopted' | 'not-owned';

/** One object kept. */
export interface KeptObject {
  readonly id: ObjectId;
  readonly why: KeptReason;
}

const REASONS: Record<KeptReason, string> = {
  'released': 'released, not deleted',
  'adopted': 'adopted, released with its content',
  'not-owned': 'not this resource\'s',
};

/** `Namespace team-a (released, not deleted)`. */
export function describeKept(kept: KeptObject): string {
  return `${describeId(kept.id)} (${REASONS[kept.why]})`;
}

/**
 * The attributes with `kept N: ...` appended to the summary, naming as many kept objects as fit
 * in {@link MAX_ATTRIBUTES_BYTES} (`... and 2 more`), else only their number.
 */
export function withKept(attributes: Readonly<Record<string, string>>, kept: readonly KeptObject[]): Record<string, string> {
  const summary = attributes[ManifestsAttributes.summary];
  if (kept.length === 0) return { ...attributes };
  const base = summary === 'no objects' ? '' : `${summary}; `;
  for (let shown = kept.length; ; shown--) {
    const more = kept.length - shown;
    const names = shown === 0 ? '' : `: ${kept.slice(0, shown).map(describeKept).join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
    const next = { ...attributes, [ManifestsAttributes.summary]: `${base}kept ${kept.length}${names}` };
    if (shown === 0 || Buffer.byteLength(JSON.stringify(next)) <= MAX_ATTRIBUTES_BYTES) return next;
  }
}
