/**
 * One sentence for a Kubernetes `Status` answered to a step, naming the object, the other
 * field managers and their fields, and the fix; and which kind of failure it is, so the
 * handler can act (recreate on an immutable field, wait on a terminating namespace, treat a
 * 404 on delete as done).
 *
 * Shapes, from the Kubernetes source:
 * - apply conflict (apimachinery util/managedfields/internal/conflict.go, NewApplyConflict in
 *   api/errors/errors.go): 409, reason `Conflict`, `details.causes[]` of reason
 *   `FieldManagerConflict`, message `conflict with "<manager>"` (plus ` with subresource "s"`,
 *   ` using <apiVersion>` for an Update manager) and field the path (`.data.key`). The
 *   handler applies its own objects with force (never a conflict) and patches without it, so a
 *   patch's conflict says to drop the field from the patch or to have its manager let it go.
 * - immutable roleRef (pkg/apis/rbac/validation): 422 `Invalid`, cause field `roleRef`,
 *   message `cannot change roleRef`.
 * - terminating namespace: a create into it is 403 `Forbidden` with a cause of reason
 *   `NamespaceTerminating` (NamespaceLifecycle admission); deleting a namespace again while it
 *   terminates answers 200 with the namespace since Kubernetes 1.17 (kubernetes#84122), and
 *   before that 409 `Conflict` "The system is ensuring all content is removed from this
 *   namespace", which is still understood here.
 */
import { describeId } from './ids';
import { isRecord } from './json';
import type { ObjectId } from './types';

/** What a step was doing when it failed. */
export type StepOperation = 'apply' | 'apply-patch' | 'release-patch' | 'delete';

/** The kinds of failure the handler tells apart. */
export type FailureKind = 'conflict' | 'immutable' | 'terminating' | 'not-found' | 'forbidden' | 'invalid' | 'other';

/** A failure, explained. */
export interface ExplainedFailure {
  readonly kind: FailureKind;
  readonly message: string;
}

/** One field another manager holds. */
export interface FieldConflict {
  /** The manager as the server printed it: `"kubectl-edit" using v1`. */
  readonly manager: string;
  /** The field path: `.data.key`. */
  readonly field: string;
}

interface Cause { readonly reason?: unknown; readonly message?: string; readonly field?: string }

const OPERATION_NAMES: Record<StepOperation, string> = {
  'apply': 'apply',
  'apply-patch': 'patch',
  'release-patch': 'release of the patch',
  'delete': 'delete',
};

const CONFLICT_PREFIX = 'conflict with ';

/** The FieldManagerConflict causes of a Status, in the server's order. */
export function fieldConflicts(status: unknown): FieldConflict[] {
  return causesOf(status)
    .filter((c) => c.reason === 'FieldManagerConflict')
    .map((c) => {
      const message = c.message ?? '';
      return { manager: message.startsWith(CONFLICT_PREFIX) ? message.slice(CONFLICT_PREFIX.length) : message, field: c.field ?? '' };
    });
}

/**
 * Explains the Status the server answered (`code`, the HTTP status) to `operation` on `id`.
 */
export function explainStatus(id: ObjectId, operation: StepOperation, code: number, status: unknown): ExplainedFailure {
  const what = describeId(id);
  const op = OPERATION_NAMES[operation];
  const message = messageOf(status);
  const causes = causesOf(status);
  const conflicts = fieldConflicts(status);
  if (code === 409 && conflicts.length > 0 && operation === 'apply-patch') {
    return { kind: 'conflict', message: patchConflictMessage(what, conflicts) };
  }
  if (code === 409 && conflicts.length > 0) {
    return { kind: 'conflict', message: `${what}: the ${op} conflicts with ${describeConflicts(conflicts)}; another tool set these fields since the last deploy: remove them from the declaration to leave them to that manager, or stop that manager from setting them and deploy again` };
  }
  if (causes.some((c) => c.reason === 'NamespaceTerminating') || (code === 409 && /ensuring all content is removed/.test(message))) {
    const ns = id.kind === 'Namespace' && id.group === '' ? id.name : id.namespace;
    return { kind: 'terminating', message: `${what}: namespace ${ns} is being terminated, so nothing can be created in it until it is gone; wait for the earlier delete to finish and deploy again` };
  }
  if (code === 422 && causes.some((c) => c.field === 'roleRef')) {
    return { kind: 'immutable', message: `${what}: roleRef cannot change (the server said: ${message}); the live binding has another roleRef than the declared one, so it must be deleted and created again` };
  }
  if (code === 422) {
    const fields = causes.map((c) => `${c.field ?? '?'}: ${c.message ?? ''}`).join(', ');
    return { kind: 'invalid', message: `${what}: the server refused the ${op} as invalid (${fields || message}); fix ${causes.length === 1 ? 'that field' : 'those fields'} in the declaration` };
  }
  if (code === 404) return { kind: 'not-found', message: notFoundMessage(id, what, operation, message, status) };
  if (code === 403) {
    return { kind: 'forbidden', message: `${what}: the handler may not ${VERBS[operation]} it (the server said: ${message}); the handler's RBAC is generated from the declared objects, so deploy the change of that RBAC first, or grant the verb to the handler's identity` };
  }
  const reason = reasonOf(status);
  return { kind: 'other', message: `${what}: the ${op} failed with HTTP ${code}${reason ? ` ${reason}` : ''}${message ? `: ${message}` : ''}` };
}

const VERBS: Record<StepOperation, string> = {
  'apply': 'patch (or, for a new object, create)',
  'apply-patch': 'patch',
  'release-patch': 'patch',
  'delete': 'delete',
};

function notFoundMessage(id: ObjectId, what: string, operation: StepOperation, message: string, status: unknown): string {
  if (operation === 'delete' || operation === 'release-patch') return `${what} is already gone (404), which is what the ${OPERATION_NAMES[operation]} wanted`;
  const details = isRecord(status) && isRecord(status.details) ? status.details : {};
  if (id.namespace !== undefined && details.kind === 'namespaces') {
    return `${what}: namespace ${id.namespace} does not exist; declare the Namespace in Objects (namespaces are applied first) or create it before this resource`;
  }
  if (operation === 'apply-patch') return `${what}: the object to patch does not exist (the server said: ${message}); a patch edits an object someone else creates, so create it first or remove the patch`;
  return `${what}: the server answered 404 (${message}); check that the cluster serves this kind`;
}

/**
 * A patch is applied without force: a field another manager owns with another value is its
 * manager's, so the fix is to drop it from the patch or to have that manager let it go.
 */
function patchConflictMessage(what: string, conflicts: readonly FieldConflict[]): string {
  const many = conflicts.length > 1;
  const them = many ? 'them' : 'it';
  const managers = new Set(conflicts.map((c) => c.manager)).size > 1 ? 'those managers' : 'that manager';
  return `${what}: the patch conflicts with ${describeConflicts(conflicts)}, which ${managers === 'that manager' ? 'owns' : 'own'} ${many ? 'these fields with other values' : 'this field with another value'} (a patch is applied without force, so it never takes a field from its manager; an equal value would be shared): drop ${many ? 'these fields' : 'the field'} from the patch to leave ${them} to ${managers}, or have ${managers} stop owning ${them}, and deploy again`;
}

function describeConflicts(conflicts: readonly FieldConflict[]): string {
  const byManager = new Map<string, string[]>();
  for (const c of conflicts) {
    const fields = byManager.get(c.manager);
    if (fields === undefined) byManager.set(c.manager, [c.field]); else fields.push(c.field);
  }
  const parts = [...byManager].map(([manager, fields]) => `${manager} on ${fields.join(', ')}`);
  return `field manager${parts.length > 1 ? 's' : ''} ${parts.join(' and ')}`;
}

function causesOf(status: unknown): Cause[] {
  const details = isRecord(status) ? status.details : undefined;
  const causes = isRecord(details) ? details.causes : undefined;
  return Array.isArray(causes) ? causes.filter(isRecord).map((c) => ({
    reason: c.reason,
    message: typeof c.message === 'string' ? c.message : undefined,
    field: typeof c.field === 'string' ? c.field : undefined,
  })) : [];
}

function messageOf(status: unknown): string {
  return isRecord(status) && typeof status.message === 'string' ? status.message : '';
}

function reasonOf(status: unknown): string {
  return isRecord(status) && typeof status.reason === 'string' ? status.reason : '';
}
