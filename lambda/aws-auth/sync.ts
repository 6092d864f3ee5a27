import { AWS_AUTH_NAME, AWS_AUTH_NAMESPACE } from './api';
import type { ConfigMapState, MergeResult } from './core/types';
import type { ConfigMapObject } from '../edge/kube-types';
import { KubeApiError } from '../edge/kube-errors';
import type { KubeClient } from '../edge/kube';

/** What a sync did. */
export interface SyncOutcome {
  readonly result: MergeResult;
  /** resourceVersion after the operation ('' when aws-auth does not exist). */
  readonly resourceVersion: string;
  /** Writes sent (0 for a no-op; more than 1 only after lost races). */
  readonly writes: number;
  /** Times the merge was redone after a lost race (409). */
  readonly conflicts: number;
}

/** Options of {@link syncAwsAuth}. */
export interface SyncOptions {
  /** Create aws-auth when it is absent (false for Delete: nothing to remove from). */
  readonly createIfAbsent: boolean;
  /** Give up after this many lost races. @default 25 */
  readonly maxConflicts?: number;
  /** Pause between lost races (jittered by the caller). @default none */
  readonly onConflict?: (attempt: number) => Promise<void>;
}

/** Thrown when other writers kept winning the race until the limit. */
export class ConflictLimitError extends Error {
  constructor(attempts: number) {
    super(`aws-auth kept changing under us (${attempts} conflicting writes in a row); another writer is updating it continuously, retry the deployment`);
    this.name = 'ConflictLimitError';
  }
}

/**
 * Read, merge, write with optimistic concurrency: the write carries the resourceVersion that
 * was read, so a concurrent change makes it fail with 409 and we read and merge again. A
 * create that loses to another creator (409 AlreadyExists) also reads again. Without a race:
 * one read and one write, or one read and no write when nothing changes.
 */
export async function syncAwsAuth(
  kube: KubeClient,
  merge: (current: ConfigMapState) => MergeResult,
  options: SyncOptions,
): Promise<SyncOutcome> {
  const maxConflicts = options.maxConflicts ?? 25;
  let writes = 0;
  for (let conflicts = 0; ; conflicts++) {
    const stored = await kube.getConfigMap(AWS_AUTH_NAMESPACE, AWS_AUTH_NAME);
    const current: ConfigMapState = { data: stored?.data ?? {}, annotations: stored?.metadata.annotations ?? {} };
    const result = merge(current);
    if (!result.changed || (!stored && !options.createIfAbsent)) {
      return { result, resourceVersion: stored?.metadata.resourceVersion ?? '', writes, conflicts };
    }
    try {
      writes++;
      const written = stored
        ? await kube.replaceConfigMap(withState(stored, result.state))
        : await kube.createConfigMap(newAwsAuth(result.state));
      return { result, resourceVersion: written.metadata.resourceVersion ?? '', writes, conflicts };
    } catch (e) {
      if (!(e instanceof KubeApiError && e.status === 409)) throw e;
      if (conflicts + 1 >= maxConflicts) throw new ConflictLimitError(conflicts + 1);
      await options.onConflict?.(conflicts + 1);
    }
  }
}

/** The stored object with new data and annotations; everything else (labels, other fields) kept. */
function withState(stored: ConfigMapObject, state: ConfigMapState): ConfigMapObject {
  return {
    ...stored,
    metadata: { ...stored.metadata, annotations: state.annotations },
    data: state.data,
  };
}

function newAwsAuth(state: ConfigMapState): ConfigMapObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: AWS_AUTH_NAME, namespace: AWS_AUTH_NAMESPACE, annotations: state.annotations },
    data: state.data,
  };
}
