import { createHash } from 'crypto';
import { fingerprintOf, FINGERPRINT_RE } from '../../../lib/report/fingerprint';

const input = { environment: 'dev', rule: 'new-masters-mapping', principal: 'role:admin', grant: 'mapRoles username=admin groups=system:masters' };

describe('fingerprintOf', () => {
  test('is 24 hex digits, and the same for the same grant', () => {
    expect(fingerprintOf(input)).toMatch(FINGERPRINT_RE);
    expect(fingerprintOf({ ...input })).toBe(fingerprintOf(input));
  });

  test('pinned: the definition (v1, order, JSON array) does not drift silently', () => {
    expect(fingerprintOf(input)).toBe(createHash('sha256')
      .update(JSON.stringify(['v1', 'dev', 'new-masters-mapping', 'role:admin', 'mapRoles username=admin groups=system:masters'])).digest('hex').slice(0, 24));
  });

  test.each(['environment', 'rule', 'principal', 'grant'] as const)('changes with the %s', (field) => {
    expect(fingerprintOf({ ...input, [field]: `${input[field]}x` })).not.toBe(fingerprintOf(input));
  });

  test('no ambiguity between fields (JSON array, not concatenation)', () => {
    expect(fingerprintOf({ ...input, environment: 'dev new', rule: 'masters' })).not.toBe(fingerprintOf({ ...input, environment: 'dev', rule: 'new masters' }));
  });
});
