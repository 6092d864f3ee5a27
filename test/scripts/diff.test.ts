import { ENVIRONMENTS } from '../../lib/config/environments';
import { validateEnvironments } from '../../lib/config/validate';
import { UsageError, findEnvironment, parseDiffArgs } from '../../scripts/diff';

const envs = validateEnvironments(ENVIRONMENTS);

describe('npm run diff -- <env> [--out <file>] (local use)', () => {
  test('an environment, with or without --out', () => {
    expect(parseDiffArgs(['dev'])).toEqual({ env: 'dev' });
    expect(parseDiffArgs(['prod', '--out', 'd.txt'])).toEqual({ env: 'prod', out: 'd.txt' });
  });

  test.each([[[]], [['--out', 'x']], [['dev', '--out']], [['dev', 'staging']], [['dev', '--target', 'x']]])('usage error for %j', (argv) => {
    expect(() => parseDiffArgs(argv)).toThrow(new UsageError('usage: npm run diff -- <env> [--out <file>]'));
  });

  test('an unknown environment names the ones there are', () => {
    expect(findEnvironment('staging', envs).name).toBe('staging');
    expect(() => findEnvironment('qa', envs)).toThrow(new UsageError('unknown environment "qa"; use one of dev, staging, prod (lib/config/environments.ts)'));
  });
});
