import { runScript } from './run-script';

const run = (...args: string[]) => runScript('pr-review', ...args);

test('a wrong command line exits 1 with the usage; a step outside the workflow names what is missing', () => {
  const none = run();
  expect(none.status).toBe(1);
  expect(none.stderr).toContain('pr-review: usage: npm run pr-review -- extract --archive <tar> --out <dir> | diff --assemblies <dir> --out <dir> | publish');
  const missing = run('extract', '--archive', 'x.tar');
  expect(missing.status).toBe(1);
  expect(missing.stderr).toContain('pr-review: missing --out; usage:');
  const unknown = run('diff', '--assemblies', 'a', '--out', 'b', '--role', 'x');
  expect(unknown.stderr).toContain('pr-review: unexpected argument "--role"');
  const publish = run('publish', '--report-json', 'a', '--report-exit', 'b', '--report-stderr', 'c', '--diffs', 'd');
  expect(publish.status).toBe(1);
  expect(publish.stderr).toContain('pr-review: GITHUB_REPOSITORY is not set; this step runs in the review workflow');
});

test('--help prints the usage on stdout, exit 0', () => {
  const help = run('--help');
  expect(help.stdout).toMatch(/^usage: npm run pr-review -- extract --archive <tar> --out <dir> \| diff/);
  expect(help.status).toBe(0);
});

test('an error is one line, never a stack trace', () => {
  const publish = run('publish', '--report-json', 'a', '--report-exit', 'b', '--report-stderr', 'c', '--diffs', 'd');
  expect(publish.stderr).not.toMatch(/^ {4}at /m);
});
