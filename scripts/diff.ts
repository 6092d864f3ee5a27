/**
 * Pull-request `cdk diff` (used by .github/workflows/pr-diff.yml; works locally too).
 *
 *   npm run diff -- <env> [--out <file>]
 *       `cdk diff '<env>/*' --method template`: compares with the deployed templates, read
 *       through the CDK lookup role, and creates no change set (the PR role is read-only).
 *       Prints the diff and, with --out, also writes it (without colours) to <file>.
 *   npm run diff -- --target <env>
 *       Prints `role-arn=...` and `region=...` (for $GITHUB_OUTPUT): the read-only role of
 *       `<env>/CiDiff` that the workflow assumes, from the same config the app uses.
 *   npm run diff -- --comment --report <file> --diffs <dir> --out <file>
 *       Renders the pull-request comment: the access report on top, each environment's diff
 *       (`<dir>/diff-<env>.txt`) folded below in <details>, cut to fit GitHub's size limit.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ENVIRONMENTS } from '../lib/config/environments';
import { prDiffRoleName } from '../lib/config/pipeline';
import { validateEnvironments } from '../lib/config/validate';
import type { ResolvedEnvironment } from '../lib/config/validate';

/** First line of the comment; the workflow finds its own comment by it. */
export const PR_DIFF_MARKER = '<!-- eks-access:pr-diff -->';
/** GitHub refuses comment bodies above 65,536 characters; keep a margin. */
export const MAX_COMMENT_CHARS = 65_000;

/** Thrown for a wrong command line; the message says how to call the script. */
export class UsageError extends Error {}

/** Arguments of `cdk diff` for one environment. */
export function cdkDiffArgs(env: string): string[] {
  return ['cdk', 'diff', `${env}/*`, '--method', 'template', '--no-color'];
}

/** The environment named on the command line, validated. */
export function findEnvironment(name: string | undefined, envs: readonly ResolvedEnvironment[]): ResolvedEnvironment {
  const env = envs.find((e) => e.name === name);
  if (!env) throw new UsageError(`unknown environment ${JSON.stringify(name)}; use one of ${envs.map((e) => e.name).join(', ')} (lib/config/environments.ts)`);
  return env;
}

/** The role the workflow assumes for an environment and the region to use it in. */
export function diffTarget(env: ResolvedEnvironment): { roleArn: string; region: string } {
  return { roleArn: `arn:${env.partition}:iam::${env.account}:role/${prDiffRoleName(env.name)}`, region: env.region };
}

/** One environment's diff for the comment; `text` undefined when the diff job produced none. */
export interface EnvironmentDiff {
  readonly env: string;
  readonly text?: string;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

/** A code fence longer than any backtick run in the text, so the text cannot close it. */
function fenceFor(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(longest + 1);
}

/** "N stacks with differences" as the CDK CLI counts them, or "diff" if it did not say. */
function summarize(text: string): string {
  const m = /Number of stacks with differences: (\d+)/.exec(text);
  if (!m) return 'diff';
  return m[1] === '0' ? 'no differences' : `${m[1]} stack(s) with differences`;
}

/** Cuts text to `max` characters, saying how much was left out. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const note = `\n... ${text.length - max} more characters; the full diff is in the job log and the diff-<env> artifact\n`;
  return text.slice(0, Math.max(0, max - note.length)) + note;
}

/**
 * The pull-request comment: marker, access report, then one folded diff per environment. Diffs
 * share what room is left under MAX_COMMENT_CHARS; the report is never cut.
 */
export function renderComment(report: string, diffs: readonly EnvironmentDiff[], maxChars = MAX_COMMENT_CHARS): string {
  const head = `${PR_DIFF_MARKER}\n${report.trim()}\n\n### cdk diff\n`;
  const blocks = diffs.map((d) => ({ env: d.env, text: d.text === undefined ? undefined : d.text.replace(ANSI, '').trim() }));
  const frame = (env: string, summary: string, body: string) => `\n<details><summary><code>${env}</code>: ${summary}</summary>\n\n${body}\n\n</details>\n`;
  const fixed = blocks.reduce((n, b) => n + frame(b.env, 'changes', '').length + 16, head.length);
  const share = Math.max(0, Math.floor((maxChars - fixed) / Math.max(1, blocks.length)));
  return head + blocks.map((b) => {
    if (b.text === undefined) return frame(b.env, 'no diff (the job failed; see its log)', '');
    const text = cut(b.text, share);
    const fence = fenceFor(text);
    return frame(b.env, summarize(b.text), `${fence}diff\n${text}\n${fence}`);
  }).join('');
}

/** Parses `--flag value` pairs and positionals. */
function parseArgs(argv: string[]): { flags: Map<string, string | true>; positional: string[] } {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) { positional.push(a); continue; }
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith('--')) { flags.set(a.slice(2), next); i++; } else flags.set(a.slice(2), true);
  }
  return { flags, positional };
}

function flag(flags: Map<string, string | true>, name: string): string {
  const v = flags.get(name);
  if (typeof v !== 'string') throw new UsageError(`--${name} <value> is required`);
  return v;
}

/** Runs `cdk diff` for one environment, streaming its output and collecting it for --out. */
function runDiff(env: string, out: string | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', cdkDiffArgs(env), { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => { chunks.push(c); process.stdout.write(c); });
    child.stderr.on('data', (c: Buffer) => { chunks.push(c); process.stderr.write(c); });
    child.on('error', reject);
    child.on('close', (code) => {
      if (out) fs.writeFileSync(out, Buffer.concat(chunks).toString('utf8').replace(ANSI, ''));
      resolve(code ?? 1);
    });
  });
}

async function main(argv: string[]): Promise<number> {
  const { flags, positional } = parseArgs(argv);
  const envs = validateEnvironments(ENVIRONMENTS);
  if (flags.has('target')) {
    const { roleArn, region } = diffTarget(findEnvironment(flag(flags, 'target'), envs));
    process.stdout.write(`role-arn=${roleArn}\nregion=${region}\n`);
    return 0;
  }
  if (flags.has('comment')) {
    const dir = flag(flags, 'diffs');
    const diffs = envs.map((e) => {
      const file = path.join(dir, `diff-${e.name}.txt`);
      return { env: e.name, text: fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined };
    });
    fs.writeFileSync(flag(flags, 'out'), renderComment(fs.readFileSync(flag(flags, 'report'), 'utf8'), diffs));
    return 0;
  }
  if (positional.length !== 1) throw new UsageError('usage: npm run diff -- <env> [--out <file>] | --target <env> | --comment --report <file> --diffs <dir> --out <file>');
  const env = findEnvironment(positional[0], envs);
  const out = flags.get('out');
  return runDiff(env.name, typeof out === 'string' ? out : undefined);
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e: unknown) => {
    console.error(e instanceof UsageError ? `diff: ${e.message}` : e);
    process.exitCode = 2;
  });
}
