import { GithubApi, GithubApiError } from '../../../lib/ci/github-api';
import { startGithubApi } from '../../support/github-api-server';
import type { GithubApiHandle } from '../../support/github-api-server';

const SHA = 'a'.repeat(40);
let gh: GithubApiHandle;
beforeAll(async () => {
  gh = await startGithubApi({ repository: 'o/r', token: 't0ken', pullRequests: [{ number: 7, headSha: SHA, headRef: 'feature', headRepo: 'o/r', files: Array.from({ length: 130 }, (_, i) => `f${i}.ts`) }] });
});
afterAll(() => gh.close());

test('sends the token, media type and API version; the stand-in answers', async () => {
  const api = new GithubApi({ baseUrl: gh.url, token: 't0ken', repository: 'o/r' });
  expect((await api.getPullRequest(7)).head.sha).toBe(SHA);
  await api.createStatus(SHA, { state: 'success', context: 'c', description: 'd' });
  expect(gh.statuses).toEqual([{ sha: SHA, state: 'success', context: 'c', description: 'd' }]);
  expect(gh.unexpected).toEqual([]);
});

test('lists a pull request\'s files page by page', async () => {
  const api = new GithubApi({ baseUrl: gh.url, token: 't0ken', repository: 'o/r' });
  const files = await api.listPullRequestFiles(7);
  expect(files).toHaveLength(130);
  expect(gh.requests.slice(-2).map((r) => r.path)).toEqual(['/repos/o/r/pulls/7/files?per_page=100&page=1', '/repos/o/r/pulls/7/files?per_page=100&page=2']);
  expect(gh.unexpected).toEqual([]);
});

test('a base URL with a path (GitHub Enterprise Server) keeps it', async () => {
  const api = new GithubApi({ baseUrl: `${gh.url}/api/v3/`, token: 't0ken', repository: 'o/r' });
  await expect(api.getPullRequest(7)).rejects.toThrow(new GithubApiError('GET', '/repos/o/r/pulls/7', 404, 'Not Found'));
  expect(gh.requests.at(-1)?.path).toBe('/api/v3/repos/o/r/pulls/7');
  gh.unexpected.length = 0;
});

test('a wrong token is an error that names the call and GitHub\'s message', async () => {
  const api = new GithubApi({ baseUrl: gh.url, token: 'nope', repository: 'o/r' });
  await expect(api.listComments(7)).rejects.toThrow('GitHub API GET /repos/o/r/issues/7/comments?per_page=100&page=1 answered 401: Bad credentials');
  gh.unexpected.length = 0;
});

test('refuses a malformed SHA or repository before calling', async () => {
  const api = new GithubApi({ baseUrl: gh.url, token: 't0ken', repository: 'o/r' });
  await expect(api.createStatus('HEAD', { state: 'success', context: 'c', description: 'd' })).rejects.toThrow('head SHA "HEAD" is not a 40-digit commit id');
  expect(() => new GithubApi({ baseUrl: gh.url, token: 't', repository: 'o/r/../x' })).toThrow('GITHUB_REPOSITORY "o/r/../x" is not "owner/name"');
  expect(() => new GithubApi({ baseUrl: gh.url, token: '', repository: 'o/r' })).toThrow(/GITHUB_TOKEN is empty/);
});
