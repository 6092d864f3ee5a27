/** A function that runs as an identity reaching cluster admin (or may invoke one that does), new in head. */
import { AdminPathKinds } from '../admin-paths';
import { newPaths, pathFinding } from './admin-path-diff';
import type { Rule } from './types';

export const newAdminFunction: Rule = {
  id: 'new-admin-function',
  severity: 'critical',
  description: 'A Lambda function whose Kubernetes identity can write aws-auth, apply arbitrary manifests or manage RBAC (or that may invoke such a function), new or changed.',
  check: (input) => newPaths(input, AdminPathKinds.adminFunction).map((p) => pathFinding(input, p, `function ${p.how}`)),
};
