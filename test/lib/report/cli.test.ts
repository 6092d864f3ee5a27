/**
 * The command as a process: `tsx scripts/access-report.ts` with a directory base, and with a
 * git ref; thresholds, the JSON summary, and acknowledgements (explicit file, from the base
 * ref, never from the head's working tree).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { arnOf, BASELINE_MAP_ROLES, baseline, writeAssembly } from './fixtures';

const ROOT = path.join(__dirname, '..', '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const SCRIPT = path.join(ROOT, 'scripts', 'access-report.ts');
const MASTERS = { rolearn: arnOf('PersonAdminRole'), username: 'admin', groups: ['system:masters'] };
const ESCALATION = '- **critical** · `dev` · aws-auth mapRoles `role:external_admin`: mapped to `system:masters` (cluster admin; new mapping)\n';

let tmp: string;
let baseDir: string;
let headDir: string;
/** Fingerprints of head's findings against base, from the JSON summary. */
let fingerprints: string[];
let mastersFingerprint: string;

interface Summary {
  threshold: string;
  highest: string | null;
  exitCode: number;
  error?: string;
  findings: Array<{ environment: string; severity: string; rule: string; fingerprint: string; acknowledged: boolean; summary: string }>;
  expiredAcknowledgements: Array<{ fingerprint: string; expires: string; summary: string }>;
}

function acknowledging(fingerprint: string | string[], expires: string): string {
  const list = (Array.isArray(fingerprint) ? fingerprint : [fingerprint]).map((f) => ({ fingerprint: f, reason: 'accepted in review', expires, summary: 'test' }));
  return JSON.stringify({ $comment: 'test', acknowledgements: list });
}

function readSummary(file: string): Summary {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Summary;
}

function accessReport(args: string[], cwd = ROOT): { stdout: string; stderr: string; status: number | null } {
  const result = spawnSync(TSX, [SCRIPT, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'access-report-cli-'));
  baseDir = writeAssembly({ dev: baseline('dev', { allowClusterAdmin: true }) }, path.join(tmp, 'base'));
  headDir = writeAssembly({ dev: baseline('dev', { allowClusterAdmin: true, mapRoles: [...BASELINE_MAP_ROLES, MASTERS] }) }, path.join(tmp, 'head'));
  const json = path.join(tmp, 'fingerprints.json');
  accessReport(['--base', baseDir, '--head', headDir, '--json', json]);
  const summary = readSummary(json);
  fingerprints = summary.findings.map((f) => f.fingerprint);
  mastersFingerprint = summary.findings.find((f) => f.rule === 'new-masters-mapping')?.fingerprint as string;
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('with a directory --base', () => {
  test('prints the Markdown report on stdout and exits 2 on an escalation', () => {
    const { stdout, status } = accessReport(['--base', baseDir, '--head', headDir]);
    expect(stdout).toContain(`# Access report\n\nBase: \`${baseDir}\` · Head: \`${headDir}\` · Threshold: \`high\``);
    expect(stdout).toContain(`### Critical (2)\n\n${ESCALATION}`);
    expect(status).toBe(2);
  });

  test('--help prints the usage and exits 0', () => {
    const { stdout, status } = accessReport(['--help']);
    expect(stdout).toContain('Usage: npm run access-report -- --base <git ref | cloud assembly dir>');
    expect(stdout).toContain('[--env <name> ...] [--format markdown|json]');
    expect(stdout).toContain('Exit status: 0 every unacknowledged finding below the threshold, 2 at or above it,\n1 usage, input or I/O error.');
    expect(status).toBe(0);
  });

  test('--json writes the machine summary', () => {
    const file = path.join(tmp, 'summary.json');
    const { status } = accessReport(['--base', baseDir, '--head', headDir, '--json', file]);
    const summary = readSummary(file);
    expect(summary).toEqual({
      threshold: 'high', highest: 'critical', exitCode: 2, expiredAcknowledgements: [],
      findings: expect.arrayContaining([{
        environment: 'dev', severity: 'critical', rule: 'new-masters-mapping', fingerprint: mastersFingerprint, acknowledged: false,
        summary: 'aws-auth mapRoles `role:external_admin`: mapped to `system:masters` (cluster admin; new mapping)',
      }]),
    });
    expect(status).toBe(2);
  });

  test.each([['critical', 2], ['high', 2], ['info', 2]])('--threshold %s with critical findings: exit %d', (threshold, code) => {
    expect(accessReport(['--base', baseDir, '--head', headDir, '--threshold', threshold]).status).toBe(code);
  });

  test('--threshold: an info-only change exits 0 at high and critical, 2 at info', () => {
    const info = writeAssembly({ dev: baseline('dev', { allowClusterAdmin: true, mapRoles: [...BASELINE_MAP_ROLES, { rolearn: 'arn:aws:iam::111111111111:role/ops', username: 'ops', groups: ['developer'] }] }) }, path.join(tmp, 'info'));
    expect(accessReport(['--base', baseDir, '--head', info]).status).toBe(0);
    expect(accessReport(['--base', baseDir, '--head', info, '--threshold', 'critical']).status).toBe(0);
    expect(accessReport(['--base', baseDir, '--head', info, '--threshold', 'info']).status).toBe(2);
  });

  test('--acknowledgements: acknowledged findings are listed but do not count', () => {
    const file = path.join(tmp, 'acks.json');
    fs.writeFileSync(file, acknowledging(fingerprints, '2999-12-31'));
    const json = path.join(tmp, 'acked.json');
    const { stdout, status } = accessReport(['--base', baseDir, '--head', headDir, '--acknowledgements', file, '--json', json]);
    expect(stdout).toContain(`Acknowledgements: \`${file}\``);
    expect(stdout).toContain(`  - acknowledged until \`2999-12-31\`: \`accepted in review\` (does not count)\n`);
    expect(stdout).toContain(ESCALATION);
    expect(readSummary(json)).toMatchObject({ highest: null, exitCode: 0 });
    expect(readSummary(json).findings.every((f) => f.acknowledged)).toBe(true);
    expect(status).toBe(0);
  });

  test('--acknowledgements: expired ones do not count and are reported', () => {
    const file = path.join(tmp, 'expired.json');
    fs.writeFileSync(file, acknowledging(fingerprints, '2000-01-01'));
    const json = path.join(tmp, 'expired-summary.json');
    const { stdout, status } = accessReport(['--base', baseDir, '--head', headDir, '--acknowledgements', file, '--json', json]);
    expect(stdout).toContain(`### Expired acknowledgements (${fingerprints.length})\n\n- fingerprint \``);
    expect(stdout).toContain('  - acknowledgement expired on `2000-01-01`: `accepted in review` (counts)\n');
    expect(readSummary(json).expiredAcknowledgements).toHaveLength(fingerprints.length);
    expect(status).toBe(2);
  });

  test('--acknowledgements: a malformed file is an error with a sentence naming entry, field and fix; exit 1, JSON error summary', () => {
    const file = path.join(tmp, 'malformed.json');
    fs.writeFileSync(file, JSON.stringify({ acknowledgements: [{ fingerprint: mastersFingerprint, reason: 'r', expires: '31/12/2999', summary: 's' }] }));
    const json = path.join(tmp, 'error.json');
    const { stdout, stderr, status } = accessReport(['--base', baseDir, '--head', headDir, '--acknowledgements', file, '--json', json]);
    expect(stderr).toBe(`access-report: ${file}: entry 1 of "acknowledgements" (fingerprint "${mastersFingerprint}"): field "expires" is "31/12/2999", not a date: write it as YYYY-MM-DD, for example "2027-01-31".\n`);
    expect(stdout).toBe('');
    expect(readSummary(json)).toMatchObject({ exitCode: 1, highest: null, findings: [], error: expect.stringContaining('field "expires"') });
    expect(status).toBe(1);
  });

  test('a directory base never reads the working tree\'s acknowledgement file', () => {
    const cwd = path.join(tmp, 'cwd');
    fs.mkdirSync(cwd, { recursive: true });
    fs.writeFileSync(path.join(cwd, 'access-acknowledgements.json'), acknowledging(fingerprints, '2999-12-31'));
    const { stdout, status } = accessReport(['--base', baseDir, '--head', headDir], cwd);
    expect(stdout).toContain('Acknowledgements: `none: --base is a directory and no --acknowledgements file was given`');
    expect(status).toBe(2);
  });

  test('an existing directory without manifest.json is an error, never taken for a git ref', () => {
    const empty = path.join(tmp, 'main');
    fs.mkdirSync(empty, { recursive: true });
    const { stderr, status } = accessReport(['--base', 'main', '--head', headDir], tmp);
    expect(stderr).toBe(`access-report: ${empty} is not a cloud assembly: it has no manifest.json (run \`npx cdk synth\` first)\n`);
    expect(status).toBe(1);
  });

  test('--format json: one JSON document on stdout, the same exit code', () => {
    const { stdout, stderr, status } = accessReport(['--base', baseDir, '--head', headDir, '--format', 'json']);
    expect(stderr).toBe('');
    expect(JSON.parse(stdout)).toMatchObject({ version: 1, base: baseDir, head: headDir, exitCode: 2, highest: 'critical', environments: [{ name: 'dev' }] });
    expect(status).toBe(2);
  });

  test('--env: an unknown environment names the known ones, exit 1', () => {
    const { stdout, stderr, status } = accessReport(['--base', baseDir, '--head', headDir, '--env', 'prod']);
    expect(stderr).toContain('access-report: --env "prod": no such environment in base or head; the environments are dev\n');
    expect(stdout).toBe('');
    expect(status).toBe(1);
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
    git('tag', 'no-acknowledgements');
    fs.writeFileSync(path.join(repo, 'access-acknowledgements.json'), acknowledging(fingerprints, '2999-12-31'));
    git('add', '.');
    git('commit', '-q', '-m', 'acknowledge the findings');
    git('tag', 'acknowledged');
    fs.writeFileSync(path.join(repo, 'access-acknowledgements.json'), JSON.stringify({ acknowledgements: [{ fingerprint: 'x' }] }));
    git('commit', '-q', '-am', 'malformed acknowledgements');
    git('tag', 'malformed');
    fs.writeFileSync(path.join(repo, 'access-acknowledgements.json'), acknowledging('0'.repeat(24), '2999-12-31'));
    fs.writeFileSync(path.join(repo, 'app.js'), 'process.exit(3);\n');
    git('commit', '-q', '-am', 'broken synth');
    git('tag', 'broken');
    // The working tree (a pull request's head) acknowledges the finding: the report must not read it.
    fs.writeFileSync(path.join(repo, 'access-acknowledgements.json'), acknowledging(mastersFingerprint, '2999-12-31'));
    tmpBefore = fs.readdirSync(os.tmpdir());
  });

  test('acknowledgements come from the base commit: none there, so the head\'s own acknowledgement does not count', () => {
    const { stdout, status } = accessReport(['--base', 'no-acknowledgements', '--head', headDir], repo);
    expect(stdout).toContain(`Acknowledgements: \`none: the base no-acknowledgements (${git('rev-parse', '--short=7', 'no-acknowledgements')}) has no access-acknowledgements.json\``);
    expect(stdout).not.toContain('acknowledged until');
    expect(status).toBe(2);
  });

  test('acknowledgements committed at the base count: listed as acknowledged, not counted', () => {
    const { stdout, status } = accessReport(['--base', 'acknowledged', '--head', headDir], repo);
    expect(stdout).toContain(`Acknowledgements: \`access-acknowledgements.json at base acknowledged (${git('rev-parse', '--short=7', 'acknowledged')})\``);
    expect(stdout).toContain(`${ESCALATION}  - rule \`new-masters-mapping\` · fingerprint \`${mastersFingerprint}\`\n  - acknowledged until \`2999-12-31\`: \`accepted in review\` (does not count)\n`);
    expect(status).toBe(0);
  });

  test('a malformed acknowledgement file at the base is an error naming the entry and field, exit 1', () => {
    const { stderr, status } = accessReport(['--base', 'malformed', '--head', headDir], repo);
    expect(stderr).toContain(`access-report: access-acknowledgements.json at base malformed (${git('rev-parse', '--short=7', 'malformed')}): entry 1 of "acknowledgements" (fingerprint "x"): field "reason" is missing; it must be a non-empty string.`);
    expect(status).toBe(1);
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

  test('a directory named like a ref is read as a directory: the ref is not checked out or synthesized', () => {
    const dir = path.join(repo, 'good');
    fs.mkdirSync(dir);
    try {
      const { stderr, status } = accessReport(['--base', 'good', '--head', headDir], repo);
      expect(stderr).toBe(`access-report: ${dir} is not a cloud assembly: it has no manifest.json (run \`npx cdk synth\` first)\n`);
      expect(status).toBe(1);
      expect(leftovers()).toEqual([]);
    } finally {
      fs.rmdirSync(dir);
    }
  });

  test('a value that is neither an assembly directory nor a ref is a usage error', () => {
    const { stderr, status } = accessReport(['--base', 'no-such-ref', '--head', headDir], repo);
    expect(stderr).toContain('access-report: --base "no-such-ref" is neither a cloud assembly directory (no manifest.json) nor a git ref of');
    expect(status).toBe(1);
  });
});
