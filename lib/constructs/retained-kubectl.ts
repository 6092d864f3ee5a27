/**
 * The move off CDK's kubectl provider, release 0.2: a `KubernetesManifest` of releases before 0.2
 * stays in the template, unchanged but retained (DeletionPolicy Retain, so removing it in 0.3
 * deletes nothing), and the app's own `KubernetesObjects` resource, created after it, adopts the
 * same objects with server-side apply. README "Upgrade to 0.2" tells the whole sequence.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import type { Construct } from 'constructs';
import type { KubernetesObject } from '../k8s/manifest';
import { KubernetesObjects } from './manifests/kubernetes-objects';
import type { KubernetesObjectsOptions } from './manifests/kubernetes-objects';

/**
 * A copy of `objects` for a `KubernetesManifest`, which adds its `aws.cdk.eks/prune-<hash>`
 * label to the objects it is given, in place: the app's own resource must declare them without it.
 */
export function kubectlCopy(objects: readonly KubernetesObject[]): KubernetesObject[] {
  return structuredClone(objects) as KubernetesObject[];
}

/** The two resources that write one set of objects during release 0.2. */
export interface RetainedWithObjects {
  /** The kubectl resource of releases before 0.2, under its old id, retained. */
  readonly kubectl: eks.KubernetesManifest;
  /** The app's own resource (id `<id>Objects`), which depends on the kubectl one. */
  readonly objects: KubernetesObjects;
}

/**
 * Declares `objects` twice: under the old kubectl resource `id` (retained, so that its removal
 * deletes nothing) and under a `KubernetesObjects` resource `<id>Objects` that adopts them. The
 * order matters for a new environment: kubectl creates first, so its create never races the
 * apply; in a deployed one the kubectl resource does not change, and only the adoption runs.
 */
export function retainedWithObjects(
  scope: Construct, id: string, cluster: eks.ICluster, objects: KubernetesObject[],
  options: Omit<KubernetesObjectsOptions, 'objects'> = {},
): RetainedWithObjects {
  const kubectl = new eks.KubernetesManifest(scope, id, { cluster, manifest: kubectlCopy(objects), overwrite: true, removalPolicy: RemovalPolicy.RETAIN });
  const own = new KubernetesObjects(scope, `${id}Objects`, { ...options, cluster, objects, releaseKubectlAdopted: true });
  own.node.addDependency(kubectl);
  return { kubectl, objects: own };
}
