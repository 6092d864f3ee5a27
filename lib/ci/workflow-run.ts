/**
 * The `workflow_run` event the review runs on, read from `GITHUB_EVENT_PATH` (written by GitHub,
 * not by the pull request), and the pull request it belongs to. The head SHA and the run id
 * come from the event only; nothing here reads the artifact.
 * @see https://docs.github.com/en/webhooks/webhook-events-and-payloads#workflow_run
 */
import * as fs from 'fs';
import type { GithubApi, PullRequest } from './github-api';

/** What the review takes from the event. */
export interface ReviewEvent {
  /** The synth run (`workflow_run.id`), whose artifact holds the assemblies. */
  readonly runId: number;
  /** The pull request's head commit the synth run built (`workflow_run.head_sha`). */
  readonly headSha: string;
  /** `workflow_run.head_branch`. */
  readonly headBranch: string;
  /** Owner login of `workflow_run.head_repository` (a fork's owner for fork pull requests). */
  readonly headOwner: string;
  /** `workflow_run.event`; the review handles `pull_request` only. */
  readonly triggeringEvent: string;
  /** `workflow_run.conclusion`. */
  readonly conclusion: string | null;
  /** `workflow_run.html_url`. */
  readonly runUrl?: string;
  /** Pull request numbers GitHub attached to the run whose head is `headSha` (empty for forks). */
  readonly pullRequests: number[];
}

/** A malformed event. */
export class EventError extends Error {}

/** Reads and checks the event file. */
export function readReviewEvent(file: string): ReviewEvent {
  const event = JSON.parse(fs.readFileSync(file, 'utf8')) as { workflow_run?: Record<string, unknown> };
  const run = event.workflow_run;
  if (!run || typeof run !== 'object') throw new EventError(`${file} is not a workflow_run event (no "workflow_run"); run this step only in the review workflow`);
  const headSha = run.head_sha;
  if (typeof headSha !== 'string' || !/^[0-9a-f]{40}$/.test(headSha)) throw new EventError(`workflow_run.head_sha ${JSON.stringify(headSha)} is not a 40-digit commit id`);
  if (typeof run.id !== 'number') throw new EventError(`workflow_run.id ${JSON.stringify(run.id)} is not a number`);
  const headRepo = run.head_repository as { owner?: { login?: unknown } } | undefined;
  const prs = Array.isArray(run.pull_requests) ? run.pull_requests as Array<{ number?: unknown; head?: { sha?: unknown } }> : [];
  return {
    runId: run.id,
    headSha,
    headBranch: String(run.head_branch ?? ''),
    headOwner: String(headRepo?.owner?.login ?? ''),
    triggeringEvent: String(run.event ?? ''),
    conclusion: typeof run.conclusion === 'string' ? run.conclusion : null,
    runUrl: typeof run.html_url === 'string' ? run.html_url : undefined,
    pullRequests: prs.filter((p) => p.head?.sha === headSha && typeof p.number === 'number').map((p) => p.number as number),
  };
}

/** The pull request under review. */
export interface ResolvedPullRequest {
  readonly number: number;
  /** The pull request's head now: a newer push means this review is stale for the comment. */
  readonly currentHeadSha: string;
}

/**
 * The open pull request of this repository whose head is the event's head SHA: the one the
 * event names, or (fork pull requests, whose runs carry no `pull_requests`) the open pull
 * request from `headOwner:headBranch` whose head is that SHA.
 * @throws Error when there is none or more than one
 */
export async function resolvePullRequest(api: GithubApi, event: ReviewEvent, repository: string): Promise<ResolvedPullRequest> {
  let candidates: PullRequest[];
  if (event.pullRequests.length > 0) {
    candidates = await Promise.all([...new Set(event.pullRequests)].map((n) => api.getPullRequest(n)));
  } else {
    if (!event.headOwner || !event.headBranch) throw new EventError('workflow_run has no pull_requests and no head_repository.owner / head_branch to look the pull request up by');
    candidates = await api.findOpenPullRequests(event.headOwner, event.headBranch);
  }
  const matching = candidates.filter((pr) => pr.state === 'open' && pr.base.repo.full_name === repository
    && (event.pullRequests.includes(pr.number) || pr.head.sha === event.headSha));
  if (matching.length !== 1) {
    throw new EventError(`expected one open pull request of ${repository} with head ${event.headSha} (from ${event.headOwner}:${event.headBranch}), found ${matching.length}${matching.length ? `: #${matching.map((p) => p.number).join(', #')}` : ''}`);
  }
  return { number: matching[0].number, currentHeadSha: matching[0].head.sha };
}
