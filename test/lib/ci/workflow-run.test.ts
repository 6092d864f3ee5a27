import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { GithubApi } from '../../../lib/ci/github-api';
import { readReviewEvent, resolvePullRequest } from '../../../lib/ci/workflow-run';
import { startGithubApi } from '../../support/github-api-server';

const HEAD = 'c'.repeat(40);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'eks-access-event-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function eventFile(run: Record<string, unknown>): string {
  const file = path.join(tmp, `${Math.random()}.json`);
  fs.writeFileSync(file, JSON.stringify({ action: 'completed', workflow_run: { id: 42, head_sha: HEAD, head_branch: 'feature', event: 'pull_request', conclusion: 'success', head_repository: { full_name: 'fork/r', owner: { login: 'fork' } }, pull_requests: [], ...run } }));
  return file;
}

test('reads the head SHA, run id and attached pull requests from the event', () => {
  const e = readReviewEvent(eventFile({ pull_requests: [{ number: 5, head: { sha: HEAD } }, { number: 6, head: { sha: 'd'.repeat(40) } }] }));
  expect(e).toMatchObject({ runId: 42, headSha: HEAD, headBranch: 'feature', headOwner: 'fork', triggeringEvent: 'pull_request', conclusion: 'success', pullRequests: [5] });
});

test('refuses an event that is not a workflow_run, or a head SHA that is not one', () => {
  const other = path.join(tmp, 'push.json');
  fs.writeFileSync(other, JSON.stringify({ ref: 'refs/heads/main' }));
  expect(() => readReviewEvent(other)).toThrow(`${other} is not a workflow_run event (no "workflow_run"); run this step only in the review workflow`);
  expect(() => readReviewEvent(eventFile({ head_sha: 'main' }))).toThrow('workflow_run.head_sha "main" is not a 40-digit commit id');
});

describe('resolvePullRequest', () => {
  test('same-repository pull request: the number the event names', async () => {
    const gh = await startGithubApi({ repository: 'o/r', token: 't', pullRequests: [{ number: 5, headSha: HEAD, headRef: 'feature', headRepo: 'o/r' }] });
    try {
      const api = new GithubApi({ baseUrl: gh.url, token: 't', repository: 'o/r' });
      await expect(resolvePullRequest(api, readReviewEvent(eventFile({ pull_requests: [{ number: 5, head: { sha: HEAD } }] })), 'o/r')).resolves.toEqual({ number: 5, currentHeadSha: HEAD });
      expect(gh.requests.map((r) => r.path)).toEqual(['/repos/o/r/pulls/5']);
    } finally { await gh.close(); }
  });

  test('fork pull request (no pull_requests in the event): looked up by head owner and branch, matched by head SHA', async () => {
    const gh = await startGithubApi({ repository: 'o/r', token: 't', pullRequests: [
      { number: 8, headSha: HEAD, headRef: 'feature', headRepo: 'fork/r' },
      { number: 9, headSha: 'e'.repeat(40), headRef: 'feature', headRepo: 'other/r' },
    ] });
    try {
      const api = new GithubApi({ baseUrl: gh.url, token: 't', repository: 'o/r' });
      await expect(resolvePullRequest(api, readReviewEvent(eventFile({})), 'o/r')).resolves.toEqual({ number: 8, currentHeadSha: HEAD });
      expect(gh.requests.map((r) => r.path)).toEqual(['/repos/o/r/pulls?state=open&head=fork%3Afeature&per_page=100']);
      expect(gh.unexpected).toEqual([]);
    } finally { await gh.close(); }
  });

  test('no open pull request with that head is an error', async () => {
    const gh = await startGithubApi({ repository: 'o/r', token: 't', pullRequests: [{ number: 8, headSha: 'f'.repeat(40), headRef: 'feature', headRepo: 'fork/r' }] });
    try {
      const api = new GithubApi({ baseUrl: gh.url, token: 't', repository: 'o/r' });
      await expect(resolvePullRequest(api, readReviewEvent(eventFile({})), 'o/r')).rejects.toThrow(`expected one open pull request of o/r with head ${HEAD} (from fork:feature), found 0`);
    } finally { await gh.close(); }
  });
});
