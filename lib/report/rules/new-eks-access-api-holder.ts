/** A principal newly allowed to create access entries, associate access policies or change the cluster's access config. */
import { AdminPathKinds, EKS_ACCESS_ACTIONS } from '../admin-paths';
import { newPaths, pathFinding } from './admin-path-diff';
import type { Rule } from './types';

export const newEksAccessApiHolder: Rule = {
  id: 'new-eks-access-api-holder',
  severity: 'critical',
  description: `A principal newly allowed ${EKS_ACCESS_ACTIONS.join(', ')} (wildcards included) on a cluster of the environment.`,
  check: (input) => newPaths(input, AdminPathKinds.eksAccessApi).map((p) => pathFinding(input, p, p.how)),
};
