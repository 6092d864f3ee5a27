import { GATE_USAGE } from '../../lib/upgrade/cli';
import { runScript } from './run-script';

const run = (...args: string[]) => runScript('upgrade-gate', ...args);

test.each([['--help'], ['-h']])('%s prints the usage on stdout, exit 0 (nothing synthesized)', (flag) => {
  const help = run(flag);
  expect(help.stdout).toBe(`${GATE_USAGE}\n`);
  expect(help.status).toBe(0);
});

test('an unknown argument: one line naming it and the usage, exit 1', () => {
  const wrong = run('--bogus');
  expect(wrong.stderr).toContain(`upgrade-gate: unknown argument "--bogus". ${GATE_USAGE}\n`);
  expect(wrong.stderr).not.toMatch(/^ {4}at /m);
  expect(wrong.status).toBe(1);
});
