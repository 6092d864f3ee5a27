/**
 * Properties that must be refused before anything is written, with a message naming the field
 * and the value; and the optional IAM check that every mapped principal exists.
 */
import type { Harness } from '../../../support/handler-harness';
import { failure, harnessPerTest, log, role, roleArn, run, seedAwsAuth, stored, user, userArn } from './support';

const start = harnessPerTest();
const TEAM = { owner: 'team', mapRoles: [role('developer')] };

/** A Create event for TEAM with properties replaced (undefined removes one). */
function createWith(h: Harness, props: Record<string, unknown>) {
  const event = h.event('Create', TEAM);
  const merged: Record<string, unknown> = { ...event.ResourceProperties, ...props };
  for (const [k, v] of Object.entries(props)) if (v === undefined) delete merged[k];
  return { ...event, ResourceProperties: merged };
}

describe('invalid properties fail naming the field and the value; nothing is read or written', () => {
  test.each<[string, Record<string, unknown>, string]>([
    ['missing ClusterName', { ClusterName: undefined },
      'property ClusterName = undefined is not an EKS cluster name; pass the cluster\'s name'],
    ['ClusterName with a space', { ClusterName: 'my cluster' },
      'property ClusterName = "my cluster" is not an EKS cluster name; pass the cluster\'s name'],
    ['Owner with a space', { Owner: 'team a' },
      'property Owner = "team a" must be 1-256 characters of letters, digits and ._/:@-, starting with a letter or digit'],
    ['Owner starting with a dash', { Owner: '-team' },
      'property Owner = "-team" must be 1-256 characters of letters, digits and ._/:@-, starting with a letter or digit'],
    ['MapRoles not a list', { MapRoles: roleArn('developer') },
      `property MapRoles = "${roleArn('developer')}" must be a list`],
    ['MapUsers an object', { MapUsers: { userarn: userArn('alice') } },
      `property MapUsers = {"userarn":"${userArn('alice')}"} must be a list`],
    ['a bad flag value', { AllowClusterAdmin: 'yes' },
      'property AllowClusterAdmin = "yes" must be "true" or "false"'],
    ['a bad ValidatePrincipals value', { ValidatePrincipals: 'False ' },
      'property ValidatePrincipals = "False " must be "true" or "false"'],
  ])('%s', async (_name, props, message) => {
    const h = await start();
    await expect(h.handler(createWith(h, props))).rejects.toThrow(new Error(message));
    expect(h.kube.requests).toEqual([]);
    expect(h.aws.requests).toEqual([]);
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['an STS assumed-role ARN (suggests the role ARN)',
      { MapRoles: [{ rolearn: 'arn:aws:sts::111122223333:assumed-role/Admin/alice@example.com', username: 'admin', groups: ['admins'] }] },
      'mapRoles[0].rolearn: "arn:aws:sts::111122223333:assumed-role/Admin/alice@example.com" is an STS assumed-role session, not a role; map the role itself: arn:aws:iam::111122223333:role/Admin'],
    ['system:masters without AllowClusterAdmin',
      { MapRoles: [role('developer'), { rolearn: roleArn('breakglass'), username: 'breakglass', groups: ['system:masters'] }] },
      'mapRoles[1].groups[0] = "system:masters" grants full cluster admin; set allowClusterAdmin: true to allow it, or map a narrower group bound with RBAC'],
    ['a user ARN under MapRoles',
      { MapRoles: [{ rolearn: userArn('alice'), username: 'alice', groups: [] }] },
      `mapRoles[0].rolearn: "${userArn('alice')}" is an IAM user ARN where an IAM role ARN is expected; map users under users/mapUsers`],
    ['an account id that lost its leading zero',
      { MapAccounts: [12345678901] },
      'mapAccounts[0] must be a 12-digit AWS account id as a string, got 12345678901; quote it to keep leading zeros, e.g. "012345678901"'],
  ])('%s', async (_name, props, message) => {
    const h = await start();
    await expect(h.handler(createWith(h, props))).rejects.toThrow(new Error(message));
    expect(h.kube.requests).toEqual([]);
    expect(h.aws.requests.filter((r) => r.service !== 'sts')).toEqual([]); // only GetCallerIdentity, for the message
  });

  test('Delete of an owner refused at Create (e.g. "-team", during rollback) succeeds without a call', async () => {
    const h = await start();
    const event = h.event('Delete', { owner: '-team', mapRoles: [role('developer')] });
    await expect(h.handler(event)).resolves.toEqual({ PhysicalResourceId: 'aws-auth/demo/-team' });
    expect(h.kube.requests).toEqual([]);
    expect(h.aws.requests).toEqual([]);
  });

  test('system:masters is accepted with AllowClusterAdmin', async () => {
    const h = await start();
    const admin = { rolearn: roleArn('breakglass'), username: 'breakglass', groups: ['system:masters'] };
    await run(h, 'Create', { owner: 'team', mapRoles: [admin], allowClusterAdmin: true });
    expect(log(h)).toEqual(['GET 404', 'POST 201']);
    expect(stored(h).mapRoles).toEqual([admin]);
  });
});

describe('principal validation (ValidatePrincipals)', () => {
  test('on: a role IAM does not know fails naming the ARN; aws-auth not even read', async () => {
    const h = await start({ roles: [roleArn('developer')], users: [userArn('alice')] });
    const rv = seedAwsAuth(h, { mapRoles: '[]\n' });

    const message = await failure(run(h, 'Create', {
      owner: 'team', validatePrincipals: true, mapRoles: [role('developer'), role('typo')], mapUsers: [user('alice')],
    }));

    expect(message).toBe(`IAM does not know the mapped principal ${roleArn('typo')}; fix the ARN (a typo grants nothing), create the principal first, or set validatePrincipals: false`);
    expect(log(h)).toEqual([]);
    expect(h.awsAuth()!.resourceVersion).toBe(rv);
    expect(h.aws.requests.filter((r) => r.service === 'iam').map((r) => `${r.operation} ${r.status}${r.errorCode ? ` ${r.errorCode}` : ''}`).sort())
      .toEqual(['GetRole 200', 'GetRole 404 NoSuchEntity', 'GetUser 200']);
  });

  test('on: existing principals (one with an IAM path) pass and are written', async () => {
    const pathed = 'arn:aws:iam::111122223333:role/teams/platform/developer';
    const h = await start({ roles: [pathed], users: [userArn('alice')] });

    await run(h, 'Create', {
      owner: 'team', validatePrincipals: true, mapRoles: [{ rolearn: pathed, username: 'developer', groups: ['dev'] }], mapUsers: [user('alice')],
    });

    expect(log(h)).toEqual(['GET 404', 'POST 201']);
    expect(stored(h)).toEqual({ mapRoles: [{ rolearn: roleArn('developer'), username: 'developer', groups: ['dev'] }], mapUsers: [user('alice')], mapAccounts: [] });
    expect(h.aws.requests.filter((r) => r.service === 'iam').map((r) => `${r.operation} ${r.status}`).sort()).toEqual(['GetRole 200', 'GetUser 200']);
  });

  test('on: a role of another account is not looked up by name here (it would check the wrong account)', async () => {
    const foreign = 'arn:aws:iam::444444444444:role/developer';
    const h = await start({ roles: [roleArn('developer')] });

    await run(h, 'Create', {
      owner: 'team', validatePrincipals: true, mapRoles: [role('developer'), { rolearn: foreign, username: 'verifier', groups: ['v'] }],
    });

    // Only the own-account role is checked, although a role named "developer" exists here too.
    expect(h.aws.requests.filter((r) => r.service === 'iam').map((r) => `${r.operation} ${r.status}`)).toEqual(['GetRole 200']);
    expect(stored(h).mapRoles).toEqual([role('developer'), { rolearn: foreign, username: 'verifier', groups: ['v'] }]);
  });

  test('off: no IAM request, unknown principals are written', async () => {
    const h = await start();

    await run(h, 'Create', { owner: 'team', validatePrincipals: false, mapRoles: [role('not-in-iam')] });

    expect(h.aws.requests.filter((r) => r.service === 'iam')).toEqual([]);
    expect(stored(h).mapRoles).toEqual([role('not-in-iam')]);
  });
});
