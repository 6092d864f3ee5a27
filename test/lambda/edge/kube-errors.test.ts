/** The Kubernetes client's errors: what they keep of the server's answer, and which are retried. */
import { KubeApiError, KubeTransportError, isRetryable } from '../../../lambda/edge/kube-errors';
import type { KubeStatus } from '../../../lambda/edge/kube-types';

const CONFLICT: KubeStatus = {
  kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 409, reason: 'Conflict',
  message: 'Apply failed with 1 conflict: conflict with "kubectl-edit" using v1: .data.key',
  details: { causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl-edit" using v1', field: '.data.key' }] },
};

test('an API error names the request, status, reason and message, and keeps the Status body with its causes', () => {
  const e = new KubeApiError('PATCH /api/v1/namespaces/apps/configmaps/settings', 409, CONFLICT);
  expect(e.message).toBe('Kubernetes API PATCH /api/v1/namespaces/apps/configmaps/settings failed: HTTP 409 Conflict: Apply failed with 1 conflict: conflict with "kubectl-edit" using v1: .data.key');
  expect(e).toMatchObject({ name: 'KubeApiError', status: 409, reason: 'Conflict', kubeMessage: CONFLICT.message });
  expect(e.statusBody).toBe(CONFLICT);
  expect(e.statusBody?.details?.causes).toEqual([{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl-edit" using v1', field: '.data.key' }]);
});

test('an answer without a Status body keeps none and says only the status', () => {
  const e = new KubeApiError('GET /version', 502, undefined, 3);
  expect(e.message).toBe('Kubernetes API GET /version failed: HTTP 502');
  expect(e).toMatchObject({ status: 502, reason: undefined, kubeMessage: undefined, statusBody: undefined, retryAfterSeconds: 3 });
});

test.each<[string, unknown, boolean]>([
  ['429', new KubeApiError('GET /x', 429, undefined), true],
  ['500', new KubeApiError('GET /x', 500, undefined), true],
  ['503', new KubeApiError('GET /x', 503, undefined), true],
  ['409 (the caller decides)', new KubeApiError('PATCH /x', 409, CONFLICT), false],
  ['404', new KubeApiError('GET /x', 404, undefined), false],
  ['a reset connection', new KubeTransportError('GET /x', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })), true],
  ['an unverifiable certificate', new KubeTransportError('GET /x', Object.assign(new Error('self-signed'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' })), false],
  ['a wrong host name', new KubeTransportError('GET /x', Object.assign(new Error('altnames'), { code: 'ERR_TLS_CERT_ALTNAME_INVALID' })), false],
  ['any other error', new Error('boom'), false],
])('%s: retried %p', (_label, error, retried) => {
  expect(isRetryable(error)).toBe(retried);
});
