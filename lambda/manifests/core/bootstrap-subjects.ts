/**
 * The RBAC bootstrap grants its own function only. It applies its Objects under a temporary
 * cluster-admin association, so a binding in them to anyone else would hand that subject the
 * generated rights; the construct binds exactly `User manifestsUsername(<the bootstrap's owner
 * id>)`, the username of the provider's access entry, and the handler refuses anything else
 * before it opens the window. Pure: no I/O.
 */
import { manifestsUsername } from '../api';
import { ManifestInputError } from './errors';
import { describeId } from './ids';
import { isRecord } from './json';
import { parseApiVersion } from './kinds';
import type { ManifestObject } from './types';

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const BINDING_KINDS = new Set(['ClusterRoleBinding', 'RoleBinding']);

/** The one subject a binding of the bootstrap of `owner` may have. */
export function bootstrapSubject(owner: string): { kind: 'User'; apiGroup: string; name: string } {
  return { kind: 'User', apiGroup: RBAC_GROUP, name: manifestsUsername(owner) };
}

/**
 * Checks that every binding among `objects` binds exactly {@link bootstrapSubject} of `owner`.
 * @throws ManifestInputError naming the binding, its subjects and the fix.
 */
export function checkBootstrapSubjects(objects: readonly ManifestObject[], owner: string): void {
  const expected = bootstrapSubject(owner);
  for (const o of objects) {
    if (parseApiVersion(o.apiVersion)?.group !== RBAC_GROUP || !BINDING_KINDS.has(o.kind)) continue;
    const subjects = (o as { subjects?: unknown }).subjects;
    if (Array.isArray(subjects) && subjects.length === 1 && isExpected(subjects[0], expected)) continue;
    throw new ManifestInputError(`${describeId({ group: RBAC_GROUP, kind: o.kind, name: o.metadata.name, namespace: o.metadata.namespace })}: subjects ${JSON.stringify(subjects ?? null)} are not the provider's own user; the RBAC bootstrap binds only ${JSON.stringify(expected)} (the username of the function's access entry, from its owner id ${JSON.stringify(owner)}), so let the manifests construct render its Objects`);
  }
}

function isExpected(subject: unknown, expected: ReturnType<typeof bootstrapSubject>): boolean {
  return isRecord(subject) && Object.keys(subject).length === 3
    && subject.kind === expected.kind && subject.apiGroup === expected.apiGroup && subject.name === expected.name;
}
