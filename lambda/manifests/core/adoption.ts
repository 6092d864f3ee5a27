/**
 * Adopted objects: live objects the resource took over because they carried no owner label.
 * Two kinds, recorded on the object in the annotation {@link ADOPTED_ANNOTATION} (applied with
 * the object, so it stays for as long as the resource owns it):
 * - `kubectl`: written by CDK's kubectl provider for this app (it carried an
 *   `aws.cdk.eks/prune-*` label), which the move of 0.2 adopts. While the kubectl resource that
 *   wrote it still exists (0.2, where the construct sets `ReleaseAdopted`), Delete and prune
 *   release such an object instead of deleting it: a rolled-back 0.2 deploy deletes the
 *   resources it created, and their Delete must not take the live objects with them. From 0.3
 *   they are the app's own and are deleted like objects the resource created.
 * - `other`: created by someone else (by hand, another tool). Never deleted: released.
 */
import { MANAGED_BY_LABEL, OWNER_LABEL } from '../api';
import { CDK_PRUNE_LABEL_PREFIX } from './kubectl-leftovers';
import { isRecord } from './json';
import { ownershipOf } from './labels';
import type { ManifestObject } from './types';

/** The annotation that records where an adopted object came from. */
export const ADOPTED_ANNOTATION = 'eks-access.io/adopted-from';

/** Where an adopted object came from. */
export type AdoptedFrom = 'kubectl' | 'other';

const KINDS: readonly string[] = ['kubectl', 'other'];

/**
 * Where a live object (as read before its apply; undefined when absent) came from, for the
 * resource `owner`: undefined when the resource creates it, or owns it and it records no
 * adoption; the recorded value when the resource owns it; `kubectl` or `other` when it carries no
 * owner label yet (this apply adopts it); undefined for an object another resource owns (the
 * handler refuses that apply).
 */
export function adoptionOf(live: unknown, owner: string): AdoptedFrom | undefined {
  if (!isRecord(live)) return undefined;
  const metadata = isRecord(live.metadata) ? live.metadata : {};
  const labels = isRecord(metadata.labels) ? metadata.labels : {};
  const ownership = ownershipOf(labels, owner);
  if (ownership.owner === 'other') return undefined;
  if (ownership.owner === 'this') {
    const recorded = isRecord(metadata.annotations) ? metadata.annotations[ADOPTED_ANNOTATION] : undefined;
    return typeof recorded === 'string' && KINDS.includes(recorded) ? recorded as AdoptedFrom : undefined;
  }
  return Object.keys(labels).some((k) => k.startsWith(CDK_PRUNE_LABEL_PREFIX)) ? 'kubectl' : 'other';
}

/** The body to apply: the declared body with the adoption recorded (unchanged when not adopted). */
export function withAdoption(body: ManifestObject, adopted: AdoptedFrom | undefined): ManifestObject {
  if (adopted === undefined) return body;
  return { ...body, metadata: { ...body.metadata, annotations: { ...body.metadata.annotations, [ADOPTED_ANNOTATION]: adopted } } };
}

/**
 * Whether Delete or prune deletes a live object the resource owns, or releases it (drops what
 * the resource applied and leaves the object): objects adopted from someone else are always
 * released; objects adopted from kubectl are released while `releaseKubectlAdopted` (0.2).
 */
export function removalOf(liveAnnotations: unknown, releaseKubectlAdopted: boolean): 'delete' | 'release' {
  const recorded = isRecord(liveAnnotations) ? liveAnnotations[ADOPTED_ANNOTATION] : undefined;
  if (recorded === 'other') return 'release';
  if (recorded === 'kubectl' && releaseKubectlAdopted) return 'release';
  return 'delete';
}

/**
 * The JSON merge patch (RFC 7386) that releases an adopted object with its content: it removes
 * the ownership labels and the adoption record and nothing else, so the object stays as it is
 * (an apply of its identity alone would drop every field the app's forced apply took over,
 * leaving a NetworkPolicy without its rules or a binding without its subjects).
 */
export function adoptedReleasePatch(): Record<string, unknown> {
  return { metadata: { labels: { [MANAGED_BY_LABEL]: null, [OWNER_LABEL]: null }, annotations: { [ADOPTED_ANNOTATION]: null } } };
}
