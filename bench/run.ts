/**
 * `npm run bench [-- synth core handler bundle]`: prints medians over several runs, with the
 * machine they came from. Performance claims live here, never in timed tests.
 */
import * as os from 'os';
import { benchBundle } from './bundle';
import { benchHandler } from './handler';
import { benchMergeCore } from './merge-core';
import { benchSynth } from './synth';
import type { BenchRow } from './types';

const SUITES: Record<string, () => Promise<BenchRow[]> | BenchRow[]> = {
  core: () => benchMergeCore(),
  handler: () => benchHandler(),
  bundle: () => benchBundle(),
  synth: () => benchSynth(),
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const names = wanted.length ? wanted : Object.keys(SUITES);
  for (const n of names) if (!SUITES[n]) throw new Error(`unknown bench "${n}"; choose from ${Object.keys(SUITES).join(', ')}`);
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`machine: ${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}, ${os.platform()} ${os.release()}`);
  console.log('');
  console.log('| bench | median | target | detail |');
  console.log('|---|---|---|---|');
  for (const n of names) {
    for (const row of await SUITES[n]()) {
      console.log(`| ${row.name} | ${row.value} ${row.unit} | ${row.target ?? ''} | ${row.detail ?? ''} |`);
    }
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
