import { performance } from 'perf_hooks';
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';
import { rotation } from './stats';

/** Work to time: synchronous, or a promise the timer awaits. */
export type Subject = () => unknown;

let collector: (() => void) | undefined;

/**
 * A full garbage collection, so no subject pays for the garbage the one before it left (the
 * yaml baseline leaves a lot). Node hides `gc` unless started with --expose-gc; the flag can be
 * set at run time and the function taken from a fresh context.
 */
export function collectGarbage(): void {
  if (!collector) {
    setFlagsFromString('--expose-gc');
    collector = runInNewContext('gc') as () => void;
  }
  collector();
}

/**
 * Times each subject `runs` times, interleaved (one run of each per round, the order rotating
 * each round) after `warmups` untimed rounds, so noise on a shared machine hits every subject
 * and a ratio of their medians stays meaningful; a full garbage collection precedes each run.
 * Returns the times in ms, per subject.
 */
export async function timeInterleaved<K extends string>(subjects: Record<K, Subject>, runs: number, warmups = 2): Promise<Record<K, number[]>> {
  const keys = Object.keys(subjects) as K[];
  const times = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < warmups + runs; round++) {
    for (const k of rotation(keys, round)) {
      const ms = await timeOnce(subjects[k]);
      if (round >= warmups) times[k].push(ms);
    }
  }
  return times;
}

/** The time of one run of `subject` in ms, after a full garbage collection. */
export async function timeOnce(subject: Subject): Promise<number> {
  collectGarbage();
  const start = performance.now();
  await subject();
  return performance.now() - start;
}
