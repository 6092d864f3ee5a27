/** Small readers for resolved template values (plain data after `resolveValue`). */

/** A string or list of strings as a list of strings; anything else as its JSON text. */
export function toStringList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : [value];
  return items.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
}

/** The value under `key` in `record`, compared case-insensitively (aws-auth entry keys are). */
export function getIgnoringCase(record: unknown, key: string): unknown {
  if (record === null || typeof record !== 'object') return undefined;
  const wanted = key.toLowerCase();
  const found = Object.keys(record).find((k) => k.toLowerCase() === wanted);
  return found === undefined ? undefined : (record as Record<string, unknown>)[found];
}

/** `value` as a record, or an empty one. */
export function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** `value` as a list (a single value becomes a list of one; nothing becomes empty). */
export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Sorted copy, for order-insensitive comparison and stable output. */
export function sorted<T>(items: readonly T[], key: (item: T) => string = String): T[] {
  return [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** The items of `items` without repeats of an equal item (same JSON), first occurrence kept. */
export function distinct<T>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = JSON.stringify(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
