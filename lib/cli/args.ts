/** The command line of `eks-access plan|verify`. Pure. */
import { COMMANDS } from './permissions';
import type { Command } from './permissions';

/** Values of `--output`. */
export const OUTPUT_FORMATS = ['text', 'json'] as const;

/** One of {@link OUTPUT_FORMATS}. */
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Exit codes of the CLI. */
export const CliExit = {
  /** Everything passed (plan: no changes, or changes without `--detailed-exitcode`). */
  ok: 0,
  /** An error, or a verify failure. */
  error: 1,
  /** plan found changes (with `--detailed-exitcode`). */
  changes: 2,
  /** A wrong command line. */
  usage: 64,
} as const;

export const USAGE = `usage: eks-access <plan|verify> (--env NAME [--env NAME ...] | --all) [--detailed-exitcode] [--profile NAME] [--assume-role ROLE_ARN] [--output text|json]
       eks-access --help
  plan     what a deploy would add, change and remove in the live aws-auth (and drift), without writing; the access entries holding AmazonEKSClusterAdminPolicy (the cluster creator's among them), read with eks:ListAccessEntries and eks:ListAssociatedAccessPolicies
  verify   every declared mapping present exactly once, and each mapping allowed exactly what config says, asked as the username and groups the live aws-auth gives it
  --env NAME     an environment of the config (repeatable); --all: every environment, in config order
  --profile NAME the AWS profile to use (as AWS_PROFILE=NAME; for SSO first: aws sso login --profile NAME)
  --assume-role  use this role (for example <cluster>-verifier) for the EKS calls (DescribeCluster; plan's access entry reads) and the Kubernetes token
  --output json  one JSON document on stdout (every environment's result, shape in README "Live plan and verify"); progress lines stay on stderr;
                 through npm use npm run --silent eks-access -- ... | jq (without --silent npm prints its own banner on stdout)
credentials: the AWS SDK's default chain (--profile NAME or AWS_PROFILE=NAME for a profile; aws sso login --profile NAME for SSO; AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY)
exit codes: ${CliExit.ok} ok; ${CliExit.error} error or verify failure; ${CliExit.changes} plan found changes (with --detailed-exitcode); ${CliExit.usage} usage
  (access entries never change plan's exit code: a creator entry config does not expect is a warning line, unreadable entries a sentence naming the permissions)`;

/** A parsed command line that runs. */
export interface CliArgs {
  readonly command: Command;
  /** Environments named with `--env`, in order. */
  readonly envNames: readonly string[];
  /** `--all`. */
  readonly all: boolean;
  /** `--detailed-exitcode`. */
  readonly detailed: boolean;
  /** `--profile`. @default - none: the SDK's default chain as the environment sets it */
  readonly profile?: string;
  /** `--assume-role`. @default - none: the caller's own credentials */
  readonly assumeRole?: string;
  /** `--output`. @default text */
  readonly output: OutputFormat;
  /** The arguments after the command, as given (for examples in messages). */
  readonly rest: readonly string[];
}

/** What the command line asks for. */
export type ParsedCommandLine =
  | { readonly kind: 'help' }
  | { readonly kind: 'usage'; readonly message: string }
  | { readonly kind: 'run'; readonly args: CliArgs };

const ROLE_ARN = /^arn:[a-z-]+:iam::\d{12}:role\/.+$/;

function isCommand(value: string | undefined): value is Command {
  return (COMMANDS as readonly string[]).includes(value ?? '');
}

/** Parses `argv` (without node and the script). `--help` / `-h` anywhere wins. */
export function parseCommandLine(argv: readonly string[]): ParsedCommandLine {
  if (argv.includes('--help') || argv.includes('-h')) return { kind: 'help' };
  const [command, ...rest] = argv;
  const usage = (message?: string): ParsedCommandLine => ({ kind: 'usage', message: message ? `${message}\n${USAGE}` : USAGE });
  const envNames: string[] = [];
  let all = false;
  let detailed = false;
  let assumeRole: string | undefined;
  let profile: string | undefined;
  let output: OutputFormat = 'text';
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--env') {
      const name = rest[++i];
      if (!name || name.startsWith('-')) return usage('--env needs an environment name');
      envNames.push(name);
    } else if (arg === '--assume-role') {
      const arn = rest[++i];
      if (!arn || !ROLE_ARN.test(arn)) return usage(`--assume-role needs an IAM role ARN, got ${JSON.stringify(arn)}`);
      assumeRole = arn;
    } else if (arg === '--profile') {
      const name = rest[++i];
      if (!name || name.startsWith('-')) return usage('--profile needs a profile name (a section of ~/.aws/config)');
      profile = name;
    } else if (arg === '--output') {
      const format = rest[++i];
      const known = OUTPUT_FORMATS.find((f) => f === format);
      if (!known) return usage(`--output needs one of ${OUTPUT_FORMATS.join(', ')}, got ${JSON.stringify(format)}`);
      output = known;
    } else if (arg === '--all') all = true;
    else if (arg === '--detailed-exitcode') detailed = true;
    else return usage(`unknown argument "${arg}"`);
  }
  if (!isCommand(command) || (!all && envNames.length === 0)) return usage();
  return { kind: 'run', args: { command, envNames, all, detailed, ...(profile ? { profile } : {}), ...(assumeRole ? { assumeRole } : {}), output, rest } };
}
