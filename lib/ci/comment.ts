/**
 * The one pull-request comment the review keeps up to date: verdict, findings, and each
 * environment's `cdk diff` folded below. Everything that comes from the pull request's
 * assemblies (finding summaries, environments, fingerprints, diff text) is escaped: code spans
 * through lib/report/markdown.ts, diffs in fences longer than any backtick run they contain, so
 * a resource name cannot add links, mentions, HTML or close the comment's structure. Pure.
 */
import { PR_REVIEW_STATUS_CONTEXT } from '../config/pipeline';
import { severityRank } from '../report/exit-codes';
import { inlineCode, showInvisible } from '../report/markdown';
import type { ReviewOutcome } from './report-result';

/** First line of the comment; the review finds its own comment by it. */
export const PR_REVIEW_MARKER = '<!-- eks-access:pr-review -->';
/** GitHub refuses comment bodies above 65,536 characters; keep a margin. */
export const MAX_COMMENT_CHARS = 65_000;
/** Findings listed before the rest is summarized as a count. */
export const MAX_LISTED_FINDINGS = 200;

/** One environment's diff, as the diff job left it. */
export interface EnvironmentDiff {
  readonly env: string;
  /** The CLI's output; undefined when the diff job produced none. */
  readonly text?: string;
  /** The CLI's exit status; undefined when unknown. */
  readonly exitCode?: number;
}

/** What the comment is about. */
export interface CommentInput {
  readonly outcome: ReviewOutcome;
  readonly headSha: string;
  readonly diffs: readonly EnvironmentDiff[];
  /** Link to the review run. */
  readonly runUrl?: string;
  /** Changed files on the synth path (lib/ci/synth-path.ts). @default [] */
  readonly synthPathChanges?: readonly string[];
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

/** A code fence longer than any backtick run in the text, so the text cannot close it. */
function fenceFor(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(longest + 1);
}

/** "N stacks with differences" as the CDK CLI counts them. */
function summarize(d: EnvironmentDiff): string {
  if (d.text === undefined) return 'no diff (the diff job produced none; see its log)';
  if (d.exitCode !== undefined && d.exitCode !== 0) return `cdk diff failed (exit ${d.exitCode})`;
  const m = /Number of stacks with differences: (\d+)/.exec(d.text);
  if (!m) return 'diff';
  return m[1] === '0' ? 'no differences' : `${m[1]} stack(s) with differences`;
}

/** Cuts text to `max` characters, saying how much was left out. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const note = `\n... ${text.length - max} more characters; the full diff is in the job log\n`;
  return text.slice(0, Math.max(0, max - note.length)) + note;
}

function verdict(outcome: ReviewOutcome): string {
  switch (outcome.kind) {
    case 'error': return `### Access review: error\n\nThe review could not be completed, so the status \`${PR_REVIEW_STATUS_CONTEXT}\` is \`error\` and blocks the merge:\n\n${inlineCode(outcome.reason)}`;
    case 'at-or-above-threshold': return `### Access review: blocked\n\nAt least one unacknowledged finding is at or above \`${outcome.report.threshold}\` (highest: \`${outcome.report.highest}\`); the status \`${PR_REVIEW_STATUS_CONTEXT}\` is \`failure\`.`;
    default: return `### Access review: passed\n\nNo unacknowledged finding is at or above \`${outcome.report.threshold}\`; the status \`${PR_REVIEW_STATUS_CONTEXT}\` is \`success\`.`;
  }
}

function synthPathWarning(files: readonly string[]): string {
  if (files.length === 0) return '';
  const listed = files.slice(0, 20).map((f) => `- ${inlineCode(f)}`).join('\n');
  return `\n\n> [!WARNING]\n> This pull request changes the files that decide what its synth run uploads, so the assemblies below were made by its own rules and prove nothing. The status is \`error\` until a code owner has reviewed these changes and an administrator merges:\n\n${listed}${files.length > 20 ? `\n- ... ${files.length - 20} more` : ''}`;
}

function findingsTable(outcome: ReviewOutcome): string {
  if (outcome.kind === 'error') return '';
  const findings = [...outcome.report.findings].sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  if (findings.length === 0) return '\n\n#### Findings\n\nNo access changes.';
  const rows = findings.slice(0, MAX_LISTED_FINDINGS).map((f) => `| ${f.severity} | ${f.environment ? inlineCode(f.environment, { inTable: true }) : ''} | ${inlineCode(f.summary, { inTable: true })} | ${f.fingerprint ? inlineCode(f.fingerprint, { inTable: true }) : ''} | ${f.acknowledged ? 'yes' : 'no'} |`);
  const more = findings.length > MAX_LISTED_FINDINGS ? `\n\n${findings.length - MAX_LISTED_FINDINGS} more finding(s); the full report is in the job log.` : '';
  return `\n\n#### Findings\n\n| Severity | Environment | Finding | Fingerprint | Acknowledged |\n|---|---|---|---|---|\n${rows.join('\n')}${more}`;
}

/**
 * The comment body: marker, verdict and findings, then one folded diff per environment. Diffs
 * share what room is left under `maxChars`; the verdict is never cut.
 */
export function renderReviewComment(input: CommentInput, maxChars = MAX_COMMENT_CHARS): string {
  const run = input.runUrl ? ` · [review run](${encodeURI(input.runUrl)})` : '';
  const head = `${PR_REVIEW_MARKER}\n${verdict(input.outcome)}${synthPathWarning(input.synthPathChanges ?? [])}${findingsTable(input.outcome)}\n\nHead ${inlineCode(input.headSha.slice(0, 12))}${run}. The commit status is the gate; this comment explains it.\n\n#### cdk diff (against the deployed stacks)\n`;
  const frame = (env: string, summary: string, body: string) => `\n<details><summary>${inlineCode(env)}: ${summary}</summary>\n\n${body}\n\n</details>\n`;
  const blocks = input.diffs.map((d) => ({ ...d, clean: d.text === undefined ? undefined : d.text.replace(ANSI, '').split(/\r?\n/).map(showInvisible).join('\n').trim() }));
  const fixed = blocks.reduce((n, b) => n + frame(b.env, summarize(b), '').length + 16, head.length);
  const share = Math.max(0, Math.floor((maxChars - fixed) / Math.max(1, blocks.length)));
  return head + blocks.map((b) => {
    if (b.clean === undefined) return frame(b.env, summarize(b), '');
    const text = cut(b.clean, share);
    const fence = fenceFor(text);
    return frame(b.env, summarize(b), `${fence}diff\n${text}\n${fence}`);
  }).join('');
}
