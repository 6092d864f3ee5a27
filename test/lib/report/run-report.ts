/** Runs the access-report command in-process over two fixture assemblies. */
import * as fs from 'fs';
import { runCli } from '../../../lib/report/cli';
import type { JsonReport } from '../../../lib/report/json-report';
import { arnOf, BASELINE_MAP_ROLES, baseline, writeAssembly } from './fixtures';
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

/** A mapping of the admin role to `system:masters`. */
export const MASTERS_MAPPING = { rolearn: arnOf('PersonAdminRole'), username: 'admin', groups: ['system:masters'] };

/** Base and head with environments dev and prod: prod gains {@link MASTERS_MAPPING} (critical); dev is unchanged. */
export const DEV_AND_PROD = {
  base: { dev: baseline('dev', { allowClusterAdmin: true }), prod: baseline('prod', { allowClusterAdmin: true }) },
  head: { dev: baseline('dev', { allowClusterAdmin: true }), prod: baseline('prod', { allowClusterAdmin: true, mapRoles: [...BASELINE_MAP_ROLES, MASTERS_MAPPING] }) },
};

/** The `--format json` document a run printed. */
export function parseJsonReport(stdout: string): JsonReport {
  return JSON.parse(stdout) as JsonReport;
}
