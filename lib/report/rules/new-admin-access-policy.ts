/** A cluster-admin access policy (or AmazonEKSAdminPolicy at cluster scope) newly associated with an access entry. */
import { Sections } from '../grants';
import { AccessPolicies } from '../kubernetes-power';
import { code } from '../markdown';
import type { AccessPolicyAssociation } from '../model';
import type { Rule } from './types';

/** Whether an association amounts to (cluster) admin: the cluster-admin policy anywhere, the admin policy cluster-wide. */
export function isAdminAssociation(p: AccessPolicyAssociation): boolean {
  return p.policy === AccessPolicies.clusterAdmin || (p.policy === AccessPolicies.admin && p.scope === 'cluster');
}

export const newAdminAccessPolicy: Rule = {
  id: 'new-admin-access-policy',
  severity: 'critical',
  description: `${AccessPolicies.clusterAdmin} (any scope) or ${AccessPolicies.admin} (cluster scope) associated with an access entry that base did not have it on.`,
  check: ({ base, head }) => head.accessEntries.flatMap((e) => {
    const before = base.accessEntries.find((b) => b.principal === e.principal);
    return e.policies
      .filter(isAdminAssociation)
      .filter((p) => !before?.policies.some((b) => b.policy === p.policy && b.scope === p.scope))
      .map((p) => ({
        label: Sections.accessEntry, id: e.principal, principal: e.principal, grant: `${p.policy} ${p.scope} cluster=${e.cluster}`,
        message: `access policy ${code(p.policy)} (${code(p.scope)}) associated`,
      }));
  }),
};
