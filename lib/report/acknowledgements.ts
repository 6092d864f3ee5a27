/**
 * Acknowledged findings: the committed file `access-acknowledgements.json`, its validation and
 * how it applies to findings. An acknowledgement names one finding by fingerprint, says why it
 * is accepted and until when. The file is read from the base (the default branch), never from
 * the head, so a pull request cannot acknowledge its own findings (see `acknowledgements-source.ts`).
 * Pure: the date of today is passed in.
 */
import { AccessReportError } from './errors';
import { FINGERPRINT_RE } from './fingerprint';

/** Name of the file at the repository root. */
export const ACKNOWLEDGEMENTS_FILE = 'access-acknowledgements.json';

/** The list's key in the file. */
export const ACKNOWLEDGEMENTS_KEY = 'acknowledgements';

/** One acknowledged finding. */
export interface Acknowledgement {
  /** The finding's fingerprint (24 lower-case hex digits, as the report prints it). */
  readonly fingerprint: string;
  /** Why the grant is accepted (who decided, ticket). */
  readonly reason: string;
  /** Last day (UTC, `YYYY-MM-DD`) on which the acknowledgement counts. */
  readonly expires: string;
  /** What the finding is, for a reader of the file (the report's summary line). */
  readonly summary: string;
}

/** The acknowledgements in effect and where they came from. */
export interface AcknowledgementSet {
  /** Where the file was read (`main:access-acknowledgements.json`), or why none was read. */
  readonly source: string;
  readonly entries: readonly Acknowledgement[];
}

/** No acknowledgements, with the reason shown in the report. */
export function noAcknowledgements(source: string): AcknowledgementSet {
  return { source, entries: [] };
}

const FIELDS = ['fingerprint', 'reason', 'expires', 'summary'] as const;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `text` is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(text: string): boolean {
  const match = DATE_RE.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text;
}

function fail(source: string, message: string): never {
  throw new AccessReportError('input', `${source}: ${message}`);
}

function checkEntry(source: string, raw: unknown, index: number, seen: Set<string>): Acknowledgement {
  const where = `entry ${index + 1} of "${ACKNOWLEDGEMENTS_KEY}"`;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    fail(source, `${where} is ${JSON.stringify(raw)}, not an object: write it as { "fingerprint": "...", "reason": "...", "expires": "YYYY-MM-DD", "summary": "..." }.`);
  }
  const entry = raw as Record<string, unknown>;
  const named = typeof entry.fingerprint === 'string' ? `${where} (fingerprint ${JSON.stringify(entry.fingerprint)})` : where;
  for (const key of Object.keys(entry)) {
    if (!(FIELDS as readonly string[]).includes(key) && !key.startsWith('$')) {
      fail(source, `${named} has an unknown field "${key}": the fields are ${FIELDS.join(', ')} (remove "${key}", or prefix a comment with "$").`);
    }
  }
  for (const field of FIELDS) {
    const value = entry[field];
    if (typeof value !== 'string' || value.trim() === '') {
      fail(source, `${named}: field "${field}" is ${value === undefined ? 'missing' : JSON.stringify(value)}; it must be a non-empty string.`);
    }
  }
  const { fingerprint, reason, expires, summary } = entry as Record<(typeof FIELDS)[number], string>;
  if (!FINGERPRINT_RE.test(fingerprint)) {
    fail(source, `${named}: field "fingerprint" is ${JSON.stringify(fingerprint)}, not a fingerprint: copy the 24 lower-case hex digits the report prints after "fingerprint".`);
  }
  if (!isIsoDate(expires)) {
    fail(source, `${named}: field "expires" is ${JSON.stringify(expires)}, not a date: write it as YYYY-MM-DD, for example "2027-01-31".`);
  }
  if (seen.has(fingerprint)) fail(source, `${named}: fingerprint ${fingerprint} is acknowledged twice: keep one entry.`);
  seen.add(fingerprint);
  return { fingerprint, reason, expires, summary };
}

/**
 * Parses and validates the file's text.
 * @throws AccessReportError (`input`) naming the entry, the field and the fix
 */
export function parseAcknowledgements(text: string, source: string): AcknowledgementSet {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    fail(source, `not valid JSON (${(e as Error).message}): fix the syntax.`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    fail(source, `the file must be an object with a "${ACKNOWLEDGEMENTS_KEY}" list, for example { "${ACKNOWLEDGEMENTS_KEY}": [] }.`);
  }
  const list = (data as Record<string, unknown>)[ACKNOWLEDGEMENTS_KEY];
  if (!Array.isArray(list)) {
    fail(source, `field "${ACKNOWLEDGEMENTS_KEY}" is ${list === undefined ? 'missing' : JSON.stringify(list)}; it must be a list (empty when nothing is acknowledged).`);
  }
  const seen = new Set<string>();
  return { source, entries: list.map((raw, i) => checkEntry(source, raw, i, seen)) };
}

/** Whether `ack` still counts on `today` (`YYYY-MM-DD`, UTC): through its expiry day inclusive. */
export function isInEffect(ack: Acknowledgement, today: string): boolean {
  return ack.expires >= today;
}

/** Today's date in UTC as `YYYY-MM-DD`. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
