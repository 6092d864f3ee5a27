/**
 * What the app's Kubernetes-writing functions share (the aws-auth merge handler, the manifests
 * handler, the verify runner): how they are bundled, where the project root is, the cluster's
 * network, and how a function is placed in the cluster VPC and admitted to the API endpoint.
 */
import * as path from 'path';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { API_PORT } from '../stacks/endpoint-access';
import { BUNDLE_FILE, handlerCode } from './handler-code';

export { PROJECT_ROOT } from './handler-code';

/**
 * What every handler function of the app shares: Node 24 on ARM, 256 MB (the handlers are I/O
 * bound; the largest, the aws-auth merge of a 1 MiB ConfigMap, stays far below it), `entry`
 * bundled in the synth process (lib/constructs/handler-code.ts), and source maps on in stack
 * traces. `environment` comes after NODE_OPTIONS.
 */
export function handlerFunctionProps(entry: string, environment: Record<string, string> = {}): Pick<lambda.FunctionProps, 'runtime' | 'architecture' | 'memorySize' | 'handler' | 'code' | 'environment'> {
  return {
    runtime: lambda.Runtime.NODEJS_24_X,
    architecture: lambda.Architecture.ARM_64,
    memorySize: 256,
    handler: `${path.parse(BUNDLE_FILE).name}.handler`,
    code: handlerCode(entry),
    environment: { NODE_OPTIONS: '--enable-source-maps', ...environment },
  };
}

/** The AWS managed policy that lets Lambda manage a VPC function's network interfaces. */
export const VPC_ACCESS_POLICY = 'service-role/AWSLambdaVPCAccessExecutionRole';

/** The cluster's VPC and the security group EKS attaches to the control plane's network interfaces. */
export interface ClusterNetwork {
  /** The cluster's VPC. */
  readonly vpc: ec2.IVpc;
  /** The cluster security group (EKS attaches it to the control plane's network interfaces). */
  readonly clusterSecurityGroupId: string;
}

/**
 * The network of `cluster`: always known for a cluster of this app; for an imported cluster only
 * when `fromClusterAttributes` was given `vpc` and `clusterSecurityGroupId` (its getters throw
 * otherwise, which is how their absence shows).
 */
export function clusterNetwork(cluster: eks.ICluster): ClusterNetwork | undefined {
  if (cluster instanceof eks.Cluster) return { vpc: cluster.vpc, clusterSecurityGroupId: cluster.clusterSecurityGroupId };
  try {
    return { vpc: cluster.vpc, clusterSecurityGroupId: cluster.clusterSecurityGroupId };
  } catch {
    return undefined;
  }
}

/** The sentences {@link placeInClusterVpc} writes on what it creates. */
export interface VpcPlacementDescriptions {
  /** Description of the function's own security group. */
  readonly securityGroup: string;
  /** Description of its one egress rule (TCP 443 anywhere). */
  readonly egress: string;
  /** Description of the cluster security group's ingress rule admitting it. */
  readonly ingress: string;
}

/** What {@link placeInClusterVpc} created. */
export interface VpcPlacement {
  /** The function's own security group: egress TCP 443 only, no ingress. */
  readonly securityGroup: ec2.SecurityGroup;
  /** The cluster security group's rule admitting that group on TCP 443; writes to the cluster wait for it. */
  readonly ingress: ec2.CfnSecurityGroupIngress;
}

/**
 * Prepares a function of `scope` to run in the cluster's VPC: the VPC-access managed policy on
 * its role, its own security group `HandlerSecurityGroup` (egress TCP 443 only: the private
 * endpoint's interfaces, and EKS, IAM or STS through the NAT gateway or interface endpoints),
 * and `ClusterApiIngress`, the cluster security group's rule admitting that group on 443. The
 * ids are the aws-auth provider's, whose deployed logical ids must not change.
 */
export function placeInClusterVpc(scope: Construct, role: iam.Role, network: ClusterNetwork, descriptions: VpcPlacementDescriptions): VpcPlacement {
  role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName(VPC_ACCESS_POLICY));
  const securityGroup = new ec2.SecurityGroup(scope, 'HandlerSecurityGroup', {
    vpc: network.vpc,
    allowAllOutbound: false,
    description: descriptions.securityGroup,
  });
  securityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(API_PORT), descriptions.egress);
  const ingress = new ec2.CfnSecurityGroupIngress(scope, 'ClusterApiIngress', {
    groupId: network.clusterSecurityGroupId,
    sourceSecurityGroupId: securityGroup.securityGroupId,
    ipProtocol: 'tcp',
    fromPort: API_PORT,
    toPort: API_PORT,
    description: descriptions.ingress,
  });
  return { securityGroup, ingress };
}

/** The function props that place a function in the VPC's private subnets with its security group. */
export function vpcFunctionProps(network: ClusterNetwork, securityGroup: ec2.ISecurityGroup): Pick<lambda.FunctionProps, 'vpc' | 'vpcSubnets' | 'securityGroups'> {
  return { vpc: network.vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }, securityGroups: [securityGroup] };
}
