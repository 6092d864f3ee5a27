import { CfnJson, RemovalPolicy } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
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
   * With `patchExisting`: the annotation now has another owner (for `kube-system/aws-node`, the
   * `vpc-cni` add-on's `ServiceAccountRoleArn`), so the app no longer patches it at all. The
   * kubectl patch of releases before 0.2 stays retired, as every one of them now is: it restores
   * exactly what it applies (deleting it changes nothing) and has DeletionPolicy Retain
   * (removing it from the template does not even call its delete), so 0.3 drops it without a
   * declared change in the upgrade gate.
   * @default false
   */
  readonly retirePatch?: boolean;
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
   * or a patch of its annotation when `patchExisting`; none with `retirePatch` (the add-on owns it).
   */
  readonly objects?: KubernetesObjects;
  /**
   * What must exist before pods may use the role: the resources that write the service account
   * (the retained kubectl one of releases before 0.2, and {@link objects}).
   */
  readonly resources: Construct[] = [];

  constructor(scope: Construct, id: string, props: IrsaServiceAccountProps) {
    super(scope, id);
    this.role = props.existingRole ?? this.createRole(props);
    // Releases before 0.2 wrote the service account through CDK's kubectl provider. That resource
    // stays, retained (removing it in 0.3 deletes nothing) and no longer the writer: the
    // KubernetesObjects resource, created after it, adopts the object (see README "Upgrade to 0.2").
    const annotation = { [IRSA_ROLE_ARN_ANNOTATION]: this.role.roleArn };
    let kubectl: Construct;
    if (props.patchExisting) {
      const applyPatch = { metadata: { annotations: annotation } };
      // Retired: restoring exactly what it applies, so neither its delete nor a stray update
      // can strip the annotation another owner now keeps.
      kubectl = new eks.KubernetesPatch(this, 'Annotation', {
        cluster: props.cluster,
        resourceName: `serviceaccount/${props.name}`,
        resourceNamespace: props.namespace,
        applyPatch,
        restorePatch: applyPatch,
        patchType: eks.PatchType.STRATEGIC,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      if (!props.retirePatch) {
        this.objects = new KubernetesObjects(this, 'Objects', {
          releaseKubectlAdopted: true,
          cluster: props.cluster,
          objects: [],
          patches: [{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: props.name, namespace: props.namespace, annotations: annotation } }],
        });
      }
    } else {
      kubectl = new eks.KubernetesManifest(this, 'ServiceAccount', {
        cluster: props.cluster,
        manifest: [serviceAccountManifest(props.namespace, props.name, this.role.roleArn)],
        overwrite: true,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      this.objects = new KubernetesObjects(this, 'Objects', {
        releaseKubectlAdopted: true,
        cluster: props.cluster,
        objects: [serviceAccountManifest(props.namespace, props.name, this.role.roleArn)],
      });
    }
    this.resources.push(kubectl);
    if (this.objects) {
      this.objects.node.addDependency(kubectl);
      this.resources.push(this.objects);
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
