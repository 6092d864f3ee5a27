import { CfnJson } from 'aws-cdk-lib';
import type * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { IRSA_ROLE_ARN_ANNOTATION, serviceAccountManifest } from '../k8s/service-account';
import { KubernetesObjects } from './manifests/kubernetes-objects';

/** Props of {@link IrsaServiceAccount}. */
export interface IrsaServiceAccountProps {
  /** The cluster; its OIDC provider must exist (a cluster of this app, or imported with `openIdConnectProvider`). */
  readonly cluster: eks.ICluster;
  /** Namespace of the service account. */
  readonly namespace: string;
  /** Name of the service account. */
  readonly name: string;
  /**
   * Inline permissions of a new role.
   * @default - none
   */
  readonly statements?: iam.PolicyStatement[];
  /**
   * Managed policies of a new role.
   * @default - none
   */
  readonly managedPolicies?: iam.IManagedPolicy[];
  /**
   * An existing role to annotate instead of creating one; its trust policy is its owner's.
   * @default - a role trusted only by this service account is created
   */
  readonly existingRole?: iam.IRole;
  /**
   * The service account exists already and is owned by someone else (for example
   * `kube-system/aws-node`, created with the VPC CNI): patch its annotation instead of
   * applying (and on deletion, deleting) a ServiceAccount manifest.
   * @default false
   */
  readonly patchExisting?: boolean;
  /**
   * With `patchExisting`: the annotation has another owner (for `kube-system/aws-node`, the
   * `vpc-cni` add-on's `ServiceAccountRoleArn`), so the app does not patch it at all.
   * @default false
   */
  readonly annotatedByOthers?: boolean;
}

/**
 * IAM roles for service accounts: a role trusted only by one service account of one cluster
 * (`StringEquals` on both `<issuer>:sub` and `<issuer>:aud`), and the ServiceAccount annotated
 * with `eks.amazonaws.com/role-arn`.
 * @see https://docs.aws.amazon.com/eks/latest/userguide/iam-roles-for-service-accounts.html
 */
export class IrsaServiceAccount extends Construct {
  /** The role pods of this service account receive. */
  readonly role: iam.IRole;
  /**
   * The app's own resource that carries the annotation (server-side apply): the ServiceAccount,
   * or a patch of its annotation when `patchExisting`; none with `annotatedByOthers`.
   */
  readonly objects?: KubernetesObjects;

  constructor(scope: Construct, id: string, props: IrsaServiceAccountProps) {
    super(scope, id);
    this.role = props.existingRole ?? this.createRole(props);
    // The kubectl resources of releases before 0.3 (ServiceAccount, Annotation) were retained by
    // 0.2, so their removal deletes nothing; this resource adopted what they wrote.
    const annotation = { [IRSA_ROLE_ARN_ANNOTATION]: this.role.roleArn };
    if (!props.patchExisting) {
      this.objects = new KubernetesObjects(this, 'Objects', {
        cluster: props.cluster,
        objects: [serviceAccountManifest(props.namespace, props.name, this.role.roleArn)],
      });
    } else if (!props.annotatedByOthers) {
      this.objects = new KubernetesObjects(this, 'Objects', {
        cluster: props.cluster,
        objects: [],
        patches: [{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: props.name, namespace: props.namespace, annotations: annotation } }],
      });
    }
  }

  private createRole(props: IrsaServiceAccountProps): iam.Role {
    const provider = props.cluster.openIdConnectProvider;
    const issuer = provider.openIdConnectProviderIssuer;
    // Condition keys contain the issuer, a token: CfnJson renders them at deploy time.
    const conditions = new CfnJson(this, 'TrustConditions', {
      value: {
        [`${issuer}:sub`]: `system:serviceaccount:${props.namespace}:${props.name}`,
        [`${issuer}:aud`]: 'sts.amazonaws.com',
      },
    });
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.OpenIdConnectPrincipal(provider, { StringEquals: conditions }),
      description: `IRSA role of ${props.namespace}/${props.name}`,
      managedPolicies: props.managedPolicies,
    });
    for (const statement of props.statements ?? []) role.addToPrincipalPolicy(statement);
    return role;
  }
}
