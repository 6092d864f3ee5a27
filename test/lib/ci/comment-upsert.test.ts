import { upsertReviewComment } from '../../../lib/ci/comment-upsert';
import { GithubApi } from '../../../lib/ci/github-api';
import { BOT, startGithubApi } from '../../support/github-api-server';

const MARKER = '<!-- eks-access:pr-review -->';
const pr = { number: 3, headSha: 'b'.repeat(40), headRef: 'x', headRepo: 'o/r' };

test('creates the comment once, then updates the same one; never edits a human\'s comment that starts with the marker', async () => {
  const many = Array.from({ length: 150 }, (_, i) => ({ issue: 3, body: `chatter ${i}`, user: { login: 'alice', type: 'User' } }));
  const gh = await startGithubApi({ repository: 'o/r', token: 't', pullRequests: [pr], comments: [{ issue: 3, body: `${MARKER}\nforged by a user`, user: { login: 'mallory', type: 'User' } }, ...many] });
  try {
    const api = new GithubApi({ baseUrl: gh.url, token: 't', repository: 'o/r' });
    const first = await upsertReviewComment(api, 3, `${MARKER}\none`);
    expect(first.action).toBe('created');
    const second = await upsertReviewComment(api, 3, `${MARKER}\ntwo`);
    expect(second).toEqual({ action: 'updated', id: first.id });
    const mine = gh.comments.filter((c) => c.user.login === BOT.login);
    expect(mine.map((c) => c.body)).toEqual([`${MARKER}\ntwo`]);
    expect(gh.comments[0].body).toBe(`${MARKER}\nforged by a user`);
    // 151 human comments + 1: the second listing needed two pages.
    expect(gh.requests.filter((r) => r.method === 'GET').map((r) => r.path)).toEqual([
      '/repos/o/r/issues/3/comments?per_page=100&page=1', '/repos/o/r/issues/3/comments?per_page=100&page=2',
      '/repos/o/r/issues/3/comments?per_page=100&page=1', '/repos/o/r/issues/3/comments?per_page=100&page=2',
    ]);
    expect(gh.unexpected).toEqual([]);
  } finally {
    await gh.close();
  }
});
