/**
 * The assembly test of the manifests path: the dev environment synthesized as the CLI does, with
 * bundling, so cdk.out holds the real esbuild bundles; every Custom::EksAccessManifestsRbac and
 * Custom::EksAccessManifests resource of its stacks found with the bundled handler its Provider
 * framework runs (ServiceToken -> onEvent -> USER_ON_EVENT_FUNCTION_ARN -> Code.S3Key -> the
 * asset of the stack's asset manifest); its properties resolved to plain values (any intrinsic the
 * stand-ins cannot resolve fails); and that bundle run in its own node process against the
 * stand-in cluster, set up as EKS would be: the access entries the templates declare (username,
 * no policy), the authorizer in access-entry mode. Create, a no-op Update and Delete in
 * dependency order; then the drifts this catches: a property the handler does not know. The
 * aws-auth merge (Custom::EksAccessAwsAuth, its own bundle) runs in the same lifecycle, after the
 * manifests resource that applies its writer RBAC.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse as parseYaml } from 'yaml';
import { AWS_AUTH_NAMESPACE, AWS_AUTH_RESOURCE_TYPE, AwsAuthProps, WRITER_GROUP } from '../../lambda/aws-auth/api';
import { buildApp } from '../../lib/app';
import { ENVIRONMENTS } from '../../lib/config/environments';
import { CLUSTER_ADMIN_POLICY_ARN, MANAGED_BY_LABEL, MANAGED_BY_VALUE, MANIFESTS_RBAC_RESOURCE_TYPE, MANIFESTS_RESOURCE_TYPE, ManifestsProps, ManifestsRbacProps, OWNER_LABEL } from '../../lambda/manifests/api';
import type { KubernetesObject } from '../../lib/k8s/manifest';
import type { AccessEntryCluster } from '../../lib/sandbox/access-entry-cluster';
import { startAccessEntryCluster } from '../../lib/sandbox/access-entry-cluster';
import type { AssemblyStack } from '../../lib/sandbox/assembly-handlers';
import { readAssemblyStacks } from '../../lib/sandbox/assembly-handlers';
import type { ResolvedCustomResource } from '../../lib/sandbox/assembly-resources';
import { cloudFormationEvent, invokeResource, resolveCustomResources, resolvedResourcesOfType } from '../../lib/sandbox/assembly-resources';
import { BUILT_IN_KINDS } from '../../lib/sandbox/kube-objects';
import { standInResourceValue } from '../../lib/sandbox/cfn-values';
import { BundledHandlerError } from '../../lib/sandbox/lambda-process';
import { cliContext } from '../util';

const DEV = ENVIRONMENTS.find((e) => e.name === 'dev')!;
/** The aws-auth merge runs beside them (its writer RBAC is a manifests resource). */
const TYPES = [MANIFESTS_RBAC_RESOURCE_TYPE, MANIFESTS_RESOURCE_TYPE, AWS_AUTH_RESOURCE_TYPE];
/** Namespaces every cluster starts with (the stand-in's defaults). */
const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];
const CONFIG_MAP = BUILT_IN_KINDS.find((k) => k.kind === 'ConfigMap')!;
const AWS_AUTH_ID = `ConfigMap ${AWS_AUTH_NAMESPACE}/aws-auth`;

let outdir: string;
let stacks: AssemblyStack[];
/** Every resource of {@link TYPES}, in creation order. */
let resources: ResolvedCustomResource[];
/** The manifests resources among them. */
let manifests: ResolvedCustomResource[];
let cluster: AccessEntryCluster;
let clusterName: string;
/** What the aws-auth merge answered to Create. */
let awsAuthAnswer: unknown;
/** Physical ids returned by Create, by `stack/logicalId`. */
const physicalIds = new Map<string, string>();
/** The uid of each namespace after Create, by name. */
const namespaceUids = new Map<string, string | undefined>();

const keyOf = (r: ResolvedCustomResource): string => `${r.stack.stackName}/${r.logicalId}`;
function objectsOf(r: ResolvedCustomResource): KubernetesObject[] {
  const objects = r.properties[ManifestsProps.objects];
  if (typeof objects !== 'string') throw new Error(`${r.site}: property ${ManifestsProps.objects} is ${JSON.stringify(objects)}, not the JSON list the construct renders`);
  return JSON.parse(objects) as KubernetesObject[];
}
const idOf = (o: { kind: string; metadata: { namespace?: string; name: string } }): string => `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`;

interface Stored { kind: string; metadata: { name: string; namespace?: string; uid?: string; labels?: Record<string, string>; resourceVersion?: string } }

/** Every object the stand-in stores, of every kind it serves, as `Kind ns/name`. */
function storedObjects(): Stored[] {
  return BUILT_IN_KINDS.flatMap((k) => cluster.kube.objects.list(k, undefined).map((o) => ({ ...o, kind: k.kind }) as unknown as Stored));
}

function run(r: ResolvedCustomResource, event: Record<string, unknown>) {
  return invokeResource(r, event, { awsEnv: cluster.awsEnv(r.roleArn) });
}

/** `properties` with key `from` renamed to `to`, or dropped. */
function renamed(properties: Record<string, unknown>, from: string, to?: string): Record<string, unknown> {
  const { [from]: value, ...rest } = properties;
  return to === undefined ? rest : { ...rest, [to]: value };
}

/**
 * What the resolved properties of `r` break of the contract: keys the handler does not read, and
 * the required ones missing. The handler itself ignores an unknown key and reads a missing
 * Objects as an empty list, so a rename on the construct side alone would apply nothing (and an
 * Update would prune what the old properties declared).
 */
function contractProblems(r: ResolvedCustomResource): string[] {
  const rbac = r.type === MANIFESTS_RBAC_RESOURCE_TYPE;
  const known: string[] = ['ServiceToken', ...Object.values(rbac ? ManifestsRbacProps : ManifestsProps)];
  const required: string[] = rbac ? Object.values(ManifestsRbacProps) : [ManifestsProps.clusterName, ManifestsProps.owner, ManifestsProps.objects];
  return [
    ...Object.keys(r.properties).filter((k) => !known.includes(k)).map((k) => `${r.site}: property ${k} is not one the handler reads (${known.join(', ')})`),
    ...required.filter((k) => !(k in r.properties)).map((k) => `${r.site}: property ${k} is missing`),
  ];
}

/** The stored aws-auth ConfigMap. */
function awsAuth() {
  return cluster.kube.objects.get(CONFIG_MAP, AWS_AUTH_NAMESPACE, 'aws-auth') as unknown as { metadata: { resourceVersion: string; annotations?: Record<string, string> }; data: Record<string, string> } | undefined;
}

function adminPolicies(): string[] {
  return cluster.aws.accessEntries.flatMap((e) => e.policies.map((p) => `${e.principalArn} ${p.policyArn}`));
}

/** The `AccessConfig.AuthenticationMode` the template of cluster `name` declares (a literal). */
function authenticationModeOf(all: readonly AssemblyStack[], name: string): string {
  const clusters = all.flatMap((s) => Object.values(s.template.Resources ?? {})).filter((r) => r.Type === 'AWS::EKS::Cluster' && r.Properties?.Name === name);
  const mode = (clusters[0]?.Properties?.AccessConfig as { AuthenticationMode?: unknown } | undefined)?.AuthenticationMode;
  if (clusters.length !== 1 || typeof mode !== 'string') throw new Error(`expected one AWS::EKS::Cluster named ${name} with a literal AccessConfig.AuthenticationMode, found ${clusters.length} (mode ${JSON.stringify(mode)})`);
  return mode;
}

beforeAll(async () => {
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'eks-access-assembly-'));
  const { app } = buildApp({ environments: [DEV], context: cliContext(), outdir });
  try {
    app.synth();
  } catch (e) {
    // cdk-nag findings fail synth after the assembly is written; the nag test owns them.
    if (!fs.existsSync(path.join(outdir, 'manifest.json'))) throw e;
  }
  stacks = readAssemblyStacks(outdir);
  resources = resolveCustomResources(stacks, TYPES);
  manifests = resources.filter((r) => r.type !== AWS_AUTH_RESOURCE_TYPE);
  const names = [...new Set(resources.map((r) => String(r.properties[ManifestsProps.clusterName])))];
  if (names.length !== 1) throw new Error(`the dev resources name ${names.length} clusters: ${names.join(', ')}`);
  clusterName = names[0];
  const functions = [...new Map(resources.map((r) => [r.roleArn, { roleArn: r.roleArn, functionName: r.functionName }])).values()];
  const entries = resolvedResourcesOfType(stacks, 'AWS::EKS::AccessEntry')
    .filter((e) => functions.some((f) => f.roleArn === e.properties.PrincipalArn));
  // The principals aws-auth maps exist: the roles the templates create, the users the config names.
  const roles = stacks.flatMap((s) => Object.entries(s.template.Resources ?? {}).filter(([, r]) => r.Type === 'AWS::IAM::Role').map(([id]) => standInResourceValue(s, id, 'Arn')!));
  const users = resources.filter((r) => r.type === AWS_AUTH_RESOURCE_TYPE).flatMap((r) => (r.properties[AwsAuthProps.mapUsers] as Array<{ userarn: string }>).map((u) => u.userarn));
  cluster = await startAccessEntryCluster({
    clusterName, region: DEV.region, account: DEV.account, functions, authenticationMode: authenticationModeOf(stacks, clusterName), roles, users,
    accessEntries: entries.map((e) => ({
      clusterName: String(e.properties.ClusterName), principalArn: String(e.properties.PrincipalArn),
      ...(e.properties.Username === undefined ? {} : { username: String(e.properties.Username) }), kubernetesGroups: (e.properties.KubernetesGroups ?? []) as string[],
      // As the template declares them: the construct gives the function no standing policy.
      policies: ((e.properties.AccessPolicies ?? []) as Array<{ PolicyArn: string }>).map((p) => ({ policyArn: p.PolicyArn, accessScope: { type: 'cluster' as const } })),
    })),
  });
}, 120_000);

afterAll(async () => {
  await cluster?.close();
  if (outdir) fs.rmSync(outdir, { recursive: true, force: true });
});

describe('the dev assembly: the bundled manifests handler against the stand-in cluster', () => {
  test('finds every manifests resource of dev (and the aws-auth merge), each with the bundled handler its provider runs and the access entry the template declares, with no policy', () => {
    const short: Record<string, string> = { [MANIFESTS_RBAC_RESOURCE_TYPE]: 'rbac', [MANIFESTS_RESOURCE_TYPE]: 'objects', [AWS_AUTH_RESOURCE_TYPE]: 'aws-auth' };
    const perStack = stacks.map((s) => `${s.displayName}: ${resources.filter((r) => r.stack === s).map((r) => short[r.type]).join(' ')}`);
    // The bootstrap first in each stack with a provider, the aws-auth merge after its writer RBAC; the Cluster stack has none.
    expect(perStack).toEqual([
      'dev/Cluster: ',
      'dev/Access: rbac objects aws-auth objects',
      'dev/Workloads: rbac objects objects objects objects objects',
    ]);
    for (const r of resources) {
      expect(path.relative(outdir, r.handler.file)).toMatch(/^asset\.[0-9a-f]{64}\/index\.js$/);
      expect(r.handler.exportName).toBe('handler');
      expect(r.handler.fn.Properties?.Handler).toBe('index.handler');
      expect(r.roleArn).toMatch(new RegExp(`^arn:aws:iam::${DEV.account}:role/${r.stack.stackName}-`));
    }
    // One bundle for both manifests providers, the aws-auth handler's own.
    expect(new Set(manifests.map((r) => r.handler.file)).size).toBe(1);
    expect(new Set(resources.map((r) => r.handler.file)).size).toBe(2);
    // Each manifests provider's entry: its own username, no group, no policy; the aws-auth writer's: its group.
    const entries = cluster.aws.accessEntries.map((e) => [e.principalArn, e.username, e.kubernetesGroups, e.policies.length]);
    const roles = [...new Set(resources.map((r) => r.roleArn))];
    expect(entries.sort()).toEqual(roles.map((role) => (resources.find((r) => r.roleArn === role)!.type === AWS_AUTH_RESOURCE_TYPE
      ? [role, undefined, [WRITER_GROUP], 0] : [role, expect.stringMatching(/^eks-access:manifests:/), [], 0])).sort());
    expect(roles).toHaveLength(3);
    expect(clusterName).toBe('eks-access-dev');
    expect(authenticationModeOf(stacks, clusterName)).toBe('API_AND_CONFIG_MAP');
  });

  test('every resource\'s properties are the contract\'s (lambda/manifests/api.ts): a renamed key is caught here too, naming the resource in the template', () => {
    expect(manifests.flatMap(contractProblems)).toEqual([]);
    const r = resources.find((x) => x.type === MANIFESTS_RESOURCE_TYPE)!;
    expect(contractProblems({ ...r, properties: renamed(r.properties, ManifestsProps.objects, 'Object') })).toEqual([
      `${r.site}: property Object is not one the handler reads (${['ServiceToken', ...Object.values(ManifestsProps)].join(', ')})`,
      `${r.site}: property Objects is missing`,
    ]);
  });

  test('a property the stand-ins cannot resolve fails the test, naming the resource, the path and the intrinsic', () => {
    const r = resources.find((x) => x.type === MANIFESTS_RESOURCE_TYPE && typeof x.stack.template.Resources?.[x.logicalId].Properties?.[ManifestsProps.objects] !== 'string')!;
    const template = JSON.parse(JSON.stringify(r.stack.template)) as typeof r.stack.template;
    const join = template.Resources![r.logicalId].Properties![ManifestsProps.objects] as { 'Fn::Join': [string, unknown[]] };
    join['Fn::Join'][1][1] = { 'Fn::If': ['IsProd', 'a', 'b'] };
    const edited = stacks.map((s) => (s === r.stack ? { ...s, template } : s));
    expect(() => resolveCustomResources(edited, TYPES)).toThrow(`${r.site}: property ${ManifestsProps.objects} holds {"Fn::If":["IsProd","a","b"]}, which cannot be resolved against the stand-ins: Fn::If is not resolved by the stand-ins; resolve it in lib/sandbox/cfn-values.ts (or give that resource a stand-in value) rather than dropping it`);
  });

  test('Create, in dependency order: the stand-in holds exactly the declared objects, with the owner labels; the admin policy is disassociated again', async () => {
    for (const r of resources) {
      const { result } = await run(r, cloudFormationEvent(r, 'Create'));
      const answer = result as { PhysicalResourceId: string; Data: Record<string, string> };
      physicalIds.set(keyOf(r), answer.PhysicalResourceId);
      if (r.type === AWS_AUTH_RESOURCE_TYPE) {
        awsAuthAnswer = answer;
        continue;
      }
      expect({ resource: keyOf(r), created: answer.Data.Created, changed: answer.Data.Changed }).toEqual({ resource: keyOf(r), created: String(objectsOf(r).length), changed: '0' });
    }
    const declared = manifests.flatMap((r) => objectsOf(r).map((o) => ({ owner: String(r.properties[ManifestsProps.owner]), object: o })));
    const owned = storedObjects().filter((o) => o.metadata.labels?.[OWNER_LABEL] !== undefined);
    expect(owned.map(idOf).sort()).toEqual(declared.map((d) => idOf(d.object)).sort());
    for (const { owner, object } of declared) {
      const stored = owned.find((o) => idOf(o) === idOf(object));
      expect(stored).toMatchObject(object as unknown as Record<string, unknown>);
      expect(stored?.metadata.labels).toMatchObject({ [OWNER_LABEL]: owner, [MANAGED_BY_LABEL]: MANAGED_BY_VALUE });
    }
    // Nothing else: the namespaces beside the system ones are the declared ones.
    expect(storedObjects().filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name).sort())
      .toEqual([...SYSTEM_NAMESPACES, ...declared.filter((d) => d.object.kind === 'Namespace').map((d) => d.object.metadata.name)].sort());
    expect(storedObjects().filter((o) => o.metadata.labels?.[OWNER_LABEL] === undefined && o.kind !== 'Namespace').map(idOf)).toEqual([AWS_AUTH_ID]);
    for (const ns of storedObjects().filter((o) => o.kind === 'Namespace')) namespaceUids.set(ns.metadata.name, ns.metadata.uid);
    // Each bootstrap opened and closed its window; no association is left.
    const eks = cluster.aws.requests.filter((q) => q.service === 'eks' && q.operation.endsWith('AccessPolicy')).map((q) => `${q.operation} ${q.status}`);
    expect(eks).toEqual(['AssociateAccessPolicy 200', 'DisassociateAccessPolicy 200', 'AssociateAccessPolicy 200', 'DisassociateAccessPolicy 200']);
    expect(adminPolicies()).toEqual([]);
    expect(CLUSTER_ADMIN_POLICY_ARN).toMatch(/AmazonEKSClusterAdminPolicy$/);
  });

  test('bonus, the aws-auth merge: its bundled handler wrote the declared mappings, as its writer RBAC allows', () => {
    const r = resources.find((x) => x.type === AWS_AUTH_RESOURCE_TYPE)!;
    const stored = awsAuth()!;
    expect(awsAuthAnswer).toEqual({ PhysicalResourceId: `aws-auth/${clusterName}/${String(r.properties[AwsAuthProps.owner])}`, Data: { OwnedRoles: 5, OwnedUsers: 1, ResourceVersion: stored.metadata.resourceVersion } });
    const byArn = (key: string) => (a: Record<string, unknown>, b: Record<string, unknown>) => String(a[key]).localeCompare(String(b[key]));
    expect((parseYaml(stored.data.mapRoles) as Array<Record<string, unknown>>).sort(byArn('rolearn'))).toEqual([...(r.properties[AwsAuthProps.mapRoles] as Array<Record<string, unknown>>)].sort(byArn('rolearn')));
    expect(parseYaml(stored.data.mapUsers)).toEqual(r.properties[AwsAuthProps.mapUsers]);
  });

  test('Update with the same properties changes nothing: same resourceVersions (the bootstrap adds only its previous generation; aws-auth keeps its version)', async () => {
    const before = new Map(storedObjects().map((o) => [idOf(o), o.metadata.resourceVersion]));
    for (const r of resources) {
      const { result } = await run(r, cloudFormationEvent(r, 'Update', { oldProperties: r.properties, physicalResourceId: physicalIds.get(keyOf(r)) }));
      const answer = result as { PhysicalResourceId: string; Data: Record<string, string> };
      expect(answer.PhysicalResourceId).toBe(physicalIds.get(keyOf(r)));
      if (r.type === AWS_AUTH_RESOURCE_TYPE) {
        expect(answer).toEqual(awsAuthAnswer);
        continue;
      }
      const objects = objectsOf(r);
      const previous = r.type === MANIFESTS_RBAC_RESOURCE_TYPE ? objects.length : 0;
      expect({ resource: keyOf(r), ...answer.Data, Summary: undefined }).toEqual({
        resource: keyOf(r), Created: String(previous), Changed: '0', Unchanged: String(objects.length), Deleted: '0', Summary: undefined,
      });
    }
    const after = new Map(storedObjects().map((o) => [idOf(o), o.metadata.resourceVersion]));
    for (const [id, version] of before) expect({ id, version: after.get(id) }).toEqual({ id, version });
    expect([...after.keys()].filter((id) => !before.has(id)).every((id) => id.endsWith('-previous'))).toBe(true);
    expect(adminPolicies()).toEqual([]);
  });

  test('Delete in reverse order: the namespaces are released (not deleted: dev sets no allowDeletion), every other object is gone, the bootstraps\' RBAC too', async () => {
    for (const r of [...resources].reverse()) {
      const { result } = await run(r, cloudFormationEvent(r, 'Delete', { physicalResourceId: physicalIds.get(keyOf(r)) }));
      expect((result as { PhysicalResourceId: string }).PhysicalResourceId).toBe(physicalIds.get(keyOf(r)));
    }
    const declaredNamespaces = manifests.flatMap((r) => objectsOf(r).filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name));
    expect(declaredNamespaces.sort()).toEqual(['payments', 'platform', 'web']);
    const left = storedObjects();
    expect(left.filter((o) => o.kind !== 'Namespace').map(idOf)).toEqual([AWS_AUTH_ID]);
    const namespaces = left.filter((o) => o.kind === 'Namespace');
    expect(namespaces.map((o) => o.metadata.name).sort()).toEqual([...SYSTEM_NAMESPACES, ...declaredNamespaces].sort());
    // Released: the same namespace (its uid), without the app's labels (only the one the server sets).
    for (const ns of namespaces) {
      expect({ ns: ns.metadata.name, uid: ns.metadata.uid, labels: ns.metadata.labels }).toEqual({
        ns: ns.metadata.name, uid: namespaceUids.get(ns.metadata.name), labels: { 'kubernetes.io/metadata.name': ns.metadata.name },
      });
    }
    // The aws-auth ConfigMap stays (EKS's, never deleted), without the app's mappings or its owners annotation.
    expect([awsAuth()?.data, awsAuth()?.metadata.annotations]).toEqual([{ mapRoles: '[]\n', mapUsers: '[]\n' }, {}]);
    expect(adminPolicies()).toEqual([]);
  });

  test.each<[string, 'objects' | 'rbac', string, string | undefined, string]>([
    ['the objects renamed (read as none, an Update would prune every object)', 'objects', ManifestsProps.objects, 'Object', 'Custom::EksAccessManifests: property Objects is missing; property Object is not one it takes (it takes ClusterName, Owner, Objects, Patches, AssumeRoleArn, ReleaseAdopted; ClusterName, Owner, Objects required); the construct and the handler disagree on the contract: deploy the construct and its handler from the same version of the app'],
    ['the owner id renamed', 'objects', ManifestsProps.owner, 'owner', 'Custom::EksAccessManifests: property Owner is missing; property owner is not one it takes (it takes ClusterName, Owner, Objects, Patches, AssumeRoleArn, ReleaseAdopted; ClusterName, Owner, Objects required); the construct and the handler disagree on the contract: deploy the construct and its handler from the same version of the app'],
    ['the cluster name dropped', 'objects', ManifestsProps.clusterName, undefined, 'Custom::EksAccessManifests: property ClusterName is missing (it takes ClusterName, Owner, Objects, Patches, AssumeRoleArn, ReleaseAdopted; ClusterName, Owner, Objects required); the construct and the handler disagree on the contract: deploy the construct and its handler from the same version of the app'],
    ['the bootstrap\'s objects dropped', 'rbac', ManifestsRbacProps.objects, undefined, 'Custom::EksAccessManifestsRbac: property Objects is missing (it takes ClusterName, Owner, Objects, PrincipalArn; ClusterName, Owner, Objects, PrincipalArn required); the construct and the handler disagree on the contract: deploy the construct and its handler from the same version of the app'],
    ['the bootstrap\'s principal renamed', 'rbac', ManifestsRbacProps.principalArn, 'Principal', 'Custom::EksAccessManifestsRbac: property PrincipalArn is missing; property Principal is not one it takes (it takes ClusterName, Owner, Objects, PrincipalArn; ClusterName, Owner, Objects, PrincipalArn required); the construct and the handler disagree on the contract: deploy the construct and its handler from the same version of the app'],
  ])('a drift between construct and handler fails the bundled handler: %s', async (_what, kind, from, to, sentence) => {
    const r = resources.find((x) => x.type === (kind === 'rbac' ? MANIFESTS_RBAC_RESOURCE_TYPE : MANIFESTS_RESOURCE_TYPE))!;
    const since = cluster.kube.requests.length;
    const failure = await run(r, cloudFormationEvent(r, 'Create', { properties: renamed(r.properties, from, to) })).then(() => undefined, (e: unknown) => e);
    expect(failure).toBeInstanceOf(BundledHandlerError);
    expect((failure as Error).message).toBe(sentence);
    expect(cluster.kube.requests.length).toBe(since);
  });

});
