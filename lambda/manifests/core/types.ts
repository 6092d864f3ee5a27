/** The shapes the pure manifests core works on. */
import type { KubernetesObject } from '../../../lib/k8s/manifest';

/** A Kubernetes object as declared (plain JSON data): the shape the `lib/k8s` builders return. */
export type ManifestObject = KubernetesObject;

/**
 * What the REST path of a kind needs: its API group (`''` for core), version, plural resource
 * and scope.
 * @see https://kubernetes.io/docs/reference/using-api/api-concepts/#resource-uris
 */
export interface KindInfo {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** Plural resource name, as in the REST path (`configmaps`). */
  readonly resource: string;
  readonly namespaced: boolean;
}

/**
 * The identity of an object as Kubernetes keys it: group, kind, namespace and name. The version
 * is not part of it (`networking.k8s.io/v1` and `/v1beta1` name the same object).
 */
export interface ObjectId {
  readonly group: string;
  readonly kind: string;
  /** Absent for a cluster-scoped object. */
  readonly namespace?: string;
  readonly name: string;
}

/** A declared object after validation. */
export interface DeclaredObject {
  readonly id: ObjectId;
  /** The body to apply: the declared object with the ownership labels added. */
  readonly body: ManifestObject;
}

/** A declared patch of an object owned by someone else, after validation. */
export interface DeclaredPatch {
  readonly id: ObjectId;
  /** The partial object applied under the patch field manager. */
  readonly body: ManifestObject;
}

/** The declared state of a manifests resource (its properties, validated). */
export interface DeclaredSet {
  readonly owner: string;
  readonly objects: readonly DeclaredObject[];
  readonly patches: readonly DeclaredPatch[];
}
