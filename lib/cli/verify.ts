import type { KubeClient } from '../../lambda/aws-auth/io/kube';
import type { ResolvedEnvironment } from '../config/validate';
import { accessChecks } from './access-checks';
import { planLive, renderDrift } from './plan';

/** Result of verifying one environment. */
export interface VerifyResult {
  readonly ok: boolean;
  /** One line per finding; failures start with `FAIL`. */
  readonly lines: string[];
}

/**
 * Checks the live cluster against config: every declared mapping present exactly once and as
 * declared (a deploy would change nothing), and each people mapping gets the permissions it
 * should and no more, asked through SubjectAccessReview as `kubectl auth can-i --as` does.
 */
export async function verifyLive(env: ResolvedEnvironment, kube: KubeClient): Promise<VerifyResult> {
  const lines: string[] = [];
  let ok = true;
  const plan = await planLive(env, kube);
  if (!plan.exists) {
    lines.push('FAIL aws-auth does not exist');
    ok = false;
  }
  for (const c of plan.changes) {
    if (c.action === 'adopted') continue; // identical entry present, only the ownership record is missing
    ok = false;
    lines.push(`FAIL ${c.kind} ${c.key}: a deploy would make it ${c.action} (${c.action === 'added' ? 'missing' : c.action === 'removed' ? 'no longer declared' : 'differs from config'})`);
  }
  for (const d of plan.drift) {
    ok = false;
    lines.push(`FAIL ${renderDrift(d)}`);
  }
  for (const check of accessChecks(env)) {
    const result = await kube.createSubjectAccessReview({ user: check.user, groups: check.groups, resourceAttributes: check.attributes });
    if (result.allowed === check.expectAllowed) {
      lines.push(`ok   ${check.describe}`);
    } else {
      ok = false;
      lines.push(`FAIL ${check.describe}: the cluster says ${result.allowed ? 'allowed' : 'denied'}${result.reason ? ` (${result.reason})` : ''}`);
    }
  }
  return { ok, lines };
}
