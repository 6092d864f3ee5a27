/**
 * `Status` bodies of the generic object routes, worded as the API server words them for a
 * resource of any group (the resource qualified by its group, `roles.rbac.authorization.k8s.io`):
 * apimachinery pkg/api/errors/errors.go (NewForbidden, NewAlreadyExists, NewConflict, NewInvalid,
 * NewApplyConflict), pkg/util/managedfields/internal/conflict.go (the apply conflict text),
 * apiserver pkg/endpoints/handlers/negotiation (415), plugin/pkg/admission/namespace/lifecycle
 * (a terminating namespace).
 */
import type { ApplyConflict } from './kube-apply';
import { fieldPathString } from './kube-apply';
import type { StatusBody } from './kube-status';
import { failure } from './kube-status';

/** `resource.group`, or `resource` for the core group (schema.GroupResource String). */
export function qualifiedResource(resource: string, group: string): string {
  return group ? `${resource}.${group}` : resource;
}

/** `Kind.group`, or `Kind` for the core group (schema.GroupKind String). */
export function qualifiedKind(kind: string, group: string): string {
  return group ? `${kind}.${group}` : kind;
}

function details(resource: string, group: string, name?: string): Record<string, unknown> {
  return { ...(name ? { name } : {}), ...(group ? { group } : {}), kind: resource };
}

/** 403 from the RBAC authorizer: `<res.group> "<name>" is forbidden: User "<u>" cannot <verb> ...`. */
export function forbiddenFor(user: string, verb: string, resource: string, group: string, namespace?: string, name?: string): StatusBody {
  const subject = name ? `${qualifiedResource(resource, group)} "${name}"` : qualifiedResource(resource, group);
  const where = namespace ? ` in the namespace "${namespace}"` : ' at the cluster scope';
  return failure(403, 'Forbidden',
    `${subject} is forbidden: User "${user}" cannot ${verb} resource "${resource}" in API group "${group}"${where}`,
    details(resource, group, name));
}

/** 403 from the NamespaceLifecycle admission plugin for new content in a terminating namespace. */
export function namespaceTerminating(resource: string, group: string, name: string, namespace: string): StatusBody {
  const reason = `unable to create new content in namespace ${namespace} because it is being terminated`;
  return failure(403, 'Forbidden', `${qualifiedResource(resource, group)} "${name}" is forbidden: ${reason}`, {
    ...details(resource, group, name),
    causes: [{ reason: 'NamespaceTerminating', message: reason, field: 'metadata.namespace' }],
  });
}

/** 409 AlreadyExists of a create. */
export function alreadyExistsFor(resource: string, group: string, name: string): StatusBody {
  return failure(409, 'AlreadyExists', `${qualifiedResource(resource, group)} "${name}" already exists`, details(resource, group, name));
}

/** 409 Conflict of a stale resourceVersion (or uid) precondition. */
export function staleFor(resource: string, group: string, name: string): StatusBody {
  return failure(409, 'Conflict',
    `Operation cannot be fulfilled on ${qualifiedResource(resource, group)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    details(resource, group, name));
}

/** A DELETE precondition (`preconditions.uid` or `.resourceVersion`) the stored object does not meet. */
export interface FailedPrecondition {
  readonly field: 'uid' | 'resourceVersion';
  readonly given: string;
  readonly stored: string;
}

/**
 * 409 of a DELETE whose precondition fails, as the registry words it (rest/delete.go
 * BeforeDelete: NewConflict on the kind qualified by its group, `Role.rbac.authorization.k8s.io`),
 * or, for a namespace, its storage (pkg/registry/core/namespace/storage/storage.go Delete).
 */
export function deletePreconditionFailed(kind: string, group: string, name: string, failed: FailedPrecondition): StatusBody {
  if (group === '' && kind === 'Namespace') {
    const what = failed.field === 'uid' ? 'UID' : 'ResourceVersion';
    return failure(409, 'Conflict', `Operation cannot be fulfilled on namespaces "${name}": Precondition failed: ${what} in precondition: ${failed.given}, ${what} in object meta: ${failed.stored}`,
      { name, kind: 'namespaces' });
  }
  const why = failed.field === 'uid'
    ? `the UID in the precondition (${failed.given}) does not match the UID in record (${failed.stored}). The object might have been deleted and then recreated`
    : `the ResourceVersion in the precondition (${failed.given}) does not match the ResourceVersion in record (${failed.stored}). The object might have been modified`;
  return failure(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedKind(kind, group)} "${name}": ${why}`, details(kind, group, name));
}

/** One field error of a 422 Invalid. */
export interface FieldCause {
  readonly reason: 'FieldValueInvalid' | 'FieldValueRequired' | 'FieldValueForbidden' | 'FieldValueNotSupported';
  readonly field: string;
  /** The error body without the field (`Invalid value: "x": must be ...`). */
  readonly message: string;
}

/** 422 Invalid: `<Kind.group> "<name>" is invalid: <field>: <message>` (several in brackets). */
export function invalidFor(kind: string, group: string, name: string, causes: readonly FieldCause[]): StatusBody {
  const list = causes.map((c) => `${c.field}: ${c.message}`);
  const text = list.length === 1 ? list[0] : `[${list.join(', ')}]`;
  return failure(422, 'Invalid', `${qualifiedKind(kind, group)} "${name}" is invalid: ${text}`, {
    ...(name ? { name } : {}), ...(group ? { group } : {}), kind, causes: causes.map((c) => ({ reason: c.reason, message: c.message, field: c.field })),
  });
}

/** The field error of an apply without `fieldManager` (ValidatePatchOptions). */
export const FIELD_MANAGER_REQUIRED: FieldCause = { reason: 'FieldValueRequired', field: 'fieldManager', message: 'Required value: is required for apply patch' };

/** The field error of `force` on a patch that is not an apply (ValidatePatchOptions). */
export const FORCE_FORBIDDEN: FieldCause = { reason: 'FieldValueForbidden', field: 'force', message: 'Forbidden: may not be specified for non-apply patch' };

/** 415 with the media types the endpoint accepts (negotiation.NewUnsupportedMediaTypeError). */
export function unsupportedMedia(accepted: readonly string[]): StatusBody {
  return failure(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`);
}

/** Success Status of a DELETE (details.kind is the resource, as the registry writes it). */
export function deletedFor(resource: string, group: string, name: string, uid: string): StatusBody {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { ...details(resource, group, name), uid }, code: 200 };
}

function printManager(owner: ApplyConflict['owner']): string {
  const name = JSON.stringify(owner.manager);
  return owner.operation === 'Update' ? `${name} using ${owner.apiVersion}` : name;
}

/** 409 of an apply that would change fields other managers own (conflict.go NewConflictError). */
export function applyConflicts(conflicts: readonly ApplyConflict[]): StatusBody {
  // metav1.StatusCause serializes its Type under the JSON key "reason".
  const causes = conflicts.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with ${printManager(c.owner)}`, field: fieldPathString(c.path) }));
  let message: string;
  if (conflicts.length === 1) {
    message = `Apply failed with 1 conflict: conflict with ${printManager(conflicts[0].owner)}: ${fieldPathString(conflicts[0].path)}`;
  } else {
    const byManager = new Map<string, { owner: ApplyConflict['owner']; paths: string[] }>();
    for (const c of conflicts) {
      // The manager identifier the API server sorts by (BuildManagerIdentifier: no apiVersion for Apply).
      const id = JSON.stringify({ manager: c.owner.manager, operation: c.owner.operation, ...(c.owner.operation === 'Update' ? { apiVersion: c.owner.apiVersion } : {}) });
      const group = byManager.get(id) ?? { owner: c.owner, paths: [] };
      group.paths.push(fieldPathString(c.path));
      byManager.set(id, group);
    }
    const lines = [...byManager.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .flatMap(([, g]) => [`conflicts with ${printManager(g.owner)}:`, ...g.paths.map((p) => `- ${p}`)]);
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
  }
  return failure(409, 'Conflict', message, { causes });
}
