import type { AcknowledgementSet } from '../../../lib/report/acknowledgements';
import type { Finding } from '../../../lib/report/rules';
import { judge } from '../../../lib/report/verdict';

const finding = (severity: Finding['severity'], fingerprint: string): Finding => ({
  environment: 'dev', severity, rule: 'r', fingerprint, label: 'l', id: 'i', principal: 'p', grant: 'g', message: 'm',
});
const acks = (...entries: Array<[string, string]>): AcknowledgementSet => ({
  source: 'base', entries: entries.map(([fingerprint, expires]) => ({ fingerprint, expires, reason: 'why', summary: 's' })),
});
const TODAY = '2026-12-01';

describe('judge', () => {
  test('an acknowledged finding is listed, marked, and does not count', () => {
    const verdict = judge([finding('critical', 'a'), finding('info', 'b')], acks(['a', '2026-12-31']), 'high', TODAY);
    expect(verdict.findings[0].acknowledgement?.reason).toBe('why');
    expect(verdict.highest).toBe('info');
    expect(verdict.exitCode).toBe(0);
  });

  test('an expired acknowledgement does not count and is reported', () => {
    const verdict = judge([finding('critical', 'a')], acks(['a', '2026-11-30']), 'high', TODAY);
    expect(verdict.findings[0].acknowledgement).toBeUndefined();
    expect(verdict.findings[0].expiredAcknowledgement?.expires).toBe('2026-11-30');
    expect(verdict.expired.map((a) => a.fingerprint)).toEqual(['a']);
    expect(verdict.exitCode).toBe(2);
  });

  test('an acknowledgement of another grant does not cover this one, and is reported unused', () => {
    const verdict = judge([finding('high', 'a')], acks(['z', '2027-01-01']), 'high', TODAY);
    expect(verdict.exitCode).toBe(2);
    expect(verdict.unused.map((a) => a.fingerprint)).toEqual(['z']);
  });

  test.each([['info', 2], ['high', 2], ['critical', 0]] as const)('a high finding at threshold %s exits %d', (threshold, code) => {
    expect(judge([finding('high', 'a')], acks(), threshold, TODAY).exitCode).toBe(code);
  });
});
