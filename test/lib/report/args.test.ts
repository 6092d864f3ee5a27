import { parseArgs } from '../../../lib/report/args';
import { AccessReportError } from '../../../lib/report/errors';

describe('parseArgs', () => {
  test.each([
    [['--base', 'main'], { base: 'main', head: 'cdk.out', threshold: 'high', format: 'markdown', help: false }],
    [['--base=main', '--head=out'], { base: 'main', head: 'out', threshold: 'high', format: 'markdown', help: false }],
    [['--head', 'out', '--base', 'cdk.base'], { base: 'cdk.base', head: 'out', threshold: 'high', format: 'markdown', help: false }],
    [['--base', 'main', '--threshold', 'critical', '--acknowledgements', 'acks.json', '--json=summary.json'],
      { base: 'main', head: 'cdk.out', threshold: 'critical', acknowledgements: 'acks.json', json: 'summary.json', format: 'markdown', help: false }],
    [['--base', 'main', '--threshold=info'], { base: 'main', head: 'cdk.out', threshold: 'info', format: 'markdown', help: false }],
    [['--help'], { head: 'cdk.out', threshold: 'high', format: 'markdown', help: true }],
    [['--base', 'main', '--env', 'dev', '--env=prod', '--env', 'dev', '--format', 'json'],
      { base: 'main', head: 'cdk.out', threshold: 'high', environments: ['dev', 'prod'], format: 'json', help: false }],
    [['--base', 'main', '--format=markdown'], { base: 'main', head: 'cdk.out', threshold: 'high', format: 'markdown', help: false }],
    [['--help', '--format', 'yaml'], { head: 'cdk.out', threshold: 'high', format: 'markdown', help: true }],
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
    [['--base', 'a', '--env'], '--env needs a value'],
    [['--base', 'a', '--env', '--head', 'x'], '--env needs a value'],
    [['--base', 'a', '--format', 'yaml'], '--format "yaml" is not a format: use one of markdown, json'],
    [['--base', 'a', '--format', 'json', '--format', 'json'], '--format given twice'],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(new AccessReportError('usage', message));
  });
});
