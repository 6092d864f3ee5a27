/** A principal newly given a group that is neither `system:masters` nor bound cluster-wide: a new person in an existing group. */
import { Groups } from '../../k8s/groups';
import { Sections } from '../grants';
import { code } from '../markdown';
import { addedGroups, clusterWideGroups } from './new-cluster-wide-group-mapping';
import { mappingSection } from './new-masters-mapping';
import type { Rule, RuleFinding } from './types';

export const newGroupMember: Rule = {
  id: 'new-group-member',
  severity: 'info',
  description: 'A principal newly mapped to a group that is not system:masters and not bound cluster-wide.',
  check: ({ base, head }) => {
    const wide = clusterWideGroups(head);
    const isNarrow = (g: string) => g !== Groups.clusterAdmin && !wide.has(g);
    const finding = (label: string, principal: string, group: string): RuleFinding => ({
      label, id: principal, principal, grant: `${label} group=${group}`, message: `mapped to group ${code(group)}`,
    });
    return [
      ...head.mappings.flatMap((m) => addedGroups(m.groups, base.mappings.find((b) => b.list === m.list && b.principal === m.principal)?.groups)
        .filter(isNarrow).map((g) => finding(mappingSection(m), m.principal, g))),
      ...head.accessEntries.flatMap((e) => addedGroups(e.groups, base.accessEntries.find((b) => b.principal === e.principal)?.groups)
        .filter(isNarrow).map((g) => finding(Sections.accessEntry, e.principal, g))),
    ];
  },
};
