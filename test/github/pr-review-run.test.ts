/**
 * Runs the privileged review job's shell steps (.github/workflows/pr-review.yml, job "review")
 * as GitHub would: each `run:` script with `bash --noprofile --norc -eo pipefail`, the env the
 * workflow sets (expressions evaluated), `if:` and `continue-on-error` honoured, in a checkout
 * of this repository (the default branch's code) whose `access-acknowledgements.json` the test
 * controls. The `uses:` steps are stood in for: checkout is that directory, download-artifact
 * puts the artifact where its `with.path` says, and npm ci is asserted, not run.
 *
 * The artifact is made from a REAL synthesized assembly by the synth workflow's own pack
 * step, with head variants derived by editing template JSON: no change, a plain grant, an
 * escalation, and the same escalation acknowledged. GitHub is the strict stand-in in
 * test/support/github-api-server.ts.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PR_REVIEW_MARKER } from '../../lib/ci/comment';
import { PR_ASSEMBLIES_ARTIFACT, PR_ASSEMBLIES_TAR, PR_REVIEW_STATUS_CONTEXT, PR_WORKFLOWS } from '../../lib/config/pipeline';
import { ACKNOWLEDGEMENTS_FILE } from '../../lib/report/acknowledgements';
import { BOT, startGithubApi } from '../support/github-api-server';
import type { FakePullRequest, GithubApiHandle } from '../support/github-api-server';
import { headVariant, packAssemblies, synthesizeApp } from './assemblies';
import { makeCheckout, runJob } from './run-job';
import type { JobRun } from './run-job';
import { loadWorkflow } from './workflow-file';

jest.setTimeout(300_000);

const REPOSITORY = 'example-org/eks-access';
const TOKEN = 'ghs_testtoken';
const PR_NUMBER = 42;
const { workflow } = loadWorkflow(PR_WORKFLOWS.review.file);
const reviewJob = workflow.jobs.review;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'eks-access-prreview-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The runner's result of one review job run. */
interface ReviewRun extends JobRun {
  readonly runnerTemp: string;
}

/**
 * Runs the review job's steps for one synth run: `artifact` is the tar the synth run uploaded
 * (undefined: none), `diffs` the diff job's files.
 */
async function runReviewJob(opts: { headSha: string; artifact?: Buffer; diffs: Record<string, string>; acknowledgements?: string; runId: number }): Promise<ReviewRun> {
  const runnerTemp = fs.mkdtempSync(path.join(tmp, 'runner-'));
  // The checkout: the default branch's code with the test's acknowledgement file (or none).
  const checkout = makeCheckout(path.join(runnerTemp, 'work'), [ACKNOWLEDGEMENTS_FILE], opts.acknowledgements === undefined ? {} : { [ACKNOWLEDGEMENTS_FILE]: opts.acknowledgements });
  const eventPath = path.join(runnerTemp, 'event.json');
  fs.writeFileSync(eventPath, JSON.stringify({
    action: 'completed',
    repository: { full_name: REPOSITORY, default_branch: 'main' },
    workflow_run: {
      id: opts.runId, head_sha: opts.headSha, head_branch: 'feature', event: 'pull_request', conclusion: 'success', path: `.github/workflows/${PR_WORKFLOWS.synth.file}`,
      html_url: `https://github.com/${REPOSITORY}/actions/runs/${opts.runId}`,
      head_repository: { full_name: REPOSITORY, owner: { login: 'example-org' } },
      pull_requests: [{ number: PR_NUMBER, head: { sha: opts.headSha, ref: 'feature' } }],
    },
  }));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', RUNNER_TEMP: runnerTemp,
    GITHUB_API_URL: gh.url, GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: REPOSITORY, GITHUB_RUN_ID: '9001',
    GITHUB_EVENT_PATH: eventPath, GITHUB_EVENT_NAME: 'workflow_run', GITHUB_WORKSPACE: checkout, CI: 'true',
  };
  const expressions = { 'github.token': TOKEN, 'runner.temp': runnerTemp, 'github.event.workflow_run.id': String(opts.runId), 'github.event.repository.default_branch': 'main' };
  const run = await runJob(reviewJob, {
    checkout, env, expressions,
    download: (w) => {
      expect(w['run-id'] ?? String(opts.runId)).toBe(String(opts.runId));
      if (w.name === PR_ASSEMBLIES_ARTIFACT && opts.artifact) {
        fs.mkdirSync(w.path, { recursive: true });
        fs.writeFileSync(path.join(w.path, PR_ASSEMBLIES_TAR), opts.artifact);
        return true;
      }
      if (w.name === 'pr-diffs') {
        fs.mkdirSync(w.path, { recursive: true });
        for (const [f, text] of Object.entries(opts.diffs)) fs.writeFileSync(path.join(w.path, f), text);
        return true;
      }
      return false;
    },
  });
  return { ...run, runnerTemp };
}

const DIFFS = {
  'diff-dev.txt': 'Stack dev/Access\nResources\n[~] Custom::EksAccessAwsAuth Mappings\n\n✨  Number of stacks with differences: 1\n', 'diff-dev.exit': '0\n',
  'diff-staging.txt': 'Stack staging/Access\nThere were no differences\n\n✨  Number of stacks with differences: 0\n', 'diff-staging.exit': '0\n',
  'diff-prod.txt': 'could not assume arn:aws:iam::333333333333:role/eks-access-pr-diff-prod\n', 'diff-prod.exit': '1\n',
};

const REPORT_STEP = 'Access report (the default branch\'s code and acknowledgements)';
const PUBLISH_STEP = 'Commit status (the gate) and the pull-request comment';
const EXTRACT_STEP = 'Check the archive and extract it outside the checkout';

let gh: GithubApiHandle;
let base: string;
const pr: FakePullRequest = { number: PR_NUMBER, headSha: '', headRef: 'feature', headRepo: REPOSITORY };
const sha = (n: number) => n.toString(16).padStart(40, '0');

beforeAll(async () => {
  base = synthesizeApp(path.join(tmp, 'base'));
  gh = await startGithubApi({ repository: REPOSITORY, token: TOKEN, pullRequests: [pr] });
});
afterAll(() => gh?.close());

/** Runs one case for a fresh head SHA; returns the run, the status set and the one bot comment. */
async function reviewCase(n: number, head: string, acknowledgements?: string) {
  pr.headSha = sha(n);
  const before = gh.statuses.length;
  const run = await runReviewJob({ headSha: sha(n), artifact: packAssemblies(base, head, fs.mkdtempSync(path.join(tmp, 'synth-runner-'))), diffs: DIFFS, acknowledgements, runId: 100 + n });
  const statuses = gh.statuses.slice(before);
  const comments = gh.comments.filter((c) => c.user.login === BOT.login && c.issue === PR_NUMBER);
  expect(gh.unexpected).toEqual([]);
  expect(run.exits[EXTRACT_STEP]).toBe(0);
  expect(run.exits[REPORT_STEP]).toBe(0);
  return { run, statuses, comments, reportExit: Number(fs.readFileSync(path.join(run.runnerTemp, 'access-report.exit'), 'utf8').trim()), report: () => JSON.parse(fs.readFileSync(path.join(run.runnerTemp, 'access-report.json'), 'utf8')) as { findings: Array<{ fingerprint: string; severity: string; summary: string }> } };
}

test('no change: success status, and the one comment says so', async () => {
  const c = await reviewCase(1, headVariant(base, path.join(tmp, 'unchanged')));
  expect(c.reportExit).toBe(0);
  expect(c.run.exits[PUBLISH_STEP]).toBe(0);
  expect(c.statuses).toEqual([expect.objectContaining({ sha: sha(1), state: 'success', context: PR_REVIEW_STATUS_CONTEXT, target_url: `https://github.com/${REPOSITORY}/actions/runs/9001` })]);
  expect(c.comments).toHaveLength(1);
  expect(c.comments[0].body.split('\n', 1)[0]).toBe(PR_REVIEW_MARKER);
  expect(c.comments[0].body).toContain('### Access review: passed');
  expect(c.comments[0].body).toContain('No access changes.');
  expect(c.comments[0].body).toContain('<details><summary>`prod`: cdk diff failed (exit 1)</summary>');
});

test('a plain grant (a new user in the namespaced developer group): below the threshold, success, listed in the same comment', async () => {
  const c = await reviewCase(2, headVariant(base, path.join(tmp, 'grant'), (p) => { p.MapUsers.push({ userarn: 'arn:aws:iam::111111111111:user/new-developer', username: 'new-developer', groups: ['developer'] }); }));
  expect(c.reportExit).toBe(0);
  expect(c.run.exits[PUBLISH_STEP]).toBe(0);
  expect(c.statuses).toEqual([expect.objectContaining({ sha: sha(2), state: 'success' })]);
  expect(c.comments).toHaveLength(1);
  expect(c.comments[0].body).toContain('### Access review: passed');
  expect(c.comments[0].body).toMatch(/\| info \| `dev` \| `[^\n]*new-developer[^\n]*` \|/);
});

let escalationFingerprint = '';

test('an escalation (a user mapped to system:masters, its name crafted to break Markdown): failure status, the comment is still posted, escaped', async () => {
  const evil = 'evil`<img src=x>|@org/admins';
  const c = await reviewCase(3, headVariant(base, path.join(tmp, 'escalation'), (p) => { p.MapUsers.push({ userarn: 'arn:aws:iam::111111111111:user/evil', username: evil, groups: ['system:masters'] }); }));
  expect(c.reportExit).toBe(2);
  expect(c.run.exits[PUBLISH_STEP]).toBe(2);
  expect(c.statuses).toEqual([expect.objectContaining({ sha: sha(3), state: 'failure', description: expect.stringMatching(/^Highest finding critical \(threshold high\)/) })]);
  expect(c.comments).toHaveLength(1);
  const body = c.comments[0].body;
  expect(body).toContain('### Access review: blocked');
  const critical = body.split('\n').filter((l) => l.startsWith('| critical |'));
  expect(critical.length).toBeGreaterThan(0);
  // The crafted name never appears raw: no HTML tag outside a code span, no unescaped pipe.
  for (const row of critical) expect(row.split(/(?<!\\)\|/).length).toBe(7);
  expect(body).not.toMatch(/(^|[^`])<img src=x>/m);
  escalationFingerprint = c.report().findings.find((f) => f.severity === 'critical')?.fingerprint ?? '';
  expect(escalationFingerprint).toMatch(/^[0-9a-f]{24}$/);
});

test('the same escalation acknowledged on the default branch: success, shown as acknowledged', async () => {
  const report3 = escalationFingerprint;
  const acks = JSON.stringify({ acknowledgements: [{ fingerprint: report3, reason: 'break-glass user, ticket SEC-1', expires: '2099-12-31', summary: 'evil is cluster admin' }] });
  const c = await reviewCase(4, path.join(tmp, 'escalation'), acks);
  expect(c.reportExit).toBe(0);
  expect(c.run.exits[PUBLISH_STEP]).toBe(0);
  expect(c.statuses).toEqual([expect.objectContaining({ sha: sha(4), state: 'success', description: expect.stringContaining('acknowledged') })]);
  expect(c.comments).toHaveLength(1);
  expect(c.comments[0].body).toContain('### Access review: passed');
  expect(c.comments[0].body).toMatch(new RegExp(`\\| critical \\| \`dev\` \\| [^\\n]* \\| \`${report3}\` \\| yes \\|`));
});

test('a missing artifact (the synth run uploaded nothing): error status, the comment says why', async () => {
  pr.headSha = sha(5);
  const run = await runReviewJob({ headSha: sha(5), diffs: {}, runId: 105 });
  expect(run.exits[EXTRACT_STEP]).toBe(1);
  expect(run.exits[REPORT_STEP]).toBeUndefined();
  expect(run.exits[PUBLISH_STEP]).toBe(1);
  expect(gh.statuses.at(-1)).toEqual(expect.objectContaining({ sha: sha(5), state: 'error', description: 'Access review failed: the access report did not run (an earlier step failed; see the job log)' }));
  const comments = gh.comments.filter((c) => c.user.login === BOT.login);
  expect(comments).toHaveLength(1);
  expect(comments[0].body).toContain('### Access review: error');
  expect(gh.unexpected).toEqual([]);
});

test('a hostile archive (a symlink to the runner\'s files) is refused before anything reads it', async () => {
  pr.headSha = sha(6);
  const src = path.join(tmp, 'hostile');
  fs.mkdirSync(path.join(src, 'head'), { recursive: true });
  fs.cpSync(base, path.join(src, 'base'), { recursive: true });
  fs.symlinkSync('/etc/passwd', path.join(src, 'head', 'manifest.json'));
  const tarFile = path.join(tmp, 'hostile.tar');
  expect(spawnSync('tar', ['--format=ustar', '-C', src, '-cf', tarFile, 'base/manifest.json', 'head/manifest.json']).status).toBe(0);
  const run = await runReviewJob({ headSha: sha(6), artifact: fs.readFileSync(tarFile), diffs: {}, runId: 106 });
  expect(run.exits[EXTRACT_STEP]).toBe(1);
  expect(run.logs[EXTRACT_STEP]).toContain('entry "head/manifest.json" is a symbolic link; only regular files and directories are accepted');
  expect(fs.existsSync(path.join(run.runnerTemp, 'pr-assemblies'))).toBe(false);
  expect(gh.statuses.at(-1)).toEqual(expect.objectContaining({ sha: sha(6), state: 'error' }));
});

test('a pull request that changes its own synth workflow: error status whatever the report says, and the comment says why', async () => {
  pr.files = ['.github/workflows/pr-synth.yml', 'lib/app.ts'];
  try {
    const c = await reviewCase(7, path.join(tmp, 'unchanged'));
    expect(c.reportExit).toBe(0);
    expect(c.run.exits[PUBLISH_STEP]).toBe(1);
    expect(c.statuses).toEqual([expect.objectContaining({ sha: sha(7), state: 'error', description: 'The pull request changes the review\'s synth path (1 file(s)); a code owner must review it' })]);
    expect(c.comments).toHaveLength(1);
    expect(c.comments[0].body).toContain('- `.github/workflows/pr-synth.yml`');
  } finally {
    pr.files = [];
  }
});
