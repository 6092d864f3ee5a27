/**
 * Lambda entry of the verify runner (lib/cli/verify-runner.ts): returns the report and pass/fail
 * to `aws lambda invoke`, and logs the report.
 */
import { runVerifyRunner } from '../../lib/cli/verify-runner';
import type { VerifyRunnerResult } from '../../lib/cli/verify-runner';

export async function handler(): Promise<VerifyRunnerResult> {
  const result = await runVerifyRunner({ environment: () => process.env });
  console.log([`${result.environment}: ${result.pass ? 'verified' : 'FAILED'}`, ...result.report].join('\n'));
  return result;
}
