/**
 * The whole comparison of two cloud assemblies: per environment the grant diff, the paths to
 * cluster admin in head, and the findings. Environments are matched by stage name; one missing
 * on a side is empty there. Pure apart from what `readCloudAssembly` already read.
 */
import { adminPathsOf } from './admin-paths';
import type { AdminPath } from './admin-paths';
import type { CloudAssemblyView } from './assembly';
import { diffGrants } from './diff';
import type { EnvironmentDiff } from './diff';
import { severityRank } from './exit-codes';
import { extractEnvironment } from './extract';
import { grantsOf } from './grants';
import { emptyEnvironment } from './model';
import type { EnvironmentAccess } from './model';
import { findFindings } from './rules';
import type { Finding } from './rules';

/** One environment of the report. */
export interface EnvironmentReport {
  readonly name: string;
  /** Added, removed and changed grants. */
  readonly diff: EnvironmentDiff;
  /** Who can reach cluster admin in head (empty for an environment removed in head). */
  readonly adminPaths: readonly AdminPath[];
}

/** The result of comparing base and head. */
export interface AccessReport {
  /** How base is named in the report (directory, or git ref and commit). */
  readonly baseLabel: string;
  /** How head is named in the report. */
  readonly headLabel: string;
  /** One entry per environment of either side, head order first. */
  readonly environments: readonly EnvironmentReport[];
  /** Every finding, most serious first. */
  readonly findings: readonly Finding[];
}

/** Compares the access declarations of `base` and `head`. */
export function compareAssemblies(base: CloudAssemblyView, head: CloudAssemblyView, labels: { base: string; head: string }): AccessReport {
  const before = base.environments.map(extractEnvironment);
  const after = head.environments.map(extractEnvironment);
  const find = (list: EnvironmentAccess[], name: string) => list.find((e) => e.name === name) ?? emptyEnvironment(name);
  const names = [...new Set([...after.map((e) => e.name), ...before.map((e) => e.name)])];
  const environments: EnvironmentReport[] = [];
  const findings: Finding[] = [];
  for (const name of names) {
    const b = find(before, name);
    const h = find(after, name);
    const headPaths = adminPathsOf(h, after);
    environments.push({ name, diff: diffGrants(name, grantsOf(b), grantsOf(h)), adminPaths: headPaths });
    findings.push(...findFindings({ base: b, head: h, basePaths: adminPathsOf(b, before), headPaths }));
  }
  return { baseLabel: labels.base, headLabel: labels.head, environments, findings: sortFindings(findings) };
}

function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
}
