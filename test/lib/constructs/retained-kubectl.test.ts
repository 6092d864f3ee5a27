import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { MANIFESTS_RESOURCE_TYPE } from '../../../lambda/manifests/api';
import { kubectlLayer } from '../../../lib/config/versions';
import { kubectlCopy, retainedWithObjects } from '../../../lib/constructs/retained-kubectl';
import type { KubernetesObject } from '../../../lib/k8s/manifest';
import { NO_BUNDLING, cliContext, dependsOn, manifests, onlyResource, ownObjects } from '../../util';

const OBJECTS: KubernetesObject[] = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'apps', labels: { team: 'a' } } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'apps' }, data: { mode: 'on' } },
];

function synth(): { template: Template; given: KubernetesObject[] } {
  const stack = new Stack(new App({ context: { ...cliContext(), ...NO_BUNDLING } }), 'Test', { env: { account: '111122223333', region: 'eu-west-1' } });
  const cluster = new eks.Cluster(stack, 'Cluster', {
    version: eks.KubernetesVersion.of('1.35'), defaultCapacityType: eks.DefaultCapacityType.NODEGROUP, defaultCapacity: 0, kubectlProviderOptions: { kubectlLayer: kubectlLayer(stack, 'Kubectl') },
  });
  const given = structuredClone(OBJECTS);
  retainedWithObjects(stack, 'Rbac', cluster, given);
  return { template: Template.fromStack(stack), given };
}

describe('retainedWithObjects', () => {
  const { template, given } = synth();

  test('the kubectl resource keeps its id and objects (with its prune label), retained on delete and replacement', () => {
    const [kubectl] = manifests(template);
    expect(kubectl.id).toMatch(/^Rbac[0-9A-F]{8}$/);
    expect([kubectl.resource.DeletionPolicy, kubectl.resource.UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);
    expect(kubectl.objects.map((o) => o.metadata.name)).toEqual(['apps', 'settings']);
    expect(Object.keys(kubectl.objects[0].metadata.labels ?? {}).filter((k) => k.startsWith('aws.cdk.eks/prune-'))).toHaveLength(1);
  });

  test('the app\'s own resource declares the objects exactly as given, after the kubectl one', () => {
    const [kubectl] = manifests(template);
    const [own] = ownObjects(template);
    expect(own.id).toMatch(/^RbacObjects/);
    expect(own.objects).toEqual(OBJECTS);
    // 0.2: what it adopted from kubectl is released, not deleted, if this resource is deleted (a rollback).
    expect(own.resource.Properties?.ReleaseAdopted).toBe('true');
    expect(dependsOn(own.resource)).toEqual(expect.arrayContaining([kubectl.id]));
    onlyResource(template, MANIFESTS_RESOURCE_TYPE);
  });

  test('the caller\'s objects are not changed (KubernetesManifest labels its own copy)', () => {
    expect(given).toEqual(OBJECTS);
  });
});

describe('kubectlCopy', () => {
  test('a deep copy: equal, and changing it leaves the original as it was', () => {
    const copy = kubectlCopy(OBJECTS);
    expect(copy).toEqual(OBJECTS);
    (copy[0].metadata.labels as Record<string, string>).extra = '';
    expect(OBJECTS[0].metadata.labels).toEqual({ team: 'a' });
  });
});
