/**
 * The plain-object shape every manifest builder in `lib/k8s` returns, and the few literals all
 * of them share (API groups, the managed-by label). Builders are pure: no CDK, no I/O.
 */

/**
 * A Kubernetes object as plain data, ready for `cluster.addManifest` or `KubernetesManifest`, and
 * what the manifests handler applies (`ManifestObject` of lambda/manifests/core/types.ts).
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/
 */
export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [field: string]: unknown;
  };
  [key: string]: unknown;
}

/**
 * API groups the builders refer to, both in `apiVersion` and in RBAC rules.
 * @see https://kubernetes.io/docs/reference/using-api/#api-groups
 */
export const ApiGroups = {
  /** The core (legacy) group: pods, services, configmaps, namespaces, nodes... */
  core: '',
  apps: 'apps',
  batch: 'batch',
  networking: 'networking.k8s.io',
  rbac: 'rbac.authorization.k8s.io',
  authorization: 'authorization.k8s.io',
} as const;

/** One of {@link ApiGroups}. */
export type ApiGroup = (typeof ApiGroups)[keyof typeof ApiGroups];

/**
 * `apiVersion` of a stable (`v1`) object in `group`: `v1` for the core group, `group/v1` otherwise.
 * @see https://kubernetes.io/docs/reference/using-api/#api-versioning
 */
export function apiVersionOf(group: ApiGroup): string {
  return group === ApiGroups.core ? 'v1' : `${group}/v1`;
}

/** The namespace of the cluster's own components (CoreDNS among them). */
export const KUBE_SYSTEM_NAMESPACE = 'kube-system';

/**
 * Recommended label naming the tool that manages an object.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/
 */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';

/** Value of {@link MANAGED_BY_LABEL} on every object this app builds. */
export const MANAGED_BY_VALUE = 'eks-access';

/**
 * The labels every object this app builds carries. A fresh object on each call, so callers may
 * add to it without affecting other manifests.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/
 */
export function managedLabels(): Record<string, string> {
  return { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE };
}
