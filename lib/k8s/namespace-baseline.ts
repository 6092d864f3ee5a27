/**
 * The baseline every workload namespace gets: Pod Security Admission labels, a ResourceQuota,
 * container defaults (LimitRange) and network policies (default-deny, DNS, configured allows).
 */
import type { ContainerDefaultsConfig, NamespaceConfig, QuotaConfig } from '../config/types';
import { ApiGroups, apiVersionOf, managedLabels } from './manifest';
import type { KubernetesObject } from './manifest';
import { allowRulePolicy, defaultDenyPolicy, dnsEgressPolicy } from './network-policies';
import { podSecurityLabels } from './pod-security';

/** Name of the namespace's ResourceQuota. */
export const RESOURCE_QUOTA_NAME = 'resource-quota';

/** Name of the namespace's LimitRange. */
export const CONTAINER_DEFAULTS_NAME = 'container-defaults';

/** What the baseline needs to know about the environment's cluster beyond the namespace's config. */
export interface BaselineCluster {
  /** The cluster's Kubernetes minor version (`kubernetesVersion`), which pins the Pod Security version. */
  readonly kubernetesVersion: string;
  /** Every CIDR block of the cluster's VPC, which egress allow rules exclude (`vpcCidrs` in lib/config/vpc-cidrs.ts). */
  readonly vpcCidrs: readonly string[];
}

/** A namespace and the objects that live in it (create the namespace first). */
export interface NamespaceBaseline {
  /** The Namespace, with Pod Security Admission labels. */
  readonly namespace: KubernetesObject;
  /** ResourceQuota, LimitRange and NetworkPolicies, all in the namespace. */
  readonly dependents: KubernetesObject[];
}

/**
 * The Namespace, labelled for Pod Security Admission at the configured level (enforce, audit
 * and warn; `restricted` unless set), each mode pinned to the cluster's minor version.
 * @param kubernetesVersion the cluster's Kubernetes minor version, for example `'1.35'`
 * @see https://kubernetes.io/docs/concepts/security/pod-security-admission/
 */
export function namespaceManifest(ns: NamespaceConfig, kubernetesVersion: string): KubernetesObject {
  return {
    apiVersion: apiVersionOf(ApiGroups.core),
    kind: 'Namespace',
    metadata: { name: ns.name, labels: { ...managedLabels(), ...podSecurityLabels(kubernetesVersion, ns.podSecurity) } },
  };
}

/**
 * Caps the namespace's total CPU and memory requests and limits, and its number of pods. With
 * compute quotas in place every pod must state requests and limits; the LimitRange supplies them.
 * @see https://kubernetes.io/docs/concepts/policy/resource-quotas/
 */
export function resourceQuotaManifest(namespace: string, quota: QuotaConfig): KubernetesObject {
  return {
    apiVersion: apiVersionOf(ApiGroups.core),
    kind: 'ResourceQuota',
    metadata: { name: RESOURCE_QUOTA_NAME, namespace, labels: managedLabels() },
    spec: {
      hard: {
        'requests.cpu': quota.requestsCpu,
        'requests.memory': quota.requestsMemory,
        'limits.cpu': quota.limitsCpu,
        'limits.memory': quota.limitsMemory,
        // A quantity; written as a string like the others so the manifest has one value type.
        pods: String(quota.pods),
      },
    },
  };
}

/**
 * Default requests (`defaultRequest`) and limits (`default`) for containers that state none.
 * @see https://kubernetes.io/docs/concepts/policy/limit-range/
 */
export function containerDefaultsManifest(namespace: string, defaults: ContainerDefaultsConfig): KubernetesObject {
  return {
    apiVersion: apiVersionOf(ApiGroups.core),
    kind: 'LimitRange',
    metadata: { name: CONTAINER_DEFAULTS_NAME, namespace, labels: managedLabels() },
    spec: {
      limits: [
        {
          type: 'Container',
          default: { cpu: defaults.limitCpu, memory: defaults.limitMemory },
          defaultRequest: { cpu: defaults.requestCpu, memory: defaults.requestMemory },
        },
      ],
    },
  };
}

/**
 * Everything a workload namespace gets, from its config: the Namespace and, as dependents, its
 * ResourceQuota, LimitRange, a default-deny NetworkPolicy, DNS egress to kube-system and one
 * NetworkPolicy per allow rule (egress CIDRs excluding the VPC's blocks). Names are fixed (`resource-quota`, `container-defaults`,
 * `default-deny`, `allow-dns-egress`, `allow-<rule name>`), so a re-deploy updates in place.
 *
 * Checks only what config validation cannot see: an allow rule with no peer, and two objects
 * that would get the same name (an allow rule named `dns-egress`, or two rules with one name).
 * @throws Error naming the namespace and the rule at fault
 * @see https://kubernetes.io/docs/concepts/security/pod-security-admission/
 * @see https://kubernetes.io/docs/concepts/policy/resource-quotas/
 * @see https://kubernetes.io/docs/concepts/policy/limit-range/
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
 */
export function namespaceBaseline(ns: NamespaceConfig, cluster: BaselineCluster): NamespaceBaseline {
  const dependents: KubernetesObject[] = [
    resourceQuotaManifest(ns.name, ns.quota),
    containerDefaultsManifest(ns.name, ns.containerDefaults),
    defaultDenyPolicy(ns.name),
    dnsEgressPolicy(ns.name),
    ...(ns.allow ?? []).map((rule) => allowRulePolicy(ns.name, rule, cluster.vpcCidrs)),
  ];
  assertUniqueNames(ns.name, dependents);
  return { namespace: namespaceManifest(ns, cluster.kubernetesVersion), dependents };
}

function assertUniqueNames(namespace: string, objects: readonly KubernetesObject[]): void {
  const seen = new Set<string>();
  for (const { kind, metadata } of objects) {
    const key = `${kind}/${metadata.name}`;
    if (seen.has(key)) {
      throw new Error(
        `Namespace "${namespace}": two objects would both be ${key}. ` +
          'Rename the allow rule: rule names must be unique and must not be "dns-egress", which the baseline uses.',
      );
    }
    seen.add(key);
  }
}
