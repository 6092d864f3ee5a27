/** Command-line arguments of `npm run access-report`. Pure. */
import { AccessReportError } from './errors';

/** Parsed arguments. */
export interface AccessReportArgs {
  /** A cloud assembly directory, or a git ref to check out and synthesize. */
  readonly base?: string;
  /** The head cloud assembly directory. */
  readonly head: string;
  /** `--help` was given. */
  readonly help: boolean;
}

/** Default head assembly: the one `npx cdk synth` writes. */
export const DEFAULT_HEAD = 'cdk.out';

/** Usage text. */
export const USAGE = `Usage: npm run access-report -- --base <git ref | cloud assembly dir> [--head <cloud assembly dir>]

Compares the access declarations (aws-auth mappings, IAM roles and policies, RBAC, access
entries) of two synthesized cloud assemblies and prints a Markdown report.

  --base <ref|dir>  a directory with a manifest.json, or a git ref: checked out in a temporary
                    worktree and synthesized with \`npx cdk synth --quiet\`
  --head <dir>      the head cloud assembly (default: ${DEFAULT_HEAD})
  --help            this text

Exit status: 0 no escalation, 2 escalations found, 1 usage or I/O error.`;

const OPTIONS = ['base', 'head'] as const;

/**
 * Parses `--base X`, `--base=X`, `--head X`, `--head=X`, `--help`.
 * @throws AccessReportError (`usage`) on an unknown, repeated or valueless option, or no `--base`
 */
export function parseArgs(argv: readonly string[]): AccessReportArgs {
  const values: Partial<Record<(typeof OPTIONS)[number], string>> = {};
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    const match = /^--(\w+)(?:=(.*))?$/.exec(arg);
    const name = OPTIONS.find((o) => o === match?.[1]);
    if (!match || !name) throw new AccessReportError('usage', `unknown argument ${JSON.stringify(arg)}`);
    const value = match[2] ?? argv[++i];
    if (value === undefined || value === '' || (match[2] === undefined && value.startsWith('--'))) {
      throw new AccessReportError('usage', `--${name} needs a value`);
    }
    if (values[name] !== undefined) throw new AccessReportError('usage', `--${name} given twice`);
    values[name] = value;
  }
  if (!help && values.base === undefined) throw new AccessReportError('usage', '--base is required');
  return { ...(values.base === undefined ? {} : { base: values.base }), head: values.head ?? DEFAULT_HEAD, help };
}
