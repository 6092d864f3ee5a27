/** An identity newly allowed by RBAC to `escalate` or `bind` named roles cluster-wide or in kube-system. */
import { AdminPathKinds } from '../admin-paths';
import { newPaths, pathFinding } from './admin-path-diff';
import type { Rule } from './types';

export const newRbacEscalation: Rule = {
  id: 'new-rbac-escalation',
  severity: 'critical',
  description: 'A Kubernetes identity that RBAC now lets escalate or bind roles (cluster-wide or in kube-system), so that it can grant itself anything through them.',
  check: (input) => newPaths(input, AdminPathKinds.rbacEscalation).map((p) => pathFinding(input, p, `new path to cluster admin: ${p.how}`)),
};
