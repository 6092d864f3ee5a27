/**
 * Runs the core's plan against the cluster, one step after the other: every decision is the
 * core's (order, ownership, outcome, explanations), every call goes through the edge.
 */
import type { KubeClient } from '../edge/kube';
import type { AppliedObject, KubeObject } from '../edge/kube-objects';
import { applyObject, deleteObject, getObject, mergePatchObject } from '../edge/kube-objects';
import type { Logger } from '../edge/log';
import { FIELD_MANAGER, NAMESPACE_DELETE, NAMESPACE_ON_DELETE_ANNOTATION, PATCH_FIELD_MANAGER } from './api';
import { ManifestKindError, describeId, explainStatus, mayDelete, outcomeOf, ownershipOf, releaseBody } from './core';
import type { DeclaredObject, DeclaredPatch, ObjectId, ObjectResult, Step, StepOperation } from './core';
import type { KeptObject } from './core/kept';
import { ADOPTED_ANNOTATION, adoptedReleasePatch, adoptionOf, removalOf, withAdoption } from './core/adoption';
import { kubectlLeftovers, leftoversPatch } from './core/kubectl-leftovers';
import { takenOver } from './core/takeover';
import { KindResolver } from './kind-resolver';
import { ManifestStepError, explained } from './step-error';
import type { WaitOptions } from './waits';
import { isNamespace, waitGone } from './waits';

export { ManifestStepError } from './step-error';

/** What the engine needs. */
export interface EngineOptions {
  /** The connected cluster's client (its retries and deadline apply to every call). */
  readonly kube: KubeClient;
  /** The resource's owner id (its objects' eks-access.io/owner label). */
  readonly owner: string;
  /** Epoch ms after which no wait goes on (the Lambda budget). */
  readonly deadline: number;
  /** Clock of the waits. */
  readonly now: () => number;
  /** Pause between two reads of a namespace (tests advance a fake clock). */
  readonly sleep: (ms: number) => Promise<void>;
  /** Structured log (never a token). */
  readonly log: Logger;
  /** Pause between two reads of a namespace that is not yet Active or not yet gone. @default 1000 */
  readonly pollMs?: number;
  /**
   * Release, instead of deleting, owned objects adopted from CDK's kubectl provider (release 0.2,
   * while the kubectl resources that wrote them still exist; see core/adoption.ts).
   * @default false
   */
  readonly releaseKubectlAdopted?: boolean;
}

/** What one run did. */
export interface EngineResult {
  /** Per object applied or deleted, in step order. */
  readonly results: ObjectResult[];
  /** Objects left in place on delete: namespaces released, objects of other owners. */
  readonly kept: KeptObject[];
  /** Fields the forced applies took from other field managers. */
  readonly takeovers: TakenField[];
}

/** One field a forced apply took from another manager. */
export interface TakenField {
  /** The object applied. */
  readonly id: ObjectId;
  /** `kubectl-edit (Update)`. */
  readonly manager: string;
  /** `.data.mode`. */
  readonly field: string;
}

/** Runs `steps` in order. @throws ManifestStepError (or the core's errors) on the first failure. */
export async function runSteps(steps: readonly Step[], options: EngineOptions): Promise<EngineResult> {
  return new Engine(options).run(steps);
}

class Engine {
  private readonly kinds: KindResolver;
  private readonly results: ObjectResult[] = [];
  private readonly kept: KeptObject[] = [];
  private readonly takeovers: TakenField[] = [];
  private readonly pollMs: number;
  private readonly waits: WaitOptions;

  constructor(private readonly o: EngineOptions) {
    this.kinds = new KindResolver(o.kube);
    this.pollMs = o.pollMs ?? 1000;
    this.waits = { kube: o.kube, deadline: o.deadline, now: o.now, sleep: o.sleep, pollMs: this.pollMs };
  }

  async run(steps: readonly Step[]): Promise<EngineResult> {
    for (const step of steps) {
      switch (step.action) {
        case 'apply': await this.apply(step.object); break;
        case 'delete': await this.delete(step.object, step.why); break;
        case 'apply-patch': await this.applyPatch(step.patch); break;
        case 'release-patch': await this.releasePatch(step.patch); break;
      }
    }
    return { results: this.results, kept: this.kept, takeovers: this.takeovers };
  }

  private async apply(object: DeclaredObject): Promise<void> {
    const { id } = object;
    const path = await this.pathOf(id, object.body, 'apply');
    let live = await explained(id, 'apply', () => getObject(this.o.kube, path));
    if (live?.metadata.deletionTimestamp !== undefined && !isNamespace(id)) {
      // Being deleted (finalizers run): an apply now would land on an object about to go.
      this.o.log('info', 'the object is being deleted: waiting until it is gone to create it again', { object: describeId(id) });
      await waitGone(this.waits, id, path, 'apply');
      live = undefined;
    }
    const ownership = ownershipOf(live?.metadata.labels, this.o.owner);
    if (ownership.owner === 'other') {
      throw new ManifestStepError(`${describeId(id)} belongs to another manifests resource (its eks-access.io/owner label is ${JSON.stringify(ownership.id)}, this resource's is ${JSON.stringify(this.o.owner)}); declare each object in one resource only: remove it here, or from the resource with owner ${ownership.id}`);
    }
    // An adopted object keeps the record of where it came from (it decides its removal).
    const body = withAdoption(object.body, adoptionOf(live, this.o.owner));
    let applied = await explained(id, 'apply', () => applyObject(this.o.kube, path, body, FIELD_MANAGER));
    let before = live?.metadata.resourceVersion ?? null;
    if (isNamespace(id) && phaseOf(applied.object) !== 'Active') {
      const active = await this.waitActive(id, path, body, applied.object);
      if (active !== undefined) [applied, before] = [active, null];
    }
    const outcome = outcomeOf({ status: applied.status, before, after: applied.object.metadata.resourceVersion ?? '' });
    if (ownership.owner === 'none' && live !== undefined) {
      this.o.log('info', 'adopted an object without an owner label', { object: describeId(id) });
    }
    this.noteTakeovers(id, live, applied.object);
    const leftovers = kubectlLeftovers(applied.object.metadata, body);
    const patch = leftoversPatch(leftovers);
    if (patch !== undefined) {
      await explained(id, 'apply', () => mergePatchObject(this.o.kube, path, patch, FIELD_MANAGER));
      this.o.log('info', 'removed what kubectl left on the object', { object: describeId(id), labels: leftovers.labels, annotations: leftovers.annotations });
    }
    this.results.push({ id, outcome });
  }

  /**
   * Waits until a Namespace the run applied is Active. One that terminates (an earlier delete)
   * is waited for until it is gone, then applied again: that apply is returned.
   */
  private async waitActive(id: ObjectId, path: string, body: DeclaredObject['body'], applied: KubeObject): Promise<AppliedObject | undefined> {
    this.o.log('info', 'waiting for the namespace to be Active', { object: describeId(id), phase: phaseOf(applied) });
    for (let live: KubeObject | undefined = applied; ;) {
      if (live === undefined) {
        const again = await explained(id, 'apply', () => applyObject(this.o.kube, path, body, FIELD_MANAGER));
        if (phaseOf(again.object) === 'Active') return again;
        live = again.object;
      }
      if (this.o.now() + this.pollMs >= this.o.deadline) {
        // What the server answers to new content in it: the core's sentence of a terminating namespace.
        throw new ManifestStepError(explainStatus(id, 'apply', 403, { details: { causes: [{ reason: 'NamespaceTerminating' }] } }).message, 'terminating');
      }
      await this.o.sleep(this.pollMs);
      live = await explained(id, 'apply', () => getObject(this.o.kube, path));
      if (live !== undefined && phaseOf(live) === 'Active') return undefined;
    }
  }

  private async delete(object: DeclaredObject, why: 'removed' | 'replaced'): Promise<void> {
    const { id, body } = object;
    const path = await this.pathOf(id, body, 'delete');
    if (path === undefined) return;
    const live = await explained(id, 'delete', () => getObject(this.o.kube, path));
    if (live === undefined) return;
    if (!mayDelete(live.metadata.labels, this.o.owner)) {
      this.o.log('info', 'kept: the live object is not this resource\'s (its owner label differs)', { object: describeId(id), why });
      this.kept.push({ id, why: 'not-owned' });
      return;
    }
    if (why === 'removed' && removalOf(live.metadata.annotations, this.o.releaseKubectlAdopted === true) === 'release') {
      await explained(id, 'delete', () => mergePatchObject(this.o.kube, path, adoptedReleasePatch(), FIELD_MANAGER));
      this.o.log('info', `kept ${describeId(id)}: adopted (${String(live.metadata.annotations?.[ADOPTED_ANNOTATION])}), so released with its content (ownership labels dropped), not deleted`, { object: describeId(id) });
      this.kept.push({ id, why: 'adopted' });
      return;
    }
    const namespace = isNamespace(id);
    if (namespace && body.metadata.annotations?.[NAMESPACE_ON_DELETE_ANNOTATION] !== NAMESPACE_DELETE) {
      const identity = { apiVersion: body.apiVersion, kind: body.kind, metadata: { name: id.name } };
      await explained(id, 'delete', () => applyObject(this.o.kube, path, identity, FIELD_MANAGER));
      this.o.log('info', `kept namespace ${id.name}: released (its labels and the fields the app applied dropped), not deleted, because the declared Namespace has no ${NAMESPACE_ON_DELETE_ANNOTATION}: ${NAMESPACE_DELETE} annotation`, { object: describeId(id) });
      this.kept.push({ id, why: 'released' });
      return;
    }
    try {
      await explained(id, 'delete', () => deleteObject(this.o.kube, path));
    } catch (e) {
      // A second delete of a namespace that already terminates: it is on its way out.
      if (!(namespace && e instanceof ManifestStepError && e.kind === 'terminating')) throw e;
    }
    if (namespace || why === 'replaced') await waitGone(this.waits, id, path, 'delete');
    this.results.push({ id, outcome: 'deleted' });
  }

  private async applyPatch(patch: DeclaredPatch): Promise<void> {
    const { id, body } = patch;
    const path = await this.pathOf(id, body, 'apply-patch');
    const live = await explained(id, 'apply-patch', () => getObject(this.o.kube, path));
    if (live === undefined) {
      throw new ManifestStepError(`${describeId(id)}: the object to patch does not exist; a patch edits an object someone else creates and never creates it, so create it first (or deploy after the resource that creates it), or remove the patch`);
    }
    // Without force: the object is someone else's, so a field another manager owns with another
    // value stays theirs (a 409 the core explains); an equal value is shared ownership.
    await explained(id, 'apply-patch', () => applyObject(this.o.kube, path, body, PATCH_FIELD_MANAGER, { force: false }));
  }

  /** Logs (and records) the fields the forced apply of an owned object took from other managers. */
  private noteTakeovers(id: ObjectId, before: KubeObject | undefined, after: KubeObject): void {
    const taken = takenOver(before?.metadata.managedFields, after.metadata.managedFields, FIELD_MANAGER);
    if (taken.length === 0) return;
    this.o.log('warn', `${describeId(id)}: the forced apply as ${FIELD_MANAGER} took fields over from other field managers (they had set fields the declaration sets): ${taken.map((t) => `${t.manager} on ${t.field}`).join(', ')}`, { object: describeId(id) });
    this.takeovers.push(...taken.map((t) => ({ id, ...t })));
  }

  private async releasePatch(patch: DeclaredPatch): Promise<void> {
    const { id, body } = patch;
    const path = await this.pathOf(id, body, 'release-patch');
    if (path === undefined) return;
    // An apply creates what is absent, so a patch of an object that is gone is released already.
    const live = await explained(id, 'release-patch', () => getObject(this.o.kube, path));
    if (live === undefined) return;
    await explained(id, 'release-patch', () => applyObject(this.o.kube, path, releaseBody(patch), PATCH_FIELD_MANAGER, { force: false }));
  }

  /**
   * The REST path of an object. For a delete or a release, a kind the server no longer serves
   * means its objects are gone with it: undefined (done).
   */
  private async pathOf(id: ObjectId, body: DeclaredObject['body'], operation: 'apply' | 'apply-patch'): Promise<string>;
  private async pathOf(id: ObjectId, body: DeclaredObject['body'], operation: 'delete' | 'release-patch'): Promise<string | undefined>;
  private async pathOf(id: ObjectId, body: DeclaredObject['body'], operation: StepOperation): Promise<string | undefined> {
    try {
      return await explained(id, operation, () => this.kinds.pathOf(id, body));
    } catch (e) {
      if (!(e instanceof ManifestKindError) || operation === 'apply' || operation === 'apply-patch') throw e;
      this.o.log('info', 'nothing to remove: the cluster no longer serves the kind', { object: describeId(id), reason: e.message });
      return undefined;
    }
  }


}

function phaseOf(obj: KubeObject): unknown {
  return (obj.status as { phase?: unknown } | undefined)?.phase;
}

