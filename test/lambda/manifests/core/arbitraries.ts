/** fast-check arbitraries of declared objects for the order and plan properties. */
import * as fc from 'fast-check';
import { idKey } from '../../../../lambda/manifests/core/ids';
import type { DeclaredObject, DeclaredPatch, ManifestObject, ObjectId } from '../../../../lambda/manifests/core/types';

const RBAC = 'rbac.authorization.k8s.io';
const NAMESPACED: ReadonlyArray<readonly [string, string, string]> = [
  ['', 'v1', 'ServiceAccount'], ['', 'v1', 'ConfigMap'], ['', 'v1', 'ResourceQuota'], ['', 'v1', 'LimitRange'],
  ['networking.k8s.io', 'v1', 'NetworkPolicy'], [RBAC, 'v1', 'Role'], [RBAC, 'v1', 'RoleBinding'], ['example.com', 'v1', 'Widget'],
];
const CLUSTER: ReadonlyArray<readonly [string, string, string]> = [
  ['', 'v1', 'Namespace'], [RBAC, 'v1', 'ClusterRole'], [RBAC, 'v1', 'ClusterRoleBinding'], ['example.com', 'v1', 'Gadget'],
];

const names = fc.constantFrom('a', 'b', 'c');
const namespaces = fc.constantFrom('x', 'y');
const roleNames = fc.constantFrom('a', 'b');

/** An object of a random kind; bindings reference a role by name (a or b). */
export const declaredObject: fc.Arbitrary<DeclaredObject> = fc.oneof(
  fc.tuple(fc.constantFrom(...NAMESPACED), names, namespaces, roleNames, fc.boolean()).map(([k, name, namespace, role, clusterRole]) => make(k, name, namespace, role, clusterRole)),
  fc.tuple(fc.constantFrom(...CLUSTER), names, roleNames).map(([k, name, role]) => make(k, name, undefined, role, true)),
);

function make(k: readonly [string, string, string], name: string, namespace: string | undefined, role: string, clusterRole: boolean): DeclaredObject {
  const [group, version, kind] = k;
  const id: ObjectId = { group, kind, ...(namespace === undefined ? {} : { namespace }), name };
  const body: ManifestObject = { apiVersion: group === '' ? version : `${group}/${version}`, kind, metadata: { name, ...(namespace === undefined ? {} : { namespace }) } };
  if (kind === 'RoleBinding' || kind === 'ClusterRoleBinding') {
    body.roleRef = { apiGroup: RBAC, kind: kind === 'ClusterRoleBinding' || clusterRole ? 'ClusterRole' : 'Role', name: role };
  }
  return { id, body };
}

/** Objects with distinct identities (as validation guarantees). */
export const declaredObjects = fc.uniqueArray(declaredObject, { maxLength: 12, selector: (o) => idKey(o.id) });

/** Patches with distinct identities. */
export const declaredPatches: fc.Arbitrary<DeclaredPatch[]> = fc.uniqueArray(
  fc.tuple(names, namespaces, fc.constantFrom('v', 'w')).map(([name, namespace, value]) => ({
    id: { group: 'apps', kind: 'DaemonSet', namespace, name },
    body: { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name, namespace }, spec: { value } } as ManifestObject,
  })),
  { maxLength: 4, selector: (p) => idKey(p.id) },
);
