/**
 * The two pull-request workflows, checked for what makes the review safe: the unprivileged
 * synth (no OIDC token, no lifecycle scripts, one artifact) and the privileged review (default
 * branch only; no job that can mint cloud credentials checks out, installs or executes the
 * pull request's code; the artifact is data, extracted outside the checkout). Linted with
 * @action-validator/core (GitHub's workflow schema).
 */
import * as fs from 'fs';
import * as path from 'path';
import { validateWorkflow } from '@action-validator/core';
import { PIPELINE, PR_ASSEMBLIES_ARTIFACT, PR_ASSEMBLIES_TAR, PR_WORKFLOWS, validatePipeline } from '../../lib/config/pipeline';
import { ENVIRONMENTS } from '../../lib/config/environments';
import { validateEnvironments } from '../../lib/config/validate';
import { NODE_MAJOR, NODE_VERSION_FILE } from '../../lib/config/versions';
import { ACKNOWLEDGEMENTS_FILE } from '../../lib/report/acknowledgements';
import { DEFAULT_THRESHOLD } from '../../lib/report/exit-codes';
import { WORKFLOWS_DIR, loadWorkflow } from './workflow-file';
import type { Job, Step } from './workflow-file';

const synth = loadWorkflow(PR_WORKFLOWS.synth.file);
const review = loadWorkflow(PR_WORKFLOWS.review.file);
const { defaultBranch } = validatePipeline(PIPELINE, validateEnvironments(ENVIRONMENTS)).pullRequestDiff;
const steps = (w: typeof synth) => Object.values(w.workflow.jobs).flatMap((j) => j.steps);
const using = (job: Job, action: string): Step[] => job.steps.filter((s) => s.uses?.startsWith(`${action}@`));
const PINNED = ['actions/checkout', 'actions/setup-node', 'actions/upload-artifact', 'actions/download-artifact'];

describe.each([['synth', synth], ['review', review]])('%s workflow: common rules', (_name, w) => {
  test('passes the workflow linter, which can fail', () => {
    expect(w.errors).toEqual([]);
    expect(validateWorkflow(w.source).errors).toEqual([]);
    expect(validateWorkflow(w.source.replace(/\n {4}steps:/, '\n    stepz:')).errors.length).toBeGreaterThan(0);
  });

  test('every action is one of four, pinned to a full commit SHA with its version in a comment', () => {
    const uses = steps(w).filter((s) => s.uses).map((s) => s.uses as string);
    expect(uses.length).toBeGreaterThan(0);
    for (const ref of uses) {
      expect(ref).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
      expect(PINNED).toContain(ref.split('@')[0]);
      expect(w.source).toMatch(new RegExp(`uses: ${ref.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} # v\\d+\\.\\d+\\.\\d+\\n`));
    }
  });

  test('no expression is expanded into a shell script (values reach scripts through env only), no secrets, no long-lived keys', () => {
    for (const s of steps(w)) expect(s.run ?? '').not.toMatch(/\$\{\{/);
    expect(w.source).not.toMatch(/secrets\.|aws-access-key-id|aws-secret-access-key|pull_request_target/);
  });

  test(`every setup-node takes Node from ${NODE_VERSION_FILE}, the one place that holds it (${NODE_MAJOR})`, () => {
    const setups = steps(w).filter((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(setups.length).toBeGreaterThan(0);
    for (const s of setups) {
      expect(s.with?.['node-version-file']).toBe(NODE_VERSION_FILE);
      expect(s.with).not.toHaveProperty('node-version');
    }
    expect(fs.readFileSync(path.join(WORKFLOWS_DIR, '..', '..', NODE_VERSION_FILE), 'utf8')).toBe(`${NODE_MAJOR}\n`);
  });

  test('no environment is named in the workflow: the diff job\'s environments come from config (lib/config/environments.ts) at run time', () => {
    const names = validateEnvironments(ENVIRONMENTS).map((e) => e.name);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(w.source).not.toMatch(new RegExp(`\\b${name}\\b`));
    for (const job of Object.values(w.workflow.jobs)) expect(job).not.toHaveProperty('strategy');
  });

  test('checkouts leave no token in .git/config', () => {
    for (const s of steps(w).filter((x) => x.uses?.startsWith('actions/checkout@'))) expect(s.with?.['persist-credentials']).toBe(false);
  });

  test('no job may mint an OIDC token unless it is the review\'s diff job', () => {
    for (const [id, job] of Object.entries(w.workflow.jobs)) {
      if (w === review && id === 'diff') continue;
      expect(job.permissions?.['id-token']).toBeUndefined();
    }
    expect(w.workflow.permissions?.['id-token']).toBeUndefined();
  });
});

describe('pr-synth (unprivileged, runs the pull request\'s code)', () => {
  const { workflow } = synth;
  const job = workflow.jobs.synth;

  test('named as the review\'s workflow_run filter expects; runs on pull requests to the default branch only', () => {
    expect(workflow.name).toBe(PR_WORKFLOWS.synth.name);
    expect(workflow.on).toEqual({ pull_request: { branches: [defaultBranch] } });
    expect(Object.keys(workflow.jobs)).toEqual(['synth']);
  });

  test('read-only token, no OIDC token', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(job.permissions).toEqual({ contents: 'read' });
    expect(synth.source).not.toMatch(/id-token/);
  });

  test('checks out the pull request\'s head commit with history (for the merge base)', () => {
    expect(using(job, 'actions/checkout')[0].with).toEqual({ ref: '${{ github.event.pull_request.head.sha }}', 'fetch-depth': 0, 'persist-credentials': false });
  });

  test('every install skips lifecycle scripts; head and merge base are both synthesized outside the checkout', () => {
    const runs = job.steps.map((s) => s.run ?? '').join('\n');
    const installs = runs.split('\n').map((l) => l.trim()).filter((l) => /\bnpm (ci|install|i)\b/.test(l));
    expect(installs).toEqual(['npm ci --ignore-scripts --no-audit --no-fund', 'npm ci --ignore-scripts --no-audit --no-fund']);
    expect(runs).toContain('npx cdk synth --quiet -o "$RUNNER_TEMP/assemblies/head"');
    expect(runs).toContain('base="$(git merge-base "$BASE_SHA" HEAD)"');
    expect(runs).toContain('npx cdk synth --quiet -o "$RUNNER_TEMP/assemblies/base"');
    expect(job.steps.find((s) => s.run?.includes('merge-base'))?.env).toEqual({ BASE_SHA: '${{ github.event.pull_request.base.sha }}' });
  });

  test('uploads ONE artifact: a ustar archive of the JSON files, no asset bundles', () => {
    const pack = job.steps.find((s) => s.run?.includes('tar ')) as Step;
    expect(pack.run).toContain(`-name '*.json' -not -path '*/asset.*'`);
    expect(pack.run).toContain(`tar --format=ustar --null --no-recursion -T - -cf "$RUNNER_TEMP/${PR_ASSEMBLIES_TAR}"`);
    const uploads = using(job, 'actions/upload-artifact');
    expect(uploads).toHaveLength(1);
    expect(uploads[0].with).toEqual({ name: PR_ASSEMBLIES_ARTIFACT, path: `\${{ runner.temp }}/${PR_ASSEMBLIES_TAR}`, 'if-no-files-found': 'error', 'retention-days': 7 });
  });
});

describe('pr-review (privileged, default branch only)', () => {
  const { workflow } = review;
  const { diff, review: publish } = workflow.jobs;

  test('lives in the file the diff role trusts; runs when pr-synth completes; nothing by default', () => {
    expect(fs.existsSync(path.join(WORKFLOWS_DIR, PR_WORKFLOWS.review.file))).toBe(true);
    expect(workflow.name).toBe(PR_WORKFLOWS.review.name);
    expect(workflow.on).toEqual({ workflow_run: { workflows: [PR_WORKFLOWS.synth.name], types: ['completed'] } });
    expect(workflow.permissions).toEqual({});
    expect(Object.keys(workflow.jobs)).toEqual(['diff', 'review']);
  });

  test('the diff job may mint a token and read the artifact, nothing else; the review job may comment and set statuses, and has no token', () => {
    expect(diff.permissions).toEqual({ actions: 'read', contents: 'read', 'id-token': 'write' });
    expect(publish.permissions).toEqual({ actions: 'read', contents: 'read', 'pull-requests': 'write', statuses: 'write' });
  });

  test('only pull_request runs of the synth workflow FILE (another workflow may take its name) that were not cancelled; the review runs even when a diff failed', () => {
    for (const job of [diff, publish]) {
      expect(job.if).toContain('github.event.workflow_run.event == \'pull_request\'');
      expect(job.if).toContain(`github.event.workflow_run.path == '.github/workflows/${PR_WORKFLOWS.synth.file}'`);
      expect(job.if).toContain('github.event.workflow_run.conclusion != \'cancelled\'');
    }
    expect(publish.needs).toBe('diff');
    expect(publish.if).toMatch(/^\$\{\{ !cancelled\(\) && /);
  });

  describe.each([['diff', diff], ['review', publish]])('%s job', (_id, job) => {
    test('checks out only the default branch, never a pull request ref or SHA', () => {
      const checkouts = using(job, 'actions/checkout');
      expect(checkouts).toHaveLength(1);
      expect(checkouts[0].with).toEqual({ ref: '${{ github.event.repository.default_branch }}', 'persist-credentials': false });
      expect(JSON.stringify(job)).not.toMatch(/head_sha|head_branch|head\.sha|pull_request\.|refs\/pull|github\.head_ref/);
    });

    test('installs the default branch\'s dependencies once, before anything else runs', () => {
      const runs = job.steps.filter((s) => s.run);
      expect(runs[0].run).toBe('npm ci --no-audit --no-fund');
      expect(job.steps.indexOf(runs[0])).toBeLessThan(job.steps.indexOf(using(job, 'actions/download-artifact')[0]));
      expect(runs.slice(1).map((s) => s.run).join('\n')).not.toMatch(/\bnpm (ci|install|i)\b|\bnpx\b|\bnode\b|\bbash\b|\bsh\b|\bsource\b|\beval\b|\bchmod\b/);
    });

    test('downloads the synth run\'s artifact outside the checkout, by the event\'s run id', () => {
      expect(using(job, 'actions/download-artifact')[0].with).toEqual({
        name: PR_ASSEMBLIES_ARTIFACT, path: '${{ runner.temp }}/pr-artifact', 'run-id': '${{ github.event.workflow_run.id }}', 'github-token': '${{ github.token }}',
      });
    });

    test('runs only the default branch\'s npm scripts; the artifact is only ever an argument (data), never a command', () => {
      for (const s of job.steps.filter((x) => x.run).slice(1)) {
        const commands = s.run!.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#') && !l.startsWith('--') && !l.startsWith('"') && !l.startsWith('>'));
        for (const c of commands) {
          expect(c).toMatch(/^(npm run --silent (pr-review|access-report) -- |acks=|if \[ -f "\$ACKNOWLEDGEMENTS" \]|set \+e$|echo "\$\?" > "\$RUNNER_TEMP\/access-report\.exit"$|cat "\$RUNNER_TEMP\/access-report\.md")/);
        }
      }
      expect(job.steps.find((s) => s.run?.includes('pr-review -- extract'))?.run).toBe(
        `npm run --silent pr-review -- extract --archive "$RUNNER_TEMP/pr-artifact/${PR_ASSEMBLIES_TAR}" --out "$RUNNER_TEMP/pr-assemblies"`);
    });
  });

  test('the diff job diffs the extracted head assembly and keeps the diffs; the token never reaches it', () => {
    expect(diff.steps.find((s) => s.run?.includes('pr-review -- diff'))?.run).toBe('npm run --silent pr-review -- diff --assemblies "$RUNNER_TEMP/pr-assemblies" --out "$RUNNER_TEMP/pr-diffs"');
    expect(using(diff, 'actions/upload-artifact')[0]).toMatchObject({ if: '${{ !cancelled() }}', with: { name: 'pr-diffs', path: '${{ runner.temp }}/pr-diffs' } });
    for (const s of diff.steps) expect(s.env).toBeUndefined();
  });

  test('the review job reports with the default branch\'s acknowledgements and threshold, then publishes whatever happened', () => {
    const report = publish.steps.find((s) => s.run?.includes('access-report --')) as Step;
    expect(report.if).toBe('steps.extract.outcome == \'success\'');
    expect(report.env).toEqual({ ACKNOWLEDGEMENTS: ACKNOWLEDGEMENTS_FILE, THRESHOLD: DEFAULT_THRESHOLD });
    expect(report.run).toContain('npm run --silent access-report -- --base "$RUNNER_TEMP/pr-assemblies/base" --head "$RUNNER_TEMP/pr-assemblies/head"');
    expect(report.run).toContain('--threshold "$THRESHOLD" --json "$RUNNER_TEMP/access-report.json"');
    const publishStep = publish.steps.at(-1) as Step;
    expect(publishStep.if).toBe('${{ !cancelled() }}');
    expect(publishStep.env).toEqual({ GITHUB_TOKEN: '${{ github.token }}' });
    // The token is given to that step only.
    expect(publish.steps.filter((s) => JSON.stringify(s.env ?? {}).includes('github.token'))).toEqual([publishStep]);
    expect(publish.steps.find((s) => s.id === 'extract')?.['continue-on-error']).toBe(true);
  });
});

test('CODEOWNERS guards the review path: workflows, config, CI code and the acknowledgement file', () => {
  const owners = fs.readFileSync(path.join(WORKFLOWS_DIR, '..', 'CODEOWNERS'), 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#')).map((l) => l.split(/\s+/)[0]);
  expect(owners).toEqual(expect.arrayContaining(['/.github/', '/lib/config/', '/lib/ci/', '/lib/report/', '/scripts/', `/${ACKNOWLEDGEMENTS_FILE}`, '/package.json', '/package-lock.json', '/cdk.json']));
});
