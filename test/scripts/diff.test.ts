import { ENVIRONMENTS } from '../../lib/config/environments';
import { validateEnvironments } from '../../lib/config/validate';
import { runScript } from './run-script';
import { DIFF_USAGE, DIFF_USAGE_EXIT, UsageError, findEnvironment, parseDiffArgs } from '../../scripts/diff';

const envs = validateEnvironments(ENVIRONMENTS);

describe('npm run diff -- <env> [--out <file>] (local use)', () => {
  test('an environment, with or without --out', () => {
    expect(parseDiffArgs(['dev'])).toEqual({ env: 'dev' });
    expect(parseDiffArgs(['prod', '--out', 'd.txt'])).toEqual({ env: 'prod', out: 'd.txt' });
  });

  test.each([[[]], [['--out', 'x']], [['dev', '--out']], [['dev', 'staging']], [['dev', '--target', 'x']]])('usage error for %j', (argv) => {
    expect(() => parseDiffArgs(argv)).toThrow(new UsageError(DIFF_USAGE));
  });

  test('an unknown environment names the ones there are', () => {
    expect(findEnvironment('staging', envs).name).toBe('staging');
    expect(() => findEnvironment('qa', envs)).toThrow(new UsageError('unknown environment "qa"; use one of dev, staging, prod (lib/config/environments.ts)'));
  });
});

describe('as a process', () => {
  const run = (...args: string[]) => runScript('diff', ...args);

  test.each([['--help'], ['-h']])('%s prints the usage on stdout, exit 0', (flag) => {
    const help = run(flag);
    expect(help.stdout).toBe(`${DIFF_USAGE}\n`);
    expect(help.status).toBe(0);
  });

  test('a wrong command line or an unknown environment: one line, exit 64, no stack trace', () => {
    const none = run();
    expect(none.stderr).toContain(`diff: ${DIFF_USAGE}\n`);
    expect(none.status).toBe(DIFF_USAGE_EXIT);
    const unknown = run('qa');
    expect(unknown.stderr).toContain('diff: unknown environment "qa"; use one of dev, staging, prod (lib/config/environments.ts)\n');
    expect(unknown.stderr).not.toMatch(/^ {4}at /m);
    expect(unknown.status).toBe(DIFF_USAGE_EXIT);
  });
});
