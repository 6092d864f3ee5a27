/** Exit codes of `npm run bench`. */
export const BenchExit = {
  /** Every target met, or some missed without `--strict` (the summary line says so). */
  ok: 0,
  /** `--strict` and at least one target missed. */
  missed: 1,
  /** The bench could not run: a bad argument, or a suite failed. */
  error: 2,
} as const;

/** What the command line asked for. */
export interface BenchArgs {
  /** Suites to run, in order. */
  readonly suites: readonly string[];
  /** Exit {@link BenchExit.missed} when a target is missed. */
  readonly strict: boolean;
  readonly help: boolean;
}

/** Usage text of `npm run bench`, for the suites given. */
export function usage(suites: readonly string[]): string {
  return [
    `usage: npm run bench [-- [--strict] [${suites.join('] [')}]]`,
    '',
    'Runs the benchmarks (all suites when none is named) and prints a Markdown table: each figure,',
    'its target and its mark (ok, MISS, or info for baselines and machine-dependent times), then one',
    'summary line. Times that depend on the machine are judged as ratios to a baseline measured in',
    'the same run.',
    '',
    '  --strict   exit 1 when any target is missed (default: report misses, exit 0)',
    '  --help     print this text',
    '',
    `Exit codes: ${BenchExit.ok} done (misses are reported, not fatal), ${BenchExit.missed} a target missed with --strict,`,
    `${BenchExit.error} the bench could not run (bad argument, a suite failed).`,
  ].join('\n');
}

/** Parses the bench's arguments; throws a sentence naming the bad argument and the choices. */
export function parseBenchArgs(argv: readonly string[], known: readonly string[]): BenchArgs {
  const suites: string[] = [];
  let strict = false;
  let help = false;
  for (const a of argv) {
    if (a === '--strict') strict = true;
    else if (a === '--help' || a === '-h') help = true;
    else if (a.startsWith('-')) throw new Error(`Unknown option "${a}": the bench takes --strict and --help.`);
    else if (!known.includes(a)) throw new Error(`Unknown bench "${a}": choose from ${known.join(', ')}, or name none to run all.`);
    else if (!suites.includes(a)) suites.push(a);
  }
  return { suites: suites.length ? suites : [...known], strict, help };
}

/** The exit code of a run: a suite that failed beats a miss; a miss counts only with `--strict`. */
export function benchExitCode(run: { readonly misses: number; readonly strict: boolean; readonly failedSuites: number }): number {
  if (run.failedSuites > 0) return BenchExit.error;
  return run.strict && run.misses > 0 ? BenchExit.missed : BenchExit.ok;
}
