/**
 * Reserved Kubernetes identities in the owner's own mappings are refused on entry, before any
 * call (nothing read, nothing written); the node shapes pass; foreign entries that use reserved
 * identities are never judged.
 */
import { OWNERS_ANNOTATION } from '../../../../lambda/aws-auth/api';
import { harnessPerTest, role, roleArn, run, seedAwsAuth, stored, user, userArn } from './support';

const start = harnessPerTest();
const SHAPES = 'a node mapping must be exactly one of: '
  + 'username "system:node:{{EC2PrivateDNSName}}" with groups system:bootstrappers, system:nodes (EC2 Linux nodes); '
  + 'username "system:node:{{EC2PrivateDNSName}}" with groups system:bootstrappers, system:nodes, eks:kube-proxy-windows (EC2 Windows nodes); '
  + 'username "system:node:{{SessionName}}" with groups system:bootstrappers, system:nodes, system:node-proxier (Fargate)';

describe('reserved identities in the owner\'s mappings are refused before any call', () => {
  test.each<[string, Record<string, unknown>, string]>([
    ['a control-plane username', { mapRoles: [role('ops', ['ops'], 'system:kube-controller-manager')] },
      'mapRoles[0].username = "system:kube-controller-manager" is a reserved Kubernetes identity (prefix "system:"), which Kubernetes and EKS components use and RBAC can give real power; use a name without the reserved prefixes system:, eks:, aws:, amazon:, iam:'],
    ['a person in system:nodes', { mapRoles: [role('dev'), role('alice', ['dev', 'system:nodes'])] },
      `mapRoles[1].groups[1] = "system:nodes" is a node group; ${SHAPES}`],
    ['a user with an eks: group and an aws: username', { mapUsers: [user('bob', ['eks:admins'], 'aws:bob')] },
      '2 reserved Kubernetes identities: mapUsers[0].username = "aws:bob" is a reserved Kubernetes identity (prefix "aws:"), which Kubernetes and EKS components use and RBAC can give real power; use a name without the reserved prefixes system:, eks:, aws:, amazon:, iam:; '
      + 'mapUsers[0].groups[0] = "eks:admins" is a reserved Kubernetes identity (prefix "eks:"), which Kubernetes and EKS components use and RBAC can give real power; use a name without the reserved prefixes system:, eks:, aws:, amazon:, iam: (and bind it with RBAC)'],
    ['a session-name template before the first colon', { mapRoles: [role('sso', ['dev'], '{{SessionName}}:kube-scheduler')] },
      'mapRoles[0].username = "{{SessionName}}:kube-scheduler" starts with {{SessionName}}, which the caller chooses (its session name), before its first ":", so it can render to a reserved name such as "system:..."; put a literal prefix of your own first, for example "sso:{{SessionName}}:kube-scheduler"'],
  ])('%s', async (_name, props, message) => {
    const h = await start();
    await expect(run(h, 'Create', { owner: 'team', ...props })).rejects.toThrow(new Error(message));
    expect(h.kube.requests).toEqual([]);
    expect(h.aws.requests).toEqual([]);
  });

  test('the node shapes (EC2 Linux, Windows, Fargate) are written', async () => {
    const h = await start();
    const linux = { rolearn: roleArn('linux-nodes'), username: 'system:node:{{EC2PrivateDNSName}}', groups: ['system:bootstrappers', 'system:nodes'] };
    const windows = { rolearn: roleArn('windows-nodes'), username: 'system:node:{{EC2PrivateDNSName}}', groups: ['system:bootstrappers', 'system:nodes', 'eks:kube-proxy-windows'] };
    const fargate = { rolearn: roleArn('fargate-pods'), username: 'system:node:{{SessionName}}', groups: ['system:bootstrappers', 'system:nodes', 'system:node-proxier'] };

    await run(h, 'Create', { owner: 'team', mapRoles: [linux, windows, fargate] });

    expect(stored(h).mapRoles).toEqual([fargate, linux, windows]);
  });

  test('foreign entries with reserved identities are never judged: they stay and the owner\'s entry is added', async () => {
    const h = await start();
    const foreign = `- rolearn: ${roleArn('legacy')}\n  username: system:kube-controller-manager\n  groups:\n  - system:masters\n`;
    seedAwsAuth(h, { mapRoles: foreign, mapUsers: `- userarn: ${userArn('root-ish')}\n  username: eks:x\n  groups:\n  - system:nodes\n` });

    await run(h, 'Create', { owner: 'team', mapRoles: [role('dev')] });

    expect(h.awsAuth()!.data.mapRoles.startsWith(foreign)).toBe(true);
    expect(stored(h).mapRoles).toEqual([{ rolearn: roleArn('legacy'), username: 'system:kube-controller-manager', groups: ['system:masters'] }, role('dev')]);
  });

  test('Delete of a mapping an older version accepted (a person in system:nodes) removes it', async () => {
    const h = await start();
    const old = role('ops', ['system:nodes']);
    const record = JSON.stringify({ version: 1, owners: { team: { mapRoles: [old] } } });
    seedAwsAuth(h, { mapRoles: `- rolearn: ${old.rolearn}\n  username: ops\n  groups:\n  - system:nodes\n` }, { annotations: { [OWNERS_ANNOTATION]: record } });

    await expect(run(h, 'Delete', { owner: 'team', mapRoles: [old] })).resolves.toMatchObject({ PhysicalResourceId: 'aws-auth/demo/team' });

    expect(stored(h).mapRoles).toEqual([]);
    expect(h.awsAuth()!.annotations).toEqual({});
  });
});
