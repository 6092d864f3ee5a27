/** Shared inputs for the manifest builder tests. */
import type { NamespaceConfig } from '../../../lib/config/types';
import type { BaselineCluster } from '../../../lib/k8s/namespace-baseline';

export const QUOTA = { requestsCpu: '4', requestsMemory: '8Gi', limitsCpu: '8', limitsMemory: '16Gi', pods: 50 };
export const CONTAINER_DEFAULTS = { requestCpu: '100m', requestMemory: '128Mi', limitCpu: '500m', limitMemory: '512Mi' };

/** A namespace that leaves every optional field to its default. */
export const DEFAULTS_NAMESPACE: NamespaceConfig = { name: 'team-a', quota: QUOTA, containerDefaults: CONTAINER_DEFAULTS };

/** A namespace that lowers Pod Security to `baseline`. */
export const BASELINE_NAMESPACE: NamespaceConfig = { ...DEFAULTS_NAMESPACE, name: 'legacy', podSecurity: 'baseline' };

/** The VPC's primary block and a secondary one (as for pod addresses), and the cluster's minor. */
export const VPC_CIDRS = ['10.20.0.0/16', '100.64.0.0/16'];
export const CLUSTER: BaselineCluster = { kubernetesVersion: '1.35', vpcCidrs: VPC_CIDRS };

/** Interface endpoint addresses inside the VPC (their ENIs in two AZs). */
export const ENDPOINT_CIDRS = ['10.20.5.10/32', '10.20.6.10/32'];

/**
 * A namespace with one rule of each direction and each peer kind, and an internet egress rule
 * with interface-endpoint exceptions. `to-database` names the VPC's primary block itself.
 */
export const ALLOW_NAMESPACE: NamespaceConfig = {
  ...DEFAULTS_NAMESPACE,
  name: 'payments',
  allow: [
    { name: 'from-ingress-nginx', direction: 'ingress', namespaces: ['ingress-nginx'], tcpPorts: [8080, 8443] },
    { name: 'to-database', direction: 'egress', cidrs: ['10.20.0.0/16'], tcpPorts: [5432] },
    { name: 'to-monitoring-and-vpn', direction: 'egress', namespaces: ['monitoring'], cidrs: ['192.168.0.0/24'] },
    { name: 'https-to-internet', direction: 'egress', cidrs: ['0.0.0.0/0'], tcpPorts: [443], vpcEndpointCidrs: ENDPOINT_CIDRS },
  ],
};

export const ROLE_ARN = 'arn:aws:iam::111122223333:role/payments-api';
