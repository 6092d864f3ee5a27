/** A principal newly given a group that a ClusterRoleBinding binds (`system:masters` has its own rule). */
import { Groups } from '../../k8s/groups';
import { bindingId, Sections } from '../grants';
import { code } from '../markdown';
import type { EnvironmentAccess } from '../model';
import { mappingSection } from './new-masters-mapping';
import type { Rule } from './types';

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

/** A group a principal has in head and did not have in base. */
export interface AddedMembership {
  /** `aws-auth mapRoles`, `aws-auth mapUsers` or `access entry`. */
  readonly label: string;
  readonly principal: string;
  readonly group: string;
}

function added(groups: readonly string[], before: readonly string[] | undefined): string[] {
  return groups.filter((g) => !before?.includes(g));
}

/** Every group that an aws-auth mapping or access entry has in head and not in base. */
export function addedMemberships(base: EnvironmentAccess, head: EnvironmentAccess): AddedMembership[] {
  return [
    ...head.mappings.flatMap((m) => added(m.groups, base.mappings.find((b) => b.list === m.list && b.principal === m.principal)?.groups)
      .map((group) => ({ label: mappingSection(m), principal: m.principal, group }))),
    ...head.accessEntries.flatMap((e) => added(e.groups, base.accessEntries.find((b) => b.principal === e.principal)?.groups)
      .map((group) => ({ label: Sections.accessEntry, principal: e.principal, group }))),
  ];
}

export const newClusterWideGroupMapping: Rule = {
  id: 'new-cluster-wide-group-mapping',
  severity: 'high',
  description: 'A principal newly mapped (aws-auth or access entry) to a group that a ClusterRoleBinding binds.',
  check: ({ base, head }) => {
    const wide = clusterWideGroups(head);
    return addedMemberships(base, head).flatMap(({ label, principal, group }) => {
      const bindings = wide.get(group);
      if (group === Groups.clusterAdmin || !bindings) return [];
      return [{
        label, id: principal, principal, grant: `${label} group=${group}`,
        message: `mapped to group ${code(group)}, bound cluster-wide by ${bindings.map((b) => code(b)).join(', ')}`,
      }];
    });
  },
};
