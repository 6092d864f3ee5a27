/**
 * The review's three steps, each run by scripts/pr-review.ts in the privileged workflow with
 * the default branch's code and config:
 *
 * - {@link extractStep}: check the pull request's archive and write the two assemblies
 *   outside the checkout (data only).
 * - {@link diffStep}: per environment of the config, assume its diff role with the job's OIDC
 *   token and `cdk diff` the head assembly against the deployed stacks.
 * - {@link publishStep}: from the access report's exit status and JSON summary, set the commit
 *   status on the event's head SHA (the gate) and keep the one comment up to date.
 */
import * as fs from 'fs';
import * as path from 'path';
import { prDiffRoleArn } from '../config/pipeline';
import type { ResolvedEnvironment } from '../config/validate';
import { ExitCode } from '../report/exit-codes';
import { ASSEMBLY_SIDES, extractAssemblies } from './assembly-archive';
import { checkAssemblyReferences } from './assembly-references';
import { runCdkDiff } from './cdk-diff';
import { PR_REVIEW_MARKER, renderReviewComment } from './comment';
import type { EnvironmentDiff } from './comment';
import { upsertReviewComment } from './comment-upsert';
import { commitStatusFor, exitCodeForOutcome } from './commit-status';
import { GithubApi } from './github-api';
import { assumeRoleWithToken, requestIdToken } from './oidc-credentials';
import { reviewOutcome } from './report-result';
import { synthPathChanges } from './synth-path';
import { readReviewEvent, resolvePullRequest } from './workflow-run';

/** Where a step logs. */
export type Log = (line: string) => void;

/** Checks the archive and extracts it to `outDir` (which must not exist). */
export function extractStep(archive: string, outDir: string, log: Log): void {
  const stat = fs.lstatSync(archive, { throwIfNoEntry: false });
  if (!stat?.isFile()) throw new Error(`${archive} is not a regular file; the synth workflow uploads one tar of base/ and head/`);
  const dirs = extractAssemblies(fs.readFileSync(archive), outDir);
  for (const side of ASSEMBLY_SIDES) checkAssemblyReferences(dirs[side], side);
  log(`extracted and checked ${ASSEMBLY_SIDES.map((s) => dirs[s]).join(' and ')}`);
}

/** File names of one environment's diff output and exit status in the diffs directory. */
export function diffFiles(dir: string, env: string): { text: string; exit: string } {
  return { text: path.join(dir, `diff-${env}.txt`), exit: path.join(dir, `diff-${env}.exit`) };
}

/** Inputs of {@link diffStep}. */
export interface DiffStepOptions {
  /** Directory holding the extracted `head` assembly. */
  readonly assemblies: string;
  /** Where each environment's diff text and exit status are written. */
  readonly outDir: string;
  readonly environments: readonly ResolvedEnvironment[];
  /**
   * Whether the pipeline config has `pullRequestDiff`, that is whether `<env>/CiDiff` diff
   * roles exist. Without it no role is assumed and no OIDC token is requested: each
   * environment's diff says why it was not run, and the review still reports the access
   * changes, which it reads from the two assemblies alone.
   * @default true
   */
  readonly diffRolesConfigured?: boolean;
  readonly env: NodeJS.ProcessEnv;
  readonly log: Log;
}

/** What an environment's diff says when the pipeline config has no `pullRequestDiff`. */
export function diffNotConfigured(env: string): string {
  return `cdk diff not run for ${env}: the pipeline config (lib/config/pipeline.ts) has no pullRequestDiff, so there is no ${env}/CiDiff role to read the deployed stacks with; `
    + 'add pullRequestDiff (githubRepository) and deploy <env>/CiDiff to see the diff against what is deployed. The access report compares the pull request with its merge base.';
}

/**
 * Diffs every environment's stacks of the head assembly against its deployed stacks, each with
 * its own role. One failing environment does not stop the others.
 * @returns 0 when every diff ran (or none is configured), 1 otherwise
 */
export async function diffStep(opts: DiffStepOptions): Promise<number> {
  fs.mkdirSync(opts.outDir, { recursive: true });
  const head = path.join(opts.assemblies, 'head');
  let failed = 0;
  if (opts.diffRolesConfigured === false) {
    for (const e of opts.environments) {
      const files = diffFiles(opts.outDir, e.name);
      fs.writeFileSync(files.text, `${diffNotConfigured(e.name)}\n`);
      fs.writeFileSync(files.exit, '0\n');
      opts.log(`${e.name}: cdk diff not run (no pullRequestDiff in the pipeline config)`);
    }
    return 0;
  }
  for (const e of opts.environments) {
    const files = diffFiles(opts.outDir, e.name);
    let code: number;
    try {
      const token = await requestIdToken(opts.env);
      const creds = await assumeRoleWithToken(prDiffRoleArn(e), e.region, token, `pr-review-${opts.env.GITHUB_RUN_ID ?? 'local'}-${e.name}`.slice(0, 64));
      code = await runCdkDiff({ env: e.name, app: head, extraEnv: creds, outFile: files.text });
    } catch (err) {
      fs.writeFileSync(files.text, `${(err as Error).message}\n`);
      code = 1;
    }
    fs.writeFileSync(files.exit, `${code}\n`);
    opts.log(`${e.name}: cdk diff exit ${code}`);
    if (code !== 0) failed++;
  }
  return failed ? 1 : 0;
}

function readIfPresent(file: string): string | undefined {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
}

/** The diffs the diff job left (missing ones are shown as missing). */
export function readDiffs(dir: string, environments: readonly ResolvedEnvironment[]): EnvironmentDiff[] {
  return environments.map((e) => {
    const files = diffFiles(dir, e.name);
    const exit = readIfPresent(files.exit);
    return { env: e.name, text: readIfPresent(files.text), exitCode: exit === undefined ? undefined : Number(exit.trim()) };
  });
}

/** Inputs of {@link publishStep}. */
export interface PublishOptions {
  /** The report's JSON summary file. */
  readonly reportJson: string;
  /** File holding the report's exit status (written by the workflow step). */
  readonly reportExit: string;
  /** The report's stderr, for the error reason. */
  readonly reportStderr: string;
  readonly diffsDir: string;
  readonly environments: readonly ResolvedEnvironment[];
  readonly env: NodeJS.ProcessEnv;
  readonly log: Log;
}

/**
 * Sets the status on the event's head SHA, then updates the comment (skipped, with a log
 * line, when the pull request has moved on to a newer head, so an old run cannot overwrite
 * the newer review). The status is set even when the pull request cannot be found or the
 * comment cannot be written. A pull request that changes the synth path gets an error status.
 * @returns the report's exit code (0, 2) or 1 on error
 */
export async function publishStep(opts: PublishOptions): Promise<number> {
  const { env, log } = opts;
  const need = (name: string): string => {
    const v = env[name];
    if (!v) throw new Error(`${name} is not set; this step runs in the review workflow with env GITHUB_TOKEN: \${{ github.token }}`);
    return v;
  };
  const repository = need('GITHUB_REPOSITORY');
  const api = new GithubApi({ baseUrl: need('GITHUB_API_URL'), token: need('GITHUB_TOKEN'), repository });
  const event = readReviewEvent(need('GITHUB_EVENT_PATH'));
  const runUrl = env.GITHUB_SERVER_URL && env.GITHUB_RUN_ID ? `${env.GITHUB_SERVER_URL}/${repository}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;

  const exitText = readIfPresent(opts.reportExit)?.trim();
  let outcome = reviewOutcome(exitText === undefined || exitText === '' ? undefined : Number(exitText), readIfPresent(opts.reportJson), readIfPresent(opts.reportStderr) ?? '');
  if (event.conclusion !== 'success' && outcome.kind !== 'error') {
    outcome = { kind: 'error', reason: `the synth run ended "${event.conclusion}", so its assemblies cannot be trusted to be complete` };
  }
  let pr: Awaited<ReturnType<typeof resolvePullRequest>>;
  let changes: string[];
  try {
    pr = await resolvePullRequest(api, event, repository);
    changes = synthPathChanges(await api.listPullRequestFiles(pr.number));
  } catch (e) {
    // Without the pull request the gate cannot be judged: say so on the commit, then fail.
    await api.createStatus(event.headSha, commitStatusFor({ kind: 'error', reason: (e as Error).message }, runUrl));
    throw e;
  }
  const status = commitStatusFor(outcome, runUrl, changes);
  await api.createStatus(event.headSha, status);
  log(`status ${status.context} = ${status.state} on ${event.headSha}: ${status.description}`);

  if (pr.currentHeadSha !== event.headSha) {
    log(`#${pr.number} has moved on to ${pr.currentHeadSha}; the comment is left to that commit's review`);
  } else {
    const body = renderReviewComment({ outcome, headSha: event.headSha, diffs: readDiffs(opts.diffsDir, opts.environments), runUrl, synthPathChanges: changes });
    const done = await upsertReviewComment(api, pr.number, body);
    log(`comment ${done.id} ${done.action} on #${pr.number} (${PR_REVIEW_MARKER})`);
  }
  return changes.length > 0 ? ExitCode.error : exitCodeForOutcome(outcome);
}
