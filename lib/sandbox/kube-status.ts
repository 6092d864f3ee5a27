/**
 * Kubernetes `Status` bodies as the API server writes them (apimachinery
 * pkg/api/errors/errors.go): reason, code, message wording and details.
 */
export interface StatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  details?: Record<string, unknown>;
  code: number;
}

/** A failure Status. */
export function failure(code: number, reason: string, message: string, details?: Record<string, unknown>): StatusBody {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code };
}

/** `resource "name" not found` (404 NotFound). */
export function notFound(resource: string, name: string, group = ''): StatusBody {
  const qualified = group ? `${resource}.${group}` : resource;
  return failure(404, 'NotFound', `${qualified} "${name}" not found`, { name, ...(group ? { group } : {}), kind: resource });
}

/** `resource "name" already exists` (409 AlreadyExists). */
export function alreadyExists(resource: string, name: string): StatusBody {
  return failure(409, 'AlreadyExists', `${resource} "${name}" already exists`, { name, kind: resource });
}

/** Optimistic-concurrency failure (409 Conflict). */
export function conflict(resource: string, name: string): StatusBody {
  return failure(409, 'Conflict',
    `Operation cannot be fulfilled on ${resource} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    { name, kind: resource });
}

/** 401 Unauthorized (token missing or rejected). */
export function unauthorized(): StatusBody {
  return failure(401, 'Unauthorized', 'Unauthorized');
}

/** 403 Forbidden with the RBAC authorizer's wording. */
export function forbidden(user: string, verb: string, resource: string, group: string, namespace?: string, name?: string): StatusBody {
  const subject = name ? `${resource} "${name}"` : resource;
  const where = namespace ? ` in the namespace "${namespace}"` : ' at the cluster scope';
  return failure(403, 'Forbidden',
    `${subject} is forbidden: User "${user}" cannot ${verb} resource "${resource}" in API group "${group}"${where}`,
    { ...(name ? { name } : {}), ...(group ? { group } : {}), kind: resource });
}

/** 422 Invalid with field causes. */
export function invalid(kind: string, name: string, causes: Array<{ field: string; message: string }>): StatusBody {
  const list = causes.map((c) => `${c.field}: ${c.message}`).join(', ');
  return failure(422, 'Invalid', `${kind} "${name}" is invalid: ${list}`, {
    name, kind, causes: causes.map((c) => ({ reason: 'FieldValueInvalid', message: c.message, field: c.field })),
  });
}

/** 400 BadRequest. */
export function badRequest(message: string): StatusBody {
  return failure(400, 'BadRequest', message);
}

/** 429 TooManyRequests as API Priority and Fairness answers. */
export function tooManyRequests(retryAfterSeconds: number): StatusBody {
  return failure(429, 'TooManyRequests', 'Too many requests, please try again later.', { retryAfterSeconds });
}

/** 500 InternalError. */
export function internalError(message: string): StatusBody {
  return failure(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ message }] });
}

/** 405 MethodNotAllowed. */
export function methodNotAllowed(method: string): StatusBody {
  return failure(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource (${method})`);
}

/** 415 UnsupportedMediaType. */
export function unsupportedMediaType(contentType: string, accepted: string[]): StatusBody {
  return failure(415, 'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')} (got ${JSON.stringify(contentType)})`);
}

/** 406 NotAcceptable. */
export function notAcceptable(accept: string): StatusBody {
  return failure(406, 'NotAcceptable', `only the following media types are accepted: application/json (Accept: ${JSON.stringify(accept)})`);
}

/** Success Status (DELETE of a configmap). */
export function success(resource: string, name: string, uid: string): StatusBody {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name, kind: resource, uid }, code: 200 };
}
