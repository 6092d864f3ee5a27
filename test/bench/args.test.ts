import { BenchExit, parseBenchArgs, usage } from '../../bench/args';

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
