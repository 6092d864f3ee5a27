/**
 * What each step did, and the summary the handler returns as the resource's attributes.
 *
 * How created / changed / unchanged is observed: the handler reads the object before applying
 * it (it must anyway, to refuse an object another manifests resource owns), so it knows the
 * resourceVersion before (or that there was none, a 404). The apply answers 201 when it created
 * the object and 200 otherwise; a no-op write leaves resourceVersion as it was (the API server's
 * storage skips a write whose bytes are unchanged), so a 200 with the same resourceVersion is
 * "unchanged" and any other 200 "changed".
 */
import { ManifestsAttributes } from '../api';
import { describeId } from './ids';
import type { ObjectId } from './types';

/** What an apply did to one object. */
export type ApplyOutcome = 'created' | 'changed' | 'unchanged';

/** What the handler observed around one apply. */
export interface ApplyObservation {
  /** HTTP status of the apply (PATCH): 201 or 200. */
  readonly status: number;
  /** resourceVersion read before the apply; null when the read answered 404. */
  readonly before: string | null;
  /** resourceVersion of the object the apply returned. */
  readonly after: string;
}

/**
 * The outcome of one apply: 201 is created; 200 is unchanged when the resourceVersion did not
 * move, changed otherwise (also when the object appeared between the read and the apply).
 * @throws Error for a status that is not a successful apply (the handler explains those first).
 */
export function outcomeOf(observation: ApplyObservation): ApplyOutcome {
  if (observation.status === 201) return 'created';
  if (observation.status !== 200) throw new Error(`an apply that answered HTTP ${observation.status} has no outcome; explain the failure instead`);
  return observation.before === observation.after ? 'unchanged' : 'changed';
}

/** One object's result in an operation. */
export interface ObjectResult {
  readonly id: ObjectId;
  readonly outcome: ApplyOutcome | 'deleted';
}

/**
 * Bytes the attributes may take. A custom resource's whole response body is limited to 4096
 * bytes (crpg-ref-responses: "The total size of the response body can't exceed 4096 bytes"),
 * and Status, PhysicalResourceId (up to 1 KB), StackId, RequestId and LogicalResourceId take
 * their share, so the attributes keep to half of it.
 */
export const MAX_ATTRIBUTES_BYTES = 2048;

const GROUPS = ['created', 'changed', 'unchanged', 'deleted'] as const;
/** Outcomes whose objects the summary names; unchanged ones are only counted. */
const NAMED = new Set<string>(['created', 'changed', 'deleted']);

/**
 * The attributes of the response: a count per outcome and a one-line summary naming the
 * created, changed and deleted objects, as many as fit in {@link MAX_ATTRIBUTES_BYTES}
 * (`... and 3 more` for the rest).
 */
export function resultAttributes(results: readonly ObjectResult[]): Record<string, string> {
  const names = new Map<string, string[]>(GROUPS.map((g) => [g, []]));
  for (const r of results) (names.get(r.outcome) as string[]).push(describeId(r.id));
  const counts = {
    [ManifestsAttributes.created]: String((names.get('created') as string[]).length),
    [ManifestsAttributes.changed]: String((names.get('changed') as string[]).length),
    [ManifestsAttributes.unchanged]: String((names.get('unchanged') as string[]).length),
    [ManifestsAttributes.deleted]: String((names.get('deleted') as string[]).length),
  };
  const longest = Math.max(...[...names.values()].map((n) => n.length));
  for (let shown = longest; ; shown--) {
    const attributes = { ...counts, [ManifestsAttributes.summary]: summaryLine(names, shown) };
    if (shown === 0 || Buffer.byteLength(JSON.stringify(attributes)) <= MAX_ATTRIBUTES_BYTES) return attributes;
  }
}

function summaryLine(names: ReadonlyMap<string, readonly string[]>, shown: number): string {
  const parts: string[] = [];
  for (const group of GROUPS) {
    const list = names.get(group) as readonly string[];
    if (list.length === 0) continue;
    if (!NAMED.has(group) || shown === 0) {
      parts.push(`${group} ${list.length}`);
      continue;
    }
    const more = list.length - shown;
    parts.push(`${group} ${list.length}: ${list.slice(0, shown).join(', ')}${more > 0 ? ` and ${more} more` : ''}`);
  }
  return parts.length === 0 ? 'no objects' : parts.join('; ');
}
