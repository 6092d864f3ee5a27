import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cdkDiffArgs, runCdkDiff } from '../../../lib/ci/cdk-diff';

describe('cdkDiffArgs', () => {
  test('the stage\'s stacks, template method (no change set), no colours; the review passes the assembly directory', () => {
    expect(cdkDiffArgs('dev')).toEqual(['cdk', 'diff', 'dev/*', '--method', 'template', '--no-color', '--no-notices']);
    expect(cdkDiffArgs('dev', '/tmp/a/head')).toEqual(['cdk', 'diff', '--app', '/tmp/a/head', 'dev/*', '--method', 'template', '--no-color', '--no-notices']);
  });
});

describe('runCdkDiff', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'eks-access-cdkdiff-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('refuses an --app that is not a directory: the CLI would run it as a command', async () => {
    const script = path.join(tmp, 'evil.sh');
    fs.writeFileSync(script, '#!/bin/sh\ntouch pwned\n', { mode: 0o755 });
    await expect(runCdkDiff({ env: 'dev', app: script })).rejects.toThrow(`--app ${script} is not a directory; the review only diffs an extracted cloud assembly`);
    await expect(runCdkDiff({ env: 'dev', app: path.join(tmp, 'missing') })).rejects.toThrow('is not a directory');
  });
});
