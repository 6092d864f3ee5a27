/**
 * `cdk synth --quiet` without CDK's `Bundling asset <path>...` lines. The CDK CLI tells the app
 * nothing about `--quiet` (no context key, no environment variable; aws-cdk 2.1148), and
 * aws-cdk-lib's AssetStaging writes that line to stderr for every bundled asset. So the app
 * reads the CLI's own command line: on Linux, the nearest ancestor process that runs the `cdk`
 * CLI, from /proc. Where that cannot be read (another OS, a direct `tsx bin/app.ts`), nothing is
 * silenced. esbuild's own summary is off for every synth (HANDLER_ESBUILD's `logLevel`, lib/constructs/handler-code.ts).
 */
import * as fs from 'fs';

/** Reads one process's command line and parent; undefined when unreadable. */
export type ProcessReader = (pid: number) => { argv: string[]; parent: number } | undefined;

/** Linux /proc reader. */
export const procReader: ProcessReader = (pid) => {
  try {
    const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name in parentheses: state, then the parent pid.
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return { argv, parent };
  } catch {
    return undefined;
  }
};

/** Whether `arg` is the CDK CLI's entry script or binary (`.../node_modules/.bin/cdk`, `.../aws-cdk/bin/cdk`, `cdk`). */
function isCdkCli(arg: string): boolean {
  return /(^|[/\\])cdk(\.js)?$/.test(arg);
}

/**
 * The CDK CLI's arguments after its entry (`['synth', '--quiet']`), from the nearest ancestor
 * of `pid` that runs it; undefined when no ancestor within `maxDepth` does.
 */
export function cdkCliArguments(pid: number, read: ProcessReader = procReader, maxDepth = 8): string[] | undefined {
  let current = pid;
  for (let depth = 0; depth < maxDepth && current > 1; depth++) {
    const proc = read(current);
    if (!proc) return undefined;
    const entry = proc.argv.findIndex(isCdkCli);
    if (entry >= 0) return proc.argv.slice(entry + 1);
    current = proc.parent;
  }
  return undefined;
}

/** Whether CDK CLI arguments ask for a quiet synth (`synth`/`synthesize` with `--quiet`, `-q` or `--quiet=true`). */
export function isQuietSynth(args: readonly string[] | undefined): boolean {
  if (!args || !args.some((a) => a === 'synth' || a === 'synthesize')) return false;
  let quiet = false;
  for (const a of args) {
    if (a === '--quiet' || a === '-q' || a === '--quiet=true') quiet = true;
    else if (a === '--no-quiet' || a === '--quiet=false') quiet = false;
  }
  return quiet;
}

/** CDK's per-asset bundling line. */
const BUNDLING_LINE = /^Bundling asset .+\.\.\.\r?\n$/;

/** Drops CDK's `Bundling asset ...` lines from what is written to `stream`; everything else passes. */
export function silenceBundlingLines(stream: NodeJS.WriteStream): void {
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (typeof chunk === 'string' && BUNDLING_LINE.test(chunk)) {
      const callback = rest.find((r): r is () => void => typeof r === 'function');
      callback?.();
      return true;
    }
    return write(chunk, ...rest);
  }) as typeof stream.write;
}
