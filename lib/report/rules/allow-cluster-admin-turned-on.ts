/** `AllowClusterAdmin` turned on for an aws-auth owner. */
import { Sections } from '../grants';
import type { Rule } from './types';

export const allowClusterAdminTurnedOn: Rule = {
  id: 'allow-cluster-admin-turned-on',
  severity: 'critical',
  description: 'An aws-auth merge resource with AllowClusterAdmin on where base had it off (or had no such owner).',
  check: ({ base, head }) => head.owners.flatMap((o) => {
    if (!o.allowClusterAdmin) return [];
    const before = base.owners.find((b) => b.owner === o.owner);
    if (before?.allowClusterAdmin) return [];
    return [{
      label: Sections.awsAuthOwner, id: o.owner, principal: o.owner, grant: `AllowClusterAdmin=true cluster=${o.cluster}`,
      message: before ? 'AllowClusterAdmin turned on' : 'new aws-auth owner with AllowClusterAdmin on',
    }];
  }),
};
