/** The ownership labels added to a declared object, and a declared label that collides with them. */
import { ManifestInputError } from '../../../../lambda/manifests/core/errors';
import { validateObjects, withOwnership } from '../../../../lambda/manifests/core/objects';
import type { ManifestObject } from '../../../../lambda/manifests/core/types';

const NS = { group: '', kind: 'Namespace', name: 'n' };
const OURS = { 'app.kubernetes.io/managed-by': 'eks-access', 'eks-access.io/owner': 'dev-1' };

describe('withOwnership', () => {
  test('adds the labels, keeps the declared ones, and leaves the input alone', () => {
    const obj: ManifestObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'n', labels: { team: 'a' } }, data: { k: 'v' } };
    const out = withOwnership({ group: '', kind: 'ConfigMap', namespace: 'n', name: 'c' }, obj, 'dev-1');
    expect(out).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'n', labels: { team: 'a', ...OURS } }, data: { k: 'v' } });
    expect(obj.metadata.labels).toEqual({ team: 'a' });
  });

  test('an object without labels gets exactly the ownership labels', () => {
    expect(withOwnership(NS, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n' } }, 'dev-1').metadata.labels).toEqual(OURS);
  });

  test('declaring the same values is accepted (the lib/k8s builders set managed-by already)', () => {
    const obj: ManifestObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n', labels: { ...OURS } } };
    expect(withOwnership(NS, obj, 'dev-1').metadata.labels).toEqual(OURS);
  });

  test.each<[string, Record<string, string>, string]>([
    ['another owner id', { 'eks-access.io/owner': 'dev-2' }, 'Namespace n: metadata.labels.eks-access.io/owner is declared as "dev-2", but the app sets it to "dev-1" on every object it owns; remove the label'],
    ['another manager', { 'app.kubernetes.io/managed-by': 'helm' }, 'Namespace n: metadata.labels.app.kubernetes.io/managed-by is declared as "helm", but the app sets it to "eks-access" on every object it owns; remove the label'],
  ])('a colliding label is refused: %s', (_name, labels, message) => {
    expect(() => withOwnership(NS, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n', labels } }, 'dev-1')).toThrow(new ManifestInputError(message));
  });

  test('the collision message names a namespaced object of another group', () => {
    const obj: ManifestObject = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'n', labels: { 'eks-access.io/owner': 'x' } } };
    expect(() => withOwnership({ group: 'example.com', kind: 'Widget', namespace: 'n', name: 'w' }, obj, 'dev-1')).toThrow('Widget.example.com n/w: metadata.labels.eks-access.io/owner is declared as "x", but the app sets it to "dev-1" on every object it owns; remove the label');
  });

  test('validateObjects refuses the collision too', () => {
    expect(() => validateObjects([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n', labels: { 'eks-access.io/owner': 'x' } } }], 'dev-1'))
      .toThrow('Namespace n: metadata.labels.eks-access.io/owner is declared as "x", but the app sets it to "dev-1" on every object it owns; remove the label');
  });
});
