/** A principal newly able to assume a role that reaches cluster admin (or the deploy role). */
import { AdminPathKinds } from '../admin-paths';
import { newPaths, pathFinding } from './admin-path-diff';
import type { Rule } from './types';

export const newAdminRoleAssumer: Rule = {
  id: 'new-admin-role-assumer',
  severity: 'critical',
  description: 'A principal newly trusted by, or allowed sts:AssumeRole on, a role that reaches cluster admin or the deploy role that starts CloudFormation.',
  check: (input) => newPaths(input, AdminPathKinds.roleAssumer).map((p) => pathFinding(input, p, `can assume a role that reaches cluster admin: ${p.how}`)),
};
