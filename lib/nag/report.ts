import * as fs from 'fs';
import * as path from 'path';

/** One unacknowledged finding of a policy-validation plugin such as cdk-nag. */
export interface NagFinding {
  readonly rule: string;
  readonly path: string;
}

interface ValidationReport {
  pluginReports?: Array<{ conclusion?: string; violations?: Array<{ ruleName: string; violatingConstructs: Array<{ constructPath: string }> }> }>;
}

/**
 * The findings in a cloud assembly's `validation-report.json`. `app.synth()` already throws on
 * an unacknowledged finding in this CDK version; reading the report is the backstop that keeps
 * the gate closed if a CDK upgrade ever only writes the report, and it gives tests the list.
 */
export function readNagFindings(assemblyDir: string): NagFinding[] {
  const file = path.join(assemblyDir, 'validation-report.json');
  if (!fs.existsSync(file)) return [];
  const report = JSON.parse(fs.readFileSync(file, 'utf8')) as ValidationReport;
  return (report.pluginReports ?? []).flatMap((p) => (p.violations ?? []).flatMap((v) =>
    v.violatingConstructs.map((c) => ({ rule: v.ruleName, path: c.constructPath }))));
}
