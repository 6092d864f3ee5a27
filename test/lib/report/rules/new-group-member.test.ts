import { newGroupMember } from '../../../../lib/report/rules/new-group-member';
import type { RbacBinding } from '../../../../lib/report/model';
import { check, env } from './environment';

const reader: RbacBinding = { kind: 'ClusterRoleBinding', name: 'reader', roleRef: { kind: 'ClusterRole', name: 'reader' }, subjects: ['Group reader'] };
const entry = (groups: string[]) => ({ principal: 'role:ops', cluster: 'Cluster/Cluster', type: 'STANDARD', groups, policies: [] });

describe('new-group-member', () => {
  test('compliant: a group bound cluster-wide (its own rule) or system:masters; the same group in base', () => {
    expect(check(newGroupMember, env({ bindings: [reader] }), env({ bindings: [reader], accessEntries: [entry(['reader', 'system:masters'])] }))).toEqual([]);
    expect(check(newGroupMember, env({ accessEntries: [entry(['developer'])] }), env({ accessEntries: [entry(['developer'])] }))).toEqual([]);
  });

  test('non-compliant (info): a new person in a namespaced group', () => {
    expect(check(newGroupMember, env(), env({ accessEntries: [entry(['developer'])] }))).toEqual([expect.objectContaining({ principal: 'role:ops', grant: 'access entry group=developer' })]);
  });
});
