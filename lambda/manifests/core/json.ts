/** Small readers of untrusted JSON values, shared by the core's validators. */

/** Whether a value is a JSON object (not null, not a list). */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** What a value is, for a message: `null`, `undefined`, `a list`, `an object`, `a string`, `a number`... */
export function describeType(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}
