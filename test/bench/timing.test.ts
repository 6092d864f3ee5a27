import { collectGarbage, timeInterleaved, timeOnce } from '../../bench/timing';

describe('timeInterleaved', () => {
  test('runs one of each per round, rotating the order, and keeps only the timed rounds', async () => {
    const calls: string[] = [];
    const times = await timeInterleaved({
      a: () => { calls.push('a'); },
      b: async () => { calls.push('b'); },
      c: () => { calls.push('c'); },
    }, 2, 1);
    expect(calls.join(' ')).toBe('a b c b c a c a b');
    expect(times.a).toHaveLength(2);
    expect(times.b).toHaveLength(2);
    expect(times.c).toHaveLength(2);
    for (const ms of [...times.a, ...times.b, ...times.c]) expect(ms).toBeGreaterThanOrEqual(0);
  });

  test('awaits asynchronous subjects: the time includes their wait', async () => {
    const times = await timeInterleaved({ wait: () => new Promise((resolve) => setTimeout(resolve, 30)) }, 1, 0);
    expect(times.wait[0]).toBeGreaterThanOrEqual(25);
  });

  test('a failing subject fails the measurement', async () => {
    await expect(timeOnce(() => Promise.reject(new Error('synth failed')))).rejects.toThrow('synth failed');
  });
});

describe('collectGarbage', () => {
  test('runs a full collection without --expose-gc on the command line: garbage is gone after it', async () => {
    const ref = ((): WeakRef<object> => new WeakRef({ payload: new Array(1000).fill('x') }))();
    await new Promise((resolve) => setImmediate(resolve)); // a WeakRef target lives until the job ends
    collectGarbage();
    expect(ref.deref()).toBeUndefined();
    collectGarbage(); // a second call reuses the collector
    expect(ref.deref()).toBeUndefined();
  });
});
