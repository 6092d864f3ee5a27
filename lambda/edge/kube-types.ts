/**
 * The few Kubernetes object shapes the handler exchanges with the API server.
 * @see https://kubernetes.io/docs/reference/kubernetes-api/config-and-storage-resources/config-map-v1/
 */

/** Object metadata; fields we do not model are kept as they came (`...rest`). */
export interface ObjectMeta {
  name: string;
  namespace?: string;
  /** Opaque optimistic-concurrency token; a replace carrying a stale one fails with 409. */
  resourceVersion?: string;
  uid?: string;
  creationTimestamp?: string;
  annotations?: Record<string, string>;
  labels?: Record<string, string>;
  [field: string]: unknown;
}

/** A v1 ConfigMap; unknown top-level fields are preserved. */
export interface ConfigMapObject {
  apiVersion: 'v1';
  kind: 'ConfigMap';
  metadata: ObjectMeta;
  data?: Record<string, string>;
  binaryData?: Record<string, string>;
  immutable?: boolean;
  [field: string]: unknown;
}

/** What an access review asks about. */
export interface ResourceAttributes {
  verb: string;
  resource: string;
  group?: string;
  version?: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

/** Spec of a SelfSubjectAccessReview (the caller asks about itself). */
export interface SelfSubjectAccessReviewSpec {
  resourceAttributes: ResourceAttributes;
}

/** Spec of a SubjectAccessReview (asks about another user). */
export interface SubjectAccessReviewSpec {
  resourceAttributes: ResourceAttributes;
  user?: string;
  groups?: string[];
  uid?: string;
}

/** The answer of an access review. */
export interface AccessReviewResult {
  allowed: boolean;
  reason?: string;
}

/** The `Status` object the API server returns with every failure. */
export interface KubeStatus {
  kind: 'Status';
  apiVersion: 'v1';
  status?: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  code?: number;
  details?: { name?: string; kind?: string; causes?: Array<{ reason?: string; message?: string; field?: string }>; retryAfterSeconds?: number };
}
