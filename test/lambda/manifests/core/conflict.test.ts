/**
 * Kubernetes Status answers explained, with bodies shaped as the API server writes them
 * (apimachinery api/errors/errors.go, util/managedfields/internal/conflict.go, NamespaceLifecycle
 * admission, rbac validation).
 */
import { explainStatus, fieldConflicts } from '../../../../lambda/manifests/core/conflict';
import type { ObjectId } from '../../../../lambda/manifests/core/types';

const CM: ObjectId = { group: '', kind: 'ConfigMap', namespace: 'team-a', name: 'settings' };
const RB: ObjectId = { group: 'rbac.authorization.k8s.io', kind: 'RoleBinding', namespace: 'team-a', name: 'read' };
const NS: ObjectId = { group: '', kind: 'Namespace', name: 'team-a' };
const DS: ObjectId = { group: 'apps', kind: 'DaemonSet', namespace: 'kube-system', name: 'aws-node' };

const status = (code: number, reason: string, message: string, details?: Record<string, unknown>) => ({
  kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code,
});

/** 409 as NewConflictError builds it for two managers and three fields. */
const APPLY_CONFLICT = status(409, 'Conflict', 'Apply failed with 3 conflicts: conflicts with "helm":\n- .data.b\nconflicts with "kubectl-edit" using v1:\n- .data.a\n- .data.c', {
  causes: [
    { reason: 'FieldManagerConflict', message: 'conflict with "kubectl-edit" using v1', field: '.data.a' },
    { reason: 'FieldManagerConflict', message: 'conflict with "helm"', field: '.data.b' },
    { reason: 'FieldManagerConflict', message: 'conflict with "kubectl-edit" using v1', field: '.data.c' },
  ],
});

describe('fieldConflicts', () => {
  test('the managers and fields of the FieldManagerConflict causes, in order', () => {
    expect(fieldConflicts(APPLY_CONFLICT)).toEqual([
      { manager: '"kubectl-edit" using v1', field: '.data.a' },
      { manager: '"helm"', field: '.data.b' },
      { manager: '"kubectl-edit" using v1', field: '.data.c' },
    ]);
  });

  test.each<[string, unknown]>([
    ['no body', undefined],
    ['a string body', 'conflict'],
    ['no details', status(409, 'Conflict', 'x')],
    ['details without causes', status(409, 'Conflict', 'x', { name: 'x' })],
    ['causes that are not a list', status(409, 'Conflict', 'x', { causes: { reason: 'FieldManagerConflict' } })],
    ['causes of other reasons', status(409, 'Conflict', 'x', { causes: [{ reason: 'FieldValueInvalid', message: 'conflict with "a"', field: 'x' }] })],
  ])('none for %s', (_name, body) => {
    expect(fieldConflicts(body)).toEqual([]);
  });

  test('a cause without the usual prefix, message or field is kept as it came', () => {
    expect(fieldConflicts(status(409, 'Conflict', 'x', { causes: [null, 'x', { reason: 'FieldManagerConflict', message: 'other wording' }, { reason: 'FieldManagerConflict', field: '.a', message: 7 }] })))
      .toEqual([{ manager: 'other wording', field: '' }, { manager: '', field: '.a' }]);
  });
});

describe('explainStatus', () => {
  test('an apply conflict names every manager once with its fields, and the fix', () => {
    expect(explainStatus(CM, 'apply', 409, APPLY_CONFLICT)).toEqual({
      kind: 'conflict',
      message: 'ConfigMap team-a/settings: the apply conflicts with field managers "kubectl-edit" using v1 on .data.a, .data.c and "helm" on .data.b; another tool set these fields since the last deploy: remove them from the declaration to leave them to that manager, or stop that manager from setting them and deploy again',
    });
  });

  test('a conflict of one field, on a patch', () => {
    const body = status(409, 'Conflict', 'Apply failed with 1 conflict: conflict with "eks": .spec.template.spec.containers[name="aws-node"].env[name="WARM_IP_TARGET"].value', {
      causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "eks"', field: '.spec.template.spec.containers[name="aws-node"].env[name="WARM_IP_TARGET"].value' }],
    });
    expect(explainStatus(DS, 'apply-patch', 409, body)).toEqual({
      kind: 'conflict',
      message: 'DaemonSet.apps kube-system/aws-node: the patch conflicts with field manager "eks" on .spec.template.spec.containers[name="aws-node"].env[name="WARM_IP_TARGET"].value, which owns this field with another value (a patch is applied without force, so it never takes a field from its manager; an equal value would be shared): drop the field from the patch to leave it to that manager, or have that manager stop owning it, and deploy again',
    });
  });

  test('a conflict of two fields of one manager, on a patch', () => {
    const body = status(409, 'Conflict', 'Apply failed with 2 conflicts: conflicts with "kubectl-edit" using v1:\n- .data.a\n- .data.c', {
      causes: [
        { reason: 'FieldManagerConflict', message: 'conflict with "kubectl-edit" using v1', field: '.data.a' },
        { reason: 'FieldManagerConflict', message: 'conflict with "kubectl-edit" using v1', field: '.data.c' },
      ],
    });
    expect(explainStatus(CM, 'apply-patch', 409, body).message).toBe('ConfigMap team-a/settings: the patch conflicts with field manager "kubectl-edit" using v1 on .data.a, .data.c, which owns these fields with other values (a patch is applied without force, so it never takes a field from its manager; an equal value would be shared): drop these fields from the patch to leave them to that manager, or have that manager stop owning them, and deploy again');
  });

  test('a conflict with two managers, on a patch', () => {
    expect(explainStatus(CM, 'apply-patch', 409, APPLY_CONFLICT).message).toBe('ConfigMap team-a/settings: the patch conflicts with field managers "kubectl-edit" using v1 on .data.a, .data.c and "helm" on .data.b, which own these fields with other values (a patch is applied without force, so it never takes a field from its manager; an equal value would be shared): drop these fields from the patch to leave them to those managers, or have those managers stop owning them, and deploy again');
  });

  test('a patch\'s 409 without field conflicts is not a field conflict', () => {
    expect(explainStatus(CM, 'apply-patch', 409, status(409, 'Conflict', 'the object has been modified'))).toEqual({
      kind: 'other', message: 'ConfigMap team-a/settings: the patch failed with HTTP 409 Conflict: the object has been modified',
    });
  });

  test('a create into a terminating namespace (403 with the NamespaceTerminating cause)', () => {
    const body = status(403, 'Forbidden', 'configmaps "settings" is forbidden: unable to create new content in namespace team-a because it is being terminated', {
      name: 'settings', kind: 'configmaps', causes: [{ reason: 'NamespaceTerminating', message: 'namespace team-a is being terminated', field: 'metadata.namespace' }],
    });
    expect(explainStatus(CM, 'apply', 403, body)).toEqual({
      kind: 'terminating',
      message: 'ConfigMap team-a/settings: namespace team-a is being terminated, so nothing can be created in it until it is gone; wait for the earlier delete to finish and deploy again',
    });
  });

  test('a second delete of a terminating namespace (409 Conflict, no causes)', () => {
    const body = status(409, 'Conflict', 'Operation cannot be fulfilled on namespaces "team-a": The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.', { name: 'team-a', kind: 'namespaces' });
    expect(explainStatus(NS, 'delete', 409, body)).toEqual({
      kind: 'terminating',
      message: 'Namespace team-a: namespace team-a is being terminated, so nothing can be created in it until it is gone; wait for the earlier delete to finish and deploy again',
    });
  });

  test('an optimistic-concurrency 409 is not a field conflict', () => {
    const body = status(409, 'Conflict', 'Operation cannot be fulfilled on configmaps "settings": the object has been modified; please apply your changes to the latest version and try again', { name: 'settings', kind: 'configmaps' });
    expect(explainStatus(CM, 'apply', 409, body)).toEqual({
      kind: 'other',
      message: 'ConfigMap team-a/settings: the apply failed with HTTP 409 Conflict: Operation cannot be fulfilled on configmaps "settings": the object has been modified; please apply your changes to the latest version and try again',
    });
  });

  test('a changed roleRef (422 Invalid, cause field roleRef)', () => {
    const message = 'RoleBinding.rbac.authorization.k8s.io "read" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"Role", Name:"writer"}: cannot change roleRef';
    const body = status(422, 'Invalid', message, { name: 'read', group: 'rbac.authorization.k8s.io', kind: 'RoleBinding', causes: [{ reason: 'FieldValueInvalid', message: 'Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"Role", Name:"writer"}: cannot change roleRef', field: 'roleRef' }] });
    expect(explainStatus(RB, 'apply', 422, body)).toEqual({
      kind: 'immutable',
      message: `RoleBinding team-a/read: roleRef cannot change (the server said: ${message}); the live binding has another roleRef than the declared one, so it must be deleted and created again`,
    });
  });

  test('another 422 lists the fields', () => {
    const body = status(422, 'Invalid', 'ResourceQuota "q" is invalid: [spec.hard[pods]: Invalid value: "-1": must be greater than or equal to 0, metadata.name: Invalid value: "Q": a lowercase RFC 1123 subdomain]', {
      causes: [{ reason: 'FieldValueInvalid', message: 'Invalid value: "-1": must be greater than or equal to 0', field: 'spec.hard[pods]' }, { reason: 'FieldValueInvalid', message: 'Invalid value: "Q"' }],
    });
    expect(explainStatus(CM, 'apply', 422, body)).toEqual({
      kind: 'invalid',
      message: 'ConfigMap team-a/settings: the server refused the apply as invalid (spec.hard[pods]: Invalid value: "-1": must be greater than or equal to 0, ?: Invalid value: "Q"); fix those fields in the declaration',
    });
  });

  test('a terminating namespace named from the object\'s namespace unless it is a core Namespace', () => {
    const body = status(403, 'Forbidden', 'x', { causes: [{ reason: 'NamespaceTerminating' }] });
    expect(explainStatus({ group: 'example.com', kind: 'Namespace', namespace: 'team-b', name: 'n' }, 'apply', 403, body).message)
      .toBe('Namespace.example.com team-b/n: namespace team-b is being terminated, so nothing can be created in it until it is gone; wait for the earlier delete to finish and deploy again');
  });

  test('a cause field that is not a string is shown as ?', () => {
    const body = status(422, 'Invalid', 'm', { causes: [{ reason: 'FieldValueInvalid', message: 'bad', field: 7 }] });
    expect(explainStatus(CM, 'apply', 422, body).message).toBe('ConfigMap team-a/settings: the server refused the apply as invalid (?: bad); fix that field in the declaration');
  });

  test('a 422 with one cause, and one without causes', () => {
    const one = status(422, 'Invalid', 'm', { causes: [{ reason: 'FieldValueRequired', field: 'spec.x' }] });
    expect(explainStatus(CM, 'apply', 422, one).message).toBe('ConfigMap team-a/settings: the server refused the apply as invalid (spec.x: ); fix that field in the declaration');
    expect(explainStatus(CM, 'apply', 422, status(422, 'Invalid', 'the whole message')).message).toBe('ConfigMap team-a/settings: the server refused the apply as invalid (the whole message); fix those fields in the declaration');
  });

  test('a 404 on delete or release is done', () => {
    const body = status(404, 'NotFound', 'configmaps "settings" not found', { name: 'settings', kind: 'configmaps' });
    expect(explainStatus(CM, 'delete', 404, body)).toEqual({ kind: 'not-found', message: 'ConfigMap team-a/settings is already gone (404), which is what the delete wanted' });
    expect(explainStatus(DS, 'release-patch', 404, body)).toEqual({ kind: 'not-found', message: 'DaemonSet.apps kube-system/aws-node is already gone (404), which is what the release of the patch wanted' });
  });

  test('a 404 on apply for a missing namespace', () => {
    const body = status(404, 'NotFound', 'namespaces "team-a" not found', { name: 'team-a', kind: 'namespaces' });
    expect(explainStatus(CM, 'apply', 404, body)).toEqual({ kind: 'not-found', message: 'ConfigMap team-a/settings: namespace team-a does not exist; declare the Namespace in Objects (namespaces are applied first) or create it before this resource' });
  });

  test('a 404 on a patch whose target is missing, and on a cluster-scoped apply', () => {
    const body = status(404, 'NotFound', 'daemonsets.apps "aws-node" not found', { name: 'aws-node', group: 'apps', kind: 'daemonsets' });
    expect(explainStatus(DS, 'apply-patch', 404, body).message).toBe('DaemonSet.apps kube-system/aws-node: the object to patch does not exist (the server said: daemonsets.apps "aws-node" not found); a patch edits an object someone else creates, so create it first or remove the patch');
    const nsBody = status(404, 'NotFound', 'the server could not find the requested resource', { kind: 'namespaces' });
    expect(explainStatus(NS, 'apply', 404, nsBody).message).toBe('Namespace team-a: the server answered 404 (the server could not find the requested resource); check that the cluster serves this kind');
    expect(explainStatus(CM, 'apply', 404, status(404, 'NotFound', 'gone')).message).toBe('ConfigMap team-a/settings: the server answered 404 (gone); check that the cluster serves this kind');
    expect(explainStatus(CM, 'apply', 404, 'not json').message).toBe('ConfigMap team-a/settings: the server answered 404 (); check that the cluster serves this kind');
  });

  test.each<[string, ObjectId, 'apply' | 'apply-patch' | 'release-patch' | 'delete', string]>([
    ['apply', CM, 'apply', 'patch (or, for a new object, create)'],
    ['patch', DS, 'apply-patch', 'patch'],
    ['release', DS, 'release-patch', 'patch'],
    ['delete', CM, 'delete', 'delete'],
  ])('403 Forbidden on %s names the verb', (_name, id, operation, verb) => {
    const message = 'configmaps "settings" is forbidden: User "arn:aws:sts::111122223333:assumed-role/handler/x" cannot patch resource "configmaps" in API group "" in the namespace "team-a"';
    const what = id === CM ? 'ConfigMap team-a/settings' : 'DaemonSet.apps kube-system/aws-node';
    expect(explainStatus(id, operation, 403, status(403, 'Forbidden', message))).toEqual({
      kind: 'forbidden',
      message: `${what}: the handler may not ${verb} it (the server said: ${message}); the handler's RBAC is generated from the declared objects, so deploy the change of that RBAC first, or grant the verb to the handler's identity`,
    });
  });

  test('anything else: the code, the reason and the message', () => {
    expect(explainStatus(CM, 'apply', 500, status(500, 'InternalError', 'Internal error occurred: etcdserver: request timed out'))).toEqual({
      kind: 'other', message: 'ConfigMap team-a/settings: the apply failed with HTTP 500 InternalError: Internal error occurred: etcdserver: request timed out',
    });
    expect(explainStatus(NS, 'delete', 502, undefined)).toEqual({ kind: 'other', message: 'Namespace team-a: the delete failed with HTTP 502' });
    expect(explainStatus(NS, 'delete', 400, { reason: 7, message: 8 })).toEqual({ kind: 'other', message: 'Namespace team-a: the delete failed with HTTP 400' });
  });

  test('FieldManagerConflict causes only count with a 409, NamespaceTerminating with any code', () => {
    expect(explainStatus(CM, 'apply', 500, APPLY_CONFLICT).kind).toBe('other');
    expect(explainStatus(CM, 'apply', 409, status(409, 'Conflict', 'x', { causes: [{ reason: 'NamespaceTerminating' }] })).kind).toBe('terminating');
    expect(explainStatus(CM, 'apply', 500, status(500, 'x', 'ensuring all content is removed')).kind).toBe('other');
    expect(explainStatus(CM, 'apply', 500, status(500, 'x', 'x', { causes: [{ field: 'roleRef' }] })).kind).toBe('other');
  });
});
