/** Shared inputs for the manifest builder tests. */
import type { NamespaceConfig } from '../../../lib/config/types';

export const QUOTA = { requestsCpu: '4', requestsMemory: '8Gi', limitsCpu: '8', limitsMemory: '16Gi', pods: 50 };
export const CONTAINER_DEFAULTS = { requestCpu: '100m', requestMemory: '128Mi', limitCpu: '500m', limitMemory: '512Mi' };

/** A namespace that leaves every optional field to its default. */
export const DEFAULTS_NAMESPACE: NamespaceConfig = { name: 'team-a', quota: QUOTA, containerDefaults: CONTAINER_DEFAULTS };

/** A namespace that lowers Pod Security to `baseline`. */
export const BASELINE_NAMESPACE: NamespaceConfig = { ...DEFAULTS_NAMESPACE, name: 'legacy', podSecurity: 'baseline' };

/** A namespace with one rule of each direction and each peer kind. */
export const ALLOW_NAMESPACE: NamespaceConfig = {
  ...DEFAULTS_NAMESPACE,
  name: 'payments',
  allow: [
    { name: 'from-ingress-nginx', direction: 'ingress', namespaces: ['ingress-nginx'], tcpPorts: [8080, 8443] },
    { name: 'to-database', direction: 'egress', cidrs: ['10.20.0.0/16'], tcpPorts: [5432] },
    { name: 'to-monitoring-and-vpn', direction: 'egress', namespaces: ['monitoring'], cidrs: ['192.168.0.0/24'] },
  ],
};

export const ROLE_ARN = 'arn:aws:iam::111122223333:role/payments-api';
