import { parseArgs } from '../../../lib/report/args';
import { AccessReportError } from '../../../lib/report/errors';

describe('parseArgs', () => {
  test.each([
    [['--base', 'main'], { base: 'main', head: 'cdk.out', threshold: 'high', help: false }],
    [['--base=main', '--head=out'], { base: 'main', head: 'out', threshold: 'high', help: false }],
    [['--head', 'out', '--base', 'cdk.base'], { base: 'cdk.base', head: 'out', threshold: 'high', help: false }],
    [['--base', 'main', '--threshold', 'critical', '--acknowledgements', 'acks.json', '--json=summary.json'],
      { base: 'main', head: 'cdk.out', threshold: 'critical', acknowledgements: 'acks.json', json: 'summary.json', help: false }],
    [['--base', 'main', '--threshold=info'], { base: 'main', head: 'cdk.out', threshold: 'info', help: false }],
    [['--help'], { head: 'cdk.out', threshold: 'high', help: true }],
  ])('%j', (argv, expected) => {
    expect(parseArgs(argv)).toEqual(expected);
  });

  test.each([
    [[], '--base is required'],
    [['--base'], '--base needs a value'],
    [['--base', '--head', 'x'], '--base needs a value'],
    [['--base', 'a', '--base', 'b'], '--base given twice'],
    [['--base', 'a', 'extra'], 'unknown argument "extra"'],
    [['--bsae', 'a'], 'unknown argument "--bsae"'],
    [['--base', 'a', '--threshold', 'medium'], '--threshold "medium" is not a severity: use one of critical, high, info'],
    [['--base', 'a', '--json'], '--json needs a value'],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(new AccessReportError('usage', message));
  });
});
