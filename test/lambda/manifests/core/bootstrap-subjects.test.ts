/**
 * The RBAC bootstrap binds its own function only (lambda/manifests/core/bootstrap-subjects.ts):
 * every RBAC binding among its objects has exactly the one subject `User` of the provider's
 * username; anything else is refused naming the binding, its subjects and the fix.
 */
import { bootstrapSubject, checkBootstrapSubjects } from '../../../../lambda/manifests/core/bootstrap-subjects';
import { ManifestInputError } from '../../../../lambda/manifests/core/errors';
import type { ManifestObject } from '../../../../lambda/manifests/core/types';
import { thrown } from '../../../support/thrown';

const RBAC = 'rbac.authorization.k8s.io';
const OWNER = 'access-dev-a1b2';
const ME = { kind: 'User', apiGroup: RBAC, name: 'eks-access:manifests:access-dev-a1b2' };
const role: ManifestObject = { apiVersion: `${RBAC}/v1`, kind: 'ClusterRole', metadata: { name: 'r' }, rules: [] };
const binding = (subjects: unknown, kind = 'ClusterRoleBinding', apiVersion = `${RBAC}/v1`, namespace?: string): ManifestObject => ({
  apiVersion, kind, metadata: { name: 'b', ...(namespace === undefined ? {} : { namespace }) }, roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'r' }, subjects,
} as ManifestObject);

const fix = `the RBAC bootstrap binds only ${JSON.stringify(ME)} (the username of the function's access entry, from its owner id "${OWNER}"), so let the manifests construct render its Objects`;

test('the one subject: User of the provider\'s username, in the RBAC group', () => {
  expect(bootstrapSubject(OWNER)).toStrictEqual(ME);
});

test.each<[string, ManifestObject[]]>([
  ['the generated pair', [role, binding([ME])]],
  ['a RoleBinding with that subject', [binding([ME], 'RoleBinding', `${RBAC}/v1`, 'team-a')]],
  ['no binding at all', [role]],
  ['nothing', []],
  ['a binding-like kind of another group (not RBAC)', [binding([{ kind: 'Group', name: 'x' }], 'ClusterRoleBinding', 'example.com/v1')]],
  ['a core object of a binding kind name (no group)', [binding([{ kind: 'Group', name: 'x' }], 'ClusterRoleBinding', 'v1')]],
  ['another RBAC kind with subjects', [{ ...role, subjects: [{ kind: 'Group', name: 'x' }] } as ManifestObject]],
])('accepted: %s', (_name, objects) => {
  expect(() => checkBootstrapSubjects(objects, OWNER)).not.toThrow();
});

test.each<[string, unknown, string]>([
  ['a group (the old shared identity)', [{ kind: 'Group', apiGroup: RBAC, name: 'eks-access:manifests' }], '[{"kind":"Group","apiGroup":"rbac.authorization.k8s.io","name":"eks-access:manifests"}]'],
  ['another provider\'s user', [{ ...ME, name: 'eks-access:manifests:workloads-dev-c3d4' }], '[{"kind":"User","apiGroup":"rbac.authorization.k8s.io","name":"eks-access:manifests:workloads-dev-c3d4"}]'],
  ['the user without its apiGroup', [{ kind: 'User', name: ME.name }], '[{"kind":"User","name":"eks-access:manifests:access-dev-a1b2"}]'],
  ['the user of another apiGroup', [{ ...ME, apiGroup: 'x' }], '[{"kind":"User","apiGroup":"x","name":"eks-access:manifests:access-dev-a1b2"}]'],
  ['a service account of that name', [{ ...ME, kind: 'ServiceAccount' }], '[{"kind":"ServiceAccount","apiGroup":"rbac.authorization.k8s.io","name":"eks-access:manifests:access-dev-a1b2"}]'],
  ['the user with an extra field', [{ ...ME, namespace: 'x' }], '[{"kind":"User","apiGroup":"rbac.authorization.k8s.io","name":"eks-access:manifests:access-dev-a1b2","namespace":"x"}]'],
  ['the user and someone else', [ME, { kind: 'Group', apiGroup: RBAC, name: 'system:masters' }], `[${JSON.stringify(ME)},{"kind":"Group","apiGroup":"rbac.authorization.k8s.io","name":"system:masters"}]`],
  ['no subject', [], '[]'],
  ['subjects that are not a list', ME, JSON.stringify(ME)],
  ['a subject that is not an object', ['x'], '["x"]'],
  ['no subjects field', undefined, 'null'],
])('refused: %s', (_name, subjects, printed) => {
  const e = thrown(() => checkBootstrapSubjects([role, binding(subjects)], OWNER));
  expect(e).toBeInstanceOf(ManifestInputError);
  expect(e.message).toBe(`ClusterRoleBinding b: subjects ${printed} are not the provider's own user; ${fix}`);
});

test('a RoleBinding is named with its namespace', () => {
  expect(thrown(() => checkBootstrapSubjects([binding([], 'RoleBinding', `${RBAC}/v1`, 'team-a')], OWNER)).message)
    .toBe(`RoleBinding team-a/b: subjects [] are not the provider's own user; ${fix}`);
});
