/**
 * `npm run bench [-- [--strict] [core handler manifests bundle synth]]`: prints each figure with its
 * target and its mark, then one summary line. Performance claims live here, never in timed tests.
 * Misses are reported and exit 0 (a busy shared machine misses now and then); `--strict` makes
 * them exit 1, for a script that must stop on one; 2 means the bench could not run.
 */
import * as os from 'os';
import { BenchExit, benchExitCode, parseBenchArgs, usage } from './args';
import { benchBundle } from './bundle';
import { benchHandler } from './handler';
import { benchManifests } from './manifests';
import { benchMergeCore } from './merge-core';
import { benchSynth } from './synth';
import { judge, summaryLine, TABLE_HEADER, tableLine } from './table';
import type { BenchRow } from './types';

const SUITES: Record<string, () => Promise<BenchRow[]> | BenchRow[]> = {
  core: () => benchMergeCore(),
  handler: () => benchHandler(),
  manifests: () => benchManifests(),
  bundle: () => benchBundle(),
  synth: () => benchSynth(),
};

function load(): string {
  return os.loadavg().map((l) => l.toFixed(2)).join(', ');
}

async function main(): Promise<number> {
  const args = parseBenchArgs(process.argv.slice(2), Object.keys(SUITES));
  if (args.help) {
    console.log(usage(Object.keys(SUITES)));
    return BenchExit.ok;
  }
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`machine: ${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}, ${os.platform()} ${os.release()}; load average at start ${load()}`);
  console.log('');
  for (const line of TABLE_HEADER) console.log(line);
  const rows: BenchRow[] = [];
  const failed: string[] = [];
  for (const name of args.suites) {
    try {
      for (const row of await SUITES[name]()) {
        rows.push(row);
        console.log(tableLine(judge([row]).rows[0]));
      }
    } catch (e) {
      failed.push(name);
      console.error(`bench "${name}" could not run: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const result = judge(rows);
  console.log('');
  console.log(`load average at end ${load()}`);
  console.log(summaryLine(result));
  if (failed.length) console.error(`bench: ${failed.length} suite(s) could not run (${failed.join(', ')}); their figures are missing above.`);
  return benchExitCode({ misses: result.misses.length, strict: args.strict, failedSuites: failed.length });
}

main().then((code) => { process.exitCode = code; }, (e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = BenchExit.error;
});
