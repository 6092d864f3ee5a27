/** A new aws-auth mapping to `system:masters`, or `system:masters` added to a mapping. */
import { Groups } from '../../k8s/groups';
import { Sections } from '../grants';
import { code } from '../markdown';
import type { AwsAuthMapping } from '../model';
import type { Rule } from './types';

/** The section label of a mapping. */
export function mappingSection(m: Pick<AwsAuthMapping, 'list'>): string {
  return m.list === 'mapRoles' ? Sections.mapRoles : Sections.mapUsers;
}

/** Canonical content of a mapping, for fingerprints: list, username and sorted groups. */
export function mappingGrant(m: AwsAuthMapping): string {
  return `${m.list} username=${m.username} groups=${[...m.groups].sort().join(',')}`;
}

export const newMastersMapping: Rule = {
  id: 'new-masters-mapping',
  severity: 'critical',
  description: `An aws-auth mapping to ${Groups.clusterAdmin} that base did not have.`,
  check: ({ base, head }) => head.mappings.flatMap((m) => {
    if (!m.groups.includes(Groups.clusterAdmin)) return [];
    const before = base.mappings.find((b) => b.list === m.list && b.principal === m.principal);
    if (before?.groups.includes(Groups.clusterAdmin)) return [];
    const how = before ? `groups were ${code(before.groups.join(', ') || '(none)')}` : 'new mapping';
    return [{
      label: mappingSection(m), id: m.principal, principal: m.principal, grant: mappingGrant(m),
      message: `mapped to ${code(Groups.clusterAdmin)} (cluster admin; ${how})`,
    }];
  }),
};
