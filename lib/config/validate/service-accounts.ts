/**
 * Config validation of IRSA service accounts: namespace and name, exactly one permission source,
 * managed policy names, an existing role, and inline policy statements.
 */
import type { ProblemCollector } from '../errors';
import { DNS1123_LABEL, DNS1123_SUBDOMAIN } from '../names';
import { irsaStatementProblems } from '../rules/irsa-statement';
import type { PolicyStatementConfig, ServiceAccountConfig } from '../types';
import { checkPrincipalArn } from './principal-arn';

/** Checks every service account against the declared namespaces. */
export function checkServiceAccounts(sas: ServiceAccountConfig[], namespaces: string[], partition: string, p: ProblemCollector): void {
  if (!Array.isArray(sas)) { p.add('serviceAccounts', sas, 'must be a list (may be empty)'); return; }
  const seen = new Set<string>();
  sas.forEach((sa, i) => {
    const f = `serviceAccounts[${i}]`;
    if (typeof sa.namespace !== 'string' || !DNS1123_LABEL.test(sa.namespace)) p.add(`${f}.namespace`, sa.namespace, 'must be a namespace name (DNS-1123 label)');
    else if (sa.namespace !== 'kube-system' && !namespaces.includes(sa.namespace)) p.add(`${f}.namespace`, sa.namespace, `is not declared under namespaces; declare it or use one of ${[...namespaces, 'kube-system'].join(', ')}`);
    if (typeof sa.name !== 'string' || !DNS1123_SUBDOMAIN.test(sa.name) || sa.name.length > 253) p.add(`${f}.name`, sa.name, 'must be a DNS-1123 subdomain (lower-case letters, digits, "-" and "."), for example "uploader"');
    const id = `${sa.namespace}/${sa.name}`;
    if (seen.has(id)) p.add(f, id, 'is declared twice; declare each service account once');
    seen.add(id);
    const sources = [sa.policyStatements?.length ? 'policyStatements' : '', sa.managedPolicyNames?.length ? 'managedPolicyNames' : '', sa.roleArn ? 'roleArn' : ''].filter(Boolean);
    if (sources.length !== 1) {
      p.add(f, sources, 'set exactly one of policyStatements, managedPolicyNames or roleArn');
    }
    (sa.policyStatements ?? []).forEach((st, j) => checkPolicyStatement(`${f}.policyStatements[${j}]`, st, partition, p));
    (sa.managedPolicyNames ?? []).forEach((m, k) => {
      // No ":" is allowed, so an ARN fails the shape too.
      if (typeof m !== 'string' || !/^[\w+=,.@/-]{1,128}$/.test(m)) p.add(`${f}.managedPolicyNames[${k}]`, m, 'must be an AWS managed policy name such as "AmazonEKS_CNI_Policy" (not an ARN)');
    });
    if (sa.roleArn) checkPrincipalArn(`${f}.roleArn`, sa.roleArn, 'role', partition, p);
  });
}

/**
 * One IRSA policy statement: its shape, then every wildcard cdk-nag would fail synth on
 * (lib/config/rules), so the user reads the field and the fix instead of a bare nag id.
 */
function checkPolicyStatement(sf: string, st: PolicyStatementConfig, partition: string, p: ProblemCollector): void {
  let wellFormed = true;
  if (!Array.isArray(st.actions) || st.actions.length === 0) {
    p.add(`${sf}.actions`, st.actions, 'list at least one action such as "s3:PutObject"');
    wellFormed = false;
  } else {
    st.actions.forEach((a, k) => {
      // A bare "*" has no "service:" and so fails the shape.
      if (typeof a !== 'string' || !/^[a-z0-9-]+:[A-Za-z0-9*?]+$/.test(a)) {
        p.add(`${sf}.actions[${k}]`, a, 'must be "service:Action" (no bare "*"), for example "s3:PutObject"');
        wellFormed = false;
      }
    });
  }
  if (!Array.isArray(st.resources) || st.resources.length === 0) {
    p.add(`${sf}.resources`, st.resources, 'list at least one resource ARN');
    wellFormed = false;
  } else {
    st.resources.forEach((r, k) => {
      if (r === '*') return; // a wildcard: reported by the rules below
      if (typeof r !== 'string' || !r.startsWith(`arn:${partition}:`)) {
        p.add(`${sf}.resources[${k}]`, r, `must be an ARN in partition "${partition}" (arn:${partition}:...)`);
        wellFormed = false;
      }
    });
  }
  if (!wellFormed) return;
  for (const problem of irsaStatementProblems(st)) p.add(`${sf}.${problem.field}`, problem.value, problem.message);
}
