/**
 * The few GitHub REST calls the review makes, over `fetch`, against `GITHUB_API_URL` (so tests
 * point it at a local stand-in). Every request carries the token, GitHub's media type and API
 * version; a non-2xx answer throws with the method, path, status and GitHub's message.
 * @see https://docs.github.com/en/rest/using-the-rest-api/getting-started-with-the-rest-api
 */

/** API version header value the calls are written against. */
export const GITHUB_API_VERSION = '2022-11-28';

/** Where and as whom to call. */
export interface GithubApiOptions {
  /** `GITHUB_API_URL`, for example `https://api.github.com`. */
  readonly baseUrl: string;
  /** The job's `GITHUB_TOKEN`. */
  readonly token: string;
  /** `owner/name`. */
  readonly repository: string;
}

/** A failed call. */
export class GithubApiError extends Error {
  constructor(readonly method: string, readonly path: string, readonly status: number, detail: string) {
    super(`GitHub API ${method} ${path} answered ${status}: ${detail}`);
    this.name = 'GithubApiError';
  }
}

/** A pull request, as far as the review reads it. */
export interface PullRequest {
  readonly number: number;
  readonly state: string;
  readonly head: { readonly sha: string; readonly ref: string; readonly repo: { readonly full_name: string } | null };
  readonly base: { readonly ref: string; readonly repo: { readonly full_name: string } };
}

/** An issue comment. */
export interface IssueComment {
  readonly id: number;
  readonly body?: string;
  readonly user: { readonly login: string; readonly type: string } | null;
}

/** Commit status states. */
export type CommitState = 'error' | 'failure' | 'pending' | 'success';

/** A commit status to create. */
export interface CommitStatus {
  readonly state: CommitState;
  readonly context: string;
  /** At most 140 characters (GitHub's limit). */
  readonly description: string;
  readonly target_url?: string;
}

/** The client. */
export class GithubApi {
  constructor(private readonly options: GithubApiOptions) {
    if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(options.repository)) throw new Error(`GITHUB_REPOSITORY ${JSON.stringify(options.repository)} is not "owner/name"`);
    if (!options.token) throw new Error('GITHUB_TOKEN is empty; pass the job\'s token to this step as env GITHUB_TOKEN');
  }

  private get repo(): string {
    return `/repos/${this.options.repository}`;
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<{ data: T; headers: Headers }> {
    // GITHUB_API_URL may carry a path (GitHub Enterprise Server: https://HOST/api/v3).
    const res = await fetch(`${this.options.baseUrl.replace(/\/+$/, '')}${path}`, {
      method,
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${this.options.token}`,
        'x-github-api-version': GITHUB_API_VERSION,
        'user-agent': 'eks-access-pr-review',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) {
      let detail = text.slice(0, 300);
      try { detail = (JSON.parse(text) as { message?: string }).message ?? detail; } catch { /* not JSON */ }
      throw new GithubApiError(method, path, res.status, detail);
    }
    return { data: (text ? JSON.parse(text) : undefined) as T, headers: res.headers };
  }

  /** GET /repos/{repo}/pulls/{number} */
  async getPullRequest(number: number): Promise<PullRequest> {
    return (await this.call<PullRequest>('GET', `${this.repo}/pulls/${number}`)).data;
  }

  /**
   * Open pull requests whose head is `owner:branch` (GET /repos/{repo}/pulls?head=...), the
   * lookup for fork pull requests, whose workflow runs carry no `pull_requests`.
   */
  async findOpenPullRequests(headOwner: string, headBranch: string): Promise<PullRequest[]> {
    const query = new URLSearchParams({ state: 'open', head: `${headOwner}:${headBranch}`, per_page: '100' });
    return (await this.call<PullRequest[]>('GET', `${this.repo}/pulls?${query.toString()}`)).data;
  }

  /**
   * Paths of the files a pull request changes (GET .../pulls/{n}/files, page by page; GitHub
   * lists at most 3000, and a renamed file under both names).
   */
  async listPullRequestFiles(number: number): Promise<string[]> {
    const all: string[] = [];
    for (let page = 1; page <= 30; page++) {
      const { data } = await this.call<Array<{ filename: string; previous_filename?: string }>>('GET', `${this.repo}/pulls/${number}/files?per_page=100&page=${page}`);
      for (const f of data) all.push(f.filename, ...(f.previous_filename ? [f.previous_filename] : []));
      if (data.length < 100) return all;
    }
    return all;
  }

  /** Every comment of an issue or pull request, page by page (GET .../issues/{n}/comments). */
  async listComments(issue: number): Promise<IssueComment[]> {
    const all: IssueComment[] = [];
    for (let page = 1; page <= 50; page++) {
      const { data } = await this.call<IssueComment[]>('GET', `${this.repo}/issues/${issue}/comments?per_page=100&page=${page}`);
      all.push(...data);
      if (data.length < 100) return all;
    }
    return all;
  }

  /** POST /repos/{repo}/issues/{n}/comments */
  async createComment(issue: number, body: string): Promise<IssueComment> {
    return (await this.call<IssueComment>('POST', `${this.repo}/issues/${issue}/comments`, { body })).data;
  }

  /** PATCH /repos/{repo}/issues/comments/{id} */
  async updateComment(id: number, body: string): Promise<IssueComment> {
    return (await this.call<IssueComment>('PATCH', `${this.repo}/issues/comments/${id}`, { body })).data;
  }

  /** POST /repos/{repo}/statuses/{sha} */
  async createStatus(sha: string, status: CommitStatus): Promise<void> {
    if (!/^[0-9a-f]{40}$/.test(sha)) throw new Error(`head SHA ${JSON.stringify(sha)} is not a 40-digit commit id`);
    await this.call('POST', `${this.repo}/statuses/${sha}`, status);
  }
}
