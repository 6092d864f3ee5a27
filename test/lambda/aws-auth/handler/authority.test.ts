/**
 * AllowClusterAdmin and TakeOverUnowned are fixed at synth in the function's own configuration
 * (AwsAuthFunctionEnv); the event's flags are requests. An event asking for more than the
 * function was configured for fails, naming the function and the owner, and writes nothing.
 * Delete needs no switch.
 */
import { HARNESS_FUNCTION_NAME } from '../../../support/handler-harness';
import { failure, harnessPerTest, log, role, roleArn, run, seedAwsAuth, stored, writes } from './support';

const start = harnessPerTest();
const ADMIN = { rolearn: roleArn('breakglass'), username: 'breakglass', groups: ['system:masters'] };
const FOREIGN_DEV = `- rolearn: ${roleArn('dev')}\n  username: dev\n  groups:\n  - hand-edited\n`;
const FIX_ADMIN = 'set allowClusterAdmin: true on that owner\'s AwsAuthMappings in the stack that defines this function and deploy that stack, so that its synth lists the owner';
const FIX_TAKE_OVER = 'set takeOverUnowned: true on that owner\'s AwsAuthMappings in the stack that defines this function and deploy that stack, so that its synth lists the owner';

describe('AllowClusterAdmin', () => {
  test('allowed: the function lists the owner; system:masters is written', async () => {
    const h = await start({ functionConfig: { clusterAdminOwners: ['team'] } });

    await run(h, 'Create', { owner: 'team', mapRoles: [ADMIN], allowClusterAdmin: true });

    expect(log(h)).toEqual(['GET 404', 'POST 201']);
    expect(stored(h).mapRoles).toEqual([ADMIN]);
  });

  test('refused without configuration: fails naming the function and the owner; nothing is read or written', async () => {
    const h = await start({ functionConfig: {} });
    const rv = seedAwsAuth(h, { mapRoles: '[]\n' });

    const message = await failure(run(h, 'Create', { owner: 'team', mapRoles: [ADMIN], allowClusterAdmin: true }));

    expect(message).toBe(`owner "team" asks for AllowClusterAdmin, but function ${HARNESS_FUNCTION_NAME} is not configured to allow it for that owner (its EKS_ACCESS_CLUSTER_ADMIN_OWNERS lists no owner); nothing was written; ${FIX_ADMIN}`);
    expect(h.awsAuthRequests()).toEqual([]);
    expect(h.kube.requests).toEqual([]);
    expect(h.aws.requests).toEqual([]);
    expect(h.awsAuth()!.resourceVersion).toBe(rv);
  });

  test('refused for another owner: only the listed owner may ask', async () => {
    const h = await start({ functionConfig: { clusterAdminOwners: ['team-a'] } });
    await run(h, 'Create', { owner: 'team-a', mapRoles: [ADMIN], allowClusterAdmin: true });
    const since = h.kube.requests.length;
    const before = h.awsAuth();

    const message = await failure(run(h, 'Create', { owner: 'team-b', mapRoles: [role('other', ['system:masters'])], allowClusterAdmin: true }));

    expect(message).toBe(`owner "team-b" asks for AllowClusterAdmin, but function ${HARNESS_FUNCTION_NAME} is not configured to allow it for that owner (its EKS_ACCESS_CLUSTER_ADMIN_OWNERS lists only "team-a"); nothing was written; ${FIX_ADMIN}`);
    expect(writes(h, since)).toBe(0);
    expect(log(h, since)).toEqual([]);
    expect(h.awsAuth()).toEqual(before);
  });

  test('asking is refused even when no mapping needs it (the request itself is the grant)', async () => {
    const h = await start({ functionConfig: {} });
    const message = await failure(run(h, 'Create', { owner: 'team', mapRoles: [role('dev')], allowClusterAdmin: true }));
    expect(message).toMatch(/^owner "team" asks for AllowClusterAdmin, but function /);
    expect(h.kube.requests).toEqual([]);
  });

  test('Update after the configuration stopped listing the owner is refused; Delete still removes the admin mapping', async () => {
    const h = await start({ functionConfig: { clusterAdminOwners: ['team'] } });
    await run(h, 'Create', { owner: 'team', mapRoles: [ADMIN], allowClusterAdmin: true });
    expect(h.environment().EKS_ACCESS_CLUSTER_ADMIN_OWNERS).toBe('team');

    // The same cluster state, served by a function whose configuration lists nobody.
    const h2 = await start({ functionConfig: {} });
    h2.kube.seed({ metadata: { name: 'aws-auth', namespace: 'kube-system', annotations: h.awsAuth()!.annotations }, data: h.awsAuth()!.data });
    const since = h2.kube.requests.length;
    expect(await failure(run(h2, 'Update', { owner: 'team', mapRoles: [ADMIN], allowClusterAdmin: true }))).toMatch(/lists no owner\); nothing was written/);
    expect(writes(h2, since)).toBe(0);

    await run(h2, 'Delete', { owner: 'team', mapRoles: [ADMIN], allowClusterAdmin: true });
    expect(stored(h2).mapRoles).toEqual([]);
    expect(h2.awsAuth()!.annotations).toEqual({});
  });
});

describe('TakeOverUnowned', () => {
  test('allowed: the function lists the owner; the hand-edited entry is taken over', async () => {
    const h = await start({ functionConfig: { takeOverOwners: ['team'] } });
    seedAwsAuth(h, { mapRoles: FOREIGN_DEV });

    await run(h, 'Create', { owner: 'team', mapRoles: [role('dev')], takeOverUnowned: true });

    expect(stored(h).mapRoles).toEqual([role('dev')]);
  });

  test('refused without configuration, and for another owner; nothing is written', async () => {
    const h = await start({ functionConfig: { takeOverOwners: ['platform'], clusterAdminOwners: ['team'] } });
    const rv = seedAwsAuth(h, { mapRoles: FOREIGN_DEV });

    const message = await failure(run(h, 'Create', { owner: 'team', mapRoles: [role('dev')], takeOverUnowned: true }));

    expect(message).toBe(`owner "team" asks for TakeOverUnowned, but function ${HARNESS_FUNCTION_NAME} is not configured to allow it for that owner (its EKS_ACCESS_TAKE_OVER_OWNERS lists only "platform"); nothing was written; ${FIX_TAKE_OVER}`);
    expect(h.awsAuthRequests()).toEqual([]);
    expect(h.awsAuth()!.resourceVersion).toBe(rv);
    expect(h.awsAuth()!.data.mapRoles).toBe(FOREIGN_DEV);
  });
});
