/** A subject newly bound by a RoleBinding (to a Role, or to a ClusterRole within the namespace). */
import { code } from '../markdown';
import { bindingFindings, newSubjects } from './new-cluster-role-binding';
import type { Rule } from './types';

export const newNamespacedBinding: Rule = {
  id: 'new-namespaced-binding',
  severity: 'info',
  description: 'A subject newly bound by a RoleBinding: access within one namespace.',
  check: ({ base, head }) => head.bindings
    .filter((b) => b.kind === 'RoleBinding')
    .flatMap((b) => bindingFindings(b, newSubjects(b, base.bindings), `in namespace ${code(b.namespace ?? 'default')}`)),
};
