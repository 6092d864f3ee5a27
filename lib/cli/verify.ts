import { parsePrincipalArn } from '../../lambda/aws-auth/core/arn';
import type { KubeClient } from '../../lambda/edge/kube';
import type { ResolvedEnvironment } from '../config/validate';
import { mappingChecks } from './access-checks';
import type { MappingChecks } from './access-checks';
import { liveIdentity } from './live-identity';
import { checkNetworkPolicyEnforcement } from './network-policy-check';
import type { LiveIdentity } from './live-identity';
import { planLive, renderDrift } from './plan';
import { TemplateRenderError, renderTemplate, sampleSession } from './session-template';

/** Result of verifying one environment. */
export interface VerifyResult {
  readonly ok: boolean;
  /** One line per finding; failures start with `FAIL`. */
  readonly lines: string[];
}

const HAND_FIX = 'kubectl -n kube-system edit configmap aws-auth';

/**
 * Checks the live cluster against config: every declared mapping present exactly once and as
 * declared (a deploy would change nothing), and each mapping gets the permissions it should and
 * no more, asked through SubjectAccessReview as `kubectl auth can-i --as` does. The reviews are
 * asked as the username and groups the LIVE aws-auth gives the principal (as the authenticator
 * finds and renders them for a sample session), so a hand edit that widens a mapping fails the
 * checks it breaks, not only the drift list. With `networkPolicyEnforcement`, also that the
 * cluster enforces NetworkPolicies (lib/cli/network-policy-check.ts).
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
  for (const mapping of mappingChecks(env)) {
    const where = `${mapping.principal.kind} ${mapping.principal.arn}`;
    const live = liveIdentity(plan.state, mapping.principal);
    if (live.status === 'missing') {
      ok = false;
      lines.push(`FAIL ${where} (${mapping.username}): no entry in the live aws-auth maps it, so it cannot sign in; its ${mapping.checks.length} access check(s) were not asked; deploy the environment again to restore the entry`);
      continue;
    }
    if (live.status === 'unreadable') {
      ok = false;
      lines.push(`FAIL ${where} (${mapping.username}): its live aws-auth entry (${live.source}) has a username or groups that are not strings, ${JSON.stringify(live.entry)}; the authenticator cannot map it as declared; fix it by hand (${HAND_FIX}) and deploy again`);
      continue;
    }
    for (const identity of live.identities) {
      if (!(await askChecks(env, mapping, identity, kube, lines))) ok = false;
    }
  }
  const enforcement = await checkNetworkPolicyEnforcement(env, kube);
  if (enforcement) {
    lines.push(enforcement.line);
    if (!enforcement.ok) ok = false;
  }
  return { ok, lines };
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return JSON.stringify([...new Set(a)].sort()) === JSON.stringify([...new Set(b)].sort());
}

/** Asks a mapping's checks as one live identity; false when any check fails. */
async function askChecks(env: ResolvedEnvironment, mapping: MappingChecks, identity: LiveIdentity, kube: KubeClient, lines: string[]): Promise<boolean> {
  const where = `${mapping.principal.kind} ${mapping.principal.arn}`;
  const templates = [identity.username, ...identity.groups];
  const session = sampleSession(parsePrincipalArn(mapping.principal.arn, mapping.principal.kind).account, env.region, templates);
  let user: string;
  let groups: string[];
  try {
    user = renderTemplate(identity.username, session);
    groups = identity.groups.map((g) => renderTemplate(g, session));
  } catch (e) {
    if (!(e instanceof TemplateRenderError)) throw e;
    lines.push(`FAIL ${where} (${mapping.username}): the authenticator cannot render its live aws-auth entry (${identity.source}): ${e.message}; fix it by hand (${HAND_FIX})`);
    return false;
  }
  const declared = identity.username === mapping.username && sameSet(identity.groups, mapping.groups);
  const asLive = declared ? ''
    : `; the live aws-auth (${identity.source}) maps ${where} to ${user} [${groups.join(', ')}], config declares ${mapping.username} [${mapping.groups.join(', ')}]`;
  let ok = true;
  for (const check of mapping.checks) {
    const result = await kube.createSubjectAccessReview({ user, groups, resourceAttributes: check.attributes });
    if (result.allowed === check.expectAllowed) {
      lines.push(`ok   ${check.describe}`);
    } else {
      ok = false;
      lines.push(`FAIL ${check.describe}: the cluster says ${result.allowed ? 'allowed' : 'denied'}${result.reason ? ` (${result.reason})` : ''}${asLive}`);
    }
  }
  return ok;
}
