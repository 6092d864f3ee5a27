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
  /**
   * `'true'`: Delete and prune release, instead of deleting, the objects this resource adopted
   * from CDK's kubectl provider (annotation `eks-access.io/adopted-from: kubectl`). Set in
   * release 0.2, while the kubectl resources that wrote them still exist, so that a rolled-back
   * deploy (which deletes the resources it created) deletes no live object.
   * @default - absent: such objects are deleted like the ones the resource created
   */
  releaseAdopted: 'ReleaseAdopted',
} as const;

/** The properties as the handler receives them (after the construct rendered them). */
export interface ManifestsResourceProperties {
  readonly ClusterName: string;
  readonly Owner: string;
  readonly Objects: string;
  readonly Patches?: string;
  readonly AssumeRoleArn?: string;
  readonly ReleaseAdopted?: string;
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
 * Field manager of patches of objects owned by others, applied without `force`: a field another
 * manager owns with another value is a conflict (the patch fails naming the manager and the
 * field), an equal value is shared. On delete a patch is released by applying only apiVersion,
 * kind and metadata.name (and namespace) under this manager.
 */
export const PATCH_FIELD_MANAGER = 'eks-access-patch';

/**
 * Label carrying the owner id on every object the resource owns. Update and Delete remove only
 * objects whose value equals the resource's own {@link ManifestsProps.owner}.
 */
export const OWNER_LABEL = 'eks-access.io/owner';

/**
 * Prefix of the Kubernetes username of a manifests provider's access entry
 * ({@link manifestsUsername}).
 */
export const MANIFESTS_USERNAME_PREFIX = 'eks-access:manifests:';

/**
 * The Kubernetes username of the access entry of the manifests provider whose RBAC bootstrap has
 * owner id `bootstrapOwner` (unique per provider: it holds the stack name and the provider's
 * path). The entry has this username and no groups, and the generated ClusterRoleBinding binds
 * subject `User <username>`, so each provider holds its own ClusterRole only: two providers on
 * one cluster (the Access and the Workloads stack) never share their rights, as a shared group
 * would make them. EKS takes a username without `{{SessionName}}` as given (so RBAC can name it)
 * and refuses one starting with `system:`, `eks:`, `aws:`, `amazon:` or `iam:`.
 * @see https://docs.aws.amazon.com/eks/latest/userguide/set-custom-username.html
 */
export function manifestsUsername(bootstrapOwner: string): string {
  return `${MANIFESTS_USERNAME_PREFIX}${bootstrapOwner}`;
}

/** Description of the manifests handler function (how tests and the access report find it). */
export const MANIFESTS_HANDLER_DESCRIPTION = 'eks-access: applies Kubernetes objects with server-side apply';

/**
 * CloudFormation type of the RBAC bootstrap resource: it applies the function's own generated
 * RBAC (a name-limited ClusterRole and its binding to the provider's own user,
 * {@link manifestsUsername} of the bootstrap's owner id) under a
 * temporary association of {@link CLUSTER_ADMIN_POLICY_ARN} to the function's principal, which
 * it removes again before it answers, whatever the outcome. The manifests resources depend on it.
 */
export const MANIFESTS_RBAC_RESOURCE_TYPE = 'Custom::EksAccessManifestsRbac';

/** Property names of the RBAC bootstrap resource. */
export const ManifestsRbacProps = {
  /** Name of the EKS cluster. A change replaces the resource. */
  clusterName: 'ClusterName',
  /** Owner id of the bootstrap's own objects (a label value, as {@link ManifestsProps.owner}). */
  owner: 'Owner',
  /** The generated RBAC objects: a JSON string of a list (the ClusterRole and its ClusterRoleBinding). */
  objects: 'Objects',
  /**
   * ARN of the principal of the function's access entry (its role, as the access entry names
   * it): the one principal the admin policy is associated to and disassociated from.
   */
  principalArn: 'PrincipalArn',
} as const;

/** The RBAC bootstrap's properties as the handler receives them. */
export interface ManifestsRbacResourceProperties {
  readonly ClusterName: string;
  readonly Owner: string;
  readonly Objects: string;
  readonly PrincipalArn: string;
}

/** The one access policy the bootstrap associates, at cluster scope, and only for its own run. */
export const CLUSTER_ADMIN_POLICY_ARN = 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy';

/**
 * Suffix of the previous generation's ClusterRole and binding. On Update the bootstrap keeps,
 * for one deploy, `get`, `patch` and `delete` on what the old generation named, so that the
 * manifests resources can still prune and delete (in CloudFormation's cleanup phase) the
 * objects this deploy no longer declares; the next Update replaces it.
 */
export const PREVIOUS_GENERATION_SUFFIX = '-previous';

/**
 * Annotation on a declared Namespace that lets Update and Delete delete it (and with it
 * everything in it, including objects the app did not create): value {@link NAMESPACE_DELETE}.
 * Without it a Namespace the resource no longer declares is released instead (its ownership
 * labels and the fields the app applied are dropped; the namespace and its content stay), and
 * the summary says so. The construct sets it only from an explicit setting.
 */
export const NAMESPACE_ON_DELETE_ANNOTATION = 'eks-access.io/on-delete';

/** The one value of {@link NAMESPACE_ON_DELETE_ANNOTATION} that allows deleting the namespace. */
export const NAMESPACE_DELETE = 'delete';
