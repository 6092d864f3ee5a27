/**
 * End to end against the stand-ins: user ARNs that differ only in case are one principal, as the
 * authenticator matches them (lower-cased). A hand-written entry for `user/alice` is adopted or
 * conflicts with an owner declaring `user/Alice`; two owners cannot map the two spellings apart.
 */
import { failure, harnessPerTest, log, ownersRecord, run, seedAwsAuth, stored, userArn, writes } from './support';

const start = harnessPerTest();
const ALICE = userArn('Alice');
const alice = userArn('alice');
const FOREIGN = `- userarn: ${alice}\n  username: alice\n  groups:\n  - view\n- userarn: ${userArn('bob')}\n  username: bob\n  groups:\n  - view\n`;
const mapping = (userarn: string, groups = ['view']) => ({ userarn, username: 'alice', groups });

describe('user ARNs in two cases are one principal', () => {
  test('a hand-written entry in another case, mapped differently: Create fails naming it; nothing is written', async () => {
    const h = await start();
    const rv = seedAwsAuth(h, { mapUsers: FOREIGN });

    const message = await failure(run(h, 'Create', { owner: 'team', mapUsers: [mapping(ALICE, ['admins'])] }));

    expect(message).toBe(`aws-auth user ${ALICE} is already mapped by an unowned entry {"userarn":"${alice}","username":"alice","groups":["view"]}; owner "team" wants {"username":"alice","groups":["admins"]}; change or remove that entry by hand, declare the same mapping to adopt it, or set takeOverUnowned to replace it`);
    expect(log(h)).toEqual(['GET 200']);
    expect(h.awsAuth()!.resourceVersion).toBe(rv);
  });

  test('mapped alike: adopted in place (one entry for the principal); Delete puts the hand-written bytes back', async () => {
    const h = await start();
    seedAwsAuth(h, { mapUsers: FOREIGN });

    await run(h, 'Create', { owner: 'team', mapUsers: [mapping(ALICE)] });

    expect(stored(h).mapUsers).toEqual([mapping(ALICE), { userarn: userArn('bob'), username: 'bob', groups: ['view'] }]);
    expect(ownersRecord(h).adopted).toEqual({ mapUsers: { [alice]: [mapping(alice)] } });
    const since = h.kube.requests.length;
    await run(h, 'Delete', { owner: 'team', mapUsers: [mapping(ALICE)] });
    expect(log(h, since)).toEqual(['GET 200', 'PUT 200']);
    expect(h.awsAuth()!.data.mapUsers).toBe(FOREIGN);
    expect(h.awsAuth()!.annotations).toEqual({});
  });

  test('two owners mapping the two spellings differently: the second fails naming both; nothing is written', async () => {
    const h = await start();
    await run(h, 'Create', { owner: 'team-a', mapUsers: [mapping(ALICE, ['admins'])] });
    const before = h.awsAuth();
    const since = h.kube.requests.length;

    const message = await failure(run(h, 'Create', { owner: 'team-b', mapUsers: [mapping(alice)] }));

    expect(message).toMatch(new RegExp(`^aws-auth user ${alice} is claimed by two owners \\(as ${ALICE} and as ${alice}, `));
    expect(writes(h, since)).toBe(0);
    expect(h.awsAuth()).toEqual(before);
  });

  test('one owner declaring both spellings is refused on entry, before aws-auth is read', async () => {
    const h = await start();

    const message = await failure(run(h, 'Create', { owner: 'team', mapUsers: [mapping(ALICE), mapping(alice)] }));

    expect(message).toBe(`mapUsers maps ${ALICE} and ${alice}, which differ only in case; the authenticator compares ARNs ignoring case, so they are one principal; declare it once`);
    expect(h.kube.requests).toEqual([]);
  });
});
