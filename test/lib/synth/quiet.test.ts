/**
 * Reading `--quiet` from the CDK CLI's command line (the CLI passes it to the app in no other
 * way) and dropping CDK's `Bundling asset` lines, and nothing else, from stderr.
 */
import { PassThrough } from 'stream';
import { cdkCliArguments, isQuietSynth, procReader, silenceBundlingLines } from '../../../lib/synth/quiet';
import type { ProcessReader } from '../../../lib/synth/quiet';

/** A process tree: pid -> argv and parent. */
function tree(processes: Record<number, [string[], number]>): ProcessReader {
  return (pid) => (processes[pid] ? { argv: processes[pid][0], parent: processes[pid][1] } : undefined);
}

describe('cdkCliArguments', () => {
  // As `npx cdk synth --quiet` starts the app: cdk -> sh -c "npx tsx bin/app.ts" -> npx -> node.
  const npx = tree({
    40: [['node', '/repo/node_modules/.bin/tsx', 'bin/app.ts'], 30],
    30: [['npm exec tsx bin/app.ts'], 20],
    20: [['/bin/sh', '-c', 'npx tsx bin/app.ts'], 10],
    10: [['node', '/repo/node_modules/.bin/cdk', 'synth', '--quiet', 'dev/*'], 5],
    5: [['bash'], 1],
  });

  test('finds the nearest ancestor running the cdk CLI and returns its arguments', () => {
    expect(cdkCliArguments(40, npx)).toEqual(['synth', '--quiet', 'dev/*']);
  });

  test('the CLI as a package bin (aws-cdk/bin/cdk) or on PATH', () => {
    expect(cdkCliArguments(2, tree({ 2: [['node'], 3], 3: [['node', '/usr/lib/node_modules/aws-cdk/bin/cdk', 'synth', '-q'], 1] }))).toEqual(['synth', '-q']);
    expect(cdkCliArguments(2, tree({ 2: [['cdk', 'synth'], 1] }))).toEqual(['synth']);
  });

  test('no cdk ancestor (a direct tsx run), an unreadable process, or deeper than the limit: undefined', () => {
    expect(cdkCliArguments(2, tree({ 2: [['node', 'bin/app.ts'], 3], 3: [['bash'], 1] }))).toBeUndefined();
    expect(cdkCliArguments(2, tree({}))).toBeUndefined();
    expect(cdkCliArguments(40, npx, 3)).toBeUndefined();
    // A script that merely has cdk in its name is not the CLI.
    expect(cdkCliArguments(2, tree({ 2: [['node', 'scripts/cdk-helper.ts'], 1] }))).toBeUndefined();
  });

  test('reads this very process from /proc on Linux', () => {
    const self = procReader(process.pid);
    if (process.platform !== 'linux') return expect(self).toBeUndefined();
    expect(self?.argv.length).toBeGreaterThan(0);
    expect(self?.parent).toBe(process.ppid);
  });
});

describe('isQuietSynth', () => {
  test.each([
    [['synth', '--quiet'], true],
    [['synth', '-q', 'dev/*'], true],
    [['synthesize', '--quiet=true'], true],
    [['synth'], false],
    [['synth', '--quiet', '--no-quiet'], false],
    [['synth', '--quiet=false'], false],
    [['deploy', '--quiet'], false],
  ])('%j -> %s', (args, expected) => {
    expect(isQuietSynth(args)).toBe(expected);
  });

  test('unknown arguments are not quiet', () => {
    expect(isQuietSynth(undefined)).toBe(false);
  });
});

describe('silenceBundlingLines', () => {
  function capture(): { stream: NodeJS.WriteStream; written: () => string } {
    const stream = new PassThrough() as unknown as NodeJS.WriteStream;
    let text = '';
    (stream as unknown as PassThrough).on('data', (c: Buffer) => { text += c.toString(); });
    return { stream, written: () => text };
  }

  test('drops exactly the Bundling asset lines; everything else passes, callbacks still run', async () => {
    const { stream, written } = capture();
    silenceBundlingLines(stream);
    let called = 0;
    stream.write('Bundling asset dev/Access/AwsAuthMappings/Provider/Handler/Code/Stage...\n', () => { called++; });
    stream.write('cdk-nag: 1 unacknowledged finding(s)\n');
    stream.write('Bundling asset is mentioned in this sentence.\n');
    stream.write(Buffer.from('Bundling asset x...\n'));
    await new Promise((r) => setImmediate(r));
    expect(called).toBe(1);
    expect(written()).toBe('cdk-nag: 1 unacknowledged finding(s)\nBundling asset is mentioned in this sentence.\nBundling asset x...\n');
  });
});
