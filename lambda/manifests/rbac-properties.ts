/**
 * The RBAC bootstrap's properties, checked on entry (untrusted input), and the objects each
 * operation handles: the generated pair, plus on Update the previous generation made from the
 * old pair (so that pruning in CloudFormation's cleanup phase keeps its rights for one deploy),
 * and on Delete that previous generation too (the last Update left it on the cluster).
 */
import { EKS_CLUSTER_NAME_RE } from '../aws-auth/api';
import type { Logger } from '../edge/log';
import { MANIFESTS_RBAC_RESOURCE_TYPE, ManifestsProps, ManifestsRbacProps } from './api';
import { ManifestInputError, declaredSetOf, parseJsonList } from './core';
import type { DeclaredSet, ManifestObject, PropertyKeys } from './core';
import { previousGeneration } from './core/previous';

/** The bootstrap's properties after the checks. */
export interface RbacRequest {
  /** The cluster's name. */
  readonly clusterName: string;
  /** The function's access-entry principal (an IAM role ARN): the one the admin window is opened for. */
  readonly principalArn: string;
  /** The declared owner id and generated objects (no patches). */
  readonly set: DeclaredSet;
  /** The generated objects as declared (before the ownership labels), for the previous generation. */
  readonly declared: readonly ManifestObject[];
}

/** The keys of a new declaration (checked on Create and on an Update's new properties): all four, required. */
export const RBAC_PROPERTY_KEYS: PropertyKeys = {
  resourceType: MANIFESTS_RBAC_RESOURCE_TYPE,
  allowed: Object.values(ManifestsRbacProps),
  required: Object.values(ManifestsRbacProps),
};

const ROLE_ARN_RE = /^arn:[a-z-]+:iam::\d{12}:role\/[\w+=,.@/-]+$/;

/**
 * Checks the bootstrap's properties.
 * @throws ManifestInputError naming the property, the value and the fix.
 */
export function parseRbacRequest(properties: Readonly<Record<string, unknown>> | undefined): RbacRequest {
  const p = properties ?? {};
  const clusterName = p[ManifestsRbacProps.clusterName];
  if (typeof clusterName !== 'string' || !EKS_CLUSTER_NAME_RE.test(clusterName)) {
    throw new ManifestInputError(`property ${ManifestsRbacProps.clusterName} = ${JSON.stringify(clusterName)} is not an EKS cluster name (1-100 letters, digits, '-' and '_', starting with a letter or digit); pass the cluster's name`);
  }
  const principalArn = p[ManifestsRbacProps.principalArn];
  if (typeof principalArn !== 'string' || !ROLE_ARN_RE.test(principalArn)) {
    throw new ManifestInputError(`property ${ManifestsRbacProps.principalArn} = ${JSON.stringify(principalArn)} is not an IAM role ARN (arn:<partition>:iam::<account>:role/<name>); pass the ARN of the role the function's access entry names`);
  }
  if (p[ManifestsProps.patches] !== undefined) {
    throw new ManifestInputError(`property ${ManifestsProps.patches} is set on the RBAC bootstrap, which applies only its generated ClusterRole and binding; remove it`);
  }
  const set = declaredSetOf({ [ManifestsProps.owner]: p[ManifestsRbacProps.owner], [ManifestsProps.objects]: p[ManifestsRbacProps.objects] });
  return { clusterName, principalArn, set, declared: parseJsonList(ManifestsRbacProps.objects, p[ManifestsRbacProps.objects]) as ManifestObject[] };
}

/** `manifests-rbac/<cluster>/<owner>`: a new cluster or owner is a new resource. */
export function rbacPhysicalIdOf(clusterName: string, owner: string): string {
  return `manifests-rbac/${clusterName}/${owner}`;
}

/**
 * The set the operation applies: the generated pair, and (on Update) the previous generation
 * made from `previousOf` (the old pair), all validated and labelled as the pair is.
 * @throws ManifestInputError when the old pair is not the generated shape.
 */
export function withPreviousGeneration(req: RbacRequest, previousOf: readonly ManifestObject[]): DeclaredSet {
  const objects = [...req.declared, ...previousGeneration(previousOf)];
  return declaredSetOf({ [ManifestsProps.owner]: req.set.owner, [ManifestsProps.objects]: JSON.stringify(objects) });
}

/**
 * What a Delete removes: the pair and the previous generation the last Update left (named
 * from the pair, as that Update named it). Properties whose pair has another shape lose only
 * the previous generation (logged): a Delete never fails on what it cannot derive.
 */
export function deleteSetOf(req: RbacRequest, log: Logger): DeclaredSet {
  try {
    return withPreviousGeneration(req, req.declared);
  } catch (e) {
    log('warn', 'no previous generation derived from the properties: only the declared objects are removed', { error: (e as Error).message });
    return req.set;
  }
}
