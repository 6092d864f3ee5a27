/** Command-line arguments of `npm run access-report`. Pure. */
import { ACKNOWLEDGEMENTS_FILE } from './acknowledgements';
import { AccessReportError } from './errors';
import { DEFAULT_THRESHOLD, ExitCode, SEVERITIES, isSeverity } from './exit-codes';
import type { Severity } from './exit-codes';

/** Values of `--format`: what stdout gets. */
export const REPORT_FORMATS = ['markdown', 'json'] as const;

/** One of {@link REPORT_FORMATS}. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Parsed arguments. */
export interface AccessReportArgs {
  /** A cloud assembly directory, or a git ref to check out and synthesize. @default - none (only with `--help`) */
  readonly base?: string;
  /** The head cloud assembly directory. */
  readonly head: string;
  /** Findings at or above it fail the report. */
  readonly threshold: Severity;
  /** An explicit acknowledgement file (instead of the base ref's). @default - the base ref's file, none for a directory base */
  readonly acknowledgements?: string;
  /** Where to write the JSON summary. @default - not written */
  readonly json?: string;
  /** The environments to report (`--env`, repeatable). @default - every environment of base and head */
  readonly environments?: readonly string[];
  /** What stdout gets: the Markdown report or the JSON document (lib/report/json-report.ts). @default markdown */
  readonly format: ReportFormat;
  /** `--help` was given. */
  readonly help: boolean;
}

/** Default head assembly: the one `npx cdk synth` writes. */
export const DEFAULT_HEAD = 'cdk.out';

/** Usage text. */
export const USAGE = `Usage: npm run access-report -- --base <git ref | cloud assembly dir> [--head <dir>]
         [--env <name> ...] [--format markdown|json] [--threshold critical|high|info]
         [--acknowledgements <file>] [--json <file>]

Compares the access declarations (aws-auth mappings, IAM roles and policies, RBAC, access
entries, functions and their callers, cluster creator admin) of two synthesized cloud
assemblies, lists per environment who can reach cluster admin, ranks the findings and prints
a Markdown report (or, with --format json, one JSON document).

  --base <ref|dir>          a directory with a manifest.json (an existing directory is never
                            taken for a ref), or a git ref: checked out in a temporary worktree
                            and synthesized with \`npx cdk synth --quiet\`
  --head <dir>              the head cloud assembly (default: ${DEFAULT_HEAD}); outside CI (no CI
                            variable), a warning when ${DEFAULT_HEAD} is older than the sources
                            it is synthesized from (run \`npx cdk synth\` first)
  --env <name>              report only this environment (repeatable; default: every one); the
                            exit status then counts only their findings
  --format markdown|json    stdout gets the Markdown report (default) or one JSON document:
                            { version, base, head, threshold, highest, exitCode, acknowledgements,
                              warnings, findings, expiredAcknowledgements, unusedAcknowledgements,
                              environments: [{ name, adminPaths, added, removed, changed }] }
                            (npm run --silent access-report -- ... | jq: without --silent npm
                            prints its own banner on stdout)
  --threshold <severity>    findings at or above it fail: ${[...SEVERITIES].reverse().join(', ')} (default: ${DEFAULT_THRESHOLD})
  --acknowledgements <file> acknowledged findings; without it, ${ACKNOWLEDGEMENTS_FILE} is read from
                            the --base git ref (never from the head or the working tree); a
                            directory --base has none unless this is given
  --json <file>             also write a machine summary:
                            { threshold, highest, exitCode, findings: [{ environment, severity,
                              rule, fingerprint, acknowledged, summary }], expiredAcknowledgements }
  --help                    this text

Exit status: ${ExitCode.belowThreshold} every unacknowledged finding below the threshold, ${ExitCode.atOrAboveThreshold} at or above it,
${ExitCode.error} usage, input or I/O error.`;

const OPTIONS = ['base', 'head', 'threshold', 'acknowledgements', 'json', 'format'] as const;

/** Options that may be given more than once. */
const REPEATABLE = ['env'] as const;

/**
 * Parses `--name X` and `--name=X` for each option, and `--help`.
 * @throws AccessReportError (`usage`) on an unknown, repeated (other than `--env`) or valueless
 *   option, a bad threshold or format, or no `--base`
 */
export function parseArgs(argv: readonly string[]): AccessReportArgs {
  const values: Partial<Record<(typeof OPTIONS)[number], string>> = {};
  const environments: string[] = [];
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    const match = /^--(\w+)(?:=(.*))?$/s.exec(arg);
    const name = [...OPTIONS, ...REPEATABLE].find((o) => o === match?.[1]);
    if (!match || !name) throw new AccessReportError('usage', `unknown argument ${JSON.stringify(arg)}`);
    const value = match[2] ?? argv[++i];
    if (value === undefined || value === '' || (match[2] === undefined && value.startsWith('--'))) {
      throw new AccessReportError('usage', `--${name} needs a value`);
    }
    if (name === 'env') {
      if (!environments.includes(value)) environments.push(value);
      continue;
    }
    if (values[name] !== undefined) throw new AccessReportError('usage', `--${name} given twice`);
    values[name] = value;
  }
  const format = values.format ?? 'markdown';
  if (help) return { head: values.head ?? DEFAULT_HEAD, threshold: DEFAULT_THRESHOLD, format: isReportFormat(format) ? format : 'markdown', help };
  if (!isReportFormat(format)) {
    throw new AccessReportError('usage', `--format ${JSON.stringify(format)} is not a format: use one of ${REPORT_FORMATS.join(', ')}`);
  }
  if (values.base === undefined) throw new AccessReportError('usage', '--base is required');
  const threshold = values.threshold ?? DEFAULT_THRESHOLD;
  if (!isSeverity(threshold)) {
    throw new AccessReportError('usage', `--threshold ${JSON.stringify(threshold)} is not a severity: use one of ${[...SEVERITIES].reverse().join(', ')}`);
  }
  return {
    base: values.base,
    head: values.head ?? DEFAULT_HEAD,
    threshold,
    ...(values.acknowledgements === undefined ? {} : { acknowledgements: values.acknowledgements }),
    ...(values.json === undefined ? {} : { json: values.json }),
    ...(environments.length === 0 ? {} : { environments }),
    format,
    help,
  };
}

function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}
