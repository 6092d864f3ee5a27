/**
 * The whole comparison of two cloud assemblies: per environment the grant diff and the
 * escalations. Environments are matched by stage name; one missing on a side is empty there.
 * Pure apart from what `readCloudAssembly` already read.
 */
import type { CloudAssemblyView } from './assembly';
import { diffGrants } from './diff';
import type { EnvironmentDiff } from './diff';
import { findEscalations } from './rules';
import type { Escalation } from './rules/types';
import { extractEnvironment } from './extract';
import { grantsOf } from './grants';
import { emptyEnvironment } from './model';
import type { EnvironmentAccess } from './model';

/** The result of comparing base and head. */
export interface AccessReport {
  /** How base is named in the report (directory, or git ref and commit). */
  readonly baseLabel: string;
  /** How head is named in the report. */
  readonly headLabel: string;
  /** One entry per environment of either side, head order first. */
  readonly environments: readonly EnvironmentDiff[];
  readonly escalations: readonly Escalation[];
}

function byName(assembly: CloudAssemblyView): Map<string, EnvironmentAccess> {
  return new Map(assembly.environments.map((e) => [e.name, extractEnvironment(e)]));
}

/** Compares the access declarations of `base` and `head`. */
export function compareAssemblies(base: CloudAssemblyView, head: CloudAssemblyView, labels: { base: string; head: string }): AccessReport {
  const before = byName(base);
  const after = byName(head);
  const names = [...new Set([...after.keys(), ...before.keys()])];
  const environments: EnvironmentDiff[] = [];
  const escalations: Escalation[] = [];
  for (const name of names) {
    const b = before.get(name) ?? emptyEnvironment(name);
    const h = after.get(name) ?? emptyEnvironment(name);
    environments.push(diffGrants(name, grantsOf(b), grantsOf(h)));
    escalations.push(...findEscalations(b, h));
  }
  return { baseLabel: labels.base, headLabel: labels.head, environments, escalations };
}

/** Exit status of the report: 2 when it has escalations, else 0. */
export function exitCodeOf(report: AccessReport): 0 | 2 {
  return report.escalations.length > 0 ? 2 : 0;
}
