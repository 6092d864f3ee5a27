import { isInEffect, isIsoDate, parseAcknowledgements, todayUtc } from '../../../lib/report/acknowledgements';
import { AccessReportError } from '../../../lib/report/errors';

const FP = 'a'.repeat(24);
const entry = { fingerprint: FP, reason: 'break-glass role, ticket SEC-1', expires: '2027-01-31', summary: 'aws-auth mapRoles role:admin mapped to system:masters' };
const file = (list: unknown) => JSON.stringify({ $comment: 'x', acknowledgements: list });

describe('parseAcknowledgements', () => {
  test('a valid file', () => {
    expect(parseAcknowledgements(file([entry]), 'f')).toEqual({ source: 'f', entries: [entry] });
    expect(parseAcknowledgements(file([]), 'f').entries).toEqual([]);
  });

  test.each([
    ['not JSON', '{', /^f: not valid JSON \(.*\): fix the syntax\.$/],
    ['a list at the top', '[]', 'f: the file must be an object with a "acknowledgements" list, for example { "acknowledgements": [] }.'],
    ['no list', '{}', 'f: field "acknowledgements" is missing; it must be a list (empty when nothing is acknowledged).'],
    ['an entry that is a string', file(['x']), 'f: entry 1 of "acknowledgements" is "x", not an object: write it as { "fingerprint": "...", "reason": "...", "expires": "YYYY-MM-DD", "summary": "..." }.'],
    ['a missing reason', file([{ ...entry, reason: undefined }]), `f: entry 1 of "acknowledgements" (fingerprint "${FP}"): field "reason" is missing; it must be a non-empty string.`],
    ['an empty summary', file([{ ...entry, summary: ' ' }]), `f: entry 1 of "acknowledgements" (fingerprint "${FP}"): field "summary" is " "; it must be a non-empty string.`],
    ['a bad date', file([{ ...entry, expires: '2027-02-30' }]), `f: entry 1 of "acknowledgements" (fingerprint "${FP}"): field "expires" is "2027-02-30", not a date: write it as YYYY-MM-DD, for example "2027-01-31".`],
    ['a bad fingerprint', file([{ ...entry, fingerprint: 'ABC' }]), 'f: entry 1 of "acknowledgements" (fingerprint "ABC"): field "fingerprint" is "ABC", not a fingerprint: copy the 24 lower-case hex digits the report prints after "fingerprint".'],
    ['an unknown field', file([{ ...entry, owner: 'me' }]), `f: entry 1 of "acknowledgements" (fingerprint "${FP}") has an unknown field "owner": the fields are fingerprint, reason, expires, summary (remove "owner", or prefix a comment with "$").`],
    ['a duplicate', file([entry, entry]), `f: entry 2 of "acknowledgements" (fingerprint "${FP}"): fingerprint ${FP} is acknowledged twice: keep one entry.`],
  ])('%s: an input error naming the entry, the field and the fix', (_, text, message) => {
    let error: unknown;
    try {
      parseAcknowledgements(text, 'f');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AccessReportError);
    expect((error as AccessReportError).kind).toBe('input');
    if (typeof message === 'string') expect((error as Error).message).toBe(message);
    else expect((error as Error).message).toMatch(message);
  });
});

describe('expiry', () => {
  test('in effect through the expiry day, not after', () => {
    expect(isInEffect(entry, '2027-01-30')).toBe(true);
    expect(isInEffect(entry, '2027-01-31')).toBe(true);
    expect(isInEffect(entry, '2027-02-01')).toBe(false);
  });

  test('dates', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2027-1-01')).toBe(false);
    expect(todayUtc(new Date('2026-12-01T23:59:59Z'))).toBe('2026-12-01');
  });
});
