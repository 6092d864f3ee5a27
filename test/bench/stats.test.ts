import { describe as describeSummary, median, pairedRatio, ratio, rotation, round, summarize } from '../../bench/stats';

describe('median', () => {
  test.each([
    [[5], 5],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[10, 1, 1000, 2, 3], 3],
  ])('of %j is %d', (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  test('does not reorder its input', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });

  test('of nothing is an error that says what to do', () => {
    expect(() => median([])).toThrow('median of no values: measure at least one run.');
  });
});

describe('summarize and describe', () => {
  test('median, min, max and the number of runs', () => {
    expect(summarize([4, 9, 1, 7])).toEqual({ median: 5.5, min: 1, max: 9, runs: 4 });
  });

  test('the detail column spells them rounded', () => {
    expect(describeSummary(summarize([80.44, 83.66, 89.91]), 'ms')).toBe('median 83.7 ms (min 80.4, max 89.9, 3 runs)');
    expect(describeSummary(summarize([6.421, 6.6]), 's', 2)).toBe('median 6.51 s (min 6.42, max 6.6, 2 runs)');
  });
});

describe('ratio', () => {
  test('is the median over the median of the baseline, to 2 decimals', () => {
    // medians 84 and 400; the outliers (1000, 5) do not move it
    expect(ratio([80, 84, 1000], [5, 400, 410])).toBe(0.21);
  });

  test('round rounds half away from zero at the given digits', () => {
    expect(round(1.25, 1)).toBe(1.3);
    expect(round(2.345, 0)).toBe(2);
    expect(round(0.1234, 2)).toBe(0.12);
  });
});

describe('pairedRatio', () => {
  test('is the median of the ratios pair by pair: load that hits one pair moves it less than the ratio of the medians', () => {
    // load rose for the last three pairs (both sides slower), and hit only the app in the last one:
    // pair ratios 2, 2, 2, 2, 4, while the medians (16 and 4) mix pairs of different moments
    const app = [6, 6, 16, 16, 16];
    const baseline = [3, 3, 8, 8, 4];
    expect(pairedRatio(app, baseline)).toEqual({ median: 2, min: 2, max: 4, runs: 5 });
    expect(ratio(app, baseline)).toBe(4);
  });

  test('a different number of runs on each side is an error that says to pair them', () => {
    expect(() => pairedRatio([1, 2], [1])).toThrow('paired ratio of 2 runs against 1 baseline runs: measure them in pairs.');
  });
});

describe('rotation', () => {
  test('each subject takes each position once every n rounds', () => {
    const rounds = [0, 1, 2].map((r) => rotation(['a', 'b', 'c'], r).join(''));
    expect(rounds).toEqual(['abc', 'bca', 'cab']);
    expect(rotation(['a', 'b', 'c'], 3)).toEqual(['a', 'b', 'c']);
  });

  test('two subjects alternate which goes first', () => {
    expect([0, 1, 2, 3].map((r) => rotation(['baseline', 'app'], r)[0])).toEqual(['baseline', 'app', 'baseline', 'app']);
  });

  test('of no subjects is empty', () => {
    expect(rotation([], 5)).toEqual([]);
  });
});
