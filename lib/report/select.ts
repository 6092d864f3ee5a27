/**
 * `--env`: the report restricted to the named environments (their sections and findings; the
 * verdict is then judged on those findings only). Pure.
 */
import { AccessReportError } from './errors';
import type { AccessReport } from './report';

/**
 * The environments of `report` named in `names`, in report order; the whole report when `names`
 * is undefined.
 * @throws AccessReportError (`usage`) naming an environment neither assembly has, and the known ones
 */
export function selectEnvironments(report: AccessReport, names: readonly string[] | undefined): AccessReport {
  if (names === undefined) return report;
  const known = report.environments.map((e) => e.name);
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length > 0) {
    const list = unknown.map((n) => JSON.stringify(n)).join(', ');
    throw new AccessReportError('usage', `--env ${list}: ${unknown.length === 1 ? 'no such environment' : 'no such environments'} in base or head; `
      + `the environments are ${known.length === 0 ? '(none)' : known.join(', ')}`);
  }
  return {
    ...report,
    environments: report.environments.filter((e) => names.includes(e.name)),
    findings: report.findings.filter((f) => names.includes(f.environment)),
  };
}
