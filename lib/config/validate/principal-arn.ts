/** Config validation of one IAM role or user ARN: its shape and its partition. */
import { ArnError, parsePrincipalArn } from '../../../lambda/aws-auth/core/arn';
import type { ProblemCollector } from '../errors';

/** Checks `arn` as a `kind` principal in `partition`; true when it is one. */
export function checkPrincipalArn(field: string, arn: unknown, kind: 'role' | 'user', partition: string, p: ProblemCollector): boolean {
  try {
    const parsed = parsePrincipalArn(arn as string, kind);
    if (parsed.partition !== partition) {
      p.add(field, arn, `is in partition "${parsed.partition}" but the environment's region is in "${partition}"; use arn:${partition}:iam::...`);
      return false;
    }
    return true;
  } catch (e) {
    if (e instanceof ArnError) { p.add(field, arn, e.message); return false; }
    throw e;
  }
}
