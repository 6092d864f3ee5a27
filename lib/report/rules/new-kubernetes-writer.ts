/** An identity newly bound by RBAC to rules that write aws-auth, manage RBAC or allow everything. */
import { AdminPathKinds } from '../admin-paths';
import { newPaths, pathFinding } from './admin-path-diff';
import type { Rule } from './types';

export const newKubernetesWriter: Rule = {
  id: 'new-kubernetes-writer',
  severity: 'critical',
  description: 'A Kubernetes identity that RBAC now lets write kube-system/aws-auth, manage RBAC or do everything cluster-wide.',
  check: (input) => newPaths(input, AdminPathKinds.kubernetesAdmin, (p) => p.origin === 'rbac').map((p) => pathFinding(input, p, `new path to cluster admin: ${p.how}`)),
};
