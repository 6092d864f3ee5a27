import { atMost, BASELINE, exactly, INFORMATION, MACHINE_DEPENDENT, markOf, MISS, targetText } from '../../bench/target';

describe('markOf', () => {
  test.each([
    ['at the limit', 2.6, atMost(2.6), 'ok'],
    ['below the limit', 1.9, atMost(2.6), 'ok'],
    ['above the limit', 2.61, atMost(2.6), MISS],
    ['a text where a number is judged', 'n/a', atMost(2.6), MISS],
    ['the exact count', '1 read, 0 writes', exactly('1 read, 0 writes'), 'ok'],
    ['another count', '1 read, 1 write', exactly('1 read, 0 writes'), MISS],
    ['a number equal to the expected number', 2, exactly(2), 'ok'],
    ['a number spelled as text', '2', exactly(2), MISS],
    ['a baseline', 393.1, BASELINE, 'info'],
    ['an absolute time', 6.6, MACHINE_DEPENDENT, 'info'],
    ['an informational size', 74.1, INFORMATION, 'info'],
  ])('%s', (_case, value, target, mark) => {
    expect(markOf(value, target)).toBe(mark);
  });
});

describe('targetText', () => {
  test('says the limit with the unit, the exact value, or why there is no target', () => {
    expect(targetText(atMost(2.6), 'x baseline')).toBe('<= 2.6 x baseline');
    expect(targetText(exactly(2), 'requests')).toBe('2 requests');
    expect(targetText(exactly('1 read, 1 write'), '')).toBe('1 read, 1 write');
    expect(targetText(BASELINE, 'ms')).toBe('none (same-run baseline)');
    expect(targetText(MACHINE_DEPENDENT, 's')).toBe('none (machine-dependent, information only)');
    expect(targetText(INFORMATION, 'MB')).toBe('none (information only)');
  });
});
