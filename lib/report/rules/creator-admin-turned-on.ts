/** A cluster whose creator gets bootstrap cluster-admin where base had none (a new cluster, or the flag turned on). */
import { code } from '../markdown';
import type { Rule } from './types';

/** How the report labels a cluster. */
export const CLUSTER_LABEL = 'EKS cluster';

/** Shown when the manifest does not name the execution role. */
export const UNKNOWN_CREATOR = '(the principal that creates the stack)';

export const creatorAdminTurnedOn: Rule = {
  id: 'creator-admin-turned-on',
  severity: 'critical',
  description: 'An EKS cluster with BootstrapClusterCreatorAdminPermissions on (absent means true) where base had no cluster or had it off.',
  check: ({ base, head }) => head.clusters.flatMap((c) => {
    if (!c.bootstrapCreatorAdmin) return [];
    const before = base.clusters.find((b) => b.label === c.label);
    if (before?.bootstrapCreatorAdmin) return [];
    const creator = c.creator ?? UNKNOWN_CREATOR;
    return [{
      label: CLUSTER_LABEL, id: c.label, principal: creator, grant: `${c.label} BootstrapClusterCreatorAdminPermissions=true`,
      message: `${before ? 'creator admin turned on' : 'new cluster with creator admin on'}: ${code(creator)} gets a cluster-admin access entry (${code('BootstrapClusterCreatorAdminPermissions')} absent or true; create-only, so turning it off later replaces the cluster)`,
    }];
  }),
};
