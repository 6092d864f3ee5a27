/** A subject newly bound cluster-wide (ClusterRoleBinding): cluster-wide read, or more. */
import { bindingId, Sections } from '../grants';
import { code } from '../markdown';
import type { RbacBinding } from '../model';
import type { Rule, RuleFinding } from './types';

/** The subjects of `b` that the same binding in `before` did not bind to the same role. */
export function newSubjects(b: RbacBinding, before: readonly RbacBinding[]): string[] {
  const same = before.find((x) => bindingId(x) === bindingId(b) && x.roleRef.kind === b.roleRef.kind && x.roleRef.name === b.roleRef.name);
  return b.subjects.filter((s) => !same?.subjects.includes(s));
}

/** One finding per new subject of a binding. */
export function bindingFindings(b: RbacBinding, subjects: readonly string[], where: string): RuleFinding[] {
  return subjects.map((s) => ({
    label: Sections.rbacBinding, id: bindingId(b), principal: s, grant: `${bindingId(b)} ${b.roleRef.kind} ${b.roleRef.name}`,
    message: `binds ${code(`${b.roleRef.kind} ${b.roleRef.name}`)} ${where} to ${code(s)}`,
  }));
}

export const newClusterRoleBinding: Rule = {
  id: 'new-cluster-role-binding',
  severity: 'high',
  description: 'A subject newly bound by a ClusterRoleBinding (cluster-wide read, or more).',
  check: ({ base, head }) => head.bindings
    .filter((b) => b.kind === 'ClusterRoleBinding')
    .flatMap((b) => bindingFindings(b, newSubjects(b, base.bindings), 'cluster-wide')),
};
