/** A principal newly allowed by IAM to associate AmazonEKSClusterAdminPolicy with an access entry (its own, or another's). */
import { AdminPathKinds } from '../admin-paths';
import { newPaths, pathFinding } from './admin-path-diff';
import type { Rule } from './types';

export const newAdminPolicyAssociator: Rule = {
  id: 'new-admin-policy-associator',
  severity: 'critical',
  description: 'A principal newly allowed eks:AssociateAccessPolicy on an access entry with no eks:policyArn condition that excludes AmazonEKSClusterAdminPolicy (it can make that entry cluster admin at any time).',
  check: (input) => newPaths(input, AdminPathKinds.adminAssociation).map((p) => pathFinding(input, p, `new path to cluster admin: ${p.how}`)),
};
