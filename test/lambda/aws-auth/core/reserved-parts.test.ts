/** The parts of the reserved-identity rule: prefixes, caller-chosen templates, node shapes, node groups. */
import {
  BOOTSTRAPPERS_GROUP, CALLER_CHOSEN_TEMPLATES, EC2_NODE_USERNAME, FARGATE_NODE_USERNAME, NODE_PROXIER_GROUP, WINDOWS_KUBE_PROXY_GROUP,
  callerChosenPrefix, nodeShapeOf, reservedIdentities, reservedPrefixOf,
} from '../../../../lambda/aws-auth/core/reserved';
import type { IdentityFields } from '../../../../lambda/aws-auth/core/reserved';

test('the well-known names', () => {
  expect([BOOTSTRAPPERS_GROUP, WINDOWS_KUBE_PROXY_GROUP, NODE_PROXIER_GROUP]).toEqual(['system:bootstrappers', 'eks:kube-proxy-windows', 'system:node-proxier']);
  expect([EC2_NODE_USERNAME, FARGATE_NODE_USERNAME]).toEqual(['system:node:{{EC2PrivateDNSName}}', 'system:node:{{SessionName}}']);
  expect(CALLER_CHOSEN_TEMPLATES).toEqual(['{{SessionName}}', '{{SessionNameRaw}}']);
});

describe('reservedPrefixOf: the reserved prefix a name starts with, ignoring case', () => {
  test.each<[string, string | undefined]>([
    ['system:masters', 'system:'], ['SYSTEM:x', 'system:'], ['eks:x', 'eks:'], ['Aws:x', 'aws:'], ['amazon:x', 'amazon:'], ['IAM:x', 'iam:'],
    ['system:', 'system:'], ['system', undefined], ['systems:x', undefined], ['x:system:y', undefined], [' system:x', undefined], ['', undefined],
  ])('%j -> %j', (value, prefix) => {
    expect(reservedPrefixOf(value)).toBe(prefix);
  });
});

describe('callerChosenPrefix: a template the caller picks before the first colon', () => {
  test.each<[string, string | undefined]>([
    ['{{SessionName}}:x', '{{SessionName}}'],
    ['a{{SessionNameRaw}}b:x', '{{SessionNameRaw}}'],
    ['{{SessionName}}:{{SessionNameRaw}}', '{{SessionName}}'],
    ['{{SessionName}}', undefined],
    ['{{SessionName}}-dev', undefined],
    ['dev-{{SessionNameRaw}}', undefined],
    ['x:{{SessionName}}', undefined],
    [':{{SessionName}}', undefined],
    ['{{EC2PrivateDNSName}}:x', undefined],
    ['{{AccountID}}:{{SessionName}}', undefined],
  ])('%j -> %j', (value, template) => {
    expect(callerChosenPrefix(value)).toBe(template);
  });
});

describe('nodeShapeOf: exactly one of the shapes EKS writes', () => {
  test.each<[string, IdentityFields, string | undefined]>([
    ['EC2 Linux', { username: EC2_NODE_USERNAME, groups: ['system:bootstrappers', 'system:nodes'] }, 'EC2 Linux nodes'],
    ['EC2 Windows, groups in another order', { username: EC2_NODE_USERNAME, groups: ['eks:kube-proxy-windows', 'system:nodes', 'system:bootstrappers'] }, 'EC2 Windows nodes'],
    ['Fargate', { username: FARGATE_NODE_USERNAME, groups: ['system:bootstrappers', 'system:nodes', 'system:node-proxier'] }, 'Fargate'],
    ['a group listed twice instead of the Windows group', { username: EC2_NODE_USERNAME, groups: ['system:bootstrappers', 'system:nodes', 'system:nodes'] }, undefined],
    ['a group listed twice, the Linux groups all there', { username: EC2_NODE_USERNAME, groups: ['system:bootstrappers', 'system:bootstrappers', 'system:nodes'] }, undefined],
    ['a group more', { username: EC2_NODE_USERNAME, groups: ['system:bootstrappers', 'system:nodes', 'dev'] }, undefined],
    ['a group less', { username: FARGATE_NODE_USERNAME, groups: ['system:bootstrappers', 'system:nodes'] }, undefined],
    ['another username', { username: 'system:node:x', groups: ['system:bootstrappers', 'system:nodes'] }, undefined],
    ['groups not a list', { username: EC2_NODE_USERNAME, groups: 'system:bootstrappers' }, undefined],
    ['no groups', { username: EC2_NODE_USERNAME }, undefined],
  ])('%s', (_name, m, shape) => {
    expect(nodeShapeOf(m)?.name).toBe(shape);
  });
});

describe('groups of only some node shapes are node groups too', () => {
  test.each([[WINDOWS_KUBE_PROXY_GROUP], [NODE_PROXIER_GROUP], [BOOTSTRAPPERS_GROUP]])('%s on a user', (group) => {
    expect(reservedIdentities('user', { username: 'alice', groups: [group] }, { allowClusterAdmin: true }).map((r) => r.reason))
      .toEqual(['is a node group; nodes are roles, map the node role under mapRoles']);
  });

  test('a name with a template but no colon is not judged as a template', () => {
    expect(reservedIdentities('role', { username: '{{SessionName}}-dev', groups: ['{{SessionNameRaw}}.x'] }, { allowClusterAdmin: false })).toEqual([]);
  });

  test('a username that only looks like a node username is a reserved identity, not a node username', () => {
    expect(reservedIdentities('user', { username: 'system:node:x', groups: [] }, { allowClusterAdmin: false }).map((r) => r.reason)).toEqual([
      'is a reserved Kubernetes identity (prefix "system:"), which Kubernetes and EKS components use and RBAC can give real power; use a name without the reserved prefixes system:, eks:, aws:, amazon:, iam:',
    ]);
  });
});
