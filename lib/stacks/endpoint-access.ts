import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { endpointFlags } from '../config/api-callers';
import type { EndpointConfig } from '../config/types';
import type { Construct } from 'constructs';

/** The Kubernetes API's port on the cluster's endpoints. */
export const API_PORT = 443;

/**
 * The cluster's `endpointAccess` from config, through the same flags the lockout check reads
 * (lib/config/api-callers.ts). EndpointPublicAccess, EndpointPrivateAccess and
 * PublicAccessCidrs are updatable in place (UpdateClusterConfig): a change never replaces the
 * cluster.
 */
export function endpointAccess(endpoint: EndpointConfig): eks.EndpointAccess {
  const flags = endpointFlags(endpoint);
  if (!flags.publicAccess) return eks.EndpointAccess.PRIVATE;
  return eks.EndpointAccess.PUBLIC_AND_PRIVATE.onlyFrom(...flags.publicCidrs);
}

/**
 * Admits the networks connected to the VPC (`endpoint.operatorCidrs`: VPN, Direct Connect,
 * peering, a bastion subnet) to the private endpoint: one ingress rule on TCP 443 per block, on
 * the security group EKS creates for the cluster and attaches to the control plane's network
 * interfaces. The logical id carries the block, so adding or removing one leaves the others.
 */
export function admitOperatorNetworks(cluster: eks.Cluster, endpoint: EndpointConfig): ec2.CfnSecurityGroupIngress[] {
  return endpointFlags(endpoint).operatorCidrs.map((cidr) => new ec2.CfnSecurityGroupIngress(cluster, `OperatorApiIngress-${cidr.replace(/[./]/g, '-')}`, {
    groupId: cluster.clusterSecurityGroupId,
    ipProtocol: 'tcp',
    fromPort: API_PORT,
    toPort: API_PORT,
    cidrIp: cidr,
    description: `kubectl from connected network ${cidr} to the private API endpoint (endpoint.operatorCidrs)`,
  }));
}

/**
 * Admits a function's own security group to the cluster's API on TCP 443: an ingress rule on
 * the security group EKS attaches to the control plane's network interfaces.
 */
export function admitToApi(scope: Construct, id: string, clusterSecurityGroupId: string, source: ec2.ISecurityGroup, description: string): ec2.CfnSecurityGroupIngress {
  return new ec2.CfnSecurityGroupIngress(scope, id, {
    groupId: clusterSecurityGroupId,
    sourceSecurityGroupId: source.securityGroupId,
    ipProtocol: 'tcp',
    fromPort: API_PORT,
    toPort: API_PORT,
    description,
  });
}
