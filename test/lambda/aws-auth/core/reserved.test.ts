/** Reserved identities in the app's own mappings: compliant and non-compliant cases. */
import {
  NODE_SHAPES, RESERVED_PREFIXES, describeReserved, reservedIdentities,
} from '../../../../lambda/aws-auth/core/reserved';
import type { IdentityFields } from '../../../../lambda/aws-auth/core/reserved';

const OFF = { allowClusterAdmin: false };
const ON = { allowClusterAdmin: true };
const EC2 = 'system:node:{{EC2PrivateDNSName}}';
const FARGATE = 'system:node:{{SessionName}}';
const SHAPES = 'a node mapping must be exactly one of: '
  + 'username "system:node:{{EC2PrivateDNSName}}" with groups system:bootstrappers, system:nodes (EC2 Linux nodes); '
  + 'username "system:node:{{EC2PrivateDNSName}}" with groups system:bootstrappers, system:nodes, eks:kube-proxy-windows (EC2 Windows nodes); '
  + 'username "system:node:{{SessionName}}" with groups system:bootstrappers, system:nodes, system:node-proxier (Fargate)';
const RESERVED = (prefix: string, group = false) => `is a reserved Kubernetes identity (prefix "${prefix}"), which Kubernetes and EKS components use and RBAC can give real power; use a name without the reserved prefixes system:, eks:, aws:, amazon:, iam:${group ? ' (and bind it with RBAC)' : ''}`;

describe('compliant: nothing reserved', () => {
  test.each<[string, 'role' | 'user', IdentityFields, { allowClusterAdmin: boolean }]>([
    ['a plain mapping', 'role', { username: 'developer', groups: ['developer', 'reader'] }, OFF],
    ['our own colon names', 'role', { username: 'sso-reader:{{SessionName}}', groups: ['eks-access:verifier', 'team:dev'] }, OFF],
    ['a caller-chosen template after a literal prefix', 'user', { username: 'sso:{{SessionName}}:admin', groups: ['team:{{SessionNameRaw}}'] }, OFF],
    ['a template without any colon (cannot render one)', 'role', { username: '{{SessionName}}', groups: ['{{SessionName}}'] }, OFF],
    ['a prefix only as a word, not a prefix', 'role', { username: 'my-system:x', groups: ['systems', 'eks-admins', 'aws'] }, OFF],
    ['system:masters with allowClusterAdmin', 'role', { username: 'admin', groups: ['system:masters'] }, ON],
    ['the EC2 Linux node shape', 'role', { username: EC2, groups: ['system:bootstrappers', 'system:nodes'] }, OFF],
    ['the EC2 Linux node shape, groups in another order', 'role', { username: EC2, groups: ['system:nodes', 'system:bootstrappers'] }, OFF],
    ['the EC2 Windows node shape', 'role', { username: EC2, groups: ['system:bootstrappers', 'system:nodes', 'eks:kube-proxy-windows'] }, OFF],
    ['the Fargate shape', 'role', { username: FARGATE, groups: ['system:bootstrappers', 'system:nodes', 'system:node-proxier'] }, OFF],
    ['non-strings are left to shape validation', 'role', { username: 42, groups: [null, 'dev'] }, OFF],
  ])('%s', (_name, kind, m, options) => {
    expect(reservedIdentities(kind, m, options)).toEqual([]);
  });
});

describe('non-compliant: each refused field named with its value and the fix', () => {
  test.each<[string, 'role' | 'user', IdentityFields, { allowClusterAdmin: boolean }, string[]]>([
    ['a control-plane user', 'role', { username: 'system:kube-controller-manager', groups: [] }, ON,
      [`username = "system:kube-controller-manager" ${RESERVED('system:')}`]],
    ['a non-node user in system:nodes', 'role', { username: 'alice', groups: ['system:nodes'] }, OFF,
      [`groups[0] = "system:nodes" is a node group; ${SHAPES}`]],
    ['system:masters without allowClusterAdmin', 'role', { username: 'admin', groups: ['dev', 'system:masters'] }, OFF,
      ['groups[1] = "system:masters" grants full cluster admin; set allowClusterAdmin: true to allow it, or map a narrower group bound with RBAC']],
    ['system:masters spelled in capitals (not the real group, still reserved)', 'role', { username: 'admin', groups: ['System:Masters'] }, ON,
      [`groups[0] = "System:Masters" ${RESERVED('system:', true)}`]],
    ['the node username with too few groups', 'role', { username: EC2, groups: ['system:nodes'] }, OFF,
      [`username = "${EC2}" is a node username; ${SHAPES}`, `groups[0] = "system:nodes" is a node group; ${SHAPES}`]],
    ['the node shape plus cluster admin', 'role', { username: EC2, groups: ['system:bootstrappers', 'system:nodes', 'system:masters'] }, ON,
      [`username = "${EC2}" is a node username; ${SHAPES}`, `groups[0] = "system:bootstrappers" is a node group; ${SHAPES}`, `groups[1] = "system:nodes" is a node group; ${SHAPES}`]],
    ['Fargate username with the EC2 groups', 'role', { username: FARGATE, groups: ['system:bootstrappers', 'system:nodes'] }, OFF,
      [`username = "${FARGATE}" is a node username; ${SHAPES}`, `groups[0] = "system:bootstrappers" is a node group; ${SHAPES}`, `groups[1] = "system:nodes" is a node group; ${SHAPES}`]],
    ['the node shape on a user (nodes are roles)', 'user', { username: EC2, groups: ['system:bootstrappers', 'system:nodes'] }, OFF,
      [`username = "${EC2}" is a node username; nodes are roles, map the node role under mapRoles`,
        'groups[0] = "system:bootstrappers" is a node group; nodes are roles, map the node role under mapRoles',
        'groups[1] = "system:nodes" is a node group; nodes are roles, map the node role under mapRoles']],
    ['eks:, aws:, amazon:, iam: prefixes', 'user', { username: 'eks:admin', groups: ['aws:x', 'AMAZON:y', 'iam:z'] }, OFF,
      [`username = "eks:admin" ${RESERVED('eks:')}`, `groups[0] = "aws:x" ${RESERVED('aws:', true)}`, `groups[1] = "AMAZON:y" ${RESERVED('amazon:', true)}`, `groups[2] = "iam:z" ${RESERVED('iam:', true)}`]],
    ['a caller-chosen template before the first colon', 'role', { username: '{{SessionName}}:kube-controller-manager', groups: ['s{{SessionNameRaw}}:masters'] }, ON,
      ['username = "{{SessionName}}:kube-controller-manager" starts with {{SessionName}}, which the caller chooses (its session name), before its first ":", so it can render to a reserved name such as "system:..."; put a literal prefix of your own first, for example "sso:{{SessionName}}:kube-controller-manager"',
        'groups[0] = "s{{SessionNameRaw}}:masters" starts with {{SessionNameRaw}}, which the caller chooses (its session name), before its first ":", so it can render to a reserved name such as "system:..."; put a literal prefix of your own first, for example "sso:s{{SessionNameRaw}}:masters"']],
  ])('%s', (_name, kind, m, options, sentences) => {
    expect(reservedIdentities(kind, m, options).map((r) => `${r.field} = ${JSON.stringify(r.value)} ${r.reason}`)).toEqual(sentences);
  });

  test.each(RESERVED_PREFIXES.map((p) => [p]))('every reserved prefix is refused as a username and as a group: %s', (prefix) => {
    expect(reservedIdentities('role', { username: `${prefix}x`, groups: [`${prefix}y`] }, ON).map((r) => r.field)).toEqual(['username', 'groups[0]']);
  });

  test('describeReserved names where, the field and the value', () => {
    const [r] = reservedIdentities('role', { username: 'system:anonymous', groups: [] }, OFF);
    expect(describeReserved('mapRoles[3]', r)).toBe(`mapRoles[3].username = "system:anonymous" ${RESERVED('system:')}`);
  });
});

test('the node shapes are the three EKS writes, each for roles only', () => {
  expect(NODE_SHAPES.map((s) => [s.username, [...s.groups].sort()])).toEqual([
    [EC2, ['system:bootstrappers', 'system:nodes']],
    [EC2, ['eks:kube-proxy-windows', 'system:bootstrappers', 'system:nodes']],
    [FARGATE, ['system:bootstrappers', 'system:node-proxier', 'system:nodes']],
  ]);
});
