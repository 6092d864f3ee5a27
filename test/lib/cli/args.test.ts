import { CliExit, USAGE, parseCommandLine } from '../../../lib/cli/args';

describe('parseCommandLine', () => {
  test.each([
    [['plan', '--env', 'dev'], { command: 'plan', envNames: ['dev'], all: false, detailed: false, output: 'text', rest: ['--env', 'dev'] }],
    [['verify', '--all', '--output', 'json'], { command: 'verify', envNames: [], all: true, detailed: false, output: 'json', rest: ['--all', '--output', 'json'] }],
    [['plan', '--env', 'a', '--env', 'b', '--detailed-exitcode', '--assume-role', 'arn:aws:iam::111122223333:role/x-verifier', '--output', 'text'],
      { command: 'plan', envNames: ['a', 'b'], all: false, detailed: true, assumeRole: 'arn:aws:iam::111122223333:role/x-verifier', output: 'text',
        rest: ['--env', 'a', '--env', 'b', '--detailed-exitcode', '--assume-role', 'arn:aws:iam::111122223333:role/x-verifier', '--output', 'text'] }],
    [['verify', '--all', '--profile', 'ops'], { command: 'verify', envNames: [], all: true, detailed: false, profile: 'ops', output: 'text', rest: ['--all', '--profile', 'ops'] }],
  ])('%j', (argv, args) => {
    expect(parseCommandLine(argv)).toEqual({ kind: 'run', args });
  });

  test.each([[['--help']], [['-h']], [['plan', '--env', 'dev', '--help']], [['nonsense', '-h']]])('%j asks for help', (argv) => {
    expect(parseCommandLine(argv)).toEqual({ kind: 'help' });
  });

  test.each([
    [[], USAGE],
    [['plan'], USAGE],
    [['apply', '--all'], USAGE],
    [['plan', '--all', '--output'], `--output needs one of text, json, got undefined\n${USAGE}`],
    [['plan', '--all', '--output', 'yaml'], `--output needs one of text, json, got "yaml"\n${USAGE}`],
    [['plan', '--env'], `--env needs an environment name\n${USAGE}`],
    [['plan', '--all', '--profile'], `--profile needs a profile name (a section of ~/.aws/config)\n${USAGE}`],
    [['plan', '--all', '--assume-role', 'x'], `--assume-role needs an IAM role ARN, got "x"\n${USAGE}`],
    [['plan', '--all', '--force'], `unknown argument "--force"\n${USAGE}`],
  ])('%j is a usage error', (argv, message) => {
    expect(parseCommandLine(argv)).toEqual({ kind: 'usage', message });
  });

  test('the usage names every flag and the exit codes', () => {
    for (const flag of ['--env', '--all', '--detailed-exitcode', '--profile', '--assume-role', '--output', '--help']) expect(USAGE).toContain(flag);
    expect(USAGE).toContain(`exit codes: ${CliExit.ok} ok; ${CliExit.error} error or verify failure; ${CliExit.changes} plan found changes (with --detailed-exitcode); ${CliExit.usage} usage`);
  });
});
