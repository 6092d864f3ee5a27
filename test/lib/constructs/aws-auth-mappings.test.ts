import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { WRITER_GROUP } from '../../../lambda/aws-auth/api';
import { AwsAuthMappings } from '../../../lib/constructs/aws-auth/aws-auth-mappings';
import { AWS_AUTH_HANDLER_DESCRIPTION } from '../../../lib/constructs/aws-auth/aws-auth-provider';
import { Groups } from '../../../lib/k8s/groups';
import {
  ACCOUNT, NO_BUNDLING, REGION, asList, cliContext, dependsOn, getAtt, importedCluster, onlyResource, ownObjects, ref, resolveCrossStack,
  resourcesOfType, statements,
} from '../../util';
import type { CfnResource, TemplateJson } from '../../util';

const env = { account: ACCOUNT, region: REGION };
const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const user = (name: string) => `arn:aws:iam::${ACCOUNT}:user/${name}`;

const MAPPED = {
  teamA: role('team-a'),
  ops: role('platform/ops'),
  jane: user('jane'),
  teamB: role('team-b'),
  assumed: role('aws-auth-editor'),
};

const templates = new Map<string, Template>();
const byStackName = new Map<string, TemplateJson>();
let importedClusterArns: { first: unknown; second: unknown };

beforeAll(() => {
  const app = new App({ context: { ...cliContext(), ...NO_BUNDLING } });
  const infra = new Stack(app, 'Infra', { env });
  const cluster = new eks.Cluster(infra, 'Cluster', {
    version: eks.KubernetesVersion.of('1.35'),
    defaultCapacity: 0,
    defaultCapacityType: eks.DefaultCapacityType.NODEGROUP
  });

  // Two mappings on one cluster in one stack: one provider.
  const teamA = new Stack(app, 'TeamA', { env });
  const a1 = new AwsAuthMappings(teamA, 'Roles', { cluster });
  a1.addRoleMapping(iam.Role.fromRoleArn(teamA, 'TeamARole', MAPPED.teamA), { username: 'team-a', groups: [Groups.developer] });
  a1.addRoleMapping(iam.Role.fromRoleArn(teamA, 'OpsRole', MAPPED.ops), { username: 'ops', groups: [Groups.reader] });
  const a2 = new AwsAuthMappings(teamA, 'Users', { cluster });
  a2.addUserMapping(iam.User.fromUserArn(teamA, 'Jane', MAPPED.jane), { username: 'jane', groups: [Groups.reader] });

  // Another stack, same cluster: its own provider; no principal validation.
  const teamB = new Stack(app, 'TeamB', { env });
  new AwsAuthMappings(teamB, 'Roles', { cluster, validatePrincipals: false })
    .addRoleMapping(iam.Role.fromRoleArn(teamB, 'TeamBRole', MAPPED.teamB), { username: 'team-b', groups: [Groups.developer] });

  // A handler that assumes an existing role instead of getting its own access.
  const legacy = new Stack(app, 'Legacy', { env });
  new AwsAuthMappings(legacy, 'Roles', { cluster, assumeRole: iam.Role.fromRoleArn(legacy, 'Editor', MAPPED.assumed) })
    .addRoleMapping(iam.Role.fromRoleArn(legacy, 'TeamBRole', MAPPED.teamB), { username: 'team-b', groups: [Groups.developer] });

  // Imported clusters: one provider per cluster.
  const imported = new Stack(app, 'Imported', { env });
  const first = importedCluster(imported, 'First', 'first-cluster');
  const second = importedCluster(imported, 'Second', 'second-cluster');
  new AwsAuthMappings(imported, 'FirstMappings', { cluster: first })
    .addRoleMapping(iam.Role.fromRoleArn(imported, 'TeamARole', MAPPED.teamA), { username: 'team-a', groups: [Groups.developer] });
  new AwsAuthMappings(imported, 'SecondMappings', { cluster: second, owner: 'platform/second' })
    .addRoleMapping(iam.Role.fromRoleArn(imported, 'TeamBRole', MAPPED.teamB), { username: 'team-b', groups: [Groups.developer] });
  importedClusterArns = { first: imported.resolve(first.clusterArn), second: imported.resolve(second.clusterArn) };

  app.synth();
  for (const stack of [infra, teamA, teamB, legacy, imported]) {
    const template = Template.fromStack(stack);
    templates.set(stack.stackName, template);
    byStackName.set(stack.stackName, template.toJSON() as TemplateJson);
  }
});

const t = (stackName: string) => templates.get(stackName) as Template;

/** The handler functions of a stack. */
const handlers = (stackName: string) => resourcesOfType(t(stackName), 'AWS::Lambda::Function', (f) => f.Properties?.Description === AWS_AUTH_HANDLER_DESCRIPTION);

/** The handler of a stack with one provider: its function, role id, log group id and policy statements. */
function handler(stackName: string) {
  const [, fn] = onlyResource(t(stackName), 'AWS::Lambda::Function', (f) => f.Properties?.Description === AWS_AUTH_HANDLER_DESCRIPTION);
  return handlerParts(stackName, fn);
}

/** A policy statement with its actions as a sorted list. */
interface Statement {
  readonly Action: string[];
  readonly Effect: string;
  readonly Resource: unknown;
}

function handlerParts(stackName: string, fn: CfnResource) {
  const roleId = (fn.Properties?.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0];
  const logGroupId = ((fn.Properties?.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup).Ref;
  const policies = resourcesOfType(t(stackName), 'AWS::IAM::Policy', (p) => JSON.stringify(p.Properties?.Roles) === JSON.stringify([ref(roleId)]));
  expect(policies).toHaveLength(1);
  const policy = statements(policies[0][1].Properties?.PolicyDocument).map((s) => ({ ...s, Action: asList(s.Action as string | string[]).sort() }));
  return { fn, roleId, logGroupId, role: t(stackName).toJSON().Resources[roleId] as CfnResource, policy: resolveCrossStack(policy, byStackName) as Statement[] };
}

/** The aws-auth writer's access entry (the stack's manifests function has its own). */
const isWriterEntry = (r: CfnResource) => JSON.stringify(r.Properties?.KubernetesGroups) === JSON.stringify([WRITER_GROUP]);

/** The app's own resources (construct id `WriterRbacObjects`, as in 0.2) that write the writer RBAC in a stack. */
const writerRbac = (stackName: string) => ownObjects(t(stackName)).filter((r) => r.id.includes('WriterRbacObjects'));

const clusterArn = () => getAtt(onlyResource(t('Infra'), 'AWS::EKS::Cluster')[0], 'Arn');
const clusterRef = () => ref(onlyResource(t('Infra'), 'AWS::EKS::Cluster')[0]);

describe('provider', () => {
  test('one handler per cluster per stack, even with two AwsAuthMappings', () => {
    expect(handlers('TeamA')).toHaveLength(1);
    const merges = resourcesOfType(t('TeamA'), 'Custom::EksAccessAwsAuth');
    expect(merges).toHaveLength(2);
    expect(merges[0][1].Properties?.ServiceToken).toEqual(merges[1][1].Properties?.ServiceToken);
    expect(resourcesOfType(t('TeamA'), 'AWS::EKS::AccessEntry', isWriterEntry)).toHaveLength(1);
    expect(writerRbac('TeamA')).toHaveLength(1);
  });

  test('a second stack gets its own handler', () => {
    expect(handlers('TeamB')).toHaveLength(1);
    expect(handlers('Legacy')).toHaveLength(1);
  });

  test('two clusters in one stack get one handler each', () => {
    expect(handlers('Imported')).toHaveLength(2);
    expect(resourcesOfType(t('Imported'), 'AWS::EKS::AccessEntry', isWriterEntry)).toHaveLength(2);
  });
});

describe('handler role', () => {
  test('trusted by Lambda only; no inline policies, and only the managed policy a function in a VPC needs', () => {
    const { role: r } = handler('TeamA');
    expect(r.Properties?.AssumeRolePolicyDocument).toEqual({
      Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } }],
      Version: '2012-10-17',
    });
    expect(r.Properties?.ManagedPolicyArns).toEqual([{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole']] }]);
    expect(r.Properties?.Policies).toBeUndefined();
  });

  test('eks:DescribeCluster on that cluster, iam:GetRole/GetUser on exactly the mapped ARNs, logs to its own log group', () => {
    const { policy, logGroupId } = handler('TeamA');
    expect(policy).toHaveLength(3);
    expect(policy).toEqual(expect.arrayContaining([
      { Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Effect: 'Allow', Resource: getAtt(logGroupId, 'Arn') },
      { Action: ['eks:DescribeCluster'], Effect: 'Allow', Resource: clusterArn() },
      { Action: ['iam:GetRole', 'iam:GetUser'], Effect: 'Allow', Resource: expect.any(Array) },
    ]));
    const validation = policy.find((s) => s.Action.includes('iam:GetRole'));
    expect([...(validation?.Resource as string[])].sort()).toEqual([MAPPED.jane, MAPPED.ops, MAPPED.teamA].sort());
  });

  test('the log group is the handler\'s own, created with it', () => {
    const { logGroupId } = handler('TeamA');
    expect((t('TeamA').toJSON().Resources[logGroupId] as CfnResource).Type).toBe('AWS::Logs::LogGroup');
  });

  test('no wildcard action and no wildcard resource, in any handler policy', () => {
    for (const stackName of ['TeamA', 'TeamB', 'Legacy']) {
      for (const s of handler(stackName).policy) {
        for (const a of s.Action) expect(a).not.toContain('*');
        expect(JSON.stringify(s.Resource)).not.toMatch(/"\*"|:\*"/);
      }
    }
  });

  test('without principal validation there is no iam:GetRole/GetUser statement', () => {
    const { policy, logGroupId } = handler('TeamB');
    expect(policy).toHaveLength(2);
    expect(policy).toEqual(expect.arrayContaining([
      { Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Effect: 'Allow', Resource: getAtt(logGroupId, 'Arn') },
      { Action: ['eks:DescribeCluster'], Effect: 'Allow', Resource: clusterArn() },
    ]));
    t('TeamB').hasResourceProperties('Custom::EksAccessAwsAuth', { ValidatePrincipals: 'false' });
  });
});

describe('Kubernetes access of the handler', () => {
  test('an access entry in the writer group, for the handler role, without access policies', () => {
    const { roleId } = handler('TeamA');
    const [, entry] = onlyResource(t('TeamA'), 'AWS::EKS::AccessEntry', isWriterEntry);
    expect(resolveCrossStack(entry.Properties, byStackName)).toEqual({
      ClusterName: clusterRef(),
      KubernetesGroups: [WRITER_GROUP],
      PrincipalArn: getAtt(roleId, 'Arn'),
      Type: 'STANDARD',
    });
    expect(WRITER_GROUP).toBe('eks-access:aws-auth-writer');
  });

  test('the writer RBAC: a kube-system Role limited to aws-auth, bound to the writer group', () => {
    const [rbac] = writerRbac('TeamA');
    expect(rbac.patches).toEqual([]);
    const [writerRole, binding] = rbac.objects;
    expect(writerRole).toEqual(expect.objectContaining({
      kind: 'Role',
      metadata: expect.objectContaining({ name: 'eks-access-aws-auth-writer', namespace: 'kube-system' }),
    }));
    // Exactly the verbs the handler sends (test/lib/k8s/aws-auth-writer-verbs.test.ts): no patch.
    expect(writerRole.rules).toEqual([
      { apiGroups: [''], resources: ['configmaps'], resourceNames: ['aws-auth'], verbs: ['get', 'update'] },
      { apiGroups: [''], resources: ['configmaps'], verbs: ['create'] },
    ]);
    expect(binding).toEqual(expect.objectContaining({
      kind: 'RoleBinding',
      metadata: expect.objectContaining({ name: 'eks-access-aws-auth-writer', namespace: 'kube-system' }),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'eks-access-aws-auth-writer' },
      subjects: [{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: WRITER_GROUP }],
    }));
    expect(resolveCrossStack(rbac.resource.Properties?.ClusterName, byStackName)).toEqual(clusterRef());
  });

  test('every Custom::EksAccessAwsAuth DependsOn the access entry and the app\'s own RBAC resource (WriterRbacObjects); no kubectl resource and no ReleaseAdopted', () => {
    const [entryId] = onlyResource(t('TeamA'), 'AWS::EKS::AccessEntry', isWriterEntry);
    const [rbac] = writerRbac('TeamA');
    expect(rbac.objects.map((o) => o.kind)).toEqual(['Role', 'RoleBinding']);
    expect(rbac.resource.Properties).not.toHaveProperty('ReleaseAdopted');
    const merges = resourcesOfType(t('TeamA'), 'Custom::EksAccessAwsAuth');
    expect(merges).toHaveLength(2);
    for (const [, merge] of merges) expect(dependsOn(merge)).toEqual(expect.arrayContaining([entryId, rbac.id]));
    for (const name of ['Infra', 'TeamA', 'TeamB', 'Legacy', 'Imported']) {
      expect(resourcesOfType(t(name), 'Custom::AWSCDK-EKS-KubernetesResource')).toEqual([]);
      expect(resourcesOfType(t(name), 'Custom::AWSCDK-EKS-KubernetesPatch')).toEqual([]);
    }
  });
});

describe('merge resource properties', () => {
  test('mappings, owner and flags as declared', () => {
    const merges = resourcesOfType(t('TeamA'), 'Custom::EksAccessAwsAuth').map(([, m]) => resolveCrossStack(m.Properties, byStackName) as Record<string, unknown>);
    const roles = merges.find((m) => m.Owner === 'TeamA/Roles');
    const users = merges.find((m) => m.Owner === 'TeamA/Users');
    expect(roles).toEqual(expect.objectContaining({
      ClusterName: clusterRef(),
      MapRoles: [
        { rolearn: MAPPED.teamA, username: 'team-a', groups: [Groups.developer] },
        { rolearn: MAPPED.ops, username: 'ops', groups: [Groups.reader] },
      ],
      MapUsers: [],
      MapAccounts: [],
      AllowClusterAdmin: 'false',
      TakeOverUnowned: 'false',
      ValidatePrincipals: 'true',
    }));
    expect(roles).not.toHaveProperty('AssumeRoleArn');
    expect(users).toEqual(expect.objectContaining({ MapRoles: [], MapUsers: [{ userarn: MAPPED.jane, username: 'jane', groups: [Groups.reader] }] }));
  });
});

describe('with assumeRole', () => {
  test('no access entry and no RBAC manifest', () => {
    t('Legacy').resourceCountIs('AWS::EKS::AccessEntry', 0);
    expect(writerRbac('Legacy')).toEqual([]);
  });

  test('the handler may sts:AssumeRole exactly that role, and the merge resource names it', () => {
    const { policy } = handler('Legacy');
    expect(policy).toContainEqual({ Action: ['sts:AssumeRole'], Effect: 'Allow', Resource: MAPPED.assumed });
    const [, merge] = onlyResource(t('Legacy'), 'Custom::EksAccessAwsAuth');
    expect(merge.Properties?.AssumeRoleArn).toBe(MAPPED.assumed);
    // Only on the cluster security group's rule that admits the handler (no access entry, no RBAC).
    expect(dependsOn(merge).map((id) => t('Legacy').toJSON().Resources[id].Type)).toEqual(['AWS::EC2::SecurityGroupIngress']);
  });
});

describe('imported cluster (eks.Cluster.fromClusterAttributes with a kubectlProvider)', () => {
  test('each merge resource targets its cluster by name', () => {
    const names = resourcesOfType(t('Imported'), 'Custom::EksAccessAwsAuth').map(([, m]) => [m.Properties?.ClusterName, m.Properties?.Owner]);
    expect(names).toEqual(expect.arrayContaining([['first-cluster', 'Imported/FirstMappings'], ['second-cluster', 'platform/second']]));
  });

  test('the writer RBAC of each cluster is the app\'s own resource on that cluster, through its own manifests provider (not the imported kubectl provider)', () => {
    const rbac = writerRbac('Imported');
    expect(rbac.map((r) => r.resource.Properties?.ClusterName)).toEqual(expect.arrayContaining(['first-cluster', 'second-cluster']));
    expect(rbac).toHaveLength(2);
    const tokens = rbac.map((r) => JSON.stringify(r.resource.Properties?.ServiceToken));
    expect(new Set(tokens).size).toBe(2);
    for (const token of tokens) expect(token).not.toContain('kubectl');
  });

  test('each handler may describe exactly its own cluster', () => {
    const described = handlers('Imported').map(([, fn]) => handlerParts('Imported', fn).policy
      .filter((s) => s.Action.includes('eks:DescribeCluster')).map((s) => s.Resource));
    expect(described).toEqual(expect.arrayContaining([[importedClusterArns.first], [importedClusterArns.second]]));
    expect(described).toHaveLength(2);
  });
});

describe('synth-time errors', () => {
  /** A fresh stack with an imported cluster and one AwsAuthMappings at path Err/Mappings. */
  function fixture(options: { allowClusterAdmin?: boolean } = {}) {
    const stack = new Stack(new App({ context: NO_BUNDLING }), 'Err', { env });
    const mappings = new AwsAuthMappings(stack, 'Mappings', { cluster: importedCluster(stack, 'Cluster', 'err-cluster'), ...options });
    return { stack, mappings, role: (id: string, arn: string) => iam.Role.fromRoleArn(stack, id, arn) };
  }

  test('system:masters without allowClusterAdmin', () => {
    const { mappings, role: r } = fixture();
    expect(() => mappings.addRoleMapping(r('Admin', role('admin')), { username: 'admin', groups: [Groups.clusterAdmin] })).toThrow(
      `AwsAuthMappings Err/Mappings: mapping of ${role('admin')}: groups[0] = "system:masters" grants full cluster admin; set allowClusterAdmin: true to allow it, or map a narrower group bound with RBAC`,
    );
  });

  test.each<[string, 'role' | 'user', { username: string; groups: string[] }, string]>([
    ['a control-plane username on a role', 'role', { username: 'system:kube-controller-manager', groups: [Groups.reader] },
      'username = "system:kube-controller-manager" is a reserved Kubernetes identity (prefix "system:"), which Kubernetes and EKS components use and RBAC can give real power; use a name without the reserved prefixes system:, eks:, aws:, amazon:, iam:'],
    ['a person in system:nodes', 'role', { username: 'alice', groups: [Groups.reader, Groups.nodes] },
      'groups[1] = "system:nodes" is a node group; a node mapping must be exactly one of: username "system:node:{{EC2PrivateDNSName}}" with groups system:bootstrappers, system:nodes (EC2 Linux nodes); username "system:node:{{EC2PrivateDNSName}}" with groups system:bootstrappers, system:nodes, eks:kube-proxy-windows (EC2 Windows nodes); username "system:node:{{SessionName}}" with groups system:bootstrappers, system:nodes, system:node-proxier (Fargate)'],
    ['a user with an iam: group', 'user', { username: 'jane', groups: ['iam:admins'] },
      'groups[0] = "iam:admins" is a reserved Kubernetes identity (prefix "iam:"), which Kubernetes and EKS components use and RBAC can give real power; use a name without the reserved prefixes system:, eks:, aws:, amazon:, iam: (and bind it with RBAC)'],
    ['the node shape on a user', 'user', { username: 'system:node:{{EC2PrivateDNSName}}', groups: [Groups.bootstrappers, Groups.nodes] },
      'username = "system:node:{{EC2PrivateDNSName}}" is a node username; nodes are roles, map the node role under mapRoles; groups[0] = "system:bootstrappers" is a node group; nodes are roles, map the node role under mapRoles; groups[1] = "system:nodes" is a node group; nodes are roles, map the node role under mapRoles'],
  ])('reserved identity at synth: %s', (_name, kind, mapping, detail) => {
    const { stack, mappings, role: r } = fixture({ allowClusterAdmin: true });
    const arn = kind === 'role' ? role('x') : user('x');
    const add = () => (kind === 'role' ? mappings.addRoleMapping(r('X', arn), mapping) : mappings.addUserMapping(iam.User.fromUserArn(stack, 'X', arn), mapping));
    expect(add).toThrow(new Error(`AwsAuthMappings Err/Mappings: mapping of ${arn}: ${detail}`));
  });

  test.each<[string, string, string[]]>([
    ['EC2 Linux', 'system:node:{{EC2PrivateDNSName}}', [Groups.bootstrappers, Groups.nodes]],
    ['EC2 Windows', 'system:node:{{EC2PrivateDNSName}}', [Groups.nodes, Groups.bootstrappers, 'eks:kube-proxy-windows']],
    ['Fargate', 'system:node:{{SessionName}}', [Groups.bootstrappers, Groups.nodes, 'system:node-proxier']],
  ])('the %s node shape is accepted on a role', (_name, username, groups) => {
    const { mappings, role: r } = fixture();
    expect(() => mappings.addRoleMapping(r('Nodes', role('nodes')), { username, groups })).not.toThrow();
  });

  test('system:masters with allowClusterAdmin is accepted', () => {
    const { mappings, role: r } = fixture({ allowClusterAdmin: true });
    expect(() => mappings.addRoleMapping(r('Admin', role('admin')), { username: 'admin', groups: [Groups.clusterAdmin] })).not.toThrow();
  });

  test('the same role mapped twice differently (once with an IAM path)', () => {
    const { mappings, role: r } = fixture();
    mappings.addRoleMapping(r('Ops', role('ops')), { username: 'ops', groups: [Groups.reader] });
    expect(() => mappings.addRoleMapping(r('OpsWithPath', role('team/Ops')), { username: 'ops', groups: [Groups.developer] })).toThrow(
      `AwsAuthMappings Err/Mappings: ${role('team/Ops')} is mapped twice, as ops [reader] and as ops [developer]; map each principal once`,
    );
  });

  test('the same role mapped twice identically is accepted', () => {
    const { mappings, role: r } = fixture();
    mappings.addRoleMapping(r('Ops', role('ops')), { username: 'ops', groups: [Groups.reader] });
    expect(() => mappings.addRoleMapping(r('Ops2', role('ops')), { username: 'ops', groups: [Groups.reader] })).not.toThrow();
  });

  test('an assumed-role (STS) ARN imported through iam.Role.fromRoleArn', () => {
    const { mappings, role: r } = fixture();
    const sts = 'arn:aws:sts::123456789012:assumed-role/Admin/jane';
    expect(() => mappings.addRoleMapping(r('Session', sts), { username: 'admin', groups: [Groups.reader] })).toThrow(
      `AwsAuthMappings Err/Mappings: "${sts}" is an STS assumed-role session, not a role; map the role itself: arn:aws:iam::123456789012:role/Admin`,
    );
  });

  test.each(['', '   '])('empty username %j', (username) => {
    const { mappings, role: r } = fixture();
    expect(() => mappings.addRoleMapping(r('Dev', role('dev')), { username, groups: [Groups.developer] })).toThrow(
      `AwsAuthMappings Err/Mappings: mapping of ${role('dev')} has an empty username; give the Kubernetes username it maps to`,
    );
  });

  test('an empty group name', () => {
    const { mappings, role: r } = fixture();
    expect(() => mappings.addRoleMapping(r('Dev', role('dev')), { username: 'dev', groups: [''] })).toThrow(
      `AwsAuthMappings Err/Mappings: mapping of ${role('dev')} has an empty group name`,
    );
  });

  test.each(['12345', '1234567890123', 'abcdefghijkl'])('bad account id %s', (account) => {
    const { mappings } = fixture();
    expect(() => mappings.addAccount(account)).toThrow(`AwsAuthMappings Err/Mappings: account "${account}" is not a 12-digit AWS account id`);
  });

  test('a bad owner id', () => {
    const stack = new Stack(new App({ context: NO_BUNDLING }), 'Err', { env });
    expect(() => new AwsAuthMappings(stack, 'Mappings', { cluster: importedCluster(stack, 'Cluster', 'err-cluster'), owner: 'team a' })).toThrow(
      'AwsAuthMappings Err/Mappings: owner "team a" must start with a letter or digit and use at most 256 letters, digits and ._/:@-',
    );
    // The same rule as the handler and the core: a leading "-" is refused here, at synth.
    expect(() => new AwsAuthMappings(stack, 'Mappings2', { cluster: importedCluster(stack, 'Cluster2', 'err-cluster'), owner: '-team' })).toThrow(/owner "-team" must start with a letter or digit/);
  });

  test('two AwsAuthMappings of one cluster in one stack with different assumeRole values', () => {
    const { stack } = fixture();
    const cluster = importedCluster(stack, 'Same', 'same');
    new AwsAuthMappings(stack, 'A', { cluster });
    expect(() => new AwsAuthMappings(stack, 'B', { cluster, assumeRole: iam.Role.fromRoleArn(stack, 'Editor', MAPPED.assumed) })).toThrow(
      'AwsAuthMappings in Err use cluster Err/Same with different assumeRole values; use one assumeRole per cluster per stack',
    );
  });
});
