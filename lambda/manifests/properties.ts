/**
 * The manifests resource's properties, checked on entry (untrusted input): the cluster name and
 * the optional role here, the owner id, objects and patches by the core's declaredSetOf.
 */
import { EKS_CLUSTER_NAME_RE } from '../aws-auth/api';
import { MANIFESTS_RESOURCE_TYPE, ManifestsProps } from './api';
import { ManifestInputError, declaredSetOf } from './core';
import type { DeclaredSet, PropertyKeys } from './core';

/** The keys of a new declaration (checked on Create and on an Update's new properties). */
export const MANIFESTS_PROPERTY_KEYS: PropertyKeys = {
  resourceType: MANIFESTS_RESOURCE_TYPE,
  allowed: Object.values(ManifestsProps),
  required: [ManifestsProps.clusterName, ManifestsProps.owner, ManifestsProps.objects],
};

/** The properties after the checks. */
export interface ManifestsRequest {
  /** The cluster's name. */
  readonly clusterName: string;
  /** The declared owner id, objects (with the ownership labels added) and patches. */
  readonly set: DeclaredSet;
  /** @default - the handler's own role */
  readonly assumeRoleArn?: string;
  /** Release (not delete) objects adopted from kubectl (`ReleaseAdopted`). */
  readonly releaseKubectlAdopted: boolean;
}

/**
 * Checks the properties CloudFormation sent.
 * @throws ManifestInputError naming the property or item, the value and the fix.
 */
export function parseManifestsRequest(properties: Readonly<Record<string, unknown>> | undefined): ManifestsRequest {
  const p = properties ?? {};
  const clusterName = p[ManifestsProps.clusterName];
  if (typeof clusterName !== 'string' || !EKS_CLUSTER_NAME_RE.test(clusterName)) {
    throw new ManifestInputError(`property ${ManifestsProps.clusterName} = ${JSON.stringify(clusterName)} is not an EKS cluster name (1-100 letters, digits, '-' and '_', starting with a letter or digit); pass the cluster's name`);
  }
  const set = declaredSetOf(p);
  const role = p[ManifestsProps.assumeRoleArn];
  if (role !== undefined && role !== '' && (typeof role !== 'string' || !/^arn:[a-z-]+:iam::\d{12}:role\/.+$/.test(role))) {
    throw new ManifestInputError(`property ${ManifestsProps.assumeRoleArn} = ${JSON.stringify(role)} is not an IAM role ARN (arn:<partition>:iam::<account>:role/<name>); pass the role's ARN or leave it out`);
  }
  const release = p[ManifestsProps.releaseAdopted];
  if (release !== undefined && release !== 'true' && release !== 'false') {
    throw new ManifestInputError(`property ${ManifestsProps.releaseAdopted} = ${JSON.stringify(release)} must be "true" or "false" or left out; the construct sets it (KubernetesObjects releaseKubectlAdopted)`);
  }
  return { clusterName, set, releaseKubectlAdopted: release === 'true', ...(typeof role === 'string' && role !== '' ? { assumeRoleArn: role } : {}) };
}

/** The physical id: a new cluster or owner is a new resource (CloudFormation then deletes the old one). */
export function physicalIdOf(clusterName: string, owner: string): string {
  return `manifests/${clusterName}/${owner}`;
}
