/**
 * What kubectl and CDK's kubectl provider leave on an object the app adopts: the client-side
 * apply annotation and the provider's prune labels. A server-side apply under another manager
 * keeps them (they stay owned by `kubectl-client-side-apply`; the API server upgrades the
 * last-applied state only for the manager named `kubectl`: apimachinery
 * util/managedfields/internal/lastappliedmanager.go and lastappliedupdater.go), so the handler
 * removes them with a JSON merge patch, unless the declaration itself sets them.
 * @see https://kubernetes.io/docs/reference/using-api/server-side-apply/#upgrading-from-client-side-apply-to-server-side-apply
 */
import { isRecord } from './json';
import type { ManifestObject } from './types';

/** The annotation `kubectl apply` (client-side) records the applied configuration in. */
export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/** Prefix of the label CDK's kubectl provider puts on each manifest to prune by (`aws.cdk.eks/prune-<hash>`). */
export const CDK_PRUNE_LABEL_PREFIX = 'aws.cdk.eks/prune-';

/** The leftovers found on a live object. */
export interface KubectlLeftovers {
  readonly labels: readonly string[];
  readonly annotations: readonly string[];
}

/** The leftover label and annotation keys of a live object's metadata that `declared` does not set, sorted. */
export function kubectlLeftovers(liveMetadata: unknown, declared: ManifestObject): KubectlLeftovers {
  const meta = isRecord(liveMetadata) ? liveMetadata : {};
  const keys = (v: unknown): string[] => (isRecord(v) ? Object.keys(v) : []);
  const declaredLabels = declared.metadata.labels ?? {};
  const declaredAnnotations = declared.metadata.annotations ?? {};
  return {
    labels: keys(meta.labels).filter((k) => k.startsWith(CDK_PRUNE_LABEL_PREFIX) && declaredLabels[k] === undefined).sort(),
    annotations: keys(meta.annotations).filter((k) => k === LAST_APPLIED_ANNOTATION && declaredAnnotations[k] === undefined),
  };
}

/** The JSON merge patch (RFC 7386: null removes a key) that removes the leftovers; undefined when there are none. */
export function leftoversPatch(leftovers: KubectlLeftovers): Record<string, unknown> | undefined {
  if (leftovers.labels.length === 0 && leftovers.annotations.length === 0) return undefined;
  const removal = (keys: readonly string[]): Record<string, null> => Object.fromEntries(keys.map((k) => [k, null]));
  return {
    metadata: {
      ...(leftovers.labels.length > 0 ? { labels: removal(leftovers.labels) } : {}),
      ...(leftovers.annotations.length > 0 ? { annotations: removal(leftovers.annotations) } : {}),
    },
  };
}
