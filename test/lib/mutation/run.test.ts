/**
 * The command line of `npm run mutation`, and the passes of this project: every mutated file
 * has tests that pin it (a file without any is an error before Stryker starts).
 */
import * as path from 'path';
import { parseMutationArgs, projectGroups } from '../../../lib/mutation/run';

describe('parseMutationArgs', () => {
  test('defaults: every file, 4 processes, checked, quiet, not strict', () => {
    expect(parseMutationArgs([])).toEqual({ only: [], concurrency: 4, verbose: false, strict: false, check: true, force: false });
  });

  test('every option, --only more than once', () => {
    expect(parseMutationArgs(['--only', 'yaml11', '--only', 'lib/k8s/', '--concurrency', '2', '--no-check', '--force', '--verbose', '--strict']))
      .toEqual({ only: ['yaml11', 'lib/k8s/'], concurrency: 2, verbose: true, strict: true, check: false, force: true });
  });

  test.each([
    [['--only'], '--only needs a value: part of a mutated file\'s path, e.g. --only yaml11'],
    [['--concurrency', '1'], '--concurrency must be a whole number of at least 2 (one type checker, one test runner), not "1"'],
    [['--concurrency', 'x'], 'not "x"'],
    [['--concurrency'], 'not ""'],
    [['--fast'], 'unknown option "--fast"; use --only <path part>, --concurrency N, --no-check, --force, --verbose or --strict'],
  ])('%j is refused: %s', (argv, message) => {
    expect(() => parseMutationArgs(argv)).toThrow(message);
  });
});

test('this project: every file of stryker.config.json mutate has a pass with at least one test, and no oracle test', () => {
  const { base, groups } = projectGroups(path.resolve(__dirname, '../../..'));
  expect(groups.length).toBeGreaterThan(30);
  expect(groups.map((g) => g.file)).toContain('lambda/aws-auth/core/yaml11.ts');
  expect(groups.map((g) => g.file)).not.toContain('lambda/aws-auth/core/index.ts');
  for (const g of groups) {
    expect(g.tests.length).toBeGreaterThan(0);
    expect(g.tests.some((t) => t.includes('authenticator-oracle'))).toBe(false);
  }
  expect(base.mutate).toContain('lib/config/validate.ts');
});
