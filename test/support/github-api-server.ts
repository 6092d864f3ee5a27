/**
 * A strict local stand-in for the GitHub REST calls the review makes: pull requests, issue
 * comments and commit statuses of ONE repository. It checks what GitHub checks and what the
 * review must get right: the bearer token, GitHub's media type and API version, the exact
 * paths and query strings, JSON bodies with exactly the fields each call takes, status states,
 * the 140-character description limit and the 65,536-character comment limit. Anything else
 * answers 404 and is recorded in `unexpected`, so a test can assert there was nothing else.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A pull request the stand-in knows. */
export interface FakePullRequest {
  readonly number: number;
  /** Mutable: a test pushes a new head by changing it. */
  headSha: string;
  readonly headRef: string;
  /** `owner/name` of the head repository (a fork's for fork pull requests). */
  readonly headRepo: string;
  /** @default 'open' */
  readonly state?: string;
  /** Paths the pull request changes (mutable, like the head). @default [] */
  files?: string[];
}

/** A stored comment. */
export interface FakeComment {
  id: number;
  issue: number;
  body: string;
  user: { login: string; type: string };
}

/** A stored commit status. */
export interface FakeStatus {
  readonly sha: string;
  readonly state: string;
  readonly context: string;
  readonly description: string;
  readonly target_url?: string;
}

/** One request, as received. */
export interface FakeRequest {
  readonly method: string;
  readonly path: string;
  readonly status: number;
}

/** A running stand-in. */
export interface GithubApiHandle {
  /** For GITHUB_API_URL. */
  readonly url: string;
  readonly comments: FakeComment[];
  readonly statuses: FakeStatus[];
  readonly requests: FakeRequest[];
  /** Requests that matched no route or broke a rule, with why. */
  readonly unexpected: string[];
  close(): Promise<void>;
}

/** Options of {@link startGithubApi}. */
export interface GithubApiOptions {
  /** `owner/name`. */
  readonly repository: string;
  /** The only token accepted. */
  readonly token: string;
  readonly pullRequests: readonly FakePullRequest[];
  /** Comments already there (ids are assigned). */
  readonly comments?: ReadonlyArray<Omit<FakeComment, 'id'>>;
}

/** The login GitHub gives comments made with a workflow's token. */
export const BOT = { login: 'github-actions[bot]', type: 'Bot' } as const;

const STATES = ['error', 'failure', 'pending', 'success'];

function prJson(repository: string, pr: FakePullRequest) {
  return {
    number: pr.number,
    state: pr.state ?? 'open',
    head: { sha: pr.headSha, ref: pr.headRef, repo: { full_name: pr.headRepo } },
    base: { ref: 'main', repo: { full_name: repository } },
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts the stand-in on a free local port. */
export async function startGithubApi(opts: GithubApiOptions): Promise<GithubApiHandle> {
  const comments: FakeComment[] = (opts.comments ?? []).map((c, i) => ({ ...c, id: 1000 + i }));
  const statuses: FakeStatus[] = [];
  const requests: FakeRequest[] = [];
  const unexpected: string[] = [];
  let nextId = 5000;
  const repo = `/repos/${opts.repository}`;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? '';
    const url = new URL(req.url ?? '/', 'http://localhost');
    const raw = await readBody(req);
    const reply = (status: number, body: unknown, why?: string) => {
      requests.push({ method, path: `${url.pathname}${url.search}`, status });
      if (why) unexpected.push(`${method} ${url.pathname}${url.search}: ${why}`);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(body === undefined ? '' : JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${opts.token}`) return reply(401, { message: 'Bad credentials' }, 'wrong or missing Authorization header');
    if (req.headers.accept !== 'application/vnd.github+json') return reply(415, { message: 'Unsupported media type' }, `Accept ${String(req.headers.accept)}`);
    if (req.headers['x-github-api-version'] !== '2022-11-28') return reply(400, { message: 'Bad API version' }, `X-GitHub-Api-Version ${String(req.headers['x-github-api-version'])}`);
    let body: Record<string, unknown> | undefined;
    if (method === 'POST' || method === 'PATCH') {
      if (req.headers['content-type'] !== 'application/json') return reply(415, { message: 'Expected JSON' }, 'body without content-type application/json');
      try { body = JSON.parse(raw) as Record<string, unknown>; } catch { return reply(400, { message: 'Problems parsing JSON' }, 'body is not JSON'); }
    } else if (raw !== '') return reply(400, { message: 'Unexpected body' }, `${method} with a body`);
    const query = Object.fromEntries(url.searchParams);
    const p = url.pathname;
    let m: RegExpExecArray | null;

    if (method === 'GET' && (m = new RegExp(`^${repo}/pulls/(\\d+)$`).exec(p)) && url.search === '') {
      const pr = opts.pullRequests.find((x) => x.number === Number(m![1]));
      return pr ? reply(200, prJson(opts.repository, pr)) : reply(404, { message: 'Not Found' });
    }
    if (method === 'GET' && (m = new RegExp(`^${repo}/pulls/(\\d+)/files$`).exec(p))) {
      const pr = opts.pullRequests.find((x) => x.number === Number(m![1]));
      const page = Number(query.page ?? '1');
      const perPage = Number(query.per_page ?? '30');
      if (!(perPage >= 1 && perPage <= 100) || !(page >= 1) || Object.keys(query).some((k) => k !== 'page' && k !== 'per_page')) return reply(422, { message: 'Validation Failed' }, `files query ${url.search}`);
      if (!pr) return reply(404, { message: 'Not Found' }, `files of unknown pull request ${m[1]}`);
      return reply(200, (pr.files ?? []).slice((page - 1) * perPage, page * perPage).map((filename) => ({ filename, status: 'modified' })));
    }
    if (method === 'GET' && p === `${repo}/pulls`) {
      if (JSON.stringify(Object.keys(query).sort()) !== JSON.stringify(['head', 'per_page', 'state']) || query.state !== 'open' || !/^[^:]+:.+$/.test(query.head)) {
        return reply(422, { message: 'Validation Failed' }, `pulls list query ${url.search}`);
      }
      const [owner, ref] = [query.head.split(':')[0], query.head.slice(query.head.indexOf(':') + 1)];
      return reply(200, opts.pullRequests.filter((x) => (x.state ?? 'open') === 'open' && x.headRepo.split('/')[0] === owner && x.headRef === ref).map((x) => prJson(opts.repository, x)));
    }
    if (method === 'GET' && (m = new RegExp(`^${repo}/issues/(\\d+)/comments$`).exec(p))) {
      const page = Number(query.page ?? '1');
      const perPage = Number(query.per_page ?? '30');
      if (!(perPage >= 1 && perPage <= 100) || !(page >= 1)) return reply(422, { message: 'Validation Failed' }, `comments query ${url.search}`);
      const issue = Number(m[1]);
      if (!opts.pullRequests.some((x) => x.number === issue)) return reply(404, { message: 'Not Found' }, `comments of unknown issue ${issue}`);
      return reply(200, comments.filter((c) => c.issue === issue).slice((page - 1) * perPage, page * perPage).map((c) => ({ id: c.id, body: c.body, user: c.user })));
    }
    if (method === 'POST' && (m = new RegExp(`^${repo}/issues/(\\d+)/comments$`).exec(p)) && url.search === '') {
      const issue = Number(m[1]);
      if (!opts.pullRequests.some((x) => x.number === issue)) return reply(404, { message: 'Not Found' }, `comment on unknown issue ${issue}`);
      if (JSON.stringify(Object.keys(body ?? {})) !== '["body"]' || typeof body?.body !== 'string') return reply(422, { message: 'Validation Failed' }, 'comment body must be exactly { body: string }');
      if (body.body.length > 65536) return reply(422, { message: 'Body is too long (maximum is 65536 characters)' }, 'comment too long');
      const c: FakeComment = { id: nextId++, issue, body: body.body, user: { ...BOT } };
      comments.push(c);
      return reply(201, { id: c.id, body: c.body, user: c.user });
    }
    if (method === 'PATCH' && (m = new RegExp(`^${repo}/issues/comments/(\\d+)$`).exec(p)) && url.search === '') {
      const c = comments.find((x) => x.id === Number(m![1]));
      if (!c) return reply(404, { message: 'Not Found' }, `update of unknown comment ${m[1]}`);
      if (c.user.login !== BOT.login) return reply(403, { message: 'Resource not accessible by integration' }, `update of ${c.user.login}'s comment`);
      if (JSON.stringify(Object.keys(body ?? {})) !== '["body"]' || typeof body?.body !== 'string') return reply(422, { message: 'Validation Failed' }, 'comment body must be exactly { body: string }');
      if (body.body.length > 65536) return reply(422, { message: 'Body is too long (maximum is 65536 characters)' }, 'comment too long');
      c.body = body.body;
      return reply(200, { id: c.id, body: c.body, user: c.user });
    }
    if (method === 'POST' && (m = new RegExp(`^${repo}/statuses/([0-9a-f]{40})$`).exec(p)) && url.search === '') {
      const b = body ?? {};
      const extra = Object.keys(b).filter((k) => !['state', 'context', 'description', 'target_url'].includes(k));
      if (extra.length || !STATES.includes(String(b.state)) || typeof b.context !== 'string' || typeof b.description !== 'string'
        || (b.target_url !== undefined && typeof b.target_url !== 'string')) return reply(422, { message: 'Validation Failed' }, `status body ${raw}`);
      if (b.description.length > 140) return reply(422, { message: 'Validation Failed: description is too long (maximum is 140 characters)' }, 'status description over 140');
      statuses.push({ sha: m[1], state: b.state as string, context: b.context, description: b.description, ...(b.target_url ? { target_url: b.target_url as string } : {}) });
      return reply(201, { state: b.state, context: b.context });
    }
    return reply(404, { message: 'Not Found' }, 'no such route');
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      unexpected.push(`handler error: ${String(e)}`);
      res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    comments,
    statuses,
    requests,
    unexpected,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
