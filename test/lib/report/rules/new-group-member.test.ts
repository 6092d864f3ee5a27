import { messageText } from '../../../../lib/report/markdown';
import type { AwsAuthMapping, RbacBinding } from '../../../../lib/report/model';
import { newGroupMember } from '../../../../lib/report/rules/new-group-member';
import { check, env, expectRule } from './environment';

const reader: RbacBinding = { kind: 'ClusterRoleBinding', name: 'reader', roleRef: { kind: 'ClusterRole', name: 'reader' }, subjects: ['Group reader'] };
const entry = (groups: string[]) => ({ principal: 'role:ops', cluster: 'Cluster/Cluster', type: 'STANDARD', groups, policies: [] });
const mapping = (groups: string[]): AwsAuthMapping => ({ list: 'mapUsers', owner: 'o', principal: 'user:eve', username: 'eve', groups });

describe('new-group-member', () => {
  test('id, severity and description', () => {
    expectRule(newGroupMember, 'new-group-member', 'info');
  });

  test('compliant: a group bound cluster-wide (its own rule) or system:masters; the same group in base', () => {
    expect(check(newGroupMember, env({ bindings: [reader] }), env({ bindings: [reader], accessEntries: [entry(['reader', 'system:masters'])] }))).toEqual([]);
    expect(check(newGroupMember, env(), env({ mappings: [mapping(['system:masters'])] }))).toEqual([]);
    expect(check(newGroupMember, env({ accessEntries: [entry(['developer'])] }), env({ accessEntries: [entry(['developer'])] }))).toEqual([]);
  });

  test('non-compliant (info): a new person in a namespaced group, in full', () => {
    const findings = check(newGroupMember, env(), env({ accessEntries: [entry(['developer'])] }));
    expect(findings).toEqual([{ label: 'access entry', id: 'role:ops', principal: 'role:ops', grant: 'access entry group=developer', message: expect.any(String) }]);
    expect(messageText(findings[0].message)).toBe('mapped to group `developer`');
  });

  test('non-compliant (info): a group that only a RoleBinding binds; one finding per group, in order', () => {
    const binding: RbacBinding = { kind: 'RoleBinding', name: 'r', namespace: 'web', roleRef: { kind: 'ClusterRole', name: 'reader' }, subjects: ['Group reader'] };
    const findings = check(newGroupMember, env(), env({ bindings: [binding], mappings: [mapping(['reader', 'developer'])] }));
    expect(findings.map((f) => [f.label, f.principal, f.grant])).toEqual([
      ['aws-auth mapUsers', 'user:eve', 'aws-auth mapUsers group=reader'],
      ['aws-auth mapUsers', 'user:eve', 'aws-auth mapUsers group=developer'],
    ]);
  });
});
