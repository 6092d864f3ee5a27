/**
 * The intended-replacements file: `{ "replacements": [{ "stack", "logicalId", "reason" }] }`.
 * Each entry allows the gate's objection to one resource (a replacement, a removal or a
 * ServiceToken change) and says why that is safe. Parsing is pure; errors name the entry, the
 * field, the value and the fix.
 */
import type { IntendedReplacement } from './model';

/** A malformed intended-replacements file. */
export class IntendedReplacementsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IntendedReplacementsError';
  }
}

const FIELDS = ['stack', 'logicalId', 'reason'] as const;

/** Parses the file's text; `file` names it in errors. */
export function parseIntended(text: string, file: string): IntendedReplacement[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new IntendedReplacementsError(`${file} is not valid JSON (${(e as Error).message}). Write {"replacements": [{"stack": "...", "logicalId": "...", "reason": "..."}]}.`);
  }
  const list = (json as { replacements?: unknown } | null)?.replacements;
  if (typeof json !== 'object' || json === null || Array.isArray(json) || !Array.isArray(list)) {
    throw new IntendedReplacementsError(`${file} must be an object with a "replacements" array (write {"replacements": []} when nothing is intended).`);
  }
  const seen = new Set<string>();
  return list.map((entry: unknown, i) => {
    const at = `${file}: replacements[${i}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      throw new IntendedReplacementsError(`${at} is ${JSON.stringify(entry)}; it must be an object {"stack", "logicalId", "reason"}.`);
    }
    const record = entry as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (!(FIELDS as readonly string[]).includes(key)) throw new IntendedReplacementsError(`${at} has an unknown field "${key}"; the fields are ${FIELDS.join(', ')}.`);
    }
    for (const field of FIELDS) {
      const value = record[field];
      if (typeof value !== 'string' || value.trim() === '') {
        throw new IntendedReplacementsError(`${at}.${field} is ${JSON.stringify(value)}; it must be a non-empty string${field === 'reason' ? ' that says why the replacement is safe' : ''}.`);
      }
    }
    const declared = record as unknown as IntendedReplacement;
    const key = `${declared.stack} ${declared.logicalId}`;
    if (seen.has(key)) throw new IntendedReplacementsError(`${at} declares ${declared.stack} ${declared.logicalId} a second time; keep one entry per resource.`);
    seen.add(key);
    return { stack: declared.stack, logicalId: declared.logicalId, reason: declared.reason };
  });
}
