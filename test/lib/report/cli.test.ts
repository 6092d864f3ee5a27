/** The command as a process: `tsx scripts/access-report.ts` with a directory base, and with a git ref. */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { arnOf, BASELINE_MAP_ROLES, baseline, writeAssembly } from './fixtures';

const ROOT = path.join(__dirname, '..', '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const SCRIPT = path.join(ROOT, 'scripts', 'access-report.ts');
const MASTERS = { rolearn: arnOf('PersonAdminRole'), username: 'admin', groups: ['system:masters'] };
const ESCALATION = '- **dev** · aws-auth mapRoles `role:external_admin`: mapped to `system:masters` (cluster admin; new mapping)\n';

let tmp: string;
let baseDir: string;
let headDir: string;

function accessReport(args: string[], cwd = ROOT): { stdout: string; stderr: string; status: number | null } {
  const result = spawnSync(TSX, [SCRIPT, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'access-report-cli-'));
  baseDir = writeAssembly({ dev: baseline('dev', { allowClusterAdmin: true }) }, path.join(tmp, 'base'));
  headDir = writeAssembly({ dev: baseline('dev', { allowClusterAdmin: true, mapRoles: [...BASELINE_MAP_ROLES, MASTERS] }) }, path.join(tmp, 'head'));
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('with a directory --base', () => {
  test('prints the Markdown report on stdout and exits 2 on an escalation', () => {
    const { stdout, status } = accessReport(['--base', baseDir, '--head', headDir]);
    expect(stdout).toContain(`# Access report\n\nBase: \`${baseDir}\` · Head: \`${headDir}\`\n\n## Escalations (1)\n\n${ESCALATION}`);
    expect(status).toBe(2);
  });

  test('exits 0 when nothing changed', () => {
    const { stdout, status } = accessReport(['--base', baseDir, '--head', baseDir]);
    expect(stdout).toContain('No access changes.');
    expect(status).toBe(0);
  });

  test('--head defaults to cdk.out in the working directory', () => {
    fs.cpSync(headDir, path.join(tmp, 'cdk.out'), { recursive: true });
    const { stdout, status } = accessReport(['--base', baseDir], tmp);
    expect(stdout).toContain('· Head: `cdk.out`');
    expect(status).toBe(2);
  });

  test.each([
    [['--head', 'x'], 'access-report: --base is required'],
    [['--base', 'x', '--bogus'], 'access-report: unknown argument "--bogus"'],
  ])('usage error %j: message and usage on stderr, exit 1', (args, message) => {
    const { stdout, stderr, status } = accessReport(args);
    expect(stderr).toContain(`${message}\n\nUsage: npm run access-report`);
    expect(stdout).toBe('');
    expect(status).toBe(1);
  });

  test('a head without manifest.json is an I/O error, exit 1', () => {
    const { stderr, status } = accessReport(['--base', baseDir, '--head', tmp + '/missing']);
    expect(stderr).toBe(`access-report: ${tmp}/missing is not a cloud assembly: it has no manifest.json (run \`npx cdk synth\` first)\n`);
    expect(status).toBe(1);
  });
});

describe('with a git ref --base', () => {
  let repo: string;
  let tmpBefore: string[];
  const git = (...args: string[]) => {
    const result = spawnSync('git', ['-c', 'user.email=test@example.com', '-c', 'user.name=test', ...args], { cwd: repo, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
    return result.stdout.trim();
  };
  const leftovers = () => fs.readdirSync(os.tmpdir()).filter((d) => /^access-report-base-.{6}$/.test(d) && !tmpBefore.includes(d));

  beforeAll(() => {
    // A repository whose "CDK app" copies a committed assembly to CDK_OUTDIR: the real cdk CLI
    // runs it, so checkout, node_modules link, synth and cleanup are real, and fast.
    repo = path.join(tmp, 'repo');
    fs.mkdirSync(repo);
    git('init', '-q');
    fs.writeFileSync(path.join(repo, 'cdk.json'), JSON.stringify({ app: 'node app.js' }));
    fs.writeFileSync(path.join(repo, 'app.js'), "require('fs').cpSync(require('path').join(__dirname, 'assembly'), process.env.CDK_OUTDIR, { recursive: true });\n");
    fs.writeFileSync(path.join(repo, '.gitignore'), 'node_modules\ncdk.out\n');
    writeAssembly({ dev: baseline('dev', { allowClusterAdmin: true }) }, path.join(repo, 'assembly'));
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(repo, 'node_modules'), 'dir');
    git('add', '.');
    git('commit', '-q', '-m', 'base');
    git('tag', 'good');
    fs.writeFileSync(path.join(repo, 'app.js'), 'process.exit(3);\n');
    git('commit', '-q', '-am', 'broken synth');
    git('tag', 'broken');
    tmpBefore = fs.readdirSync(os.tmpdir());
  });

  test('checks the ref out in a temporary worktree, synthesizes it, reports, and removes the worktree', () => {
    const started = Date.now();
    const { stdout, stderr, status } = accessReport(['--base', 'good', '--head', headDir], repo);
    expect(stderr).toContain('access-report: synthesizing good (');
    expect(stdout).toContain(`Base: \`good (${git('rev-parse', '--short=7', 'good')})\``);
    expect(stdout).toContain(ESCALATION);
    expect(status).toBe(2);
    expect(git('worktree', 'list').split('\n')).toHaveLength(1);
    expect(leftovers()).toEqual([]);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  test('a failing synth is an I/O error, exit 1, and the worktree is removed all the same', () => {
    const { stderr, status } = accessReport(['--base', 'broken', '--head', headDir], repo);
    expect(stderr).toContain(`access-report: cdk synth of broken (${git('rev-parse', '--short=7', 'broken')}) failed:`);
    expect(status).toBe(1);
    expect(git('worktree', 'list').split('\n')).toHaveLength(1);
    expect(leftovers()).toEqual([]);
  });

  test('a value that is neither an assembly directory nor a ref is a usage error', () => {
    const { stderr, status } = accessReport(['--base', 'no-such-ref', '--head', headDir], repo);
    expect(stderr).toContain('access-report: --base "no-such-ref" is neither a cloud assembly directory (no manifest.json) nor a git ref of');
    expect(status).toBe(1);
  });
});
