/**
 * The NetworkPolicies of a namespace baseline: deny everything, then allow DNS and each
 * configured rule. NetworkPolicies are additive, so each allow widens the default-deny.
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
 */
import type { NetworkAllowConfig } from '../config/types';
import { cidrStrictlyWithin } from '../config/vpc-cidrs';
import { ApiGroups, apiVersionOf, KUBE_SYSTEM_NAMESPACE, managedLabels } from './manifest';
import type { KubernetesObject } from './manifest';

/**
 * Label the API server sets on every namespace to its own name; selecting a namespace by it
 * needs no labelling by hand.
 * @see https://kubernetes.io/docs/reference/labels-annotations-taints/#kubernetes-io-metadata-name
 */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** Label (and value) that CoreDNS pods carry in `kube-system` on EKS. */
export const CLUSTER_DNS_POD_LABELS: Readonly<Record<string, string>> = { 'k8s-app': 'kube-dns' };

/** The DNS port, reached over both UDP and TCP (TCP for large answers). */
export const DNS_PORT = 53;

/** Name of the policy that selects every pod and allows nothing. */
export const DEFAULT_DENY_POLICY_NAME = 'default-deny';

/** Prefix of the policies that allow traffic, including those built from configured rules. */
export const ALLOW_POLICY_PREFIX = 'allow-';

/**
 * Name of the policy that lets every pod query cluster DNS. An allow rule named `dns-egress`
 * would clash with it; `namespaceBaseline` refuses that.
 */
export const DNS_EGRESS_POLICY_NAME = `${ALLOW_POLICY_PREFIX}dns-egress`;

type PolicyType = 'Ingress' | 'Egress';

/**
 * A NetworkPolicy peer.
 * @see https://kubernetes.io/docs/reference/kubernetes-api/networking-resources/network-policy-v1/#NetworkPolicySpec
 */
export interface NetworkPolicyPeer {
  namespaceSelector?: { matchLabels: Record<string, string> };
  podSelector?: { matchLabels: Record<string, string> };
  ipBlock?: { cidr: string; except?: string[] };
}

/** A NetworkPolicy port. */
export interface NetworkPolicyPort {
  protocol: 'TCP' | 'UDP';
  port: number;
}

/** An ingress (`from`) or egress (`to`) rule; no `ports` means all ports. */
export interface NetworkPolicyRule {
  from?: NetworkPolicyPeer[];
  to?: NetworkPolicyPeer[];
  ports?: NetworkPolicyPort[];
}

/** A NetworkPolicy as built here: it always selects every pod of its namespace. */
export interface NetworkPolicy extends KubernetesObject {
  kind: 'NetworkPolicy';
  spec: {
    podSelector: Record<string, never>;
    policyTypes: PolicyType[];
    ingress?: NetworkPolicyRule[];
    egress?: NetworkPolicyRule[];
  };
}

function networkPolicy(namespace: string, name: string, spec: NetworkPolicy['spec']): NetworkPolicy {
  return {
    apiVersion: apiVersionOf(ApiGroups.networking),
    kind: 'NetworkPolicy',
    metadata: { name, namespace, labels: managedLabels() },
    spec,
  };
}

/**
 * Selects every pod in `namespace` for both directions and allows nothing: traffic not allowed
 * by another policy is dropped.
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-deny-all-ingress-and-all-egress-traffic
 */
export function defaultDenyPolicy(namespace: string): NetworkPolicy {
  return networkPolicy(namespace, DEFAULT_DENY_POLICY_NAME, { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
}

/**
 * Lets every pod in `namespace` reach the cluster DNS pods (in `kube-system`, labelled
 * `k8s-app: kube-dns`) on port 53 over UDP and TCP. Without it default-deny breaks name lookup.
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/#behavior-of-to-and-from-selectors
 */
export function dnsEgressPolicy(namespace: string): NetworkPolicy {
  return networkPolicy(namespace, DNS_EGRESS_POLICY_NAME, {
    podSelector: {},
    policyTypes: ['Egress'],
    egress: [
      {
        // One peer with both selectors: DNS pods *in* kube-system (AND), not any pod there.
        to: [
          {
            namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: KUBE_SYSTEM_NAMESPACE } },
            podSelector: { matchLabels: { ...CLUSTER_DNS_POD_LABELS } },
          },
        ],
        ports: [
          { protocol: 'UDP', port: DNS_PORT },
          { protocol: 'TCP', port: DNS_PORT },
        ],
      },
    ],
  });
}

/**
 * An egress ipBlock for `cidr` that leaves out every VPC CIDR block lying strictly inside it, so
 * that "the internet" (`0.0.0.0/0`, or a wide private range such as `10.0.0.0/8`) does not
 * also open every pod, node and the cluster's API endpoint in the VPC. A block inside the VPC
 * (or equal to one of its CIDRs) names in-VPC addresses on purpose and is kept as it is.
 */
export function excludingVpc(cidr: string, vpcCidrs: readonly string[]): NetworkPolicyPeer {
  const except = vpcCidrs.filter((block) => cidrStrictlyWithin(block, cidr));
  return { ipBlock: except.length > 0 ? { cidr, except } : { cidr } };
}

/**
 * The policy for one configured allow rule, named `allow-<rule name>`: every pod in `namespace`
 * may receive traffic from (`ingress`) or send traffic to (`egress`) the rule's namespaces
 * (matched by {@link NAMESPACE_NAME_LABEL}) and CIDR blocks, on its TCP ports or on all ports.
 *
 * Egress CIDRs exclude the VPC ({@link excludingVpc}); the rule's `vpcEndpointCidrs` (interface
 * endpoints inside the VPC) are added back as peers of their own, on the same ports. Ingress
 * CIDRs are kept as declared: load balancers reach pods from addresses inside the VPC.
 * @param vpcCidrs every CIDR block of the environment's VPC (`vpcCidrs` in lib/config/vpc-cidrs.ts)
 * @throws Error if the rule names neither namespaces nor CIDRs (it would allow nothing, or,
 *   written as an empty peer list, everything).
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource
 * @see https://kubernetes.io/docs/reference/kubernetes-api/networking-resources/network-policy-v1/#NetworkPolicySpec
 */
export function allowRulePolicy(namespace: string, rule: NetworkAllowConfig, vpcCidrs: readonly string[]): NetworkPolicy {
  const egress = rule.direction !== 'ingress';
  const peers: NetworkPolicyPeer[] = [
    ...(rule.namespaces ?? []).map((peer) => ({ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: peer } } })),
    ...(rule.cidrs ?? []).map((cidr) => (egress ? excludingVpc(cidr, vpcCidrs) : { ipBlock: { cidr } })),
    ...(egress ? rule.vpcEndpointCidrs ?? [] : []).map((cidr) => ({ ipBlock: { cidr } })),
  ];
  if (peers.length === 0) {
    throw new Error(
      `Namespace "${namespace}": allow rule "${rule.name}" has neither namespaces nor cidrs, so it names no peer. ` +
        'Add at least one entry to "namespaces" or "cidrs", or remove the rule.',
    );
  }
  const ports = (rule.tcpPorts ?? []).map((port): NetworkPolicyPort => ({ protocol: 'TCP', port }));
  const networkRule: NetworkPolicyRule = {
    ...(egress ? { to: peers } : { from: peers }),
    ...(ports.length > 0 ? { ports } : {}),
  };
  return networkPolicy(
    namespace,
    `${ALLOW_POLICY_PREFIX}${rule.name}`,
    egress
      ? { podSelector: {}, policyTypes: ['Egress'], egress: [networkRule] }
      : { podSelector: {}, policyTypes: ['Ingress'], ingress: [networkRule] },
  );
}
