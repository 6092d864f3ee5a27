import { parseArgs } from '../../../lib/report/args';
import { AccessReportError } from '../../../lib/report/errors';

describe('parseArgs', () => {
  test.each([
    [['--base', 'main'], { base: 'main', head: 'cdk.out', help: false }],
    [['--base=main', '--head=out'], { base: 'main', head: 'out', help: false }],
    [['--head', 'out', '--base', 'cdk.base'], { base: 'cdk.base', head: 'out', help: false }],
    [['--help'], { head: 'cdk.out', help: true }],
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
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(new AccessReportError('usage', message));
  });
});
