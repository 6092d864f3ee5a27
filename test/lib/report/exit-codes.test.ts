import { DEFAULT_THRESHOLD, ExitCode, exitCodeFor, highestSeverity, isSeverity } from '../../../lib/report/exit-codes';
import type { Severity } from '../../../lib/report/exit-codes';

describe('the exit-code contract', () => {
  test('the codes and the default threshold', () => {
    expect(ExitCode).toEqual({ belowThreshold: 0, error: 1, atOrAboveThreshold: 2 });
    expect(DEFAULT_THRESHOLD).toBe('high');
  });

  const cases: Array<[Severity[], Severity, 0 | 2]> = [
    [[], 'info', 0],
    [['info'], 'info', 2],
    [['info'], 'high', 0],
    [['info'], 'critical', 0],
    [['high'], 'info', 2],
    [['high'], 'high', 2],
    [['high'], 'critical', 0],
    [['critical'], 'critical', 2],
    [['info', 'critical'], 'high', 2],
  ];
  test.each(cases)('findings %j at threshold %s: exit %d', (severities, threshold, code) => {
    expect(exitCodeFor(severities, threshold)).toBe(code);
  });

  test('default threshold is high', () => {
    expect(exitCodeFor(['info'])).toBe(0);
    expect(exitCodeFor(['high'])).toBe(2);
  });

  test('highestSeverity and isSeverity', () => {
    expect(highestSeverity([])).toBeNull();
    expect(highestSeverity(['info', 'critical', 'high'])).toBe('critical');
    expect(isSeverity('high')).toBe(true);
    expect(isSeverity('HIGH')).toBe(false);
  });
});
