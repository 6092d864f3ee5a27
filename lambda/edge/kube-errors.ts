/**
 * Errors of the Kubernetes REST client. Messages name the method, path and server answer,
 * never the bearer token.
 */
import type { KubeStatus } from './kube-types';

/** The API server answered with a non-success status. Built from its `Status` body. */
export class KubeApiError extends Error {
  /** HTTP status code. */
  readonly status: number;
  /** `Status.reason` (`Conflict`, `AlreadyExists`, `NotFound`, `Forbidden`, ...). */
  readonly reason?: string;
  /** `Status.message` as the server wrote it. */
  readonly kubeMessage?: string;
  /** Seconds the server asked us to wait (`Retry-After`), if any. */
  readonly retryAfterSeconds?: number;
  /**
   * The `Status` body as the server sent it, for callers that read `details.causes` (the
   * manifests handler explains apply conflicts from them).
   * @default - undefined when the answer had no Status body
   */
  readonly statusBody?: Partial<KubeStatus>;

  constructor(request: string, status: number, body: Partial<KubeStatus> | undefined, retryAfterSeconds?: number) {
    const reason = body?.reason;
    const kubeMessage = body?.message;
    super(`Kubernetes API ${request} failed: HTTP ${status}${reason ? ` ${reason}` : ''}${kubeMessage ? `: ${kubeMessage}` : ''}`);
    this.name = 'KubeApiError';
    this.status = status;
    this.reason = reason;
    this.kubeMessage = kubeMessage;
    this.retryAfterSeconds = retryAfterSeconds;
    this.statusBody = body;
  }
}

/** The request never got an HTTP answer (connection reset, TLS failure, timeout). */
export class KubeTransportError extends Error {
  /** Low-level error code (`ECONNRESET`, `ETIMEDOUT`, `DEPTH_ZERO_SELF_SIGNED_CERT`, ...). */
  readonly code?: string;

  constructor(request: string, cause: Error & { code?: string }) {
    super(`Kubernetes API ${request} failed without an HTTP response: ${cause.code ? `${cause.code}: ` : ''}${cause.message}`);
    this.name = 'KubeTransportError';
    this.code = cause.code;
    this.cause = cause;
  }
}

/** Whether a failure may succeed on a plain retry (429, 5xx, transport). 409 is the caller's. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof KubeTransportError) {
    return !isTlsVerificationError(error.code);
  }
  if (error instanceof KubeApiError) {
    return error.status === 429 || error.status >= 500;
  }
  return false;
}

function isTlsVerificationError(code: string | undefined): boolean {
  return code !== undefined && /CERT|SELF_SIGNED|ERR_TLS|UNABLE_TO_VERIFY|HOSTNAME/.test(code);
}
