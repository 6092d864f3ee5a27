/**
 * Several owners (stacks) sharing one aws-auth: the same principal declared alike is one entry
 * held by both; declared differently, the second owner fails naming both.
 */
import { failure, harnessPerTest, log, ownersRecord, role, run, stored, writes } from './support';

const start = harnessPerTest();

describe('two owners and one principal', () => {
  test('claimed with different mappings: the second owner fails naming both owners; nothing is written', async () => {
    const h = await start();
    await run(h, 'Create', { owner: 'team-a', mapRoles: [role('shared', ['readers'])] });
    const before = h.awsAuth();
    const since = h.kube.requests.length;

    const message = await failure(run(h, 'Create', { owner: 'team-b', mapRoles: [role('shared', ['admins'])] }));

    expect(message).toBe(
      'aws-auth role arn:aws:iam::111122223333:role/shared is claimed by two owners with different mappings: '
      + 'owner "team-a" maps it as {"username":"shared","groups":["readers"]}, owner "team-b" as {"username":"shared","groups":["admins"]}; '
      + 'declare the same username and groups in both, or map it in one owner only',
    );
    expect(log(h, since)).toEqual(['GET 200']);
    expect(h.awsAuth()).toEqual(before);
  });

  test('the same mapping from two owners is one entry, kept until both are deleted', async () => {
    const h = await start();
    const shared = role('shared', ['readers']);
    await run(h, 'Create', { owner: 'team-a', mapRoles: [shared, role('only-a')] });
    const rolesText = h.awsAuth()!.data.mapRoles;
    let since = h.kube.requests.length;
    await run(h, 'Create', { owner: 'team-b', mapRoles: [shared] });

    expect(log(h, since)).toEqual(['GET 200', 'PUT 200']); // ownership recorded, entries unchanged
    expect(h.awsAuth()!.data.mapRoles).toBe(rolesText);
    expect(stored(h).mapRoles).toEqual([role('only-a'), shared]);
    expect(ownersRecord(h).owners).toEqual({ 'team-a': { mapRoles: [role('only-a'), shared] }, 'team-b': { mapRoles: [shared] } });

    since = h.kube.requests.length;
    await run(h, 'Delete', { owner: 'team-a', mapRoles: [shared, role('only-a')] });
    expect(writes(h, since)).toBe(1);
    expect(stored(h).mapRoles).toEqual([shared]);
    expect(Object.keys(ownersRecord(h).owners)).toEqual(['team-b']);

    since = h.kube.requests.length;
    await run(h, 'Delete', { owner: 'team-b', mapRoles: [shared] });
    expect(log(h, since)).toEqual(['GET 200', 'PUT 200']);
    expect(stored(h).mapRoles).toEqual([]);
    expect(h.awsAuth()!.annotations).toEqual({});
  });
});
