/**
 * Which resources the upgrade gate guards, and why: data, one entry per resource type. Two kinds:
 * - `infrastructure`: replacing or removing the resource breaks a deployed environment (the gate
 *   refuses a replacement, a removal and a logical-id change, which is a removal plus an addition);
 * - `kubernetes`: the resource writes live Kubernetes objects, and deleting it deletes (or
 *   restores) them, unless its DeletionPolicy keeps them (`Retain`, `RetainExceptOnCreate`).
 */
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AWS_AUTH_RESOURCE_TYPE } from '../../lambda/aws-auth/api';
import type { CfnResourceJson } from './model';

/** The custom resource type of `eks.KubernetesPatch` (aws-cdk-lib exports no constant for it). */
export const KUBERNETES_PATCH_RESOURCE_TYPE = 'Custom::AWSCDK-EKS-KubernetesPatch';

/** The custom resource type of CDK's OIDC provider (without `@aws-cdk/aws-eks:useNativeOidcProvider`). */
export const CUSTOM_OIDC_PROVIDER_RESOURCE_TYPE = 'Custom::AWSCDKOpenIdConnectProvider';

/** Why a resource is guarded. */
export interface Guard {
  readonly kind: 'infrastructure' | 'kubernetes';
  /** What happens to the live resource, as a clause: the gate says "On replacement <why>." or "On removal <why>." */
  readonly why: string;
}

const INFRASTRUCTURE: Readonly<Record<string, string>> = {
  [eks.CfnCluster.CFN_RESOURCE_TYPE_NAME]: 'a new cluster is created empty and the old one, with every workload on it, is deleted',
  [eks.CfnNodegroup.CFN_RESOURCE_TYPE_NAME]: 'every node of the group is drained and terminated, and a fixed NodegroupName makes the replacement fail',
  [eks.CfnAddon.CFN_RESOURCE_TYPE_NAME]: 'the add-on is uninstalled and reinstalled (unless PreserveOnDelete), and its software (for example the CNI) goes away meanwhile',
  [eks.CfnAccessEntry.CFN_RESOURCE_TYPE_NAME]: "the principal's cluster access is deleted, and a second entry for the same principal fails (AlreadyExists)",
  [iam.CfnOIDCProvider.CFN_RESOURCE_TYPE_NAME]: 'every IRSA role trusts the provider by ARN, and a second provider for the same issuer URL cannot be created',
  [CUSTOM_OIDC_PROVIDER_RESOURCE_TYPE]: 'every IRSA role trusts the provider by ARN, and a second provider for the same issuer URL cannot be created',
  [ec2.CfnVPC.CFN_RESOURCE_TYPE_NAME]: "the cluster's subnets are create-only: a new network replaces the cluster, or the update fails while the cluster uses the old one",
  [ec2.CfnVPCCidrBlock.CFN_RESOURCE_TYPE_NAME]: "the cluster's subnets are create-only: a new network replaces the cluster, or the update fails while the cluster uses the old one",
  [ec2.CfnSubnet.CFN_RESOURCE_TYPE_NAME]: "the cluster's subnets are create-only: a new network replaces the cluster, or the update fails while the cluster uses the old one",
};

const NAMED_ROLE = 'a named role is replaced by creating a role with the same name first (which fails), and access entries match the old role\'s unique id, so a recreated role silently loses its cluster access';

const KUBERNETES: Readonly<Record<string, string>> = {
  [eks.KubernetesManifest.RESOURCE_TYPE]: 'its Kubernetes objects are deleted from the cluster',
  [eks.HelmChart.RESOURCE_TYPE]: 'its Helm release is uninstalled from the cluster',
  [KUBERNETES_PATCH_RESOURCE_TYPE]: 'its restore patch is applied to the live object',
  [AWS_AUTH_RESOURCE_TYPE]: 'its entries are removed from kube-system/aws-auth',
};

/** DeletionPolicy values that keep the physical resource when CloudFormation deletes the resource. */
export const RETAINING_DELETION_POLICIES: readonly string[] = ['Retain', 'RetainExceptOnCreate'];

/**
 * The guard of a resource as deployed (the golden template's version), or undefined when the
 * gate does not guard it. IAM roles are guarded only when they have a fixed `RoleName`.
 */
export function guardOf(resource: CfnResourceJson): Guard | undefined {
  const infrastructure = INFRASTRUCTURE[resource.Type];
  if (infrastructure !== undefined) return { kind: 'infrastructure', why: infrastructure };
  if (resource.Type === iam.CfnRole.CFN_RESOURCE_TYPE_NAME && resource.Properties?.RoleName !== undefined) {
    return { kind: 'infrastructure', why: NAMED_ROLE };
  }
  const kubernetes = KUBERNETES[resource.Type];
  if (kubernetes !== undefined) return { kind: 'kubernetes', why: kubernetes };
  return undefined;
}
