/**
 * The contract between the manifests construct and the manifests handler: resource type,
 * property names, attribute names, field managers and ownership labels. Both sides import this
 * module, so the compiler enforces the coupling (the aws-cdk `api.ts` pattern, as
 * lambda/aws-auth/api.ts).
 *
 * CloudFormation passes every scalar property to the handler as a string (a manifest's
 * `port: 53` would arrive as `"53"`), so the objects travel as one JSON string, as CDK's own
 * KubernetesManifest does.
 */
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE } from '../../lib/k8s/manifest';

export { MANAGED_BY_LABEL, MANAGED_BY_VALUE };

/** CloudFormation type of the manifests resource. */
export const MANIFESTS_RESOURCE_TYPE = 'Custom::EksAccessManifests';

/** Property names of the manifests resource. */
export const ManifestsProps = {
  /** Name of the EKS cluster the objects are applied to. A change replaces the resource. */
  clusterName: 'ClusterName',
  /**
   * Owner id of the resource: a valid label value (at most 63 characters), unique per manifests
   * resource, derived by the construct. It never changes for a deployed resource.
   */
  owner: 'Owner',
  /** The objects the resource owns: a JSON string of a list of Kubernetes objects. */
  objects: 'Objects',
  /**
   * Patches of objects owned by others: a JSON string of a list of partial objects
   * (apiVersion, kind, metadata.name and namespace, and the fields to own).
   * @default - no patches
   */
  patches: 'Patches',
  /**
   * Role ARN the handler assumes to reach Kubernetes.
   * @default - the handler's own role
   */
  assumeRoleArn: 'AssumeRoleArn',
} as const;

/** The properties as the handler receives them (after the construct rendered them). */
export interface ManifestsResourceProperties {
  readonly ClusterName: string;
  readonly Owner: string;
  readonly Objects: string;
  readonly Patches?: string;
  readonly AssumeRoleArn?: string;
}

/** Attributes the handler returns (`Fn::GetAtt`): the outcome of the last operation. */
export const ManifestsAttributes = {
  /** Number of objects created, as a decimal string. */
  created: 'Created',
  /** Number of objects changed. */
  changed: 'Changed',
  /** Number of objects applied without a change. */
  unchanged: 'Unchanged',
  /** Number of objects deleted (pruned on Update, removed on Delete). */
  deleted: 'Deleted',
  /** One line naming the objects per outcome, shortened to fit the response. */
  summary: 'Summary',
} as const;

/** Field manager of the objects the resource owns (applied with `force=true`). */
export const FIELD_MANAGER = 'eks-access';

/**
 * Field manager of patches of objects owned by others; on delete a patch is released by applying
 * only apiVersion, kind and metadata.name (and namespace) under this manager.
 */
export const PATCH_FIELD_MANAGER = 'eks-access-patch';

/**
 * Label carrying the owner id on every object the resource owns. Update and Delete remove only
 * objects whose value equals the resource's own {@link ManifestsProps.owner}.
 */
export const OWNER_LABEL = 'eks-access.io/owner';
