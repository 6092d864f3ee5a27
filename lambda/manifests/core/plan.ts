/**
 * The steps of one CloudFormation operation, from the old and the new declared sets: Create has
 * no old set, Delete no new one, Update both. Objects are matched by identity as Kubernetes
 * matches them (group, kind, namespace, name): a new version of the same group is the same object.
 */
import { ManifestInputError } from './errors';
import { compareIds, idKey } from './ids';
import { applyOrder, deleteOrder } from './order';
import type { DeclaredObject, DeclaredPatch, DeclaredSet, ObjectId } from './types';

/** One step for the handler, in the order the plan lists them. */
export type Step =
  /** Server-side apply of an owned object (field manager eks-access, force). */
  | { readonly action: 'apply'; readonly object: DeclaredObject }
  /**
   * Delete of an object the old set owned: `removed` when the new set no longer declares it,
   * `replaced` right before its apply when an immutable field changed (a binding's roleRef).
   * The handler deletes only a live object whose owner label is this resource's.
   */
  | { readonly action: 'delete'; readonly object: DeclaredObject; readonly why: 'removed' | 'replaced' }
  /** Server-side apply of a patch (field manager eks-access-patch). */
  | { readonly action: 'apply-patch'; readonly patch: DeclaredPatch }
  /** Release of a patch no longer declared: apply its identity only, under the patch manager. */
  | { readonly action: 'release-patch'; readonly patch: DeclaredPatch };

/** The declared sets of an operation. */
export interface PlanInput {
  /** The old properties' set (Update, Delete). */
  readonly old?: DeclaredSet;
  /** The new properties' set (Create, Update). */
  readonly new?: DeclaredSet;
}

const RBAC = 'rbac.authorization.k8s.io';
const BINDING_KINDS = new Set(['RoleBinding', 'ClusterRoleBinding']);

/**
 * The steps, in order. Create: applies in apply order, then patches. Update: applies (a binding
 * whose roleRef changed is deleted right before), patches, releases of patches no longer
 * declared, then deletes of objects no longer declared in delete order (an object now patched
 * instead of owned is left in place). Delete: releases, then deletes in delete order.
 * @throws ManifestInputError when the owner id changed between old and new.
 */
export function planSteps(input: PlanInput): Step[] {
  const { old, new: next } = input;
  if (old !== undefined && next !== undefined && old.owner !== next.owner) {
    throw new ManifestInputError(`the owner id changed from ${JSON.stringify(old.owner)} to ${JSON.stringify(next.owner)}; the objects carry the old one in their eks-access.io/owner label, so a new id would orphan them; keep the owner id of a deployed resource`);
  }
  const steps: Step[] = [];
  const oldObjects = new Map((old?.objects ?? []).map((o) => [idKey(o.id), o]));
  for (const object of applyOrder(next?.objects ?? [])) {
    const before = oldObjects.get(idKey(object.id));
    if (before !== undefined && roleRefChanged(before, object)) steps.push({ action: 'delete', object: before, why: 'replaced' });
    steps.push({ action: 'apply', object });
  }
  for (const patch of byId(next?.patches ?? [])) steps.push({ action: 'apply-patch', patch });
  const kept = new Set([...(next?.objects ?? []), ...(next?.patches ?? [])].map((o) => idKey(o.id)));
  const stillPatched = new Set((next?.patches ?? []).map((p) => idKey(p.id)));
  for (const patch of byId(old?.patches ?? [])) {
    if (!stillPatched.has(idKey(patch.id))) steps.push({ action: 'release-patch', patch });
  }
  for (const object of deleteOrder(old?.objects ?? [])) {
    if (!kept.has(idKey(object.id))) steps.push({ action: 'delete', object, why: 'removed' });
  }
  return steps;
}

/** Whether an immutable field differs: a RoleBinding's or ClusterRoleBinding's roleRef. */
export function roleRefChanged(before: DeclaredObject, after: DeclaredObject): boolean {
  if (after.id.group !== RBAC || !BINDING_KINDS.has(after.id.kind)) return false;
  return roleRefKey(before.body.roleRef) !== roleRefKey(after.body.roleRef);
}

function roleRefKey(ref: unknown): string {
  const r = (typeof ref === 'object' && ref !== null ? ref : {}) as Record<string, unknown>;
  return JSON.stringify([r.apiGroup, r.kind, r.name]);
}

function byId<T extends { readonly id: ObjectId }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => compareIds(a.id, b.id));
}
