/**
 * Entries the handler does not own: EKS node roles, hand edits, eksctl duplicates, fields other
 * tools drop (mapAccounts, userid, sso, unknown fields), other data keys and metadata. They are
 * kept exactly; an unowned entry for a principal an owner declares is adopted, refused or (when
 * allowed) taken over, never silently overwritten.
 */
import type { MappingProps } from '../../../support/handler-harness';
import {
  ACCT, NODE_ROLE_ENTRY, failure, harnessPerTest, log, ownersRecord, role, roleArn, run, seedAwsAuth, stored, user, userArn, yaml11,
} from './support';

const start = harnessPerTest();

const NODE_ROLE_YAML = `- rolearn: ${NODE_ROLE_ENTRY.rolearn}
  username: system:node:{{EC2PrivateDNSName}}
  groups:
  - system:bootstrappers
  - system:nodes
`;

/** aws-auth as EKS, eksctl and people leave it. */
const FOREIGN_ROLES = `${NODE_ROLE_YAML}- rolearn: ${roleArn('hand-added')}
  username: ops
  userid: AROAEXAMPLEID
  groups:
  - ops
- sso:
    permissionSetName: ReadOnly
    accountID: "${ACCT}"
  username: sso-reader
  groups:
  - readers
- rolearn: ${roleArn('future')}
  username: future
  groups:
  - viewers
  futureField: kept as is
`;
const FOREIGN_USERS = `- userarn: ${userArn('root-admin')}
  username: root-admin
  groups:
  - system:masters
`;
const FOREIGN_ACCOUNTS = `- "444455556666"
- "012345678901"
`;
const FOREIGN_PARSED = {
  mapRoles: [
    NODE_ROLE_ENTRY,
    { rolearn: roleArn('hand-added'), username: 'ops', userid: 'AROAEXAMPLEID', groups: ['ops'] },
    { sso: { permissionSetName: 'ReadOnly', accountID: ACCT }, username: 'sso-reader', groups: ['readers'] },
    { rolearn: roleArn('future'), username: 'future', groups: ['viewers'], futureField: 'kept as is' },
  ],
  mapUsers: [{ userarn: userArn('root-admin'), username: 'root-admin', groups: ['system:masters'] }],
  mapAccounts: ['444455556666', '012345678901'],
};

function seedForeign(h: Awaited<ReturnType<typeof start>>): string {
  return seedAwsAuth(h, { mapRoles: FOREIGN_ROLES, mapUsers: FOREIGN_USERS, mapAccounts: FOREIGN_ACCOUNTS, 'other-key': 'left: alone\n' }, {
    labels: { 'app.kubernetes.io/managed-by': 'eks', team: 'platform' },
    annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"apiVersion":"v1"}', 'example.com/note': 'hands off' },
  });
}

describe('foreign entries', () => {
  test('are kept exactly (node role, userid, sso, unknown field, mapAccounts, other keys, labels, annotations)', async () => {
    const h = await start();
    seedForeign(h);
    const team: MappingProps = { owner: 'team', mapRoles: [role('developer')], mapUsers: [user('alice')], mapAccounts: ['777788889999'] };

    await run(h, 'Create', team);

    expect(log(h)).toEqual(['GET 200', 'PUT 200']);
    expect(stored(h)).toEqual({
      mapRoles: [...FOREIGN_PARSED.mapRoles, { rolearn: roleArn('developer'), username: 'developer', groups: ['developer'] }],
      mapUsers: [...FOREIGN_PARSED.mapUsers, { userarn: userArn('alice'), username: 'alice', groups: ['alice'] }],
      mapAccounts: [...FOREIGN_PARSED.mapAccounts, '777788889999'],
    });
    const cm = h.kube.store.get('kube-system', 'aws-auth')!;
    // Unowned entries keep their text: the owner's entries are appended after it.
    expect(cm.data!.mapRoles.startsWith(FOREIGN_ROLES)).toBe(true);
    expect(cm.data!.mapUsers.startsWith(FOREIGN_USERS)).toBe(true);
    expect(cm.data!.mapAccounts.startsWith(FOREIGN_ACCOUNTS)).toBe(true);
    expect(cm.data!['other-key']).toBe('left: alone\n');
    expect(Object.keys(cm.data!).sort()).toEqual(['mapAccounts', 'mapRoles', 'mapUsers', 'other-key']);
    expect(cm.metadata.labels).toEqual({ 'app.kubernetes.io/managed-by': 'eks', team: 'platform' });
    expect(cm.metadata.annotations).toEqual({
      'kubectl.kubernetes.io/last-applied-configuration': '{"apiVersion":"v1"}',
      'example.com/note': 'hands off',
      'eks-access.io/owners': JSON.stringify({
        version: 1,
        owners: { team: { mapRoles: [role('developer')], mapUsers: [user('alice')], mapAccounts: ['777788889999'] } },
      }),
    });

    // Delete takes back exactly what the owner added.
    await run(h, 'Delete', team);
    expect(stored(h)).toEqual(FOREIGN_PARSED);
    const after = h.kube.store.get('kube-system', 'aws-auth')!;
    expect(after.data).toEqual({ mapRoles: FOREIGN_ROLES, mapUsers: FOREIGN_USERS, mapAccounts: FOREIGN_ACCOUNTS, 'other-key': 'left: alone\n' });
    expect(after.metadata.labels).toEqual({ 'app.kubernetes.io/managed-by': 'eks', team: 'platform' });
    expect(after.metadata.annotations).toEqual({ 'kubectl.kubernetes.io/last-applied-configuration': '{"apiVersion":"v1"}', 'example.com/note': 'hands off' });
  });

  test('a change to mapUsers only leaves the mapRoles string byte-identical', async () => {
    const h = await start();
    seedForeign(h);
    const team: MappingProps = { owner: 'team', mapRoles: [role('developer')], mapUsers: [user('alice')] };
    await run(h, 'Create', team);
    const before = h.awsAuth()!.data;
    const since = h.kube.requests.length;

    await run(h, 'Update', { ...team, mapUsers: [user('alice', ['alice', 'reviewers'])] });

    expect(log(h, since)).toEqual(['GET 200', 'PUT 200']);
    const after = h.awsAuth()!.data;
    expect(after.mapRoles).toBe(before.mapRoles);
    expect(after.mapAccounts).toBe(before.mapAccounts);
    expect(after['other-key']).toBe(before['other-key']);
    expect(yaml11(after.mapUsers)).toEqual([...FOREIGN_PARSED.mapUsers, { userarn: userArn('alice'), username: 'alice', groups: ['alice', 'reviewers'] }]);
  });
});

describe('unowned entries for a declared principal', () => {
  const DEV = role('developer', ['dev:edit']);
  const DEV_YAML = `- rolearn: ${DEV.rolearn}\n  username: developer\n  groups:\n  - dev:edit\n`;

  test('eksctl-style duplicates are collapsed to one entry', async () => {
    const h = await start();
    seedAwsAuth(h, { mapRoles: `${NODE_ROLE_YAML}${DEV_YAML}${DEV_YAML}${DEV_YAML}` });

    await run(h, 'Create', { owner: 'team', mapRoles: [DEV] });

    expect(log(h)).toEqual(['GET 200', 'PUT 200']);
    expect(stored(h).mapRoles).toEqual([NODE_ROLE_ENTRY, DEV]);
    expect(h.awsAuth()!.data.mapRoles).toBe(`${NODE_ROLE_YAML}${DEV_YAML}`);
  });

  test('duplicates appended later to an owned principal (an eksctl re-run) are collapsed on the next deploy', async () => {
    const h = await start();
    await run(h, 'Create', { owner: 'team', mapRoles: [DEV] });
    const cm = h.kube.store.get('kube-system', 'aws-auth')!;
    h.kube.seed({ ...cm, data: { mapRoles: `${cm.data!.mapRoles}${DEV_YAML}${DEV_YAML}` } });
    const since = h.kube.requests.length;

    await run(h, 'Update', { owner: 'team', mapRoles: [DEV] });

    expect(log(h, since)).toEqual(['GET 200', 'PUT 200']);
    expect(h.awsAuth()!.data.mapRoles).toBe(DEV_YAML);
  });

  test('an identical unowned entry is adopted, not duplicated, and put back when the owner is deleted', async () => {
    const h = await start();
    seedAwsAuth(h, { mapRoles: `${NODE_ROLE_YAML}${DEV_YAML}` });

    await run(h, 'Create', { owner: 'team', mapRoles: [DEV] });

    expect(log(h)).toEqual(['GET 200', 'PUT 200']); // the PUT records ownership only
    expect(h.awsAuth()!.data.mapRoles).toBe(`${NODE_ROLE_YAML}${DEV_YAML}`);
    expect(ownersRecord(h)).toEqual({
      version: 1,
      owners: { team: { mapRoles: [DEV] } },
      adopted: { mapRoles: { [DEV.rolearn.toLowerCase()]: [DEV] } },
    });

    await run(h, 'Delete', { owner: 'team', mapRoles: [DEV] });
    expect(h.awsAuth()!.data.mapRoles).toBe(`${NODE_ROLE_YAML}${DEV_YAML}`);
    expect(h.awsAuth()!.annotations).toEqual({});
  });

  test('an unowned entry with other groups fails naming the principal; nothing is written', async () => {
    const h = await start();
    const rv = seedAwsAuth(h, { mapRoles: `${NODE_ROLE_YAML}- rolearn: ${DEV.rolearn}\n  username: developer\n  groups:\n  - dev:view\n` });
    const before = h.awsAuth();

    const message = await failure(run(h, 'Create', { owner: 'team', mapRoles: [DEV] }));

    expect(message).toBe(
      `aws-auth role ${DEV.rolearn} is already mapped by an unowned entry {"rolearn":"${DEV.rolearn}","username":"developer","groups":["dev:view"]}; `
      + 'owner "team" wants {"username":"developer","groups":["dev:edit"]}; change or remove that entry by hand, declare the same mapping to adopt it, '
      + 'or set takeOverUnowned to replace it',
    );
    expect(log(h)).toEqual(['GET 200']);
    expect(h.awsAuth()).toEqual(before);
    expect(h.awsAuth()!.resourceVersion).toBe(rv);
  });

  test('with takeOverUnowned the differing entry is replaced in place, and restored when the owner is deleted', async () => {
    const h = await start();
    const handWritten = `- rolearn: ${DEV.rolearn}\n  username: developer\n  groups:\n  - dev:view\n`;
    seedAwsAuth(h, { mapRoles: `${handWritten}${NODE_ROLE_YAML}` });

    await run(h, 'Create', { owner: 'team', mapRoles: [DEV], takeOverUnowned: true });

    expect(log(h)).toEqual(['GET 200', 'PUT 200']);
    expect(stored(h).mapRoles).toEqual([DEV, NODE_ROLE_ENTRY]);

    await run(h, 'Delete', { owner: 'team', mapRoles: [DEV], takeOverUnowned: true });
    expect(stored(h).mapRoles).toEqual([{ ...DEV, groups: ['dev:view'] }, NODE_ROLE_ENTRY]);
  });

  test('a node-role entry is never taken over, not even with takeOverUnowned', async () => {
    const h = await start();
    const rv = seedAwsAuth(h, { mapRoles: NODE_ROLE_YAML });

    const message = await failure(run(h, 'Create', {
      owner: 'team', mapRoles: [{ rolearn: NODE_ROLE_ENTRY.rolearn, username: 'node-admin', groups: ['admins'] }], takeOverUnowned: true,
    }));

    expect(message).toBe(
      `aws-auth role ${NODE_ROLE_ENTRY.rolearn} is mapped by an unowned node-role entry ${JSON.stringify(NODE_ROLE_ENTRY)} (groups include system:nodes); `
      + 'owner "team" wants {"username":"node-admin","groups":["admins"]}; node-role entries are never rewritten, not even with takeOverUnowned, '
      + 'because the nodes would lose access; declare exactly that mapping to adopt it, or map a different role',
    );
    expect(log(h)).toEqual(['GET 200']);
    expect(h.awsAuth()!.data.mapRoles).toBe(NODE_ROLE_YAML);
    expect(h.awsAuth()!.resourceVersion).toBe(rv);
  });
});

describe('a malformed aws-auth', () => {
  test('bad YAML in mapRoles fails with the parse error and leaves aws-auth untouched', async () => {
    const h = await start();
    const broken = `${NODE_ROLE_YAML}- rolearn: ${roleArn('x')}\n username: x\n`;
    const rv = seedAwsAuth(h, { mapRoles: broken, mapUsers: FOREIGN_USERS });
    const before = h.kube.store.get('kube-system', 'aws-auth');

    const message = await failure(run(h, 'Create', { owner: 'team', mapRoles: [role('developer')] }));

    expect(message).toBe(
      'aws-auth data key "mapRoles" is not valid YAML: Sequence item without - indicator at line 7, column 1; nothing was written; '
      + 'fix mapRoles in kube-system/aws-auth by hand (kubectl -n kube-system edit configmap aws-auth) and deploy again',
    );
    expect(log(h)).toEqual(['GET 200']);
    expect(h.kube.store.get('kube-system', 'aws-auth')).toEqual(before);
    expect(h.awsAuth()!.resourceVersion).toBe(rv);
    expect(h.awsAuth()!.data.mapRoles).toBe(broken);
  });
});
