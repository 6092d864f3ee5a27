/**
 * Config validation of the aws-auth mappings an environment declares (people roles, existing
 * roles, users): usernames and groups, node roles, reserved identities, and a principal mapped
 * twice.
 */
import type { ExistingRoleMappingConfig, UserMappingConfig } from '../../../../lib/config/types';
import { validateEnvironment } from '../../../../lib/config/validate';
import { Groups } from '../../../../lib/k8s/groups';
import { problemLines } from '../problem-lines';
import { ACCOUNT, envConfig } from '../../../config-fixtures';

const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const user = (name: string) => `arn:aws:iam::${ACCOUNT}:user/${name}`;
const withRoles = (...existingRoles: ExistingRoleMappingConfig[]) => envConfig({ existingRoles });
const withUsers = (...users: UserMappingConfig[]) => envConfig({ users });
const EC2_NODE = 'system:node:{{EC2PrivateDNSName}}';
const NODE_ROLE_FIX = `a node role must map to username "${EC2_NODE}" with exactly the groups system:bootstrappers and system:nodes (Windows nodes add eks:kube-proxy-windows)`;
const NODE_SHAPE_FIX = 'is the node mapping shape; declare the role under existingRoles with nodeRole: true';
const NODE_GROUP_FIX = 'is reserved for node roles; declare the role under existingRoles with nodeRole: true';
const ADMIN_FIX = 'grants cluster-admin; set allowClusterAdmin: true for this environment if that is intended, otherwise use "reader" or "developer"';
const PRINTABLE = 'use printable characters without leading or trailing spaces (at most 1024)';

describe('username', () => {
  test.each([['missing', undefined], ['empty', ''], ['blank', '   '], ['a number', 5]])('%s is refused', (_label, username) => {
    const shown = username === undefined ? '(missing)' : JSON.stringify(username);
    expect(problemLines(withRoles({ arn: role('ops'), username: username as string, groups: [] }))).toEqual([
      `[test] existingRoles[0].username = ${shown}: must be a non-empty Kubernetes username`,
    ]);
  });

  test('leading or trailing whitespace cannot be written to aws-auth', () => {
    expect(problemLines(withUsers({ arn: user('jane'), username: 'jane ', groups: [] }))).toEqual([
      `[test] users[0].username = "jane ": cannot be written to aws-auth as it is: it starts or ends with whitespace; ${PRINTABLE}`,
    ]);
  });

  test('1024 characters are accepted, 1025 are not', () => {
    expect(() => validateEnvironment(withRoles({ arn: role('ops'), username: 'u'.repeat(1024), groups: [] }))).not.toThrow();
    const lines = problemLines(withRoles({ arn: role('ops'), username: 'u'.repeat(1025), groups: [] }));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[test\] existingRoles\[0\]\.username = "u+\.\.\.: cannot be written to aws-auth as it is: it is 1025 characters long; use printable characters without leading or trailing spaces \(at most 1024\)$/);
  });

  test('a people role username is checked the same way', () => {
    expect(problemLines(envConfig({ people: [{ roleName: 'dev', username: '', groups: [] }] }))).toEqual([
      '[test] people[0].username = "": must be a non-empty Kubernetes username',
    ]);
  });
});

describe('groups', () => {
  test.each([['missing', undefined], ['a string', 'developer'], ['null', null]])('%s is refused, and nothing else about the mapping is judged', (_label, groups) => {
    const shown = groups === undefined ? '(missing)' : JSON.stringify(groups);
    expect(problemLines(withRoles({ arn: role('nodes'), username: 'system:admin', groups: groups as unknown as string[], nodeRole: true }))).toEqual([
      `[test] existingRoles[0].groups = ${shown}: must be a list of Kubernetes group names (may be empty)`,
    ]);
  });

  test('each empty, blank or non-string entry is refused; each unprintable one too', () => {
    expect(problemLines(withUsers({ arn: user('jane'), username: 'jane', groups: ['ok', '', ' ', 7 as unknown as string, ' padded'] }))).toEqual([
      '[test] users[0].groups[1] = "": must be a non-empty group name',
      '[test] users[0].groups[2] = " ": must be a non-empty group name',
      '[test] users[0].groups[3] = 7: must be a non-empty group name',
      `[test] users[0].groups[4] = " padded": cannot be written to aws-auth as it is: it starts or ends with whitespace; ${PRINTABLE}`,
    ]);
  });

  test('an empty list is accepted', () => {
    expect(validateEnvironment(withUsers({ arn: user('jane'), username: 'jane', groups: [] })).users).toEqual([{ arn: user('jane'), username: 'jane', groups: [] }]);
  });
});

describe('node roles', () => {
  test.each([
    ['Linux', [Groups.bootstrappers, Groups.nodes]],
    ['Linux, groups in the other order', [Groups.nodes, Groups.bootstrappers]],
    ['Windows', [Groups.bootstrappers, Groups.nodes, 'eks:kube-proxy-windows']],
  ])('the %s node shape is accepted with nodeRole: true', (_label, groups) => {
    const mapping = { arn: role('nodes'), username: EC2_NODE, groups, nodeRole: true };
    expect(validateEnvironment(withRoles(mapping)).existingRoles).toEqual([mapping]);
  });

  test.each([
    ['only system:nodes', EC2_NODE, [Groups.nodes]],
    ['an extra group', EC2_NODE, [Groups.bootstrappers, Groups.nodes, Groups.reader]],
    ['a repeated group', EC2_NODE, [Groups.bootstrappers, Groups.nodes, Groups.nodes]],
    ['the Fargate username (not an EC2 node)', 'system:node:{{SessionName}}', [Groups.bootstrappers, Groups.nodes, 'system:node-proxier']],
    ['a person-like mapping', 'ops', [Groups.reader]],
  ])('%s is refused with the node shape as the fix', (_label, username, groups) => {
    expect(problemLines(withRoles({ arn: role('nodes'), username, groups, nodeRole: true }))).toEqual([
      `[test] existingRoles[0] = ${JSON.stringify({ username, groups })}: ${NODE_ROLE_FIX}`,
    ]);
  });

  test('nodeRole must be exactly true: "true" is an ordinary mapping, so the node shape is refused', () => {
    expect(problemLines(withRoles({ arn: role('nodes'), username: EC2_NODE, groups: [Groups.bootstrappers, Groups.nodes], nodeRole: 'true' as unknown as boolean }))).toEqual([
      `[test] existingRoles[0].groups = ["system:bootstrappers","system:nodes"]: ${NODE_SHAPE_FIX}`,
    ]);
  });

  test('the node shape is refused on a user and on a people role', () => {
    expect(problemLines(
      envConfig({
        people: [{ roleName: 'nodes', username: EC2_NODE, groups: [Groups.bootstrappers, Groups.nodes] }],
        users: [{ arn: user('node'), username: EC2_NODE, groups: [Groups.nodes, Groups.bootstrappers] }],
      }),
    )).toEqual([
      `[test] people[0].groups = ["system:bootstrappers","system:nodes"]: ${NODE_SHAPE_FIX}`,
      `[test] users[0].groups = ["system:nodes","system:bootstrappers"]: ${NODE_SHAPE_FIX}`,
    ]);
  });

  test('a node group without the node shape is reserved for node roles', () => {
    expect(problemLines(withUsers({ arn: user('jane'), username: 'jane', groups: [Groups.bootstrappers, Groups.reader] }))).toEqual([
      `[test] users[0].groups[0] = "system:bootstrappers": ${NODE_GROUP_FIX}`,
    ]);
  });
});

describe('reserved identities', () => {
  test('system:masters without allowClusterAdmin is refused on users and existing roles', () => {
    expect(problemLines(envConfig({
      existingRoles: [{ arn: role('ops'), username: 'ops', groups: [Groups.reader, Groups.clusterAdmin] }],
      users: [{ arn: user('jane'), username: 'jane', groups: [Groups.clusterAdmin] }],
    }))).toEqual([
      `[test] existingRoles[0].groups[1] = "system:masters": ${ADMIN_FIX}`,
      `[test] users[0].groups[0] = "system:masters": ${ADMIN_FIX}`,
    ]);
  });

  test('system:masters with allowClusterAdmin is accepted on users and existing roles', () => {
    expect(() => validateEnvironment(envConfig({
      allowClusterAdmin: true,
      existingRoles: [{ arn: role('ops'), username: 'ops', groups: [Groups.clusterAdmin] }],
      users: [{ arn: user('jane'), username: 'jane', groups: [Groups.clusterAdmin] }],
    }))).not.toThrow();
  });

  test('allowClusterAdmin other than true does not allow system:masters', () => {
    expect(problemLines(envConfig({
      allowClusterAdmin: 'yes' as unknown as boolean,
      users: [{ arn: user('jane'), username: 'jane', groups: [Groups.clusterAdmin] }],
    }))).toEqual([`[test] users[0].groups[0] = "system:masters": ${ADMIN_FIX}`]);
  });

  test('a node username on a user is refused with the reserved-identity reason (users cannot be nodes)', () => {
    expect(problemLines(withUsers({ arn: user('node'), username: EC2_NODE, groups: [] }))).toEqual([
      `[test] users[0].username = "${EC2_NODE}": is a node username; nodes are roles, map the node role under mapRoles`,
    ]);
  });

  test('a node username on a role that is not a node role names the node shapes (existing and people roles)', () => {
    const lines = problemLines(envConfig({
      people: [{ roleName: 'x', username: EC2_NODE, groups: [] }],
      existingRoles: [{ arn: role('y'), username: EC2_NODE, groups: [] }],
    }));
    expect(lines).toEqual([
      expect.stringMatching(/^\[test\] people\[0\]\.username = "system:node:\{\{EC2PrivateDNSName\}\}": is a node username; a node mapping must be exactly one of: username /),
      expect.stringMatching(/^\[test\] existingRoles\[0\]\.username = "system:node:\{\{EC2PrivateDNSName\}\}": is a node username; a node mapping must be exactly one of: username /),
    ]);
  });
});

describe('a principal mapped twice', () => {
  test('the same groups in another order are the same mapping', () => {
    expect(() => validateEnvironment(envConfig({
      people: [{ roleName: 'ops', username: 'ops', groups: ['a', 'b'] }],
      existingRoles: [{ arn: role('ops'), username: 'ops', groups: ['b', 'a'] }],
    }))).not.toThrow();
  });

  test('the people role ARN is built in the environment\'s partition and account', () => {
    expect(problemLines(envConfig({
      people: [{ roleName: 'Ops', username: 'ops', groups: ['b', 'a'] }],
      existingRoles: [{ arn: role('team/ops'), username: 'ops2', groups: ['c'] }],
    }))).toEqual([
      `[test] existingRoles[0] = "arn:aws:iam::${ACCOUNT}:role/ops": is also mapped by people[0] as "ops" [a,b] but here as "ops2" [c]; map each principal once`,
    ]);
  });

  test('a role in another account is another principal', () => {
    expect(() => validateEnvironment(envConfig({
      people: [{ roleName: 'ops', username: 'ops', groups: [] }],
      existingRoles: [{ arn: 'arn:aws:iam::210987654321:role/ops', username: 'other', groups: [] }],
    }))).not.toThrow();
  });

  test('each later mapping is compared with the first one', () => {
    expect(problemLines(withRoles(
      { arn: role('ops'), username: 'ops', groups: ['a'] },
      { arn: role('ops'), username: 'ops', groups: ['b'] },
      { arn: role('ops'), username: 'ops', groups: ['b'] },
      { arn: role('ops'), username: 'ops', groups: ['a'] },
    ))).toEqual([
      `[test] existingRoles[1] = "${role('ops')}": is also mapped by existingRoles[0] as "ops" [a] but here as "ops" [b]; map each principal once`,
      `[test] existingRoles[2] = "${role('ops')}": is also mapped by existingRoles[0] as "ops" [a] but here as "ops" [b]; map each principal once`,
    ]);
  });

  test('a repeat of the first mapping does not replace it as the one later ones are compared with', () => {
    expect(problemLines(withRoles(
      { arn: role('ops'), username: 'ops', groups: ['a'] },
      { arn: role('ops'), username: 'ops', groups: ['a'] },
      { arn: role('ops'), username: 'ops', groups: ['b'] },
    ))).toEqual([
      `[test] existingRoles[2] = "${role('ops')}": is also mapped by existingRoles[0] as "ops" [a] but here as "ops" [b]; map each principal once`,
    ]);
  });

  test('a cluster-admin people role with a trust problem is still compared', () => {
    expect(problemLines(envConfig({
      allowClusterAdmin: true,
      people: [{ roleName: 'admin', username: 'admin', groups: [Groups.clusterAdmin] }],
      existingRoles: [{ arn: role('admin'), username: 'other', groups: [Groups.clusterAdmin] }],
    }))).toEqual([
      expect.stringMatching(/^\[test\] people\[0\]\.trustedPrincipals = \(missing\): maps to system:masters, so it may not default/),
      `[test] existingRoles[0] = "${role('admin')}": is also mapped by people[0] as "admin" [system:masters] but here as "other" [system:masters]; map each principal once`,
    ]);
  });

  test('a role and a user of the same name are different principals', () => {
    expect(() => validateEnvironment(envConfig({
      existingRoles: [{ arn: role('ops'), username: 'a', groups: [] }],
      users: [{ arn: user('ops'), username: 'b', groups: [] }],
    }))).not.toThrow();
  });

  // IAM user names are unique ignoring case and the authenticator matches users by the
  // lower-cased ARN, so user/Jane and user/jane are one principal.
  test('user ARNs that differ only in case are the same user', () => {
    expect(problemLines(withUsers(
      { arn: user('Jane'), username: 'jane', groups: [Groups.reader] },
      { arn: user('jane'), username: 'jane', groups: [Groups.developer] },
    ))).toEqual([
      `[test] users[1] = "user:arn:aws:iam::${ACCOUNT}:user/jane": is also mapped by users[0] as "jane" [reader] but here as "jane" [developer]; map each principal once`,
    ]);
  });

  test('mappings whose ARN or groups are unusable are left to their own problems', () => {
    expect(problemLines(envConfig({
      people: [{ roleName: 'ops', username: 'ops', groups: 'a' as unknown as string[] }],
      existingRoles: [
        { arn: role('ops'), username: 'other', groups: [] },
        { arn: 'not-an-arn', username: 'x', groups: [] },
        { arn: 'not-an-arn', username: 'y', groups: [] },
      ],
      users: [
        { arn: 5 as unknown as string, username: 'x', groups: [] },
        { arn: 5 as unknown as string, username: 'y', groups: [] },
      ],
    }))).toEqual([
      '[test] people[0].groups = "a": must be a list of Kubernetes group names (may be empty)',
      '[test] existingRoles[1].arn = "not-an-arn": "not-an-arn" is not an IAM role ARN; write it as arn:aws:iam::123456789012:role/NAME',
      '[test] existingRoles[2].arn = "not-an-arn": "not-an-arn" is not an IAM role ARN; write it as arn:aws:iam::123456789012:role/NAME',
      '[test] users[0].arn = 5: expected an IAM user ARN, got 5; write it as arn:aws:iam::123456789012:user/NAME',
      '[test] users[1].arn = 5: expected an IAM user ARN, got 5; write it as arn:aws:iam::123456789012:user/NAME',
    ]);
  });

  test('a people role with an invalid role name is not compared', () => {
    expect(problemLines(envConfig({
      people: [{ roleName: 'a b', username: 'ops', groups: [] }],
      existingRoles: [{ arn: role('a b'), username: 'other', groups: [] }],
    }))).toEqual([
      '[test] people[0].roleName = "a b": must be an IAM role name (letters, digits, +=,.@_-, at most 64)',
      `[test] existingRoles[0].arn = "${role('a b')}": "${role('a b')}" has an invalid role name or path; names use letters, digits and +=,.@_- (at most 128)`,
    ]);
  });
});
