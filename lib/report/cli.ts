/**
 * The command: arguments in, Markdown on stdout, exit status out (0 no escalation, 2
 * escalations, 1 usage or I/O error). The base is a cloud assembly directory or a git ref.
 */
import * as path from 'path';
import { USAGE, parseArgs } from './args';
import { isCloudAssembly, readCloudAssembly } from './assembly';
import type { CloudAssemblyView } from './assembly';
import { AccessReportError } from './errors';
import { synthesizeGitRef } from './git-base';
import { renderReport } from './render';
import { compareAssemblies, exitCodeOf } from './report';

/** Where the command writes, and where it runs. */
export interface CliIo {
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

interface LoadedBase {
  readonly assembly: CloudAssemblyView;
  readonly label: string;
  readonly cleanup: () => void;
}

function loadBase(base: string, io: CliIo): LoadedBase {
  const directory = path.resolve(io.cwd, base);
  if (isCloudAssembly(directory)) return { assembly: readCloudAssembly(directory), label: base, cleanup: () => undefined };
  const synthesized = synthesizeGitRef(base, { cwd: io.cwd, log: (line) => io.stderr(`access-report: ${line}\n`) });
  try {
    return { assembly: readCloudAssembly(synthesized.directory), label: synthesized.label, cleanup: synthesized.cleanup };
  } catch (e) {
    synthesized.cleanup();
    throw e;
  }
}

/** Runs the command; returns the exit status. Never throws. */
export function runCli(argv: readonly string[], io: CliIo): number {
  try {
    const args = parseArgs(argv);
    if (args.help) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    const head = readCloudAssembly(path.resolve(io.cwd, args.head));
    const base = loadBase(args.base as string, io);
    try {
      const report = compareAssemblies(base.assembly, head, { base: base.label, head: args.head });
      io.stdout(renderReport(report));
      return exitCodeOf(report);
    } finally {
      base.cleanup();
    }
  } catch (e) {
    if (e instanceof AccessReportError) {
      io.stderr(`access-report: ${e.message}\n${e.kind === 'usage' ? `\n${USAGE}\n` : ''}`);
    } else {
      io.stderr(`access-report: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    }
    return 1;
  }
}
