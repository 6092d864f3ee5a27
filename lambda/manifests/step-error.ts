/**
 * A step's failure as one sentence: a Kubernetes refusal explained by the core
 * (`explainStatus`), with the kind of failure and the HTTP status kept for the handler.
 */
import { KubeApiError } from '../edge/kube-errors';
import { explainStatus } from './core';
import type { FailureKind, ObjectId, StepOperation } from './core';

/** A step failed; the message is the sentence for CloudFormation. */
export class ManifestStepError extends Error {
  /**
   * Which failure the server's answer was, when the step failed on one.
   * @default - undefined for a refusal of the handler's own (another owner, a missing patch target)
   */
  readonly kind?: FailureKind;
  /**
   * The HTTP status of the server's answer.
   * @default - undefined for a refusal of the handler's own
   */
  readonly status?: number;

  constructor(message: string, kind?: FailureKind, status?: number) {
    super(message);
    this.name = 'ManifestStepError';
    this.kind = kind;
    this.status = status;
  }
}

/** Runs one call of a step; a Kubernetes refusal becomes the core's sentence for `operation` on `id`. */
export async function explained<T>(id: ObjectId, operation: StepOperation, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (!(e instanceof KubeApiError)) throw e;
    const failure = explainStatus(id, operation, e.status, e.statusBody);
    throw new ManifestStepError(failure.message, failure.kind, e.status);
  }
}
