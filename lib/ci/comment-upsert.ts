/**
 * Keeps ONE review comment per pull request: the Actions bot's comment that starts with the
 * marker is updated; if there is none, one is created. Comments by anyone else are never
 * touched, even when they start with the marker.
 */
import type { GithubApi, IssueComment } from './github-api';

/** The login GitHub gives comments made with a workflow's GITHUB_TOKEN. */
export const ACTIONS_BOT_LOGIN = 'github-actions[bot]';

/** The bot's earlier review comment, if any (the first one, should there be several). */
export function findReviewComment(comments: readonly IssueComment[], marker: string): IssueComment | undefined {
  return comments.find((c) => c.user?.login === ACTIONS_BOT_LOGIN && c.user.type === 'Bot' && (c.body ?? '').split('\n', 1)[0] === marker);
}

/** Updates the review comment or creates it; returns what was done. */
export async function upsertReviewComment(api: GithubApi, issue: number, body: string): Promise<{ action: 'created' | 'updated'; id: number }> {
  const marker = body.split('\n', 1)[0];
  const mine = findReviewComment(await api.listComments(issue), marker);
  if (mine) return { action: 'updated', id: (await api.updateComment(mine.id, body)).id };
  return { action: 'created', id: (await api.createComment(issue, body)).id };
}
