/**
 * Cluster-admin grants: a new `system:masters` mapping, `AllowClusterAdmin` turned on, a new
 * cluster-admin access policy on an access entry.
 */
import { Groups } from '../../k8s/groups';
import { Sections } from '../grants';
import type { AwsAuthMapping } from '../model';
import { code } from './types';
import type { EscalationRule } from './types';

/** EKS access policies that amount to cluster admin (the second within its scope). */
export const ADMIN_ACCESS_POLICIES: readonly string[] = ['AmazonEKSClusterAdminPolicy', 'AmazonEKSAdminPolicy'];

function sameMapping(a: AwsAuthMapping, b: AwsAuthMapping): boolean {
  return a.list === b.list && a.principal === b.principal;
}

/** A mapping to `system:masters` that base did not have. */
export const newMastersMapping: EscalationRule = (base, head) =>
  head.mappings.flatMap((m) => {
    if (!m.groups.includes(Groups.clusterAdmin)) return [];
    const before = base.mappings.find((b) => sameMapping(b, m));
    if (before?.groups.includes(Groups.clusterAdmin)) return [];
    const how = before ? `groups were ${code(before.groups.join(', ') || '(none)')}` : 'new mapping';
    return [{
      environment: head.name,
      label: m.list === 'mapRoles' ? Sections.mapRoles : Sections.mapUsers,
      id: m.principal,
      message: `mapped to ${code(Groups.clusterAdmin)} (cluster admin; ${how})`,
    }];
  });

/** `AllowClusterAdmin` on where base had it off (or had no such merge resource). */
export const allowClusterAdminTurnedOn: EscalationRule = (base, head) =>
  head.owners.flatMap((o) => {
    if (!o.allowClusterAdmin) return [];
    const before = base.owners.find((b) => b.owner === o.owner);
    if (before?.allowClusterAdmin) return [];
    return [{
      environment: head.name,
      label: Sections.awsAuthOwner,
      id: o.owner,
      message: before ? 'AllowClusterAdmin turned on' : 'new aws-auth owner with AllowClusterAdmin on',
    }];
  });

/** A cluster-admin access policy associated with an access entry that base did not have. */
export const newAdminAccessPolicy: EscalationRule = (base, head) =>
  head.accessEntries.flatMap((e) => {
    const before = base.accessEntries.find((b) => b.principal === e.principal);
    return e.policies
      .filter((p) => ADMIN_ACCESS_POLICIES.includes(p.policy))
      .filter((p) => !before?.policies.some((b) => b.policy === p.policy && b.scope === p.scope))
      .map((p) => ({
        environment: head.name,
        label: Sections.accessEntry,
        id: e.principal,
        message: `access policy ${code(p.policy)} (${p.scope}) associated`,
      }));
  });
