/** The function's own configuration of the safety switches, and the check of an event against it. */
import { checkAuthority, readAuthority } from '../../../lambda/aws-auth/authority';

describe('readAuthority', () => {
  test.each<[string, Record<string, string | undefined>, string[], string[], string]>([
    ['nothing set (a function deployed before the rule): nobody, a generic name', {}, [], [], 'the aws-auth handler function'],
    ['empty lists', { EKS_ACCESS_CLUSTER_ADMIN_OWNERS: '', EKS_ACCESS_TAKE_OVER_OWNERS: '', AWS_LAMBDA_FUNCTION_NAME: 'fn' }, [], [], 'fn'],
    ['lists of owners', { EKS_ACCESS_CLUSTER_ADMIN_OWNERS: 'eks-access/dev/people,team/a', EKS_ACCESS_TAKE_OVER_OWNERS: 'team/a', AWS_LAMBDA_FUNCTION_NAME: 'fn' },
      ['eks-access/dev/people', 'team/a'], ['team/a'], 'fn'],
  ])('%s', (_name, env, admins, takeOver, fn) => {
    expect(readAuthority(env)).toEqual({ functionName: fn, clusterAdminOwners: admins, takeOverOwners: takeOver });
  });
});

describe('checkAuthority', () => {
  const authority = { functionName: 'fn', clusterAdminOwners: ['a'], takeOverOwners: ['b'] };
  test.each<[string, { owner: string; allowClusterAdmin: boolean; takeOverUnowned: boolean }, RegExp | undefined]>([
    ['asking for nothing', { owner: 'x', allowClusterAdmin: false, takeOverUnowned: false }, undefined],
    ['a listed owner asking for admin', { owner: 'a', allowClusterAdmin: true, takeOverUnowned: false }, undefined],
    ['a listed owner asking for take-over', { owner: 'b', allowClusterAdmin: false, takeOverUnowned: true }, undefined],
    ['an owner listed for admin asking for take-over', { owner: 'a', allowClusterAdmin: true, takeOverUnowned: true }, /^owner "a" asks for TakeOverUnowned, but function fn .*lists only "b"\)/],
    ['a prefix of a listed owner is another owner', { owner: 'a/b', allowClusterAdmin: true, takeOverUnowned: false }, /^owner "a\/b" asks for AllowClusterAdmin/],
  ])('%s', (_name, req, refused) => {
    const run = () => checkAuthority(req, authority);
    if (refused) expect(run).toThrow(refused); else expect(run).not.toThrow();
  });
});
