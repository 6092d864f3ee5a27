/**
 * The stale-head warning in a real git work tree: the newest source (tracked or new, never an
 * ignored file) against the head's manifest.json, skipped in CI and for another head; and the
 * command printing it on stderr (and in the JSON document) while still reporting.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../../../lib/report/cli';
import { checkStaleness, isCi, newestSource, sourcePaths, stalenessWarning, synthOutputDir } from '../../../lib/report/staleness';
import { baseline, writeAssembly } from './fixtures';

let repo: string;
const HOUR = 3600_000;
const T0 = Date.UTC(2026, 11, 1, 9, 0, 0);

function touch(file: string, ms: number): void {
  fs.utimesSync(path.join(repo, file), ms / 1000, ms / 1000);
}

function write(file: string, text: string, ms: number): void {
  fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
  fs.writeFileSync(path.join(repo, file), text);
  touch(file, ms);
}

beforeAll(() => {
  repo = fs.mkdtempSync(path.join(os.tmpdir(), 'access-report-stale-'));
  const git = (...args: string[]) => spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: repo, encoding: 'utf8' });
  git('init', '-q');
  write('cdk.json', JSON.stringify({ app: 'npx tsx bin/app.ts', watch: { include: ['bin/**', 'lib/**', 'lambda/**'] } }), T0);
  write('.gitignore', 'cdk.out/\nlib/generated.ts\n', T0);
  write('bin/app.ts', '// app\n', T0);
  write('lib/stack.ts', '// stack\n', T0 + HOUR);
  write('README.md', '# not a source\n', T0 + 5 * HOUR);
  git('add', '.');
  git('commit', '-q', '-m', 'app');
  writeAssembly({ dev: baseline('dev') }, path.join(repo, 'cdk.out'));
  touch('cdk.out/manifest.json', T0 + 2 * HOUR);
});
afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

describe('isCi', () => {
  test.each([[{}, false], [{ CI: '' }, false], [{ CI: 'false' }, false], [{ CI: '0' }, false], [{ CI: 'true' }, true], [{ CI: '1' }, true]])('%j -> %s', (env, ci) => {
    expect(isCi(env)).toBe(ci);
  });
});

describe('what synth reads', () => {
  test('the folders of cdk.json watch.include and the config files; the output directory', () => {
    expect(sourcePaths(repo)).toEqual(['bin', 'lib', 'lambda', 'cdk.json', 'cdk.context.json']);
    expect(synthOutputDir(repo)).toBe(path.join(repo, 'cdk.out'));
  });

  test('the newest source: tracked and new files count, ignored ones and files outside the sources do not', () => {
    expect(newestSource(repo)).toEqual({ file: 'lib/stack.ts', mtimeMs: T0 + HOUR });
    write('lib/generated.ts', '// ignored\n', T0 + 9 * HOUR);
    write('lambda/new.ts', '// new, not yet added\n', T0 + 3 * HOUR);
    try {
      expect(newestSource(repo)).toEqual({ file: 'lambda/new.ts', mtimeMs: T0 + 3 * HOUR });
    } finally {
      fs.rmSync(path.join(repo, 'lambda'), { recursive: true });
      fs.rmSync(path.join(repo, 'lib/generated.ts'));
    }
  });

  test('a directory where git lists none of the sources (no work tree of its own): nothing to compare', () => {
    const plain = fs.mkdtempSync(path.join(os.tmpdir(), 'access-report-plain-'));
    try {
      expect(newestSource(plain)).toBeUndefined();
    } finally {
      fs.rmSync(plain, { recursive: true });
    }
  });
});

describe('stalenessWarning', () => {
  test('names the head, both times, the newer file and the fix', () => {
    expect(stalenessWarning('cdk.out', T0, { file: 'lib/a.ts', mtimeMs: T0 + HOUR })).toBe(
      'the head assembly cdk.out was synthesized at 2026-12-01T09:00:00Z, before lib/a.ts changed (2026-12-01T10:00:00Z), '
      + 'so this report shows the access of that older synth, not of the working tree; run `npx cdk synth` first (the check is skipped when the CI variable is set)',
    );
  });

  test.each([[{ file: 'lib/a.ts', mtimeMs: T0 }], [undefined]])('no warning for %j', (newest) => {
    expect(stalenessWarning('cdk.out', T0, newest)).toBeUndefined();
  });
});

describe('checkStaleness and the command', () => {
  const input = () => ({ root: repo, head: path.join(repo, 'cdk.out'), headLabel: 'cdk.out', env: {} });

  test('a head older than the sources: warned about locally, not in CI, not for another head', () => {
    write('bin/app.ts', '// edited after the synth\n', T0 + 4 * HOUR);
    try {
      expect(checkStaleness(input())).toMatch(/^the head assembly cdk\.out was synthesized at 2026-12-01T11:00:00Z, before bin\/app\.ts changed \(2026-12-01T13:00:00Z\)/);
      expect(checkStaleness({ ...input(), env: { CI: 'true' } })).toBeUndefined();
      const other = writeAssembly({ dev: baseline('dev') }, path.join(repo, 'cdk.out.other'));
      touch('cdk.out.other/manifest.json', T0);
      expect(checkStaleness({ ...input(), head: other, headLabel: 'cdk.out.other' })).toBeUndefined();
    } finally {
      touch('bin/app.ts', T0);
      fs.rmSync(path.join(repo, 'cdk.out.other'), { recursive: true, force: true });
    }
  });

  test('an up-to-date head: no warning', () => {
    expect(checkStaleness(input())).toBeUndefined();
  });

  test('the command warns on stderr, puts the warning in the JSON document, and still reports', () => {
    write('lib/stack.ts', '// edited\n', T0 + 4 * HOUR);
    try {
      let stdout = '';
      let stderr = '';
      const code = runCli(['--base', 'cdk.out', '--format', 'json'], { cwd: repo, env: {}, stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; } });
      const warning = checkStaleness(input());
      expect(stderr).toBe(`access-report: warning: ${warning}\n`);
      expect(JSON.parse(stdout)).toMatchObject({ exitCode: 0, warnings: [warning] });
      expect(code).toBe(0);
      let ciStderr = '';
      runCli(['--base', 'cdk.out'], { cwd: repo, env: { CI: 'true' }, stdout: () => undefined, stderr: (t) => { ciStderr += t; } });
      expect(ciStderr).toBe('');
    } finally {
      touch('lib/stack.ts', T0 + HOUR);
    }
  });
});
