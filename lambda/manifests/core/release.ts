/**
 * The body that releases a patch: server-side apply of an object's identity alone under the
 * patch field manager drops every field that manager owned (fields another manager co-owns
 * keep their values; fields it alone owned are removed).
 * @see https://kubernetes.io/docs/reference/using-api/server-side-apply/#field-management
 */
import type { DeclaredPatch, ManifestObject } from './types';

/** apiVersion, kind and metadata.name (and namespace) of the patched object, nothing else. */
export function releaseBody(patch: DeclaredPatch): ManifestObject {
  const { apiVersion, kind, metadata } = patch.body;
  return { apiVersion, kind, metadata: { name: metadata.name, ...(metadata.namespace === undefined ? {} : { namespace: metadata.namespace }) } };
}
