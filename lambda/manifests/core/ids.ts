/** Object identities: how they are keyed, compared and named in messages. */
import type { ObjectId } from './types';

/**
 * A key equal for two ids exactly when Kubernetes sees one object: group, kind, namespace and
 * name (never the version). NUL cannot occur in any of the parts.
 */
export function idKey(id: ObjectId): string {
  return [id.group, id.kind, id.namespace ?? '', id.name].join('\u0000');
}

/** `ConfigMap team-a/settings`, `ClusterRole view-all`, `Widget.example.com ns/x`. */
export function describeId(id: ObjectId): string {
  const kind = id.group === '' || BUILTIN_GROUPS.has(id.group) ? id.kind : `${id.kind}.${id.group}`;
  return `${kind} ${id.namespace === undefined ? '' : `${id.namespace}/`}${id.name}`;
}

/** Groups of the built-in kinds, whose kinds are named without the group. */
const BUILTIN_GROUPS = new Set(['networking.k8s.io', 'rbac.authorization.k8s.io']);

/** Total order of ids: group, kind, namespace (cluster-scoped first), name. */
export function compareIds(a: ObjectId, b: ObjectId): number {
  return cmp(a.group, b.group) || cmp(a.kind, b.kind) || cmp(a.namespace ?? '', b.namespace ?? '') || cmp(a.name, b.name);
}

function cmp(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
