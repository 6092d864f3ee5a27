/** A principal newly given a group that is neither `system:masters` nor bound cluster-wide: a new person in an existing group. */
import { Groups } from '../../k8s/groups';
import { code } from '../markdown';
import { addedMemberships, clusterWideGroups } from './new-cluster-wide-group-mapping';
import type { Rule } from './types';

export const newGroupMember: Rule = {
  id: 'new-group-member',
  severity: 'info',
  description: 'A principal newly mapped to a group that is not system:masters and not bound cluster-wide.',
  check: ({ base, head }) => {
    const wide = clusterWideGroups(head);
    return addedMemberships(base, head)
      .filter(({ group }) => group !== Groups.clusterAdmin && !wide.has(group))
      .map(({ label, principal, group }) => ({ label, id: principal, principal, grant: `${label} group=${group}`, message: `mapped to group ${code(group)}` }));
  },
};
