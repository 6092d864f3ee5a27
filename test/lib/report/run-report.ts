/** Runs the access-report command in-process over two fixture assemblies. */
import * as fs from 'fs';
import { runCli } from '../../../lib/report/cli';
import { writeAssembly } from './fixtures';
import type { AssemblyTemplates } from './fixtures';

/** What one run printed and returned. */
export interface ReportRun {
  readonly markdown: string;
  readonly stderr: string;
  readonly exitCode: number;
}

const written: string[] = [];

/** Writes both assemblies and runs the command over them (base, head), with `extraArgs`. */
export function runReport(base: AssemblyTemplates, head: AssemblyTemplates, extraArgs: readonly string[] = []): ReportRun {
  const baseDir = writeAssembly(base);
  const headDir = writeAssembly(head);
  written.push(baseDir, headDir);
  let markdown = '';
  let stderr = '';
  const exitCode = runCli(['--base', baseDir, '--head', headDir, ...extraArgs], {
    cwd: process.cwd(),
    stdout: (t) => { markdown += t; },
    stderr: (t) => { stderr += t; },
  });
  return { markdown, stderr, exitCode };
}

/** Removes every assembly {@link runReport} wrote. */
export function removeWrittenAssemblies(): void {
  for (const dir of written.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}
