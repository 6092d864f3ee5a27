/** `--env`, in-process over fixture assemblies: only the named environments reported and counted; unknown names refused. */
import { DEV_AND_PROD, parseJsonReport, removeWrittenAssemblies, runReport } from './run-report';

afterAll(removeWrittenAssemblies);

const { base, head } = DEV_AND_PROD;
const doc = parseJsonReport;

describe('--env', () => {
  test('only the named environments are reported and counted', () => {
    const devOnly = runReport(base, head, ['--env', 'dev']);
    expect(devOnly.exitCode).toBe(0);
    expect(devOnly.markdown).toContain('## Environment `dev`');
    expect(devOnly.markdown).not.toContain('`prod`');
    const prodOnly = runReport(base, head, ['--env', 'prod', '--format', 'json']);
    expect(prodOnly.exitCode).toBe(2);
    expect(doc(prodOnly.markdown).environments.map((e) => e.name)).toEqual(['prod']);
    expect(doc(prodOnly.markdown).findings.every((f) => f.environment === 'prod')).toBe(true);
  });

  test('an unknown name is a usage error naming the known ones, exit 1', () => {
    const run = runReport(base, head, ['--env', 'dev', '--env', 'qa', '--env', 'test']);
    expect(run.exitCode).toBe(1);
    expect(run.markdown).toBe('');
    expect(run.stderr).toMatch(/^access-report: --env "qa", "test": no such environments in base or head; the environments are dev, prod\n\nUsage: npm run access-report/);
  });
});
