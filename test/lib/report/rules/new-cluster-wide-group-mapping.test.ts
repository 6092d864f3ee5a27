import { messageText } from '../../../../lib/report/markdown';
import type { AccessEntry, AwsAuthMapping, RbacBinding } from '../../../../lib/report/model';
import { addedMemberships, clusterWideGroups, newClusterWideGroupMapping } from '../../../../lib/report/rules/new-cluster-wide-group-mapping';
import { check, env, expectRule } from './environment';

const crb = (name: string, subjects: string[], role = name): RbacBinding => ({ kind: 'ClusterRoleBinding', name, roleRef: { kind: 'ClusterRole', name: role }, subjects });
const reader = crb('reader', ['Group reader']);
const mapping = (groups: string[], list: AwsAuthMapping['list'] = 'mapRoles', principal = 'role:dev'): AwsAuthMapping => ({ list, owner: 'o', principal, username: 'dev', groups });
const entry = (groups: string[], principal = 'role:ops'): AccessEntry => ({ principal, cluster: 'Cluster/Cluster', type: 'STANDARD', groups, policies: [] });

describe('clusterWideGroups', () => {
  test('the groups ClusterRoleBindings bind, each with every binding that does, in order', () => {
    const groups = clusterWideGroups(env({ bindings: [
      crb('reader', ['Group reader', 'User eve', 'ServiceAccount kube-system/x']),
      { kind: 'RoleBinding', name: 'dev', namespace: 'web', roleRef: { kind: 'ClusterRole', name: 'edit' }, subjects: ['Group developer'] },
      crb('audit', ['Group reader', 'Group Group x'], 'view'),
    ] }));
    expect([...groups]).toEqual([
      ['reader', ['ClusterRoleBinding reader → ClusterRole reader', 'ClusterRoleBinding audit → ClusterRole view']],
      ['Group x', ['ClusterRoleBinding audit → ClusterRole view']],
    ]);
  });

  test('none without ClusterRoleBindings', () => {
    expect(clusterWideGroups(env())).toEqual(new Map());
  });
});

describe('addedMemberships', () => {
  test('every group of a new mapping or access entry, labelled by where it is', () => {
    expect(addedMemberships(env(), env({ mappings: [mapping(['a', 'b']), mapping(['c'], 'mapUsers', 'user:u')], accessEntries: [entry(['d'])] }))).toEqual([
      { label: 'aws-auth mapRoles', principal: 'role:dev', group: 'a' },
      { label: 'aws-auth mapRoles', principal: 'role:dev', group: 'b' },
      { label: 'aws-auth mapUsers', principal: 'user:u', group: 'c' },
      { label: 'access entry', principal: 'role:ops', group: 'd' },
    ]);
  });

  test('only the groups base did not give the same principal in the same list', () => {
    const base = env({ mappings: [mapping(['a'])], accessEntries: [entry(['d'])] });
    expect(addedMemberships(base, env({ mappings: [mapping(['a', 'b'])], accessEntries: [entry(['d', 'e'])] }))).toEqual([
      { label: 'aws-auth mapRoles', principal: 'role:dev', group: 'b' },
      { label: 'access entry', principal: 'role:ops', group: 'e' },
    ]);
  });

  test.each<[string, Parameters<typeof env>[0]]>([
    ['the other list', { mappings: [mapping(['a'], 'mapUsers')] }],
    ['another principal', { mappings: [mapping(['a'], 'mapRoles', 'role:other')] }],
  ])('a base mapping in %s does not count', (_, base) => {
    expect(addedMemberships(env(base), env({ mappings: [mapping(['a'])] }))).toEqual([{ label: 'aws-auth mapRoles', principal: 'role:dev', group: 'a' }]);
  });

  test('a base access entry of another principal does not count', () => {
    expect(addedMemberships(env({ accessEntries: [entry(['d'], 'role:other')] }), env({ accessEntries: [entry(['d'])] }))).toEqual([{ label: 'access entry', principal: 'role:ops', group: 'd' }]);
  });
});

describe('new-cluster-wide-group-mapping', () => {
  test('id, severity and description', () => {
    expectRule(newClusterWideGroupMapping, 'new-cluster-wide-group-mapping', 'high');
  });

  test('compliant: a namespaced group; the same group in base; system:masters (its own rule) even when bound cluster-wide', () => {
    expect(check(newClusterWideGroupMapping, env({ bindings: [reader] }), env({ bindings: [reader], mappings: [mapping(['developer'])] }))).toEqual([]);
    const head = env({ bindings: [reader], mappings: [mapping(['reader'])] });
    expect(check(newClusterWideGroupMapping, head, head)).toEqual([]);
    const masters = crb('masters', ['Group system:masters'], 'cluster-admin');
    expect(check(newClusterWideGroupMapping, env({ bindings: [masters] }), env({ bindings: [masters], mappings: [mapping(['system:masters'])] }))).toEqual([]);
  });

  test('non-compliant: a principal moved into a group bound cluster-wide, in full', () => {
    const findings = check(newClusterWideGroupMapping, env({ bindings: [reader], mappings: [mapping(['developer'])] }), env({ bindings: [reader], mappings: [mapping(['reader'])] }));
    expect(findings).toEqual([{ label: 'aws-auth mapRoles', id: 'role:dev', principal: 'role:dev', grant: 'aws-auth mapRoles group=reader', message: expect.any(String) }]);
    expect(messageText(findings[0].message)).toBe('mapped to group `reader`, bound cluster-wide by `ClusterRoleBinding reader → ClusterRole reader`');
  });

  test('non-compliant: an access entry, the group bound by two bindings', () => {
    const findings = check(newClusterWideGroupMapping, env(), env({ bindings: [reader, crb('audit', ['Group reader'], 'view')], accessEntries: [entry(['reader'])] }));
    expect(findings.map((f) => [f.label, f.grant, messageText(f.message)])).toEqual([[
      'access entry', 'access entry group=reader',
      'mapped to group `reader`, bound cluster-wide by `ClusterRoleBinding reader → ClusterRole reader`, `ClusterRoleBinding audit → ClusterRole view`',
    ]]);
  });
});
