/**
 * What the access report extracts from one environment's templates: every declaration that
 * decides who may do what. Values are rendered text (see `intrinsics.ts`), so two synths of
 * the same declaration compare equal.
 */

/** One merge resource (`Custom::EksAccessAwsAuth`): the owner-level settings. */
export interface AwsAuthOwner {
  /** Owner id recorded in aws-auth. */
  readonly owner: string;
  /** The cluster, as a rendered reference. */
  readonly cluster: string;
  /** Whether mappings to `system:masters` are allowed. */
  readonly allowClusterAdmin: boolean;
  /** Account ids in `mapAccounts`. */
  readonly accounts: string[];
}

/** One aws-auth role or user mapping. */
export interface AwsAuthMapping {
  /** `mapRoles` or `mapUsers`. */
  readonly list: 'mapRoles' | 'mapUsers';
  /** Owner id of the merge resource that declares it. */
  readonly owner: string;
  /** The mapped principal: a literal ARN or a rendered reference such as `role:external_admin`. */
  readonly principal: string;
  /** Kubernetes username. */
  readonly username: string;
  /** Kubernetes groups. */
  readonly groups: string[];
}

/** One condition of a policy statement: `operator` `key` in `values`. */
export interface PolicyCondition {
  readonly operator: string;
  readonly key: string;
  readonly values: string[];
}

/** One statement of an IAM policy document, rendered. */
export interface PolicyStatement {
  readonly effect: string;
  readonly actions: string[];
  /** `NotAction`: everything except these. */
  readonly notActions: string[];
  readonly resources: string[];
  /** `NotResource`: everything except these. */
  readonly notResources: string[];
  readonly conditions: PolicyCondition[];
}

/** One statement of a role's trust policy. */
export interface TrustStatement {
  readonly effect: string;
  readonly actions: string[];
  /** `AWS arn:...`, `Federated oidc-provider:...`, `Service lambda.amazonaws.com`, or `*`. */
  readonly principals: string[];
  readonly conditions: PolicyCondition[];
}

/** `irsa`: trusted through `sts:AssumeRoleWithWebIdentity`; `people`: by AWS principals; `service`: by AWS services. */
export type RoleKind = 'irsa' | 'people' | 'service';

/** An IAM role with its trust and permissions. */
export interface IamRole {
  readonly kind: RoleKind;
  /** `RoleName` when literal, else the stage-relative construct path. */
  readonly name: string;
  readonly trust: TrustStatement[];
  /** Inline policies and `AWS::IAM::Policy`/`ManagedPolicy` resources attached to the role. */
  readonly statements: PolicyStatement[];
  /** `ManagedPolicyArns`, rendered. */
  readonly managedPolicies: string[];
}

/** One rule of a Kubernetes Role or ClusterRole. */
export interface RbacRule {
  readonly apiGroups: string[];
  readonly resources: string[];
  readonly verbs: string[];
  readonly resourceNames: string[];
  readonly nonResourceURLs: string[];
}

/** A Kubernetes Role or ClusterRole declared in a manifest. */
export interface RbacRole {
  readonly kind: 'Role' | 'ClusterRole';
  readonly name: string;
  readonly namespace?: string;
  readonly rules: RbacRule[];
}

/** A subject of a binding, rendered as `Group reader`, `User x`, `ServiceAccount ns/name`. */
export type RbacSubject = string;

/** A Kubernetes RoleBinding or ClusterRoleBinding declared in a manifest. */
export interface RbacBinding {
  readonly kind: 'RoleBinding' | 'ClusterRoleBinding';
  readonly name: string;
  readonly namespace?: string;
  readonly roleRef: { readonly kind: string; readonly name: string };
  readonly subjects: RbacSubject[];
}

/** One access policy association of an access entry. */
export interface AccessPolicyAssociation {
  /** Policy name (`AmazonEKSClusterAdminPolicy`) or the rendered ARN when it is not an EKS policy. */
  readonly policy: string;
  /** `cluster` or `namespaces a, b`. */
  readonly scope: string;
}

/** An `AWS::EKS::AccessEntry`. */
export interface AccessEntry {
  readonly principal: string;
  readonly cluster: string;
  readonly type: string;
  readonly username?: string;
  readonly groups: string[];
  readonly policies: AccessPolicyAssociation[];
}

/** Everything the report knows about one environment (one stage of the app). */
export interface EnvironmentAccess {
  /** Stage name (`dev`), or `(app)` for stacks outside any stage. */
  readonly name: string;
  readonly owners: AwsAuthOwner[];
  readonly mappings: AwsAuthMapping[];
  readonly roles: IamRole[];
  readonly rbacRoles: RbacRole[];
  readonly bindings: RbacBinding[];
  readonly accessEntries: AccessEntry[];
}

/** An environment with nothing declared (the base of an environment that is new in head). */
export function emptyEnvironment(name: string): EnvironmentAccess {
  return { name, owners: [], mappings: [], roles: [], rbacRoles: [], bindings: [], accessEntries: [] };
}
