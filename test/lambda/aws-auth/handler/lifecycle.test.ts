/**
 * The handler's lifecycle against the stand-ins: Create, Update, no-op redeploy, Delete, and
 * the physical id; each checks the stored aws-auth and the requests that reached it.
 */
import { OWNERS_ANNOTATION } from '../../../../lambda/aws-auth/api';
import type { MappingProps } from '../../../support/handler-harness';
import {
  ACCT, NODE_ROLE_ENTRY, harnessPerTest, log, ownersRecord, role, roleArn, run, seedAwsAuth, stored, user, writes, yaml11,
} from './support';

const start = harnessPerTest();

const TEAM_A: MappingProps = {
  owner: 'dev/Access/Mappings',
  mapRoles: [role('developer', ['dev:edit']), role('reader', ['dev:view'])],
  mapUsers: [user('alice', ['dev:edit'])],
  mapAccounts: ['444455556666'],
};

describe('Create', () => {
  test('aws-auth absent: one GET (404) and one POST; entries and owners annotation written', async () => {
    const h = await start();
    const out = await run(h, 'Create', TEAM_A);

    expect(log(h)).toEqual(['GET 404', 'POST 201']);
    const cm = h.awsAuth()!;
    expect(out).toEqual({
      PhysicalResourceId: 'aws-auth/demo/dev/Access/Mappings',
      Data: { OwnedRoles: 2, OwnedUsers: 1, ResourceVersion: cm.resourceVersion },
    });
    expect(Object.keys(cm.data).sort()).toEqual(['mapAccounts', 'mapRoles', 'mapUsers']);
    expect(stored(h)).toEqual({
      mapRoles: [
        { rolearn: roleArn('developer'), username: 'developer', groups: ['dev:edit'] },
        { rolearn: roleArn('reader'), username: 'reader', groups: ['dev:view'] },
      ],
      mapUsers: [{ userarn: `arn:aws:iam::${ACCT}:user/alice`, username: 'alice', groups: ['dev:edit'] }],
      mapAccounts: ['444455556666'],
    });
    expect(Object.keys(cm.annotations)).toEqual([OWNERS_ANNOTATION]);
    expect(ownersRecord(h)).toEqual({
      version: 1,
      owners: {
        'dev/Access/Mappings': {
          mapRoles: [
            { rolearn: roleArn('developer'), username: 'developer', groups: ['dev:edit'] },
            { rolearn: roleArn('reader'), username: 'reader', groups: ['dev:view'] },
          ],
          mapUsers: [{ userarn: `arn:aws:iam::${ACCT}:user/alice`, username: 'alice', groups: ['dev:edit'] }],
          mapAccounts: ['444455556666'],
        },
      },
    });
  });

  test('a pathed role ARN is written without its path (aws-auth cannot match pathed ARNs)', async () => {
    const h = await start();
    const sso = `arn:aws:iam::${ACCT}:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Admin_x`;
    await run(h, 'Create', { owner: 'sso', mapRoles: [{ rolearn: sso, username: 'admin:{{SessionName}}', groups: ['admins'] }] });

    expect(log(h)).toEqual(['GET 404', 'POST 201']);
    expect(stored(h).mapRoles).toEqual([{ rolearn: roleArn('AWSReservedSSO_Admin_x'), username: 'admin:{{SessionName}}', groups: ['admins'] }]);
    expect(h.awsAuth()!.data.mapRoles).not.toContain('aws-reserved');
    expect(ownersRecord(h).owners.sso).toEqual({ mapRoles: [{ rolearn: roleArn('AWSReservedSSO_Admin_x'), username: 'admin:{{SessionName}}', groups: ['admins'] }] });

    // The same role declared with its path again is the same principal: nothing to write.
    const since = h.kube.requests.length;
    await run(h, 'Update', { owner: 'sso', mapRoles: [{ rolearn: sso, username: 'admin:{{SessionName}}', groups: ['admins'] }] });
    expect(log(h, since)).toEqual(['GET 200']);
  });
});

describe('Update', () => {
  test('adds, changes and removes entries with one GET and one PUT', async () => {
    const h = await start();
    await run(h, 'Create', TEAM_A);
    const since = h.kube.requests.length;

    const out = await run(h, 'Update', {
      owner: TEAM_A.owner,
      // developer changed, reader removed, ops added; alice removed, bob added; account replaced
      mapRoles: [role('developer', ['dev:edit', 'dev:debug']), role('ops', ['ops'])],
      mapUsers: [user('bob', ['dev:view'])],
      mapAccounts: ['777788889999'],
    });

    expect(log(h, since)).toEqual(['GET 200', 'PUT 200']);
    expect(out).toEqual({
      PhysicalResourceId: 'aws-auth/demo/dev/Access/Mappings',
      Data: { OwnedRoles: 2, OwnedUsers: 1, ResourceVersion: h.awsAuth()!.resourceVersion },
    });
    expect(stored(h)).toEqual({
      mapRoles: [
        { rolearn: roleArn('developer'), username: 'developer', groups: ['dev:edit', 'dev:debug'] },
        { rolearn: roleArn('ops'), username: 'ops', groups: ['ops'] },
      ],
      mapUsers: [{ userarn: `arn:aws:iam::${ACCT}:user/bob`, username: 'bob', groups: ['dev:view'] }],
      mapAccounts: ['777788889999'],
    });
    expect(ownersRecord(h).owners).toEqual({
      'dev/Access/Mappings': {
        mapRoles: [
          { rolearn: roleArn('developer'), username: 'developer', groups: ['dev:edit', 'dev:debug'] },
          { rolearn: roleArn('ops'), username: 'ops', groups: ['ops'] },
        ],
        mapUsers: [{ userarn: `arn:aws:iam::${ACCT}:user/bob`, username: 'bob', groups: ['dev:view'] }],
        mapAccounts: ['777788889999'],
      },
    });
  });

  test('removing every user of the owner leaves an empty mapUsers list, roles untouched', async () => {
    const h = await start();
    await run(h, 'Create', TEAM_A);
    const rolesBefore = h.awsAuth()!.data.mapRoles;
    const since = h.kube.requests.length;

    await run(h, 'Update', { ...TEAM_A, mapUsers: [] });

    expect(log(h, since)).toEqual(['GET 200', 'PUT 200']);
    expect(h.awsAuth()!.data.mapRoles).toBe(rolesBefore);
    expect(yaml11(h.awsAuth()!.data.mapUsers)).toEqual([]);
    expect(ownersRecord(h).owners['dev/Access/Mappings']).not.toHaveProperty('mapUsers');
  });

  test('no-op redeploy: one GET, zero writes, resourceVersion unchanged (also with entries declared in another order)', async () => {
    const h = await start();
    await run(h, 'Create', TEAM_A);
    const before = h.awsAuth()!;
    const since = h.kube.requests.length;

    const again = await run(h, 'Update', TEAM_A);
    const reordered = await run(h, 'Update', { ...TEAM_A, mapRoles: [...TEAM_A.mapRoles!].reverse() });

    expect(log(h, since)).toEqual(['GET 200', 'GET 200']);
    expect(writes(h, since)).toBe(0);
    expect(h.awsAuth()).toEqual(before);
    expect(again).toEqual({ PhysicalResourceId: 'aws-auth/demo/dev/Access/Mappings', Data: { OwnedRoles: 2, OwnedUsers: 1, ResourceVersion: before.resourceVersion } });
    expect(reordered).toEqual(again);
  });

  test('the same cluster and owner keep the physical id; a new ClusterName gives a new one', async () => {
    const h = await start();
    await run(h, 'Create', TEAM_A);

    const same = await run(h, 'Update', { ...TEAM_A, mapAccounts: [] });
    expect(same.PhysicalResourceId).toBe('aws-auth/demo/dev/Access/Mappings');

    // The resource moved from cluster "old" to "demo": the handler answers with the new id, so
    // CloudFormation then sends Delete for the old one (whose cluster no longer exists).
    const moved = await h.handler(h.event('Update', TEAM_A, {
      PhysicalResourceId: 'aws-auth/old/dev/Access/Mappings',
      OldResourceProperties: { ...h.event('Create', { ...TEAM_A, clusterName: 'old' }).ResourceProperties },
    }));
    expect(moved.PhysicalResourceId).toBe('aws-auth/demo/dev/Access/Mappings');
    expect(moved.PhysicalResourceId).not.toBe('aws-auth/old/dev/Access/Mappings');

    const since = h.kube.requests.length;
    const cleanup = await h.handler(h.event('Delete', { ...TEAM_A, clusterName: 'old' }));
    expect(cleanup).toEqual({ PhysicalResourceId: 'aws-auth/old/dev/Access/Mappings' });
    expect(log(h, since)).toEqual([]);
    expect(stored(h).mapRoles).toHaveLength(2);
  });
});

describe('Delete', () => {
  const TEAM_B: MappingProps = { owner: 'ops/Access/Mappings', mapRoles: [role('ops', ['ops'])], mapUsers: [user('carol', ['ops'])] };

  test('removes only the owner\'s entries; other owners\' and foreign entries stay; a second Delete writes nothing', async () => {
    const h = await start();
    seedAwsAuth(h, {
      mapRoles: `- rolearn: ${NODE_ROLE_ENTRY.rolearn}\n  username: system:node:{{EC2PrivateDNSName}}\n  groups:\n  - system:bootstrappers\n  - system:nodes\n`,
      mapAccounts: '- "999988887777"\n',
    });
    await run(h, 'Create', TEAM_A);
    await run(h, 'Create', TEAM_B);
    const since = h.kube.requests.length;

    const out = await run(h, 'Delete', TEAM_A);

    expect(out).toEqual({
      PhysicalResourceId: 'aws-auth/demo/dev/Access/Mappings',
      Data: { OwnedRoles: 0, OwnedUsers: 0, ResourceVersion: h.awsAuth()!.resourceVersion },
    });
    expect(log(h, since)).toEqual(['GET 200', 'PUT 200']);
    expect(stored(h)).toEqual({
      mapRoles: [NODE_ROLE_ENTRY, { rolearn: roleArn('ops'), username: 'ops', groups: ['ops'] }],
      mapUsers: [{ userarn: `arn:aws:iam::${ACCT}:user/carol`, username: 'carol', groups: ['ops'] }],
      mapAccounts: ['999988887777'],
    });
    expect(Object.keys(ownersRecord(h).owners)).toEqual(['ops/Access/Mappings']);

    const rv = h.awsAuth()!.resourceVersion;
    const again = h.kube.requests.length;
    await expect(run(h, 'Delete', TEAM_A)).resolves.toMatchObject({ PhysicalResourceId: 'aws-auth/demo/dev/Access/Mappings' });
    expect(log(h, again)).toEqual(['GET 200']);
    expect(h.awsAuth()!.resourceVersion).toBe(rv);
  });

  test('deleting the last owner removes the owners annotation and keeps foreign entries', async () => {
    const h = await start();
    seedAwsAuth(h, { mapRoles: `- rolearn: ${NODE_ROLE_ENTRY.rolearn}\n  username: system:node:{{EC2PrivateDNSName}}\n  groups:\n  - system:bootstrappers\n  - system:nodes\n` });
    await run(h, 'Create', TEAM_B);
    const since = h.kube.requests.length;

    await run(h, 'Delete', TEAM_B);

    expect(log(h, since)).toEqual(['GET 200', 'PUT 200']);
    expect(stored(h)).toEqual({ mapRoles: [NODE_ROLE_ENTRY], mapUsers: [], mapAccounts: [] });
    expect(h.awsAuth()!.annotations).toEqual({});
  });

  test('aws-auth absent: success without a write', async () => {
    const h = await start();
    const out = await run(h, 'Delete', TEAM_A);
    expect(out).toEqual({ PhysicalResourceId: 'aws-auth/demo/dev/Access/Mappings', Data: { OwnedRoles: 0, OwnedUsers: 0, ResourceVersion: '' } });
    expect(log(h)).toEqual(['GET 404']);
    expect(h.awsAuth()).toBeUndefined();
  });

  test('the cluster is gone (DescribeCluster 404): success, Kubernetes never called', async () => {
    const h = await start();
    const out = await run(h, 'Delete', { ...TEAM_A, clusterName: 'deleted-cluster' });
    expect(out).toEqual({ PhysicalResourceId: 'aws-auth/deleted-cluster/dev/Access/Mappings' });
    expect(h.kube.requests).toEqual([]);
    expect(h.aws.requests.map((r) => `${r.service} ${r.operation} ${r.status}`)).toEqual(['eks DescribeCluster 404']);
  });

  test('properties that do not parse: success, nothing called (nothing can have been written)', async () => {
    const h = await start();
    const event = h.event('Delete', TEAM_A);
    const out = await h.handler({ ...event, ResourceProperties: { ...event.ResourceProperties, MapRoles: 'not a list' } });
    expect(out).toEqual({ PhysicalResourceId: 'aws-auth/demo/dev/Access/Mappings' });
    expect(h.kube.requests).toEqual([]);
    expect(h.aws.requests).toEqual([]);
  });
});
