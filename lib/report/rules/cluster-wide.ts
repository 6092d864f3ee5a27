/**
 * Cluster-wide Kubernetes access: a new ClusterRoleBinding subject, a new RoleBinding to a
 * ClusterRole, and a new mapping (aws-auth or access entry) to a group that is bound cluster-wide.
 */
import { Groups } from '../../k8s/groups';
import { bindingId, Sections } from '../grants';
import type { EnvironmentAccess, RbacBinding } from '../model';
import { code } from './types';
import type { EscalationRule } from './types';

function grantsClusterRole(b: RbacBinding): boolean {
  return b.kind === 'ClusterRoleBinding' || b.roleRef.kind === 'ClusterRole';
}

function bindingPairs(env: EnvironmentAccess): Set<string> {
  return new Set(env.bindings.filter(grantsClusterRole).flatMap((b) => b.subjects.map((s) => `${bindingId(b)} ${b.roleRef.kind} ${b.roleRef.name} ${s}`)));
}

/** Subjects bound to a ClusterRole (cluster-wide, or in a namespace) that base did not bind. */
export const newClusterRoleBinding: EscalationRule = (base, head) => {
  const before = bindingPairs(base);
  return head.bindings.filter(grantsClusterRole).flatMap((b) => {
    const added = b.subjects.filter((s) => !before.has(`${bindingId(b)} ${b.roleRef.kind} ${b.roleRef.name} ${s}`));
    if (added.length === 0) return [];
    const where = b.kind === 'ClusterRoleBinding' ? 'cluster-wide' : `in namespace ${code(b.namespace ?? 'default')}`;
    return [{
      environment: head.name,
      label: Sections.rbacBinding,
      id: bindingId(b),
      message: `binds ${b.roleRef.kind} ${code(b.roleRef.name)} ${where} to ${added.map(code).join(', ')}`,
    }];
  });
};

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

function message(groups: string[], wide: Map<string, string[]>): string {
  return groups.map((g) => `mapped to group ${code(g)}, bound cluster-wide by ${(wide.get(g) ?? []).map(code).join(', ')}`).join('; ');
}

/** A principal newly given a group that a ClusterRoleBinding binds (`system:masters` has its own rule). */
export const newClusterWideGroupMapping: EscalationRule = (base, head) => {
  const wide = clusterWideGroups(head);
  const isNewWide = (groups: string[], before: string[] | undefined) =>
    groups.filter((g) => g !== Groups.clusterAdmin && wide.has(g) && !(before ?? []).includes(g));
  const fromMappings = head.mappings.flatMap((m) => {
    const before = base.mappings.find((b) => b.list === m.list && b.principal === m.principal);
    const groups = isNewWide(m.groups, before?.groups);
    if (groups.length === 0) return [];
    return [{ environment: head.name, label: m.list === 'mapRoles' ? Sections.mapRoles : Sections.mapUsers, id: m.principal, message: message(groups, wide) }];
  });
  const fromEntries = head.accessEntries.flatMap((e) => {
    const groups = isNewWide(e.groups, base.accessEntries.find((b) => b.principal === e.principal)?.groups);
    if (groups.length === 0) return [];
    return [{ environment: head.name, label: Sections.accessEntry, id: e.principal, message: message(groups, wide) }];
  });
  return [...fromMappings, ...fromEntries];
};
