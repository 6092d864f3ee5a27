/**
 * The core reads the conflict Status the Kubernetes stand-in sends (lib/sandbox), so that the
 * handler's end-to-end tests and the core agree on the wire shape (causes keyed `reason`).
 */
import { explainStatus, fieldConflicts } from '../../../../lambda/manifests/core/conflict';
import { applyConflicts } from '../../../../lib/sandbox/kube-object-status';

const STATUS = applyConflicts([
  { owner: { manager: 'kubectl-edit', operation: 'Update', apiVersion: 'v1' }, path: ['data', 'key'] },
  { owner: { manager: 'helm', operation: 'Apply', apiVersion: 'v1' }, path: ['data', 'other'] },
]);

test('every cause of the stand-in\'s 409 is read as a field conflict', () => {
  expect(fieldConflicts(STATUS)).toEqual([
    { manager: '"kubectl-edit" using v1', field: '.data.key' },
    { manager: '"helm"', field: '.data.other' },
  ]);
});

test('the explanation names both managers and both fields', () => {
  const explained = explainStatus({ group: '', kind: 'ConfigMap', namespace: 'apps', name: 'settings' }, 'apply', 409, STATUS);
  expect(explained.kind).toBe('conflict');
  for (const part of ['kubectl-edit', 'helm', '.data.key', '.data.other', 'ConfigMap apps/settings']) expect(explained.message).toContain(part);
});
