import { Match } from 'aws-cdk-lib/assertions';
import type { NamespaceConfig, ServiceAccountConfig } from '../../../lib/config/types';
import { VPC_CNI_ADDON_VERSIONS } from '../../../lib/config/versions';
import { Groups } from '../../../lib/k8s/groups';
import type { KubernetesObject } from '../../../lib/k8s/manifest';
import {
  FULL, dependsOn, fullEnvConfig, getAtt, manifests, onlyResource, ownObjects, ref, renderString, resolveCrossStack, resourcesOfType,
  statements, synthEnvironment,
} from '../../util';
import type { CfnResource, SynthesizedEnvironment } from '../../util';

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
  const serviceAccountManifests = () => manifests(env.workloads)
    .flatMap(({ id, resource, objects }) => objects.filter((o) => o.kind === 'ServiceAccount').map((o) => ({ id, resource, object: o })));

  test('kube-system/aws-node: its KubernetesPatch is retired in place (restoring applies the same annotation; DeletionPolicy Retain), never a manifest', () => {
    const awsNode = config.serviceAccounts.find((sa) => sa.name === 'aws-node') as ServiceAccountConfig;
    const [roleId] = irsaRole(awsNode);
    env.workloads.resourceCountIs('Custom::AWSCDK-EKS-KubernetesPatch', 1);
    const [, patch] = onlyResource(env.workloads, 'Custom::AWSCDK-EKS-KubernetesPatch');
    expect(patch.Properties).toEqual(expect.objectContaining({ ResourceName: 'serviceaccount/aws-node', ResourceNamespace: 'kube-system', PatchType: 'strategic' }));
    expect(JSON.parse(renderString(patch.Properties?.ApplyPatchJson).text.replace(/@@cfn-token-\d+@@/, 'ROLE'))).toEqual({
      metadata: { annotations: { 'eks.amazonaws.com/role-arn': 'ROLE' } },
    });
    expect([...renderString(patch.Properties?.ApplyPatchJson).tokens.values()]).toEqual([getAtt(roleId, 'Arn')]);
    // The deployed patch restored { role-arn: null }: deleting it would strip the CNI's role
    // after the vpc-cni add-on set it. Now restoring writes what applying writes (deleting it
    // changes nothing), and Retain keeps CloudFormation from calling its delete at all.
    expect(patch.Properties?.RestorePatchJson).toEqual(patch.Properties?.ApplyPatchJson);
    expect(patch.DeletionPolicy).toBe('Retain');
    expect(patch.UpdateReplacePolicy).toBe('Retain');
    expect(serviceAccountManifests().filter(({ object }) => object.metadata.name === 'aws-node')).toEqual([]);
  });

  test('every other service account has a ServiceAccount manifest annotated with its role ARN, after its namespace', () => {
    const applied = config.serviceAccounts.filter((sa) => sa.namespace !== 'kube-system');
    const found = serviceAccountManifests();
    expect(found).toHaveLength(applied.length);
    for (const sa of applied) {
      const match = found.filter(({ object }) => object.metadata.name === sa.name && object.metadata.namespace === sa.namespace);
      expect(match).toHaveLength(1);
      const expectedArn = sa.roleArn ?? getAtt(irsaRole(sa)[0], 'Arn');
      expect(match[0].object.metadata.annotations).toEqual({ 'eks.amazonaws.com/role-arn': expectedArn });
      const namespace = namespaceManifest(sa.namespace);
      expect(dependsOn(match[0].resource)).toContain(namespace.id);
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

/** The manifest whose only object is the Namespace `name`. */
function namespaceManifest(name: string): { id: string; resource: CfnResource; objects: KubernetesObject[] } {
  const found = manifests(env.workloads).filter(({ objects }) => objects.some((o) => o.kind === 'Namespace' && o.metadata.name === name));
  expect(found).toHaveLength(1);
  return found[0];
}

/** The manifest of the objects that live in namespace `name` (the baseline), excluding ServiceAccounts. */
function baselineManifest(name: string): { id: string; resource: CfnResource; objects: KubernetesObject[] } {
  const found = manifests(env.workloads).filter(({ objects }) => objects.some((o) => o.kind === 'ResourceQuota' && o.metadata.namespace === name));
  expect(found).toHaveLength(1);
  return found[0];
}

describe.each(config.namespaces.map((ns) => [ns.name, ns] as [string, NamespaceConfig]))('namespace %s', (name, ns) => {
  test('a manifest with only the Namespace, labelled for PSA enforce/audit/warn at the configured level', () => {
    const { objects } = namespaceManifest(name);
    expect(objects).toHaveLength(1);
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

  test('a dependent manifest with ResourceQuota, LimitRange, default-deny, DNS egress and the allow rules, all in the namespace', () => {
    const { objects } = baselineManifest(name);
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

  test('the dependent manifest DependsOn the namespace manifest', () => {
    expect(dependsOn(baselineManifest(name).resource)).toContain(namespaceManifest(name).id);
  });

  test(`developer Role/RoleBinding ${ns.developerAccess === false ? 'absent' : 'present'} (developerAccess ${ns.developerAccess ?? 'default true'})`, () => {
    const rbac = manifests(env.workloads).flatMap(({ objects }) => objects)
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
    const found = manifests(e.workloads).flatMap(({ objects }) => objects)
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
  const withRole = manifests(env.workloads).flatMap(({ objects }) => objects)
    .filter((o) => o.kind === 'Role' && o.metadata.name === 'eks-access-developer')
    .map((o) => o.metadata.namespace);
  expect(withRole.sort()).toEqual(config.namespaces.filter((ns) => ns.developerAccess !== false).map((ns) => ns.name).sort());
});

test('every manifest and patch goes through the cluster kubectl provider', () => {
  const [clusterId] = onlyResource(env.cluster, 'AWS::EKS::Cluster');
  for (const type of ['Custom::AWSCDK-EKS-KubernetesResource', 'Custom::AWSCDK-EKS-KubernetesPatch']) {
    for (const [, r] of resourcesOfType(env.workloads, type)) {
      expect(resolveCrossStack(r.Properties?.ClusterName, env.byStackName)).toEqual(ref(clusterId));
    }
  }
  env.workloads.hasResourceProperties('Custom::AWSCDK-EKS-KubernetesResource', { Overwrite: true, Manifest: Match.anyValue() });
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

  test('aws-node with an existing roleArn: the add-on runs with that role; no aws-node declared: no add-on, and another kube-system service account is patched by the app, its kubectl patch retired', () => {
    const existing = 'arn:aws:iam::111122223333:role/existing-cni';
    const others = config.serviceAccounts.filter((sa) => sa.name !== 'aws-node');
    const ebs: ServiceAccountConfig = { namespace: 'kube-system', name: 'ebs-csi-controller-sa', managedPolicyNames: ['service-role/AmazonEBSCSIDriverPolicy'] };
    const withExisting = synthEnvironment(fullEnvConfig({ name: 'existing', serviceAccounts: [{ namespace: 'kube-system', name: 'aws-node', roleArn: existing }, ...others] }));
    expect(onlyResource(withExisting.workloads, 'AWS::EKS::Addon')[1].Properties?.ServiceAccountRoleArn).toBe(existing);

    const without = synthEnvironment(fullEnvConfig({ name: 'nocni', serviceAccounts: [ebs, ...others] }));
    without.workloads.resourceCountIs('AWS::EKS::Addon', 0);
    // The kubectl patch of releases before 0.2 is retired: it restores what it applies, and it is retained.
    const [patchId, patch] = onlyResource(without.workloads, 'Custom::AWSCDK-EKS-KubernetesPatch');
    expect(patch.Properties?.ResourceName).toBe('serviceaccount/ebs-csi-controller-sa');
    expect(patch.Properties?.RestorePatchJson).toEqual(patch.Properties?.ApplyPatchJson);
    expect(JSON.stringify(patch.Properties?.ApplyPatchJson)).toMatch(/Fn::GetAtt.*Arn/);
    expect(patch.DeletionPolicy).toBe('Retain');
    // The app's own resource patches the annotation (and releases it when removed), after the kubectl patch.
    const patched = Object.entries(without.workloads.findResources('Custom::EksAccessManifests'))
      .filter(([, r]) => r.Properties.Patches !== undefined);
    expect(patched).toHaveLength(1);
    const [, own] = patched[0];
    expect(own.DependsOn).toEqual(expect.arrayContaining([patchId]));
    expect(JSON.stringify(own.Properties.Patches)).toContain('ebs-csi-controller-sa');
    expect(JSON.stringify(own.Properties.Patches)).toContain('eks.amazonaws.com/role-arn');
    expect(own.Properties.Objects).toBe('[]');
  });
});

describe('the move off the kubectl provider (release 0.2)', () => {
  const MANAGED = { 'app.kubernetes.io/managed-by': 'eks-access' };
  /** An object as the kubectl resources declare it, without the labels the handler adds. */
  /** An object as kubectl declares it, without the prune label KubernetesManifest adds. */
  const withoutPruneLabel = (o: KubernetesObject): KubernetesObject => {
    const labels = Object.fromEntries(Object.entries(o.metadata.labels ?? {}).filter(([k]) => !k.startsWith('aws.cdk.eks/prune-')));
    const metadata = { ...o.metadata };
    delete metadata.labels;
    return { ...o, metadata: Object.keys(labels).length ? { ...metadata, labels } : metadata };
  };
  const identity = (o: KubernetesObject) => `${o.apiVersion} ${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`;

  test.each(config.namespaces.map((ns) => [ns.name]))('namespace %s: the kubectl resources stay, retained, and the app\'s own resource declares exactly their objects, after them', (name) => {
    const namespace = namespaceManifest(name);
    const baseline = baselineManifest(name);
    for (const { resource } of [namespace, baseline]) {
      expect([resource.DeletionPolicy, resource.UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);
    }
    const own = ownObjects(env.workloads).filter(({ objects }) => objects.some((o) => o.kind === 'Namespace' && o.metadata.name === name));
    expect(own).toHaveLength(1);
    const [{ resource, objects, patches }] = own;
    expect(objects.map(identity)).toEqual([...namespace.objects, ...baseline.objects].map(identity));
    expect(objects).toEqual([...namespace.objects, ...baseline.objects].map(withoutPruneLabel));
    // The app's resource never declares kubectl's prune labels (KubernetesManifest adds them to the objects it is given).
    expect(JSON.stringify(objects)).not.toContain('aws.cdk.eks/');
    expect(patches).toEqual([]);
    expect(resource.Properties?.ReleaseAdopted).toBe('true');
    expect(dependsOn(resource)).toEqual(expect.arrayContaining([namespace.id, baseline.id]));
    // Deletion of the namespace is not allowed by the shipped config: no annotation.
    expect(objects[0].metadata.annotations?.['eks-access.io/on-delete']).toBeUndefined();
    expect(objects[0].metadata.labels).toEqual(expect.objectContaining(MANAGED));
  });

  test('every kubectl resource and patch is retained, so that 0.3 can remove them without deleting anything', () => {
    const kubectl = [...resourcesOfType(env.workloads, 'Custom::AWSCDK-EKS-KubernetesResource'), ...resourcesOfType(env.workloads, 'Custom::AWSCDK-EKS-KubernetesPatch')];
    expect(kubectl.length).toBeGreaterThan(0);
    for (const [id, r] of kubectl) expect([id, r.DeletionPolicy]).toEqual([id, 'Retain']);
  });

  test('allowDeletion on a namespace puts the on-delete annotation on its declared Namespace', () => {
    const [first, ...rest] = config.namespaces;
    const allowed = synthEnvironment(fullEnvConfig({ name: 'deletable', namespaces: [{ ...first, allowDeletion: true }, ...rest] }));
    const namespaceOf = (template: typeof allowed.workloads, name: string) => ownObjects(template)
      .flatMap(({ objects }) => objects).find((o) => o.kind === 'Namespace' && o.metadata.name === name);
    expect(namespaceOf(allowed.workloads, first.name)?.metadata.annotations).toEqual({ 'eks-access.io/on-delete': 'delete' });
    for (const ns of rest) expect(namespaceOf(allowed.workloads, ns.name)?.metadata.annotations).toBeUndefined();
  });

  test('each IRSA service account outside kube-system: a retained kubectl manifest, and the app\'s own resource with the same ServiceAccount after it', () => {
    for (const sa of config.serviceAccounts.filter((s) => s.namespace !== 'kube-system')) {
      const kubectl = manifests(env.workloads).filter(({ objects }) => objects.some((o) => o.kind === 'ServiceAccount' && o.metadata.name === sa.name && o.metadata.namespace === sa.namespace));
      const own = ownObjects(env.workloads).filter(({ objects }) => objects.some((o) => o.kind === 'ServiceAccount' && o.metadata.name === sa.name && o.metadata.namespace === sa.namespace));
      expect([kubectl.length, own.length]).toEqual([1, 1]);
      expect(kubectl[0].resource.DeletionPolicy).toBe('Retain');
      expect(own[0].objects).toEqual(kubectl[0].objects.map(withoutPruneLabel));
      expect(JSON.stringify(own[0].objects)).not.toContain('aws.cdk.eks/');
      expect(dependsOn(own[0].resource)).toEqual(expect.arrayContaining([kubectl[0].id]));
      expect(own[0].resource.Properties?.ReleaseAdopted).toBe('true');
    }
  });
});
