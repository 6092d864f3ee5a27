/**
 * Who the cluster creator is and which policy makes it admin, per partition; which clusters
 * are asked at all. The live cases (present, absent, warning, paging, AccessDenied) run end to
 * end in plan.test.ts.
 */
import type { AccessEntryReader } from '../../../lib/cli/access-entries';
import { clusterAdminPolicyArn, creatorRoleArn, readClusterAdmins } from '../../../lib/cli/creator-admin';
import type { ResolvedEnvironment } from '../../../lib/config/validate';

const CN = { partition: 'aws-cn', account: '444455556666', region: 'cn-north-1', clusterName: 'c', bootstrapCreatorAdmin: true } as ResolvedEnvironment;

test('the cluster creator is the default synthesizer\'s execution role, in the environment\'s partition, account and region', () => {
  expect(creatorRoleArn(CN)).toBe('arn:aws-cn:iam::444455556666:role/cdk-hnb659fds-cfn-exec-role-444455556666-cn-north-1');
});

test('the cluster admin access policy ARN carries the partition', () => {
  expect(clusterAdminPolicyArn('aws')).toBe('arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy');
  expect(clusterAdminPolicyArn('aws-cn')).toBe('arn:aws-cn:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy');
});

describe('clusters without access entries are not asked', () => {
  const asked: string[] = [];
  const reader: AccessEntryReader = {
    listAccessEntries: async (cluster) => { asked.push(cluster); return []; },
    listAssociatedPolicies: async (cluster) => { asked.push(cluster); return []; },
    describeAccessEntry: async (cluster) => { asked.push(cluster); return undefined; },
  };
  test.each([
    ['no authentication mode (a cluster from before access entries)', undefined, 'CONFIG_MAP'],
    ['CONFIG_MAP', 'CONFIG_MAP', 'CONFIG_MAP'],
  ])('%s', async (_, mode, shown) => {
    expect(await readClusterAdmins(CN, mode, reader)).toEqual({ kind: 'no-access-entries', authenticationMode: shown });
    expect(asked).toEqual([]);
  });
  test.each(['API', 'API_AND_CONFIG_MAP'])('%s is asked, filtered by the partition\'s policy ARN', async (mode) => {
    const filters: Array<string | undefined> = [];
    const result = await readClusterAdmins(CN, mode, { ...reader, listAccessEntries: async (_, policy) => { filters.push(policy); return []; } });
    expect(result).toEqual({ kind: 'read', principals: [] });
    expect(filters).toEqual([clusterAdminPolicyArn('aws-cn')]);
  });
  test('an error other than AccessDenied is thrown, not shown as a line', async () => {
    await expect(readClusterAdmins(CN, 'API', { ...reader, listAccessEntries: async () => { throw new Error('boom'); } })).rejects.toThrow('boom');
  });
});
