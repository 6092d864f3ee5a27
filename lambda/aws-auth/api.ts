/**
 * The contract between the `AwsAuthMappings` construct and the aws-auth handler: resource type,
 * property names, value shapes, annotation and group names. Both sides import this module, so
 * the compiler enforces the coupling (the aws-cdk `api.ts` pattern).
 *
 * CloudFormation passes every scalar property to the handler as a string, so flags are the
 * strings `'true'` / `'false'`.
 */

/** CloudFormation type of the merge resource. */
export const AWS_AUTH_RESOURCE_TYPE = 'Custom::EksAccessAwsAuth';

/** What EKS accepts as a cluster name; config validation and the handler both check it. */
export const EKS_CLUSTER_NAME_RE = /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/;

/** Property names of the merge resource. */
export const AwsAuthProps = {
  /** Name of the EKS cluster whose aws-auth is merged. A change replaces the resource. */
  clusterName: 'ClusterName',
  /** Stable id of the owner of the entries (unique per cluster), recorded in the ConfigMap. */
  owner: 'Owner',
  /** Role mappings to own: `RoleMapping[]`. */
  mapRoles: 'MapRoles',
  /** User mappings to own: `UserMapping[]`. */
  mapUsers: 'MapUsers',
  /** Account ids to own in `mapAccounts`: `string[]`. */
  mapAccounts: 'MapAccounts',
  /**
   * `'true'` to allow mappings to `system:masters`. A request only: the function must also list
   * the owner in {@link AwsAuthFunctionEnv.clusterAdminOwners}.
   */
  allowClusterAdmin: 'AllowClusterAdmin',
  /**
   * `'true'` to take over unowned entries for the same principal that differ. A request only:
   * the function must also list the owner in {@link AwsAuthFunctionEnv.takeOverOwners}.
   */
  takeOverUnowned: 'TakeOverUnowned',
  /** `'false'` to skip IAM GetRole/GetUser validation of every mapped principal. */
  validatePrincipals: 'ValidatePrincipals',
  /** Optional role ARN the handler assumes to reach Kubernetes (CONFIG_MAP-only clusters). */
  assumeRoleArn: 'AssumeRoleArn',
} as const;

/**
 * The handler function's own configuration (Lambda environment variables), rendered at synth
 * by `AwsAuthProvider` from the `AwsAuthMappings` added to it. It is the authority for the two
 * safety switches: a merge resource's `AllowClusterAdmin` / `TakeOverUnowned` is a request,
 * honoured only for an owner listed here. One function serves every mapping resource of a
 * cluster in a stack (its ServiceToken cannot change once deployed), so the lists are the
 * owners allowed each switch, not one setting for all; an event asking for a switch for an
 * owner not listed (or when nothing is listed) fails naming the function and the owner, and
 * nothing is written. Delete needs neither switch: it only removes the owner's entries.
 *
 * Values: owner ids (which never contain a comma) joined by {@link OWNER_LIST_SEPARATOR},
 * sorted; empty for none.
 */
export const AwsAuthFunctionEnv = {
  /** Owners whose mapping resources may set `AllowClusterAdmin` (map `system:masters`). */
  clusterAdminOwners: 'EKS_ACCESS_CLUSTER_ADMIN_OWNERS',
  /** Owners whose mapping resources may set `TakeOverUnowned`. */
  takeOverOwners: 'EKS_ACCESS_TAKE_OVER_OWNERS',
} as const;

/** Separator of the owner lists in {@link AwsAuthFunctionEnv}. */
export const OWNER_LIST_SEPARATOR = ',';

/** Attributes the handler returns (`Fn::GetAtt`). */
export const AwsAuthAttributes = {
  /** Number of owned role entries after the operation. */
  ownedRoles: 'OwnedRoles',
  /** Number of owned user entries after the operation. */
  ownedUsers: 'OwnedUsers',
  /** resourceVersion of aws-auth after the operation. */
  resourceVersion: 'ResourceVersion',
} as const;

/** A role mapping as declared by an owner. `rolearn` may carry an IAM path; it is normalized. */
export interface RoleMapping {
  readonly rolearn: string;
  readonly username: string;
  readonly groups: string[];
}

/** A user mapping as declared by an owner. */
export interface UserMapping {
  readonly userarn: string;
  readonly username: string;
  readonly groups: string[];
}

/** The properties as the handler receives them (after the construct rendered them). */
export interface AwsAuthResourceProperties {
  readonly ClusterName: string;
  readonly Owner: string;
  readonly MapRoles?: RoleMapping[];
  readonly MapUsers?: UserMapping[];
  readonly MapAccounts?: string[];
  readonly AllowClusterAdmin?: string;
  readonly TakeOverUnowned?: string;
  readonly ValidatePrincipals?: string;
  readonly AssumeRoleArn?: string;
}

/** Annotation on aws-auth holding every owner's desired entries (JSON). */
export const OWNERS_ANNOTATION = 'eks-access.io/owners';

/** Kubernetes group given to the handler's identity through its access entry. */
export const WRITER_GROUP = 'eks-access:aws-auth-writer';

/** Name of the kube-system Role/RoleBinding that lets the writer group edit aws-auth. */
export const WRITER_RBAC_NAME = 'eks-access-aws-auth-writer';

/** The ConfigMap the authenticator reads. */
export const AWS_AUTH_NAMESPACE = 'kube-system';
export const AWS_AUTH_NAME = 'aws-auth';
