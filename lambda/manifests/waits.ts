/**
 * Waiting within the Lambda budget for an object to be gone: a namespace finishing its
 * termination, an object whose finalizers run. When the budget runs out, the sentence says what
 * still holds it and what to check.
 */
import type { KubeClient } from '../edge/kube';
import { getObject } from '../edge/kube-objects';
import { describeId } from './core';
import type { ObjectId, StepOperation } from './core';
import { ManifestStepError, explained } from './step-error';

/** What a wait needs. */
export interface WaitOptions {
  /** The connected cluster's client. */
  readonly kube: KubeClient;
  /** Epoch ms after which no wait goes on. */
  readonly deadline: number;
  /** Clock of the wait. */
  readonly now: () => number;
  /** Pause between two reads. */
  readonly sleep: (ms: number) => Promise<void>;
  /** Length of that pause. */
  readonly pollMs: number;
}

/** Whether an id is a core Namespace. */
export function isNamespace(id: ObjectId): boolean {
  return id.group === '' && id.kind === 'Namespace';
}

/** Reads the object until it is gone (404), pausing between reads, until the deadline. */
export async function waitGone(o: WaitOptions, id: ObjectId, path: string, operation: StepOperation): Promise<void> {
  const started = o.now();
  for (;;) {
    const live = await explained(id, operation, () => getObject(o.kube, path));
    if (live === undefined) return;
    if (o.now() + o.pollMs >= o.deadline) {
      const seconds = Math.round((o.now() - started) / 1000);
      const finalizers = [...(asStrings(live.metadata.finalizers)), ...asStrings((live.spec as { finalizers?: unknown } | undefined)?.finalizers)];
      throw new ManifestStepError(`${describeId(id)} is still terminating after ${seconds} s, when the handler's time ran out${finalizers.length > 0 ? ` (finalizers: ${finalizers.join(', ')})` : ''}; check what holds it (kubectl get ${isNamespace(id) ? `namespace ${id.name} -o yaml: status.conditions and finalizers, and the objects left in it` : `${id.kind.toLowerCase()} ${id.name}${id.namespace === undefined ? '' : ` -n ${id.namespace}`} -o yaml: metadata.finalizers`}), then deploy again`);
    }
    await o.sleep(o.pollMs);
  }
}

function asStrings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}
