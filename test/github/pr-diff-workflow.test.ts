/**
 * .github/workflows/pr-diff.yml, parsed with `yaml` and checked for the properties that matter:
 * least-privilege permissions, pinned actions, one comment per pull request, one job per
 * environment. (No workflow linter is installed; see the report for the one to add.)
 */
import * as fs from 'fs';
import * as path from 'path';
import { validateWorkflow } from '@action-validator/core';
import * as YAML from 'yaml';
import { ENVIRONMENTS } from '../../lib/config/environments';
import { PR_DIFF_MARKER, renderComment } from '../../scripts/diff';

interface Step { name?: string; id?: string; uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string>; if?: string }
interface Job {
  'if'?: string;
  needs?: string | string[];
  permissions?: Record<string, string>;
  strategy?: { 'fail-fast'?: boolean; matrix: { env: string[] } };
  env?: Record<string, string>;
  'timeout-minutes'?: number;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  concurrency: { group: string; 'cancel-in-progress': boolean };
  jobs: Record<string, Job>;
}

const FILE = path.join(__dirname, '..', '..', '.github', 'workflows', 'pr-diff.yml');
const source = fs.readFileSync(FILE, 'utf8');
const doc = YAML.parseDocument(source);
const workflow = doc.toJS() as Workflow;
const { diff, comment } = workflow.jobs;
const allSteps = Object.values(workflow.jobs).flatMap((j) => j.steps);
const stepUsing = (job: Job, action: string) => {
  const step = job.steps.find((s) => s.uses?.startsWith(`${action}@`));
  if (!step) throw new Error(`no step uses ${action}`);
  return step;
};
const runIndex = (job: Job, pattern: RegExp) => job.steps.findIndex((s) => pattern.test(s.run ?? ''));

test('passes the workflow linter (@action-validator/core, GitHub\'s workflow schema)', () => {
  const text = source;
  expect(validateWorkflow(text).errors).toEqual([]);
  // The linter can fail: a misspelt key is rejected.
  expect(validateWorkflow(text.replace(/\n {4}steps:/, '\n    stepz:')).errors.length).toBeGreaterThan(0);
});

test('is valid YAML with exactly the two jobs', () => {
  expect(doc.errors).toEqual([]);
  expect(Object.keys(workflow.jobs)).toEqual(['diff', 'comment']);
});

test('runs on pull requests only (never pull_request_target, which would hand PR code the base repository\'s secrets)', () => {
  expect(Object.keys(workflow.on)).toEqual(['pull_request']);
});

test('permissions: read-only by default; the OIDC token only for the diff job, comment writing only for the comment job', () => {
  expect(workflow.permissions).toEqual({ contents: 'read' });
  expect(diff.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
  expect(comment.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
});

test('one run per pull request at a time; a new push cancels the old run', () => {
  expect(workflow.concurrency).toEqual({ group: 'pr-diff-${{ github.event.pull_request.number }}', 'cancel-in-progress': true });
});

test('every action is pinned to a full commit SHA, with the version it stands for in a comment', () => {
  const uses = allSteps.filter((s) => s.uses).map((s) => s.uses as string);
  expect(uses.length).toBeGreaterThan(0);
  for (const ref of uses) expect(ref).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
  for (const ref of uses) expect(source).toMatch(new RegExp(`uses: ${ref.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} # v\\d+\\.\\d+\\.\\d+\\n`));
  expect(uses).toContain('aws-actions/configure-aws-credentials@e3dd6a429d7300a6a4c196c26e071d42e0343502');
});

test('forked pull requests (no OIDC token, read-only token) are skipped, not failed', () => {
  for (const job of [diff, comment]) expect(job.if).toContain('github.event.pull_request.head.repo.full_name == github.repository');
});

test('no untrusted pull-request text is expanded into a shell script', () => {
  for (const step of allSteps) expect(step.run ?? '').not.toMatch(/\$\{\{/);
});

test('checkouts do not leave the token in .git/config', () => {
  for (const step of allSteps.filter((s) => s.uses?.startsWith('actions/checkout@'))) expect(step.with?.['persist-credentials']).toBe(false);
});

describe('diff job', () => {
  test('one job per environment, in config order, all of them run even if one fails', () => {
    expect(diff.strategy?.matrix.env).toEqual(ENVIRONMENTS.map((e) => e.name));
    expect(diff.strategy?.['fail-fast']).toBe(false);
    expect(diff.env).toEqual({ ENV_NAME: '${{ matrix.env }}' });
  });

  test('npm ci, resolve the role, assume it through OIDC, then npm run diff -- <env>', () => {
    const ci = runIndex(diff, /^npm ci\b/);
    const target = diff.steps.findIndex((s) => s.id === 'target');
    const creds = diff.steps.indexOf(stepUsing(diff, 'aws-actions/configure-aws-credentials'));
    const run = runIndex(diff, /^npm run diff -- "\$ENV_NAME"/);
    expect([ci, target, creds, run].every((i) => i >= 0)).toBe(true);
    expect(ci).toBeLessThan(target);
    expect(target).toBeLessThan(creds);
    expect(creds).toBeLessThan(run);
    expect(diff.steps[target].run).toBe('npm run --silent diff -- --target "$ENV_NAME" >> "$GITHUB_OUTPUT"');
    expect(stepUsing(diff, 'aws-actions/configure-aws-credentials').with).toEqual(expect.objectContaining({
      'role-to-assume': '${{ steps.target.outputs.role-arn }}',
      'aws-region': '${{ steps.target.outputs.region }}',
    }));
    // No long-lived keys anywhere.
    expect(source).not.toMatch(/aws-access-key-id|aws-secret-access-key|secrets\./);
  });

  test('keeps the diff for the comment job', () => {
    expect(stepUsing(diff, 'actions/upload-artifact').with).toEqual(expect.objectContaining({ name: 'diff-${{ matrix.env }}', path: 'diff-${{ matrix.env }}.txt' }));
  });
});

describe('comment job', () => {
  test('waits for every diff and runs even when one failed', () => {
    expect(comment.needs).toBe('diff');
    expect(comment.if).toMatch(/^\$\{\{ !cancelled\(\) && /);
  });

  test('access report against the merge base (full history checked out), then the rendered comment', () => {
    expect(stepUsing(comment, 'actions/checkout').with?.['fetch-depth']).toBe(0);
    const report = comment.steps[runIndex(comment, /access-report/)];
    expect(report.run).toContain('base="$(git merge-base "$BASE_SHA" "$HEAD_SHA")"');
    expect(report.run).toContain('npm run --silent access-report -- --base "$base" > access-report.md');
    expect(runIndex(comment, /access-report/)).toBeLessThan(runIndex(comment, /diff -- --comment/));
    expect(stepUsing(comment, 'actions/download-artifact').with).toEqual(expect.objectContaining({ pattern: 'diff-*', 'merge-multiple': true, path: 'diffs' }));
  });

  test('updates the one comment that starts with the marker, or creates it', () => {
    const script = stepUsing(comment, 'actions/github-script').with?.script as string;
    expect(script).toContain("const marker = body.split('\\n', 1)[0];");
    expect(script).toContain('c.body?.startsWith(marker)');
    expect(script).toContain('github.rest.issues.updateComment');
    expect(script).toContain('github.rest.issues.createComment');
    expect(script).toContain('github.paginate(');
    // The marker is the first line of what scripts/diff.ts renders.
    expect(renderComment('report', []).split('\n', 1)[0]).toBe(PR_DIFF_MARKER);
  });
});
