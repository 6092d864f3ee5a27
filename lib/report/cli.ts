/**
 * The command: arguments in, Markdown (or with `--format json` one JSON document) on stdout,
 * the JSON summary with `--json FILE`, exit status out per `exit-codes.ts`. The base is a cloud
 * assembly directory or a git ref; the acknowledgements come from `--acknowledgements` or from
 * the base ref, never from the head. `--env` restricts the report (and its verdict) to the
 * named environments. Run locally, a head older than the working tree's sources is warned
 * about on stderr (staleness.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import { noAcknowledgements, todayUtc } from './acknowledgements';
import type { AcknowledgementSet } from './acknowledgements';
import { readAcknowledgementFile, readAcknowledgementsAt } from './acknowledgements-source';
import { USAGE, parseArgs } from './args';
import type { AccessReportArgs } from './args';
import { isCloudAssembly, readCloudAssembly } from './assembly';
import type { CloudAssemblyView } from './assembly';
import { AccessReportError } from './errors';
import { DEFAULT_THRESHOLD, ExitCode } from './exit-codes';
import { synthesizeGitRef } from './git-base';
import { jsonErrorReport, jsonReport } from './json-report';
import { errorSummary, jsonSummary } from './json-summary';
import type { JsonSummary } from './json-summary';
import { renderReport } from './render';
import { compareAssemblies } from './report';
import { selectEnvironments } from './select';
import { checkStaleness } from './staleness';
import { judge } from './verdict';

/** Where the command writes, and where it runs. */
export interface CliIo {
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Today's date (`YYYY-MM-DD`, UTC), for acknowledgement expiry. @default the clock's */
  readonly today?: () => string;
  /** The process environment (`CI` turns the stale-head check off). @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

interface LoadedBase {
  readonly assembly: CloudAssemblyView;
  readonly label: string;
  /** The commit of a git-ref base. */
  readonly commit?: string;
  readonly cleanup: () => void;
}

function loadBase(base: string, io: CliIo): LoadedBase {
  const directory = path.resolve(io.cwd, base);
  // An existing directory is an assembly or an error, never a git ref to check out and run
  // (a directory from an untrusted artifact must not make the report synthesize anything).
  if (isCloudAssembly(directory) || fs.existsSync(directory)) return { assembly: readCloudAssembly(directory), label: base, cleanup: () => undefined };
  const synthesized = synthesizeGitRef(base, { cwd: io.cwd, log: (line) => io.stderr(`access-report: ${line}\n`) });
  try {
    return { assembly: readCloudAssembly(synthesized.directory), label: synthesized.label, commit: synthesized.commit, cleanup: synthesized.cleanup };
  } catch (e) {
    synthesized.cleanup();
    throw e;
  }
}

/** The acknowledgements: the explicit file, else the base commit's, else none (never the head's). */
function loadAcknowledgements(args: AccessReportArgs, base: LoadedBase, io: CliIo): AcknowledgementSet {
  if (args.acknowledgements !== undefined) return readAcknowledgementFile(args.acknowledgements, io.cwd);
  if (base.commit !== undefined) return readAcknowledgementsAt(base.commit, base.label, io.cwd);
  return noAcknowledgements('none: --base is a directory and no --acknowledgements file was given');
}

function writeJson(file: string, summary: JsonSummary, io: CliIo): void {
  try {
    fs.writeFileSync(path.resolve(io.cwd, file), `${JSON.stringify(summary, null, 2)}\n`);
  } catch (e) {
    throw new AccessReportError('io', `cannot write --json ${file}: ${(e as Error).message}`);
  }
}

function report(args: AccessReportArgs, io: CliIo, warnings: string[]): number {
  const headDir = path.resolve(io.cwd, args.head);
  const head = readCloudAssembly(headDir);
  const stale = checkStaleness({ root: io.cwd, head: headDir, headLabel: args.head, env: io.env ?? process.env });
  if (stale !== undefined) {
    warnings.push(stale);
    io.stderr(`access-report: warning: ${stale}\n`);
  }
  const base = loadBase(args.base as string, io);
  try {
    const acknowledgements = loadAcknowledgements(args, base, io);
    const result = selectEnvironments(compareAssemblies(base.assembly, head, { base: base.label, head: args.head }), args.environments);
    const verdict = judge(result.findings, acknowledgements, args.threshold, (io.today ?? todayUtc)());
    if (args.json !== undefined) writeJson(args.json, jsonSummary(verdict), io);
    io.stdout(args.format === 'json' ? `${JSON.stringify(jsonReport(result, verdict, warnings), null, 2)}\n` : renderReport(result, verdict));
    return verdict.exitCode;
  } finally {
    base.cleanup();
  }
}

/** Runs the command; returns the exit status. Never throws. */
export function runCli(argv: readonly string[], io: CliIo): number {
  let args: AccessReportArgs | undefined;
  const warnings: string[] = [];
  try {
    args = parseArgs(argv);
    if (args.help) {
      io.stdout(`${USAGE}\n`);
      return ExitCode.belowThreshold;
    }
    return report(args, io, warnings);
  } catch (e) {
    const message = e instanceof AccessReportError ? e.message : `unexpected error: ${e instanceof Error ? e.message : String(e)}`;
    io.stderr(`access-report: ${message}\n${e instanceof AccessReportError && e.kind === 'usage' ? `\n${USAGE}\n` : ''}`);
    if (args?.format === 'json') io.stdout(`${JSON.stringify(jsonErrorReport(args.threshold ?? DEFAULT_THRESHOLD, message, warnings), null, 2)}\n`);
    if (args?.json !== undefined) {
      try {
        writeJson(args.json, errorSummary(args.threshold ?? DEFAULT_THRESHOLD, message), io);
      } catch (inner) {
        io.stderr(`access-report: ${(inner as Error).message}\n`);
      }
    }
    return ExitCode.error;
  }
}
