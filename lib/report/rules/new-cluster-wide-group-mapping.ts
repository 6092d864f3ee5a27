/** A principal newly given a group that a ClusterRoleBinding binds (`system:masters` has its own rule). */
import { Groups } from '../../k8s/groups';
import { bindingId, Sections } from '../grants';
import { code } from '../markdown';
import type { EnvironmentAccess } from '../model';
import { mappingSection } from './new-masters-mapping';
import type { Rule, RuleFinding } from './types';

/** Groups that ClusterRoleBindings of `env` bind, with the bindings that do. */
export function clusterWideGroups(env: EnvironmentAccess): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const b of env.bindings.filter((x) => x.kind === 'ClusterRoleBinding')) {
    for (const s of b.subjects.filter((x) => x.startsWith('Group '))) {
      const group = s.slice('Group '.length);
      groups.set(group, [...(groups.get(group) ?? []), `${bindingId(b)} → ${b.roleRef.kind} ${b.roleRef.name}`]);
    }
  }
  return groups;
}

/** The groups of `groups` that `before` did not have. */
export function addedGroups(groups: readonly string[], before: readonly string[] | undefined): string[] {
  return groups.filter((g) => !(before ?? []).includes(g));
}

export const newClusterWideGroupMapping: Rule = {
  id: 'new-cluster-wide-group-mapping',
  severity: 'high',
  description: 'A principal newly mapped (aws-auth or access entry) to a group that a ClusterRoleBinding binds.',
  check: ({ base, head }) => {
    const wide = clusterWideGroups(head);
    const finding = (label: string, principal: string, group: string): RuleFinding => ({
      label, id: principal, principal, grant: `${label} group=${group}`,
      message: `mapped to group ${code(group)}, bound cluster-wide by ${(wide.get(group) ?? []).map((b) => code(b)).join(', ')}`,
    });
    const isWide = (g: string) => g !== Groups.clusterAdmin && wide.has(g);
    return [
      ...head.mappings.flatMap((m) => addedGroups(m.groups, base.mappings.find((b) => b.list === m.list && b.principal === m.principal)?.groups)
        .filter(isWide).map((g) => finding(mappingSection(m), m.principal, g))),
      ...head.accessEntries.flatMap((e) => addedGroups(e.groups, base.accessEntries.find((b) => b.principal === e.principal)?.groups)
        .filter(isWide).map((g) => finding(Sections.accessEntry, e.principal, g))),
    ];
  },
};
