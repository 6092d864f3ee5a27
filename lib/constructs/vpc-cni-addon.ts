import * as eks from 'aws-cdk-lib/aws-eks-v2';
import type * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { vpcCniAddonVersion } from '../config/versions';
import { VPC_CNI_ADDON_NAME, VPC_CNI_RESOLVE_CONFLICTS, vpcCniConfigurationValues } from '../k8s/vpc-cni';

/** Props of {@link VpcCniAddon}. */
export interface VpcCniAddonProps {
  /** The cluster. */
  readonly cluster: eks.ICluster;
  /** The cluster's Kubernetes minor version; picks the pinned add-on version (`VPC_CNI_ADDON_VERSIONS`). */
  readonly kubernetesVersion: string;
  /** The IRSA role of `kube-system/aws-node` (AmazonEKS_CNI_Policy); EKS annotates the service account with it. */
  readonly role: iam.IRole;
  /** Turn on network policy enforcement (`enableNetworkPolicy`). */
  readonly networkPolicyEnforcement: boolean;
}

/**
 * The `vpc-cni` EKS add-on (AWS::EKS::Addon): the pinned version for the cluster's Kubernetes
 * version, the aws-node IRSA role as its service-account role, network policy enforcement per
 * environment, `PreserveOnDelete` (removing or replacing the resource leaves the CNI running,
 * it only stops being managed) and `ResolveConflicts: PRESERVE` (never overwrite a customized
 * aws-node; a conflict on create fails the deploy instead).
 *
 * Lives beside its role (the Workloads stack): the role's trust names the cluster's OIDC
 * provider and the add-on names the cluster, both exported by the Cluster stack, so nothing
 * points back from the Cluster stack to this one.
 * @see https://docs.aws.amazon.com/eks/latest/userguide/vpc-add-on-create.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-eks-addon.html
 */
export class VpcCniAddon extends Construct {
  /** The add-on resource. */
  readonly addon: eks.CfnAddon;

  constructor(scope: Construct, id: string, props: VpcCniAddonProps) {
    super(scope, id);
    this.addon = new eks.CfnAddon(this, 'Addon', {
      addonName: VPC_CNI_ADDON_NAME,
      addonVersion: vpcCniAddonVersion(props.kubernetesVersion),
      clusterName: props.cluster.clusterName,
      serviceAccountRoleArn: props.role.roleArn,
      resolveConflicts: VPC_CNI_RESOLVE_CONFLICTS,
      preserveOnDelete: true,
      configurationValues: vpcCniConfigurationValues(props.networkPolicyEnforcement),
    });
  }
}
