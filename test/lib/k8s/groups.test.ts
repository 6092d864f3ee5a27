import { MASTERS_GROUP, NODES_GROUP } from '../../../lambda/aws-auth/core/entries';
import { BOOTSTRAPPERS_GROUP } from '../../../lambda/aws-auth/core/reserved';
import { Groups, NODE_GROUPS } from '../../../lib/k8s/groups';

describe('Groups', () => {
  test.each([
    { key: 'developer', value: 'developer' },
    { key: 'reader', value: 'reader' },
    { key: 'verifier', value: 'eks-access:verifier' },
    { key: 'clusterAdmin', value: 'system:masters' },
    { key: 'nodes', value: 'system:nodes' },
    { key: 'bootstrappers', value: 'system:bootstrappers' },
  ] as const)('$key is "$value"', ({ key, value }) => {
    expect(Groups[key]).toBe(value);
  });

  test('holds exactly these six groups, all distinct', () => {
    expect(Object.keys(Groups).sort()).toEqual(['bootstrappers', 'clusterAdmin', 'developer', 'nodes', 'reader', 'verifier']);
    expect(new Set(Object.values(Groups)).size).toBe(6);
  });

  test('the reserved groups are the aws-auth core\'s own constants, not respelled', () => {
    expect([Groups.clusterAdmin, Groups.nodes, Groups.bootstrappers]).toEqual([MASTERS_GROUP, NODES_GROUP, BOOTSTRAPPERS_GROUP]);
  });

  test('the app\'s own groups are not in the reserved system: namespace', () => {
    for (const group of [Groups.developer, Groups.reader, Groups.verifier]) expect(group.startsWith('system:')).toBe(false);
  });
});

describe('NODE_GROUPS', () => {
  test('a node role mapping carries exactly the bootstrappers and nodes groups, in this order', () => {
    expect(NODE_GROUPS).toEqual(['system:bootstrappers', 'system:nodes']);
  });

  test('never the superuser group or a people-facing group', () => {
    for (const group of [Groups.clusterAdmin, Groups.developer, Groups.reader, Groups.verifier]) expect(NODE_GROUPS).not.toContain(group);
  });
});
