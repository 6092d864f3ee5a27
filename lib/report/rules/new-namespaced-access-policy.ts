/** An access policy newly associated with an access entry that is not admin (a namespaced grant, or view/edit). */
import { Sections } from '../grants';
import { code } from '../markdown';
import { isAdminAssociation } from './new-admin-access-policy';
import type { Rule } from './types';

export const newNamespacedAccessPolicy: Rule = {
  id: 'new-namespaced-access-policy',
  severity: 'info',
  description: 'An access policy associated with an access entry that base did not have, other than the admin policies (namespaced grants, view, edit).',
  check: ({ base, head }) => head.accessEntries.flatMap((e) => {
    const before = base.accessEntries.find((b) => b.principal === e.principal);
    return e.policies
      .filter((p) => !isAdminAssociation(p))
      .filter((p) => !before?.policies.some((b) => b.policy === p.policy && b.scope === p.scope))
      .map((p) => ({
        label: Sections.accessEntry, id: e.principal, principal: e.principal, grant: `${p.policy} ${p.scope} cluster=${e.cluster}`,
        message: `access policy ${code(p.policy)} (${code(p.scope)}) associated`,
      }));
  }),
};
