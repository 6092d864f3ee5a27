/**
 * The objects resource (lib/constructs/manifests/kubernetes-objects.ts): its properties as the
 * handler reads them (api.ts), its owner id, the namespace-deletion setting, the handler's
 * validation at synth, and the size limit's error.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { MANIFESTS_RESOURCE_TYPE, ManifestsProps, NAMESPACE_ON_DELETE_ANNOTATION } from '../../../../lambda/manifests/api';
import { parseManifestsRequest } from '../../../../lambda/manifests/properties';
import { declaredSetOf } from '../../../../lambda/manifests/core/declared';
import { OWNER_ID_RE } from '../../../../lambda/manifests/core/labels';
import { ownerIdOf } from '../../../../lib/constructs/manifests/core/owner-id';
import { KubernetesObjects } from '../../../../lib/constructs/manifests/kubernetes-objects';
import type { KubernetesObjectsProps } from '../../../../lib/constructs/manifests/kubernetes-objects';
import type { KubernetesObject } from '../../../../lib/k8s/manifest';
import { serviceAccountManifest } from '../../../../lib/k8s/service-account';
import { ACCOUNT, NO_BUNDLING, REGION, importedCluster, onlyResource, parseManifest, resourcesOfType } from '../../../util';
import { thrown } from '../../../support/thrown';

const env = { account: ACCOUNT, region: REGION };
const ns = (name: string, annotations?: Record<string, string>): KubernetesObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, ...(annotations ? { annotations } : {}) } });
const cm = (namespace: string, name: string): KubernetesObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data: { k: 'v' } });

function stack(name = 'Objects'): { stack: Stack; cluster: ReturnType<typeof importedCluster> } {
  const s = new Stack(new App({ context: NO_BUNDLING }), name, { env });
  return { stack: s, cluster: importedCluster(s, 'Cluster', 'objects') };
}

function synth(props: Omit<KubernetesObjectsProps, 'cluster'>, id = 'Team'): { template: Template; resource: KubernetesObjects } {
  const { stack: s, cluster } = stack();
  const resource = new KubernetesObjects(s, id, { cluster, ...props });
  return { template: Template.fromStack(s), resource };
}

describe('properties', () => {
  test('cluster name, owner and the declared objects as one JSON string; no Patches when none are declared', () => {
    const objects = [ns('team-a'), cm('team-a', 'settings')];
    const { template, resource } = synth({ objects });
    const [, r] = onlyResource(template, MANIFESTS_RESOURCE_TYPE);
    expect(Object.keys(r.Properties ?? {}).sort()).toEqual(['ClusterName', 'Objects', 'Owner', 'ServiceToken']);
    expect(r.Properties?.[ManifestsProps.clusterName]).toBe('objects');
    expect(r.Properties?.[ManifestsProps.owner]).toBe(resource.owner);
    expect(JSON.parse(r.Properties?.[ManifestsProps.objects] as string)).toEqual(objects);
  });

  test.each([[true, { ReleaseAdopted: 'true' }], [false, {}], [undefined, {}]])('releaseKubectlAdopted %s: %j, and the handler reads it back', (release, expected) => {
    const { template } = synth({ objects: [ns('team-a')], ...(release === undefined ? {} : { releaseKubectlAdopted: release }) });
    const [, r] = onlyResource(template, MANIFESTS_RESOURCE_TYPE);
    const rest = Object.fromEntries(Object.entries(r.Properties ?? {}).filter(([k]) => !['ClusterName', 'Objects', 'Owner', 'ServiceToken'].includes(k)));
    expect(rest).toEqual(expected);
    expect(parseManifestsRequest(r.Properties).releaseKubectlAdopted).toBe(release === true);
  });

  test('patches as their own JSON string', () => {
    const patches = [{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'aws-node', namespace: 'kube-system' }, automountServiceAccountToken: false }];
    const { template } = synth({ objects: [ns('a')], patches });
    const [, r] = onlyResource(template, MANIFESTS_RESOURCE_TYPE);
    expect(JSON.parse(r.Properties?.[ManifestsProps.patches] as string)).toEqual(patches);
  });

  test('the handler reads the rendered properties back as the declared set (no drift between construct and handler)', () => {
    const patches = [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'shared', namespace: 'kube-system' }, data: { a: 'b' } }];
    const { template, resource } = synth({ objects: [ns('team-a'), cm('team-a', 'settings')], patches, allowNamespaceDeletion: true });
    const [, r] = onlyResource(template, MANIFESTS_RESOURCE_TYPE);
    const set = declaredSetOf(r.Properties);
    expect(set.owner).toBe(resource.owner);
    expect(set.objects.map((o) => `${o.id.kind} ${o.id.namespace ?? ''}/${o.id.name}`)).toEqual(['Namespace /team-a', 'ConfigMap team-a/settings']);
    expect(set.objects[0].body.metadata.annotations).toEqual({ [NAMESPACE_ON_DELETE_ANNOTATION]: 'delete' });
    expect(set.patches.map((p) => p.id.name)).toEqual(['shared']);
  });

  test('an object holding a token (an IRSA role ARN) renders as Fn::Join of valid JSON', () => {
    const { stack: s, cluster } = stack();
    const role = new iam.Role(s, 'Irsa', { assumedBy: new iam.AccountRootPrincipal() });
    new KubernetesObjects(s, 'Sa', { cluster, objects: [serviceAccountManifest('a', 'app', role.roleArn)] });
    const [, r] = onlyResource(Template.fromStack(s), MANIFESTS_RESOURCE_TYPE);
    const [sa] = parseManifest(r.Properties?.[ManifestsProps.objects]);
    expect(sa.metadata.annotations?.['eks.amazonaws.com/role-arn']).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Irsa/), 'Arn'] });
  });
});

describe('the owner id', () => {
  test('derived from the stack name and the construct path, a label value', () => {
    const { resource } = synth({ objects: [ns('a')] }, 'Team');
    expect(resource.owner).toBe(ownerIdOf('Objects', 'Objects/Team'));
    expect(resource.owner).toMatch(/^Objects\.Team-[0-9a-f]{10}$/);
    expect(resource.owner).toMatch(OWNER_ID_RE);
  });

  test('unique per resource, stable across synths', () => {
    const { stack: s, cluster } = stack();
    const a = new KubernetesObjects(s, 'A', { cluster, objects: [ns('a')] });
    const b = new KubernetesObjects(s, 'B', { cluster, objects: [ns('b')] });
    expect(a.owner).not.toBe(b.owner);
    expect(synth({ objects: [ns('a')] }, 'A').resource.owner).toBe(a.owner);
    const owners = resourcesOfType(Template.fromStack(s), MANIFESTS_RESOURCE_TYPE).map(([, r]) => r.Properties?.Owner).sort();
    expect(owners).toEqual([a.owner, b.owner].sort());
  });

  test('a deep path longer than a label value still gives at most 63 characters', () => {
    const { stack: s, cluster } = stack();
    let scope: Construct = s;
    for (let i = 0; i < 6; i++) scope = new Construct(scope, `Level${i}WithAQuiteLongName`);
    const r = new KubernetesObjects(scope, 'Objects', { cluster, objects: [ns('a')] });
    expect(r.owner.length).toBeLessThanOrEqual(63);
    expect(r.owner).toMatch(OWNER_ID_RE);
    expect(r.owner).toMatch(/\.Objects-[0-9a-f]{10}$/);
  });
});

describe('namespace deletion', () => {
  const annotationsOf = (template: Template) => (JSON.parse(onlyResource(template, MANIFESTS_RESOURCE_TYPE)[1].Properties?.Objects as string) as KubernetesObject[])
    .map((o) => o.metadata.annotations);

  test('allowed: every declared Namespace carries the annotation, nothing else does; declared annotations kept', () => {
    const { template } = synth({ objects: [ns('a', { note: 'x' }), ns('b'), cm('a', 'c')], allowNamespaceDeletion: true });
    expect(annotationsOf(template)).toEqual([{ note: 'x', [NAMESPACE_ON_DELETE_ANNOTATION]: 'delete' }, { [NAMESPACE_ON_DELETE_ANNOTATION]: 'delete' }, undefined]);
  });

  test.each([undefined, false])('not allowed (%s): no annotation', (allowNamespaceDeletion) => {
    const { template } = synth({ objects: [ns('a')], ...(allowNamespaceDeletion === undefined ? {} : { allowNamespaceDeletion }) });
    expect(annotationsOf(template)).toEqual([undefined]);
  });

  test('the annotation declared by hand is refused, with or without the setting', () => {
    for (const allowNamespaceDeletion of [true, false]) {
      expect(thrown(() => synth({ objects: [ns('a', { [NAMESPACE_ON_DELETE_ANNOTATION]: 'delete' })], allowNamespaceDeletion })).message).toBe(
        'KubernetesObjects Objects/Team: Namespace a declares the annotation eks-access.io/on-delete ("delete") itself; remove it and set allowNamespaceDeletion: true on the resource to let Update and Delete delete the namespace',
      );
    }
  });

  test('a Namespace-like kind of another group is left alone', () => {
    const other = { apiVersion: 'example.com/v1', kind: 'Namespace', metadata: { name: 'x' } };
    const { template } = synth({ objects: [other], allowNamespaceDeletion: true, customKinds: [{ group: 'example.com', kind: 'Namespace', resource: 'namespaces' }] });
    expect(annotationsOf(template)).toEqual([undefined]);
  });
});

describe('validation at synth, as the handler validates', () => {
  test('an invalid object names the resource, the item and the fix', () => {
    expect(thrown(() => synth({ objects: [ns('Team_A')] })).message).toBe(
      'KubernetesObjects Objects/Team: Objects[0] (Namespace Team_A): metadata.name "Team_A" is not a DNS-1123 label (at most 63 lowercase letters, digits and \'-\', starting and ending with a letter or digit); fix the name',
    );
  });

  test('an object both owned and patched is refused', () => {
    expect(thrown(() => synth({ objects: [cm('a', 'c')], patches: [cm('a', 'c')] })).message).toBe(
      'KubernetesObjects Objects/Team: Patches[0] patches ConfigMap a/c, which Objects[0] declares; an object is either owned or patched, so remove one of them',
    );
  });

  test('a kind without a known plural is refused; with customKinds it is accepted', () => {
    const widget = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'a' } };
    expect(thrown(() => synth({ objects: [widget] })).message).toMatch(/^KubernetesObjects Objects\/Team: Objects\[0\] \(Widget a\/w\): kind Widget of apiVersion example\.com\/v1 is not a built-in kind/);
    expect(() => synth({ objects: [widget], customKinds: [{ group: 'example.com', kind: 'Widget', resource: 'widgets' }] })).not.toThrow();
  });
});

test('properties too large for the event fail synth naming the resource and the fix (split it)', () => {
  const big = Array.from({ length: 130 }, (_, i) => ({ ...cm('a', `c${i}`), data: { blob: 'x'.repeat(1000) } }));
  expect(thrown(() => synth({ objects: big })).message).toMatch(
    /^manifests resource Objects\/Team: its properties take \d+ bytes, over the 126976 bytes one resource may take \(CloudFormation invokes the handler asynchronously, Lambda limits that event to 262144 bytes, and an Update carries the old and the new properties\); split the manifests across more resources, for example one per namespace$/,
  );
  expect(() => synth({ objects: big.slice(0, 110) })).not.toThrow();
});
