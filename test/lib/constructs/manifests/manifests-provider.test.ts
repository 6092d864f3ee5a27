/**
 * The manifests provider (lib/constructs/manifests/manifests-provider.ts): one per cluster per
 * stack; the function (Node 24 ARM, 256 MB, 15 minutes, in the cluster VPC); its role's policy
 * exactly (logs, DescribeCluster, the admin window on its own access entry only, conditioned
 * on the cluster-admin policy); the access entry without policies; the RBAC bootstrap's
 * properties (the generated RBAC of every registered resource) and the DependsOn order.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Capture, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import {
  CLUSTER_ADMIN_POLICY_ARN, MANIFESTS_HANDLER_DESCRIPTION, MANIFESTS_RBAC_RESOURCE_TYPE, MANIFESTS_RESOURCE_TYPE, ManifestsRbacProps, manifestsUsername,
} from '../../../../lambda/manifests/api';
import { parseManifestsRequest } from '../../../../lambda/manifests/properties';
import { parseRbacRequest } from '../../../../lambda/manifests/rbac-properties';
import { ownerIdOf } from '../../../../lib/constructs/manifests/core/owner-id';
import { KubernetesObjects } from '../../../../lib/constructs/manifests/kubernetes-objects';
import { MANIFESTS_RBAC_NAME_PREFIX, ManifestsProvider } from '../../../../lib/constructs/manifests/manifests-provider';
import type { KubernetesObject } from '../../../../lib/k8s/manifest';
import { manifestsRbac } from '../../../../lib/k8s/manifests-rbac';
import {
  ACCOUNT, NO_BUNDLING, REGION, asList, cliContext, dependsOn, getAtt, importedCluster, onlyResource, ref, resolveCrossStack, resourcesOfType, statements,
} from '../../../util';
import type { CfnResource, TemplateJson } from '../../../util';

const env = { account: ACCOUNT, region: REGION };
const CLUSTER_SG = 'sg-0123456789abcdef0';
const ns = (name: string): KubernetesObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
const cm = (namespace: string, name: string): KubernetesObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data: { k: 'v' } });

const templates = new Map<string, Template>();
const byStackName = new Map<string, TemplateJson>();
let providers: ManifestsProvider[] = [];

beforeAll(() => {
  const app = new App({ context: { ...cliContext(), ...NO_BUNDLING } });
  const infra = new Stack(app, 'Infra', { env });
  const cluster = new eks.Cluster(infra, 'Cluster', {
    version: eks.KubernetesVersion.of('1.35'),
    defaultCapacity: 0,
    defaultCapacityType: eks.DefaultCapacityType.NODEGROUP
  });

  // Two resources on one cluster in one stack: one provider, one RBAC over both.
  const team = new Stack(app, 'Team', { env });
  const a = new KubernetesObjects(team, 'Namespaces', { cluster, objects: [ns('team-a')] });
  new KubernetesObjects(team, 'Settings', { cluster, objects: [cm('team-a', 'settings')], patches: [cm('kube-system', 'shared')] });
  providers.push(a.provider);

  // Imported clusters in one stack: one provider each; one without its network.
  const imported = new Stack(app, 'Imported', { env });
  const vpc = new ec2.Vpc(imported, 'Vpc', { maxAzs: 2, natGateways: 1 });
  const withNetwork = eks.Cluster.fromClusterAttributes(imported, 'First', { clusterName: 'first', vpc, clusterSecurityGroupId: CLUSTER_SG });
  const bare = importedCluster(imported, 'Second', 'second');
  new KubernetesObjects(imported, 'FirstObjects', { cluster: withNetwork, objects: [ns('first')] });
  new KubernetesObjects(imported, 'SecondObjects', { cluster: bare, objects: [ns('second')] });
  providers = [a.provider, ManifestsProvider.getOrCreate(imported, { cluster: withNetwork }), ManifestsProvider.getOrCreate(imported, { cluster: bare })];

  app.synth();
  for (const stack of [infra, team, imported]) {
    templates.set(stack.stackName, Template.fromStack(stack));
    byStackName.set(stack.stackName, Template.fromStack(stack).toJSON() as TemplateJson);
  }
});

const t = (name: string) => templates.get(name) as Template;
const handlers = (name: string) => resourcesOfType(t(name), 'AWS::Lambda::Function', (f) => f.Properties?.Description === MANIFESTS_HANDLER_DESCRIPTION);
const clusterStackRef = () => onlyResource(t('Infra'), 'AWS::EKS::Cluster')[0];

/** The only handler of a stack and its role's one inline policy, actions sorted. */
function handlerOf(name: string, where: (fn: CfnResource) => boolean = () => true) {
  const fns = handlers(name).filter(([, f]) => where(f));
  expect(fns).toHaveLength(1);
  const [, fn] = fns[0];
  const roleId = (fn.Properties?.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0];
  const policies = resourcesOfType(t(name), 'AWS::IAM::Policy', (p) => JSON.stringify(p.Properties?.Roles) === JSON.stringify([ref(roleId)]));
  expect(policies).toHaveLength(1);
  const policy = statements(policies[0][1].Properties?.PolicyDocument).map((s) => ({ ...s, Action: asList(s.Action as string | string[]).sort(), Resource: s.Resource }));
  return { fn, roleId, policyId: policies[0][0], policy, role: t(name).toJSON().Resources[roleId] as CfnResource };
}

describe('one provider per cluster per stack', () => {
  test('two resources on one cluster share one handler, one access entry and one bootstrap; one service token', () => {
    expect(handlers('Team')).toHaveLength(1);
    t('Team').resourceCountIs('AWS::EKS::AccessEntry', 1);
    t('Team').resourceCountIs(MANIFESTS_RBAC_RESOURCE_TYPE, 1);
    const resources = resourcesOfType(t('Team'), MANIFESTS_RESOURCE_TYPE);
    expect(resources).toHaveLength(2);
    const [, bootstrap] = onlyResource(t('Team'), MANIFESTS_RBAC_RESOURCE_TYPE);
    expect(new Set([...resources.map(([, r]) => r), bootstrap].map((r) => JSON.stringify(r.Properties?.ServiceToken))).size).toBe(1);
  });

  test('two clusters in one stack get one provider each; getOrCreate returns the existing one', () => {
    expect(handlers('Imported')).toHaveLength(2);
    t('Imported').resourceCountIs('AWS::EKS::AccessEntry', 2);
    t('Imported').resourceCountIs(MANIFESTS_RBAC_RESOURCE_TYPE, 2);
    expect(new Set(providers).size).toBe(3);
  });
});

describe('the function', () => {
  test('Node 24 on ARM, 256 MB, 15 minutes, source maps on, no other environment', () => {
    t('Team').hasResourceProperties('AWS::Lambda::Function', {
      Description: MANIFESTS_HANDLER_DESCRIPTION,
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      MemorySize: 256,
      Timeout: 900,
      Environment: { Variables: Match.objectEquals({ NODE_OPTIONS: '--enable-source-maps' }) },
    });
  });

  test('in the cluster VPC\'s private subnets with its own security group, admitted on 443 by the cluster security group', () => {
    const { fn } = handlerOf('Imported', (f) => f.Properties?.VpcConfig !== undefined);
    const sg = new Capture();
    expect(fn.Properties?.VpcConfig).toEqual({ SecurityGroupIds: [{ 'Fn::GetAtt': [expect.stringMatching(/HandlerSecurityGroup/), 'GroupId'] }], SubnetIds: [{ Ref: expect.stringMatching(/^VpcPrivateSubnet1/) }, { Ref: expect.stringMatching(/^VpcPrivateSubnet2/) }] });
    t('Imported').hasResourceProperties('AWS::Lambda::Function', { Description: MANIFESTS_HANDLER_DESCRIPTION, VpcConfig: { SecurityGroupIds: [{ 'Fn::GetAtt': [sg, 'GroupId'] }] } });
    t('Imported').hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      GroupId: CLUSTER_SG, SourceSecurityGroupId: { 'Fn::GetAtt': [sg.asString(), 'GroupId'] }, IpProtocol: 'tcp', FromPort: 443, ToPort: 443,
    });
    const group = t('Imported').toJSON().Resources[sg.asString()] as CfnResource;
    expect(group.Properties?.SecurityGroupEgress).toEqual([{ CidrIp: '0.0.0.0/0', Description: 'HTTPS: the private API endpoint and EKS', FromPort: 443, IpProtocol: 'tcp', ToPort: 443 }]);
  });

  test('an imported cluster without its network: outside any VPC', () => {
    const { fn, role } = handlerOf('Imported', (f) => f.Properties?.VpcConfig === undefined);
    expect(fn.Properties?.VpcConfig).toBeUndefined();
    expect(role.Properties?.ManagedPolicyArns).toBeUndefined();
  });
});

describe('the role', () => {
  test('trusted by Lambda only; the VPC-access managed policy, no inline policies', () => {
    const { role } = handlerOf('Team');
    expect(role.Properties?.AssumeRolePolicyDocument).toEqual({
      Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } }],
      Version: '2012-10-17',
    });
    expect(role.Properties?.ManagedPolicyArns).toEqual([{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole']] }]);
    expect(role.Properties?.Policies).toBeUndefined();
  });

  test('its policy exactly: logs, DescribeCluster on the cluster, and the admin window on its own access entry only', () => {
    const { policy, fn } = handlerOf('Team');
    const [entryId] = onlyResource(t('Team'), 'AWS::EKS::AccessEntry');
    const logGroup = (fn.Properties?.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
    const entryArn = getAtt(entryId, 'AccessEntryArn');
    expect(resolveCrossStack(policy, byStackName)).toEqual([
      { Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Effect: 'Allow', Resource: getAtt(logGroup, 'Arn') },
      { Action: ['eks:DescribeCluster'], Effect: 'Allow', Resource: getAtt(clusterStackRef(), 'Arn') },
      {
        Action: ['eks:AssociateAccessPolicy', 'eks:DisassociateAccessPolicy'], Effect: 'Allow', Resource: entryArn,
        Condition: { ArnEquals: { 'eks:policyArn': CLUSTER_ADMIN_POLICY_ARN } },
      },
      { Action: ['eks:ListAssociatedAccessPolicies'], Effect: 'Allow', Resource: entryArn },
    ]);
    expect(CLUSTER_ADMIN_POLICY_ARN).toBe('arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy');
  });

  test('no wildcard action and no wildcard resource in any statement', () => {
    for (const name of ['Team', 'Imported']) {
      for (const [, fn] of handlers(name)) {
        const { policy } = handlerOf(name, (f) => f === fn);
        for (const s of policy) {
          expect(s.Action.filter((a) => a.includes('*'))).toEqual([]);
          expect(JSON.stringify(s.Resource)).not.toBe('"*"');
        }
      }
    }
  });
});

describe('the access entry', () => {
  test('the handler role with the provider\'s own username, no groups, STANDARD, and no access policy', () => {
    const { roleId } = handlerOf('Team');
    const [, entry] = onlyResource(t('Team'), 'AWS::EKS::AccessEntry');
    const owner = ownerIdOf('Team', `Team/${providers[0].node.id}/RbacBootstrap`);
    expect(providers[0].username).toBe(`eks-access:manifests:${owner}`);
    expect(resolveCrossStack(entry.Properties, byStackName)).toEqual({
      ClusterName: ref(clusterStackRef()),
      PrincipalArn: getAtt(roleId, 'Arn'),
      Username: manifestsUsername(owner),
      Type: 'STANDARD',
    });
  });
});

describe('the RBAC bootstrap', () => {
  test('its properties: cluster, owner, the generated RBAC of both resources, the role ARN as principal', () => {
    const { roleId } = handlerOf('Team');
    const [, bootstrap] = onlyResource(t('Team'), MANIFESTS_RBAC_RESOURCE_TYPE);
    const provider = providers[0];
    const owner = ownerIdOf('Team', `Team/${provider.node.id}/RbacBootstrap`);
    expect(provider.bootstrapOwner).toBe(owner);
    expect(provider.rbacName).toBe(`${MANIFESTS_RBAC_NAME_PREFIX}${owner}`);
    expect(Object.keys(bootstrap.Properties ?? {}).sort()).toEqual(['ClusterName', 'Objects', 'Owner', 'PrincipalArn', 'ServiceToken']);
    expect(bootstrap.Properties?.Owner).toBe(owner);
    expect(resolveCrossStack(bootstrap.Properties?.ClusterName, byStackName)).toEqual(ref(clusterStackRef()));
    expect(bootstrap.Properties?.PrincipalArn).toEqual(getAtt(roleId, 'Arn'));
    expect(JSON.parse(bootstrap.Properties?.Objects as string)).toEqual(manifestsRbac({
      name: provider.rbacName, username: provider.username, objects: [ns('team-a'), cm('team-a', 'settings')], patches: [cm('kube-system', 'shared')],
    }));
    expect(JSON.parse(bootstrap.Properties?.Objects as string)[1].subjects).toEqual([{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: manifestsUsername(owner) }]);
    expect(JSON.parse(bootstrap.Properties?.Objects as string)[0].rules).toEqual([
      { apiGroups: [''], resources: ['configmaps'], verbs: ['create', 'delete', 'get', 'patch'], resourceNames: ['settings'] },
      { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'patch'], resourceNames: ['shared'] },
      { apiGroups: [''], resources: ['namespaces'], verbs: ['create', 'delete', 'get', 'patch'], resourceNames: ['team-a'] },
    ]);
  });

  test('each cluster\'s bootstrap holds only its own resources\' RBAC', () => {
    const names = resourcesOfType(t('Imported'), MANIFESTS_RBAC_RESOURCE_TYPE)
      .map(([, r]) => JSON.parse(r.Properties?.Objects as string)[0].rules.flatMap((rule: { resourceNames: string[] }) => rule.resourceNames))
      .sort();
    expect(names).toEqual([['first'], ['second']]);
  });

  test('DependsOn: access entry (and API ingress) -> bootstrap -> every objects resource', () => {
    const [entryId] = onlyResource(t('Team'), 'AWS::EKS::AccessEntry');
    const [ingressId] = onlyResource(t('Team'), 'AWS::EC2::SecurityGroupIngress');
    const [bootstrapId, bootstrap] = onlyResource(t('Team'), MANIFESTS_RBAC_RESOURCE_TYPE);
    expect(dependsOn(bootstrap)).toEqual(expect.arrayContaining([entryId, ingressId]));
    for (const [, r] of resourcesOfType(t('Team'), MANIFESTS_RESOURCE_TYPE)) expect(dependsOn(r)).toContain(bootstrapId);
    // Without a network there is no ingress to wait for.
    const bare = resourcesOfType(t('Imported'), MANIFESTS_RBAC_RESOURCE_TYPE).filter(([, r]) => dependsOn(r).every((d) => !d.includes('ClusterApiIngress')));
    expect(bare).toHaveLength(1);
  });
});

test('a generated RBAC too large for the event fails synth naming the bootstrap', () => {
  const app = new App({ context: NO_BUNDLING });
  const stack = new Stack(app, 'Big', { env });
  const cluster = importedCluster(stack, 'C', 'big');
  // 60 resources of 100 distinct ConfigMap names each (250 characters): each fits, their RBAC does not.
  for (let r = 0; r < 60; r++) {
    new KubernetesObjects(stack, `Objects${r}`, { cluster, objects: Array.from({ length: 100 }, (_, i) => cm('a', `${'n'.repeat(240)}-${r}-${i}`)) });
  }
  expect(() => app.synth()).toThrow(/manifests resource Big\/ManifestsProvider[A-Za-z0-9]+\/RbacBootstrap: its properties take \d+ bytes, over the 126976 bytes one resource may take/);
});

describe('one resource per object within a provider', () => {
  function twoResources(first: { objects: KubernetesObject[]; patches?: KubernetesObject[] }, second: { objects: KubernetesObject[]; patches?: KubernetesObject[] }): () => void {
    const app = new App({ context: NO_BUNDLING });
    const stack = new Stack(app, 'Dup', { env });
    const cluster = importedCluster(stack, 'C', 'dup');
    new KubernetesObjects(stack, 'A', { cluster, ...first });
    new KubernetesObjects(stack, 'B', { cluster, ...second });
    return () => app.synth();
  }

  test('an object owned by two resources fails synth naming both', () => {
    expect(twoResources({ objects: [ns('a'), cm('a', 'c')] }, { objects: [cm('a', 'c')] })).toThrow(
      'KubernetesObjects Dup/B declares ConfigMap a/c, and KubernetesObjects Dup/A declares it too; an object belongs to one manifests resource (an owned object carries one owner id, and patches share one field manager), so declare it in only one of them',
    );
  });

  test('an object owned by one and patched by another, or patched by both, fails too; the apiVersion does not matter', () => {
    const other = { ...cm('a', 'c'), apiVersion: 'v2' };
    expect(twoResources({ objects: [], patches: [cm('kube-system', 'p')] }, { objects: [], patches: [cm('kube-system', 'p')] })).toThrow(/KubernetesObjects Dup\/B patches ConfigMap kube-system\/p, and KubernetesObjects Dup\/A patches it too;/);
    expect(twoResources({ objects: [cm('a', 'c')] }, { objects: [], patches: [other] })).toThrow(/KubernetesObjects Dup\/B patches ConfigMap a\/c, and KubernetesObjects Dup\/A declares it too;/);
  });

  test('the same name in another namespace, of another kind or cluster-scoped is another object', () => {
    expect(twoResources({ objects: [cm('a', 'x'), ns('x')] }, { objects: [cm('b', 'x'), { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'x', namespace: 'a' } }] })).not.toThrow();
  });
});

test('the handler\'s own property checks accept what the construct renders (bootstrap and objects resource), deploy-time values filled in', () => {
  const atDeploy = (props: Record<string, unknown> | undefined) => ({ ...props, [ManifestsRbacProps.principalArn]: `arn:aws:iam::${ACCOUNT}:role/handler` });
  const bootstraps = resourcesOfType(t('Imported'), MANIFESTS_RBAC_RESOURCE_TYPE);
  const parsed = bootstraps.map(([, b]) => parseRbacRequest(atDeploy(b.Properties)));
  expect(parsed.map((r) => [r.clusterName, r.set.owner, r.set.objects.map((o) => o.id.kind)])).toEqual([
    ['first', bootstraps[0][1].Properties?.Owner, ['ClusterRole', 'ClusterRoleBinding']],
    ['second', bootstraps[1][1].Properties?.Owner, ['ClusterRole', 'ClusterRoleBinding']],
  ]);
  const objects = resourcesOfType(t('Imported'), MANIFESTS_RESOURCE_TYPE).map(([, r]) => parseManifestsRequest(r.Properties));
  expect(objects.map((r) => [r.clusterName, r.set.objects.map((o) => o.id.name)])).toEqual([['first', ['first']], ['second', ['second']]]);
});
