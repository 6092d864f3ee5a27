/** Kubernetes size limits for the ConfigMap we write. */
import { OWNERS_ANNOTATION } from '../api';
import { AwsAuthSizeError } from './errors';
import type { ConfigMapState } from './types';

/** Limit on data plus annotations of aws-auth (a ConfigMap's data is limited to 1 MiB). */
export const MAX_CONFIGMAP_BYTES = 1048576;

/** Limit on all annotations of an object (Kubernetes: 256 KiB, keys and values). */
export const MAX_ANNOTATIONS_BYTES = 262144;

function bytesOf(record: Record<string, string>): number {
  let n = 0;
  for (const [k, v] of Object.entries(record)) n += Buffer.byteLength(k, 'utf8') + Buffer.byteLength(v, 'utf8');
  return n;
}

/**
 * Checks a state about to be written.
 * @throws AwsAuthSizeError when the owners annotation or all annotations exceed 256 KiB, or
 *   data plus annotations exceed 1 MiB.
 */
export function checkSizes(state: ConfigMapState): void {
  const owners = state.annotations[OWNERS_ANNOTATION];
  const ownersBytes = owners === undefined ? 0 : Buffer.byteLength(owners, 'utf8');
  if (ownersBytes > MAX_ANNOTATIONS_BYTES) {
    throw new AwsAuthSizeError(`the ${OWNERS_ANNOTATION} annotation would be ${ownersBytes} bytes, over the ${MAX_ANNOTATIONS_BYTES}-byte Kubernetes annotation limit; nothing was written; move principals to EKS access entries or merge owners`);
  }
  const annotationBytes = bytesOf(state.annotations);
  if (annotationBytes > MAX_ANNOTATIONS_BYTES) {
    throw new AwsAuthSizeError(`the annotations of aws-auth would total ${annotationBytes} bytes, over the ${MAX_ANNOTATIONS_BYTES}-byte Kubernetes limit; nothing was written; remove large annotations (such as kubectl.kubernetes.io/last-applied-configuration) or move principals to EKS access entries`);
  }
  const total = bytesOf(state.data) + annotationBytes;
  if (total > MAX_CONFIGMAP_BYTES) {
    throw new AwsAuthSizeError(`aws-auth would be ${total} bytes (data plus annotations), over the ${MAX_CONFIGMAP_BYTES}-byte (1 MiB) limit; nothing was written; move principals to EKS access entries or remove unused entries`);
  }
}
