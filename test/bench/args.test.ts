import { BenchExit, benchExitCode, parseBenchArgs, usage } from '../../bench/args';

const KNOWN = ['core', 'handler', 'bundle', 'synth'];

describe('parseBenchArgs', () => {
  test('no arguments: every suite, not strict', () => {
    expect(parseBenchArgs([], KNOWN)).toEqual({ suites: KNOWN, strict: false, help: false });
  });

  test('named suites in the order given, once each, and --strict anywhere', () => {
    expect(parseBenchArgs(['synth', '--strict', 'core', 'synth'], KNOWN)).toEqual({ suites: ['synth', 'core'], strict: true, help: false });
  });

  test('--help and -h', () => {
    expect(parseBenchArgs(['--help'], KNOWN).help).toBe(true);
    expect(parseBenchArgs(['-h'], KNOWN).help).toBe(true);
  });

  test('an unknown suite is named with the choices', () => {
    expect(() => parseBenchArgs(['synt'], KNOWN)).toThrow('Unknown bench "synt": choose from core, handler, bundle, synth, or name none to run all.');
  });

  test('a mistyped option is refused rather than silently ignored', () => {
    expect(() => parseBenchArgs(['--strcit'], KNOWN)).toThrow('Unknown option "--strcit": the bench takes --strict and --help.');
  });
});

describe('usage', () => {
  test('lists the suites, --strict and the three exit codes', () => {
    const text = usage(KNOWN);
    expect(text).toContain('[--strict] [core] [handler] [bundle] [synth]');
    expect(text).toContain(`${BenchExit.ok} done (misses are reported, not fatal), ${BenchExit.missed} a target missed with --strict`);
    expect(text).toContain(`${BenchExit.error} the bench could not run`);
    expect(new Set(Object.values(BenchExit)).size).toBe(3);
  });
});

describe('benchExitCode', () => {
  test.each([
    ['all met', 0, false, 0, BenchExit.ok],
    ['all met, strict', 0, true, 0, BenchExit.ok],
    ['a miss is reported, not fatal, by default', 2, false, 0, BenchExit.ok],
    ['a miss with --strict', 1, true, 0, BenchExit.missed],
    ['a suite that could not run', 0, false, 1, BenchExit.error],
    ['a failed suite beats a miss', 3, true, 1, BenchExit.error],
  ])('%s', (_case, misses, strict, failedSuites, code) => {
    expect(benchExitCode({ misses, strict, failedSuites })).toBe(code);
  });
});
