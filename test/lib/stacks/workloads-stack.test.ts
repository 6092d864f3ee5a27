import type { CfnElement } from 'aws-cdk-lib';
import type { NamespaceConfig, ServiceAccountConfig } from '../../../lib/config/types';
import { VPC_CNI_ADDON_VERSIONS } from '../../../lib/config/versions';
import { Groups } from '../../../lib/k8s/groups';
import { KubernetesObjects } from '../../../lib/constructs/manifests/kubernetes-objects';
import type { KubernetesObject } from '../../../lib/k8s/manifest';
import {
  FULL, dependsOn, fullEnvConfig, getAtt, onlyResource, ownObjects, ref, renderString, resolveCrossStack, resourcesOfType,
  statements, synthEnvironment,
} from '../../util';
import type { CfnResource, SynthesizedEnvironment, TemplateJson } from '../../util';

const config = fullEnvConfig();
let env: SynthesizedEnvironment;

beforeAll(() => {
  env = synthEnvironment(config);
});

const createdRoles = config.serviceAccounts.filter((sa) => !sa.roleArn);
const byName = (sa: ServiceAccountConfig) => `${sa.namespace}/${sa.name}`;

/** The IRSA role of a service account, found by its description. */
function irsaRole(sa: ServiceAccountConfig): [string, CfnResource] {
  return onlyResource(env.workloads, 'AWS::IAM::Role', (r) => r.Properties?.Description === `IRSA role of ${byName(sa)}`);
}

/** The AWS::IAM::Policy resources attached to a role. */
function policiesOf(roleId: string): CfnResource[] {
  return resourcesOfType(env.workloads, 'AWS::IAM::Policy', (p) => JSON.stringify(p.Properties?.Roles) === JSON.stringify([ref(roleId)]))
    .map(([, p]) => p);
}

/** The cluster's OIDC provider as the Workloads stack refers to it, resolved into the Cluster stack. */
function oidcProviderRef() {
  const [providerId] = onlyResource(env.cluster, 'AWS::IAM::OIDCProvider');
  return ref(providerId);
}

describe('IRSA roles', () => {
  test('one role per service account without roleArn, and no other web-identity role', () => {
    const webIdentity = resourcesOfType(env.workloads, 'AWS::IAM::Role', (r) => JSON.stringify(r.Properties?.AssumeRolePolicyDocument).includes('sts:AssumeRoleWithWebIdentity'));
    expect(webIdentity).toHaveLength(createdRoles.length);
    for (const sa of createdRoles) irsaRole(sa);
  });

  test.each(createdRoles.map((sa) => [byName(sa), sa] as [string, ServiceAccountConfig]))(
    '%s: trust is one AssumeRoleWithWebIdentity statement for the cluster OIDC provider, StringEquals on :sub and :aud of ITS service account',
    (_, sa) => {
      const [, role] = irsaRole(sa);
      const trust = statements(role.Properties?.AssumeRolePolicyDocument);
      expect(trust).toHaveLength(1);
      const [statement] = trust;
      expect(Object.keys(statement).sort()).toEqual(['Action', 'Condition', 'Effect', 'Principal']);
      expect(statement.Action).toBe('sts:AssumeRoleWithWebIdentity');
      expect(statement.Effect).toBe('Allow');
      expect(Object.keys(statement.Principal as object)).toEqual(['Federated']);
      expect(resolveCrossStack((statement.Principal as { Federated: unknown }).Federated, env.byStackName)).toEqual(oidcProviderRef());

      // The condition keys hold the issuer (a token), so CfnJson renders them at deploy time:
      // StringEquals is the Value attribute of a Custom::AWSCDKCfnJson whose Value is an Fn::Join.
      const condition = statement.Condition as Record<string, unknown>;
      expect(Object.keys(condition)).toEqual(['StringEquals']);
      const cfnJsonId = (condition.StringEquals as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'];
      expect(cfnJsonId[1]).toBe('Value');
      const cfnJson = env.workloads.toJSON().Resources[cfnJsonId[0]] as CfnResource;
      expect(cfnJson.Type).toBe('Custom::AWSCDKCfnJson');

      const { text, tokens } = renderString(cfnJson.Properties?.Value);
      // Every token in the rendered JSON is the issuer: the provider ARN without its `arn:...:oidc-provider/` prefix.
      expect(tokens.size).toBe(2);
      for (const token of tokens.values()) {
        expect(resolveCrossStack(token, env.byStackName)).toEqual({
          'Fn::Select': [1, { 'Fn::Split': [':oidc-provider/', oidcProviderRef()] }],
        });
      }
      const placeholders = [...tokens.keys()];
      let rendered = text;
      for (const p of placeholders) rendered = rendered.split(p).join('ISSUER');
      expect(JSON.parse(rendered)).toEqual({
        'ISSUER:sub': `system:serviceaccount:${sa.namespace}:${sa.name}`,
        'ISSUER:aud': 'sts.amazonaws.com',
      });
    },
  );

  test('the uploader policy is exactly s3:PutObject on the configured bucket/*', () => {
    const uploader = config.serviceAccounts.find((sa) => sa.name === 'uploader') as ServiceAccountConfig;
    const [roleId, role] = irsaRole(uploader);
    expect(role.Properties?.ManagedPolicyArns).toBeUndefined();
    expect(role.Properties?.Policies).toBeUndefined();
    const policies = policiesOf(roleId);
    expect(policies).toHaveLength(1);
    expect(statements(policies[0].Properties?.PolicyDocument)).toEqual([
      { Action: 's3:PutObject', Effect: 'Allow', Resource: FULL.uploadsBucket },
    ]);
  });

  test('external-secrets may exactly GetSecretValue and DescribeSecret on the secret prefix', () => {
    const externalSecrets = config.serviceAccounts.find((sa) => sa.name === 'external-secrets') as ServiceAccountConfig;
    const [roleId, role] = irsaRole(externalSecrets);
    expect(role.Properties?.ManagedPolicyArns).toBeUndefined();
    const policies = policiesOf(roleId);
    expect(policies).toHaveLength(1);
    const [statement, ...rest] = statements(policies[0].Properties?.PolicyDocument);
    expect(rest).toEqual([]);
    expect({ ...statement, Action: [...(statement.Action as string[])].sort() }).toEqual({
      Action: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'],
      Effect: 'Allow',
      Resource: FULL.secretsPrefix,
    });
  });

  test('aws-node has AmazonEKS_CNI_Policy and nothing else', () => {
    const awsNode = config.serviceAccounts.find((sa) => sa.name === 'aws-node') as ServiceAccountConfig;
    const [roleId, role] = irsaRole(awsNode);
    expect(role.Properties?.ManagedPolicyArns).toEqual([
      { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AmazonEKS_CNI_Policy']] },
    ]);
    expect(policiesOf(roleId)).toEqual([]);
  });
});

describe('service accounts', () => {
  const serviceAccountObjects = () => ownObjects(env.workloads)
    .flatMap(({ id, resource, objects }) => objects.filter((o) => o.kind === 'ServiceAccount').map((o) => ({ id, resource, object: o })));

  test('kube-system/aws-node: the app neither writes nor patches it (the vpc-cni add-on owns its annotation), and no kubectl patch remains', () => {
    const awsNode = config.serviceAccounts.find((sa) => sa.name === 'aws-node') as ServiceAccountConfig;
    irsaRole(awsNode);
    env.workloads.resourceCountIs('Custom::AWSCDK-EKS-KubernetesPatch', 0);
    expect(serviceAccountObjects().filter(({ object }) => object.metadata.name === 'aws-node')).toEqual([]);
    const patchesAwsNode = ownObjects(env.workloads).flatMap(({ patches }) => patches).filter((o) => o.metadata.name === 'aws-node');
    expect(patchesAwsNode).toEqual([]);
    expect(env.stage.workloads.node.tryFindChild('Irsa-kube-system-aws-node')?.node.tryFindChild('Objects')).toBeUndefined();
  });

  test('every other service account has a ServiceAccount annotated with its role ARN in its own resource (<Irsa id>/Objects), which DependsOn its namespace\'s resource', () => {
    const applied = config.serviceAccounts.filter((sa) => sa.namespace !== 'kube-system');
    const found = serviceAccountObjects();
    expect(found).toHaveLength(applied.length);
    for (const sa of applied) {
      const match = found.filter(({ object }) => object.metadata.name === sa.name && object.metadata.namespace === sa.namespace);
      expect(match).toHaveLength(1);
      expect(match[0].id).toBe(logicalIdOf(env, `Irsa-${sa.namespace}-${sa.name}/Objects`));
      const expectedArn = sa.roleArn ?? getAtt(irsaRole(sa)[0], 'Arn');
      expect(match[0].object.metadata.annotations).toEqual({ 'eks.amazonaws.com/role-arn': expectedArn });
      expect(ownObjects(env.workloads).find(({ id }) => id === match[0].id)?.objects).toEqual([match[0].object]);
      expect(dependsOn(match[0].resource)).toContain(namespaceResource(sa.namespace).id);
    }
  });

  test('a service account with roleArn gets no role of its own', () => {
    const frontend = config.serviceAccounts.find((sa) => sa.roleArn) as ServiceAccountConfig;
    expect(resourcesOfType(env.workloads, 'AWS::IAM::Role', (r) => r.Properties?.Description === `IRSA role of ${byName(frontend)}`)).toEqual([]);
    env.workloads.hasOutput('*', { Value: FULL.frontendRole });
  });
});

/** The full config's namespace `name` with other allow rules. */
function namespaceConfigOf(name: string, allow: NamespaceConfig['allow']): NamespaceConfig {
  const ns = config.namespaces.find((n) => n.name === name);
  if (!ns) throw new Error(`the full config has no namespace ${name}`);
  return { ...ns, allow };
}

/** The logical id of the app's own resource at construct path `path` (below the Workloads stack). */
function logicalIdOf(e: SynthesizedEnvironment, path: string): string {
  const objects = e.stage.workloads.node.findChild(path.split('/')[0]);
  const construct = path.includes('/') ? objects.node.findChild(path.split('/')[1]) : objects;
  if (!(construct instanceof KubernetesObjects)) throw new Error(`${path} is not a KubernetesObjects`);
  return e.stage.workloads.getLogicalId(construct.resource.node.defaultChild as CfnElement);
}

/** The app's own resource that declares the Namespace `name` (with everything else in it but service accounts). */
function namespaceResource(name: string): ReturnType<typeof ownObjects>[number] {
  const found = ownObjects(env.workloads).filter(({ objects }) => objects.some((o) => o.kind === 'Namespace' && o.metadata.name === name));
  expect(found).toHaveLength(1);
  return found[0];
}

/** Nothing of CDK's kubectl provider in a template: no kubectl resource or patch, no Lambda layer (its kubectl and awscli layers). */
function expectNoKubectl(template: SynthesizedEnvironment['workloads']): void {
  for (const type of ['Custom::AWSCDK-EKS-KubernetesResource', 'Custom::AWSCDK-EKS-KubernetesPatch']) {
    expect([type, resourcesOfType(template, type)]).toEqual([type, []]);
  }
  expect(resourcesOfType(template, 'AWS::Lambda::LayerVersion')).toEqual([]);
  // The one resource whose id still says kubectl is the SSM parameter aws-eks-v2's Cluster always makes (its "kubectl ready" barrier).
  const named = Object.entries((template.toJSON() as TemplateJson).Resources ?? {}).filter(([id]) => /kubectl/i.test(id));
  expect(named.filter(([id, r]) => !(r.Type === 'AWS::SSM::Parameter' && /^ClusterKubectlReadyBarrier[0-9A-F]{8}$/.test(id)))).toEqual([]);
}

describe.each(config.namespaces.map((ns) => [ns.name, ns] as [string, NamespaceConfig]))('namespace %s', (name, ns) => {
  test('one resource of its own (Objects-<ns>, the id of 0.2), whose first object is the Namespace, labelled for PSA enforce/audit/warn at the configured level', () => {
    const { id, objects } = namespaceResource(name);
    expect(id).toBe(logicalIdOf(env, `Objects-${name}`));
    expect(objects.filter((o) => o.kind === 'Namespace')).toHaveLength(1);
    expect(objects[0].kind).toBe('Namespace');
    const level = ns.podSecurity ?? 'restricted';
    expect(objects[0].metadata.labels).toEqual(expect.objectContaining({
      'pod-security.kubernetes.io/enforce': level,
      'pod-security.kubernetes.io/audit': level,
      'pod-security.kubernetes.io/warn': level,
      // Pinned to the cluster's minor (config kubernetesVersion), never `latest`.
      'pod-security.kubernetes.io/enforce-version': `v${config.kubernetesVersion}`,
      'pod-security.kubernetes.io/audit-version': `v${config.kubernetesVersion}`,
      'pod-security.kubernetes.io/warn-version': `v${config.kubernetesVersion}`,
    }));
  });

  test('after the Namespace: ResourceQuota, LimitRange, default-deny, DNS egress and the allow rules, all in the namespace', () => {
    const objects = namespaceResource(name).objects.slice(1);
    const kinds = objects.filter((o) => o.kind !== 'Role' && o.kind !== 'RoleBinding').map((o) => `${o.kind}/${o.metadata.name}`);
    expect(kinds).toEqual([
      'ResourceQuota/resource-quota',
      'LimitRange/container-defaults',
      'NetworkPolicy/default-deny',
      'NetworkPolicy/allow-dns-egress',
      ...(ns.allow ?? []).map((r) => `NetworkPolicy/allow-${r.name}`),
    ]);
    for (const o of objects) expect(o.metadata.namespace).toBe(name);
    const quota = objects.find((o) => o.kind === 'ResourceQuota') as KubernetesObject;
    expect(quota.spec).toEqual({ hard: { 'requests.cpu': ns.quota.requestsCpu, 'requests.memory': ns.quota.requestsMemory, 'limits.cpu': ns.quota.limitsCpu, 'limits.memory': ns.quota.limitsMemory, pods: String(ns.quota.pods) } });
    const defaultDeny = objects.find((o) => o.metadata.name === 'default-deny') as KubernetesObject;
    expect(defaultDeny.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    const dns = objects.find((o) => o.metadata.name === 'allow-dns-egress') as KubernetesObject;
    expect(dns.spec).toEqual(expect.objectContaining({
      policyTypes: ['Egress'],
      egress: [expect.objectContaining({ ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] })],
    }));
  });

  test('the namespace\'s objects are in no other resource (one resource writes the namespace and its baseline; the handler applies the Namespace first and waits until it is Active)', () => {
    const { id } = namespaceResource(name);
    const elsewhere = ownObjects(env.workloads).filter((o) => o.id !== id)
      .flatMap(({ objects }) => objects).filter((o) => o.metadata.namespace === name && o.kind !== 'ServiceAccount');
    expect(elsewhere).toEqual([]);
  });

  test(`developer Role/RoleBinding ${ns.developerAccess === false ? 'absent' : 'present'} (developerAccess ${ns.developerAccess ?? 'default true'})`, () => {
    const rbac = ownObjects(env.workloads).flatMap(({ objects }) => objects)
      .filter((o) => (o.kind === 'Role' || o.kind === 'RoleBinding') && o.metadata.namespace === name);
    if (ns.developerAccess === false) {
      expect(rbac).toEqual([]);
    } else {
      expect(rbac.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Role/eks-access-developer', 'RoleBinding/eks-access-developer']);
      expect(rbac[1]).toEqual(expect.objectContaining({
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'eks-access-developer' },
        subjects: [{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: Groups.developer }],
      }));
    }
  });
});

describe('internet egress excludes the VPC', () => {
  const egressOf = (e: SynthesizedEnvironment, namespace: string, policy: string) => {
    const found = ownObjects(e.workloads).flatMap(({ objects }) => objects)
      .filter((o) => o.kind === 'NetworkPolicy' && o.metadata.namespace === namespace && o.metadata.name === policy);
    expect(found).toHaveLength(1);
    return (found[0].spec as { egress: unknown[] }).egress;
  };

  test('the 0.0.0.0/0 rule of the full config leaves out the VPC cidr', () => {
    const vpc = config.vpc as { cidr: string };
    expect(egressOf(env, 'platform', 'allow-https-egress')).toEqual([
      { to: [{ ipBlock: { cidr: '0.0.0.0/0', except: [vpc.cidr] } }], ports: [{ protocol: 'TCP', port: 443 }] },
    ]);
  });

  test('secondary blocks are left out too, and declared interface endpoints are added back on the rule\'s ports', () => {
    const endpoints = ['10.42.8.10/32', '100.64.3.20/32'];
    const withSecondary = fullEnvConfig({
      vpc: { cidr: '10.42.0.0/16', maxAzs: 2, natGateways: 1, secondaryCidrs: ['100.64.0.0/16'] },
      namespaces: [namespaceConfigOf('platform', [{ name: 'https-egress', direction: 'egress', cidrs: ['0.0.0.0/0'], tcpPorts: [443], vpcEndpointCidrs: endpoints }])],
      serviceAccounts: config.serviceAccounts.filter((sa) => sa.namespace === 'kube-system' || sa.namespace === 'platform'),
    });
    const synthesized = synthEnvironment(withSecondary);
    expect(egressOf(synthesized, 'platform', 'allow-https-egress')).toEqual([
      {
        to: [
          { ipBlock: { cidr: '0.0.0.0/0', except: ['10.42.0.0/16', '100.64.0.0/16'] } },
          ...endpoints.map((cidr) => ({ ipBlock: { cidr } })),
        ],
        ports: [{ protocol: 'TCP', port: 443 }],
      },
    ]);
  });
});

test('developer RBAC exists only in namespaces with developerAccess', () => {
  const withRole = ownObjects(env.workloads).flatMap(({ objects }) => objects)
    .filter((o) => o.kind === 'Role' && o.metadata.name === 'eks-access-developer')
    .map((o) => o.metadata.namespace);
  expect(withRole.sort()).toEqual(config.namespaces.filter((ns) => ns.developerAccess !== false).map((ns) => ns.name).sort());
});

test('every resource of its own goes to the cluster through the stack\'s one manifests provider (release 0.3: no kubectl provider)', () => {
  const [clusterId] = onlyResource(env.cluster, 'AWS::EKS::Cluster');
  const own = ownObjects(env.workloads);
  expect(own.length).toBe(config.namespaces.length + config.serviceAccounts.filter((sa) => sa.name !== 'aws-node').length);
  for (const { resource } of own) {
    expect(resolveCrossStack(resource.Properties?.ClusterName, env.byStackName)).toEqual(ref(clusterId));
  }
  expect(new Set(own.map(({ resource }) => JSON.stringify(resource.Properties?.ServiceToken))).size).toBe(1);
});

describe('the vpc-cni add-on', () => {
  const awsNode = config.serviceAccounts.find((sa) => sa.name === 'aws-node') as ServiceAccountConfig;

  test('managed beside the aws-node IRSA role: pinned version, that role, PRESERVE, PreserveOnDelete, and no network policy while enforcement is off', () => {
    const [, addon] = onlyResource(env.workloads, 'AWS::EKS::Addon');
    const [clusterId] = onlyResource(env.cluster, 'AWS::EKS::Cluster');
    const { ClusterName, ...rest } = addon.Properties ?? {};
    expect(resolveCrossStack(ClusterName, env.byStackName)).toEqual(ref(clusterId));
    expect(rest).toEqual({
      AddonName: 'vpc-cni',
      AddonVersion: VPC_CNI_ADDON_VERSIONS[config.kubernetesVersion],
      ServiceAccountRoleArn: getAtt(irsaRole(awsNode)[0], 'Arn'),
      ResolveConflicts: 'PRESERVE',
      PreserveOnDelete: true,
    });
    // One add-on per cluster, and not in the Cluster stack too (the same add-on twice fails).
    env.cluster.resourceCountIs('AWS::EKS::Addon', 0);
  });

  test('networkPolicyEnforcement: true turns on enableNetworkPolicy, and nothing else changes', () => {
    const enforced = synthEnvironment(fullEnvConfig({ networkPolicyEnforcement: true }));
    const [, off] = onlyResource(env.workloads, 'AWS::EKS::Addon');
    const [, on] = onlyResource(enforced.workloads, 'AWS::EKS::Addon');
    expect(JSON.parse(on.Properties?.ConfigurationValues as string)).toEqual({ enableNetworkPolicy: 'true' });
    const { ConfigurationValues, ...rest } = on.Properties ?? {};
    expect(ConfigurationValues).toBeDefined();
    expect(rest).toEqual(off.Properties);
  });

  test('aws-node with an existing roleArn: the add-on runs with that role; no aws-node declared: no add-on, and another kube-system service account is patched by the app\'s own resource, with no kubectl patch', () => {
    const existing = 'arn:aws:iam::111122223333:role/existing-cni';
    const others = config.serviceAccounts.filter((sa) => sa.name !== 'aws-node');
    const ebs: ServiceAccountConfig = { namespace: 'kube-system', name: 'ebs-csi-controller-sa', managedPolicyNames: ['service-role/AmazonEBSCSIDriverPolicy'] };
    const withExisting = synthEnvironment(fullEnvConfig({ name: 'existing', serviceAccounts: [{ namespace: 'kube-system', name: 'aws-node', roleArn: existing }, ...others] }));
    expect(onlyResource(withExisting.workloads, 'AWS::EKS::Addon')[1].Properties?.ServiceAccountRoleArn).toBe(existing);
    expect(ownObjects(withExisting.workloads).filter(({ patches }) => patches.length > 0)).toEqual([]);

    const without = synthEnvironment(fullEnvConfig({ name: 'nocni', serviceAccounts: [ebs, ...others] }));
    without.workloads.resourceCountIs('AWS::EKS::Addon', 0);
    expectNoKubectl(without.workloads);
    // The app's own resource patches the annotation (and releases it when removed); it creates nothing.
    const [ebsRoleId] = onlyResource(without.workloads, 'AWS::IAM::Role', (r) => r.Properties?.Description === `IRSA role of kube-system/${ebs.name}`);
    const patched = ownObjects(without.workloads).filter(({ patches }) => patches.length > 0);
    expect(patched).toHaveLength(1);
    const [{ id, resource, objects, patches }] = patched;
    expect(id).toBe(logicalIdOf(without, `Irsa-kube-system-${ebs.name}/Objects`));
    expect(patches).toEqual([{
      apiVersion: 'v1', kind: 'ServiceAccount',
      metadata: { name: ebs.name, namespace: 'kube-system', annotations: { 'eks.amazonaws.com/role-arn': getAtt(ebsRoleId, 'Arn') } },
    }]);
    expect(objects).toEqual([]);
    expect(resource.Properties?.Objects).toBe('[]');
    expect(resource.Properties).not.toHaveProperty('ReleaseAdopted');
  });
});

describe('release 0.3: the Kubernetes objects without kubectl', () => {
  const MANAGED = { 'app.kubernetes.io/managed-by': 'eks-access' };

  test.each(config.namespaces.map((ns) => [ns.name]))('namespace %s: its resource declares no kubectl prune label and no ReleaseAdopted (its adopted objects are the app\'s own now)', (name) => {
    const { resource, objects, patches } = namespaceResource(name);
    expect(JSON.stringify(objects)).not.toContain('aws.cdk.eks/');
    expect(patches).toEqual([]);
    expect(resource.Properties).not.toHaveProperty('ReleaseAdopted');
    // Not retained, as kubectl's resources were in 0.2: removing it calls its Delete, which releases the namespace instead of deleting it.
    expect([resource.DeletionPolicy, resource.UpdateReplacePolicy]).toEqual(['Delete', 'Delete']);
    // Deletion of the namespace is not allowed by the shipped config: no annotation.
    expect(objects[0].metadata.annotations?.['eks-access.io/on-delete']).toBeUndefined();
    expect(objects[0].metadata.labels).toEqual(expect.objectContaining(MANAGED));
  });

  test('no kubectl resource, patch or layer in any stack of the environment, and no resource of the app sets ReleaseAdopted', () => {
    for (const template of [env.cluster, env.access, env.workloads]) expectNoKubectl(template);
    const own = [...ownObjects(env.access), ...ownObjects(env.workloads)];
    expect(own.length).toBeGreaterThan(0);
    for (const { id, resource } of own) expect([id, resource.Properties?.ReleaseAdopted]).toEqual([id, undefined]);
  });

  test('allowDeletion on a namespace puts the on-delete annotation on its declared Namespace', () => {
    const [first, ...rest] = config.namespaces;
    const allowed = synthEnvironment(fullEnvConfig({ name: 'deletable', namespaces: [{ ...first, allowDeletion: true }, ...rest] }));
    const namespaceOf = (template: typeof allowed.workloads, name: string) => ownObjects(template)
      .flatMap(({ objects }) => objects).find((o) => o.kind === 'Namespace' && o.metadata.name === name);
    expect(namespaceOf(allowed.workloads, first.name)?.metadata.annotations).toEqual({ 'eks-access.io/on-delete': 'delete' });
    for (const ns of rest) expect(namespaceOf(allowed.workloads, ns.name)?.metadata.annotations).toBeUndefined();
  });

  test('each IRSA service account outside kube-system: its resource declares no kubectl prune label and no ReleaseAdopted, and is created after its namespace\'s', () => {
    for (const sa of config.serviceAccounts.filter((s) => s.namespace !== 'kube-system')) {
      const own = ownObjects(env.workloads).filter(({ objects }) => objects.some((o) => o.kind === 'ServiceAccount' && o.metadata.name === sa.name && o.metadata.namespace === sa.namespace));
      expect(own).toHaveLength(1);
      expect(JSON.stringify(own[0].objects)).not.toContain('aws.cdk.eks/');
      expect(own[0].objects[0].metadata.labels).toEqual(expect.objectContaining(MANAGED));
      expect(dependsOn(own[0].resource)).toEqual(expect.arrayContaining([namespaceResource(sa.namespace).id]));
      expect(own[0].resource.Properties).not.toHaveProperty('ReleaseAdopted');
    }
  });
});
