/**
 * The order objects are applied in, and deleted in (the reverse): a namespace before what lives
 * in it, the objects a Role's subjects use before the Role, roles before their bindings.
 */
import { compareIds } from './ids';
import type { ObjectId } from './types';

const RBAC = 'rbac.authorization.k8s.io';

/** Rank of each built-in group and kind; any other kind ranks {@link UNKNOWN_RANK}. */
export const APPLY_RANKS: ReadonlyArray<{ readonly group: string; readonly kind: string; readonly rank: number }> = [
  { group: '', kind: 'Namespace', rank: 0 },
  { group: '', kind: 'ServiceAccount', rank: 1 },
  { group: '', kind: 'ConfigMap', rank: 1 },
  { group: '', kind: 'ResourceQuota', rank: 1 },
  { group: '', kind: 'LimitRange', rank: 1 },
  { group: RBAC, kind: 'ClusterRole', rank: 2 },
  { group: RBAC, kind: 'Role', rank: 2 },
  { group: RBAC, kind: 'ClusterRoleBinding', rank: 3 },
  { group: RBAC, kind: 'RoleBinding', rank: 3 },
  { group: 'networking.k8s.io', kind: 'NetworkPolicy', rank: 4 },
];

/** Rank of the kinds not in the table: last, after everything the app knows. */
export const UNKNOWN_RANK = 5;

/** The apply rank of an object's group and kind (lower first). */
export function applyRank(id: ObjectId): number {
  return APPLY_RANKS.find((r) => r.group === id.group && r.kind === id.kind)?.rank ?? UNKNOWN_RANK;
}

/**
 * The items in apply order: by rank, then by identity (group, kind, namespace, name). Identities
 * are unique once validated, so the order is total and the declared order never matters.
 */
export function applyOrder<T extends { readonly id: ObjectId }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => applyRank(a.id) - applyRank(b.id) || compareIds(a.id, b.id));
}

/** The items in delete order: the reverse of {@link applyOrder} (bindings before roles, namespaces last). */
export function deleteOrder<T extends { readonly id: ObjectId }>(items: readonly T[]): T[] {
  return applyOrder(items).reverse();
}
