import { ADOPTED_ANNOTATION, adoptedReleasePatch, adoptionOf, removalOf, withAdoption } from '../../../../lambda/manifests/core/adoption';
import type { ManifestObject } from '../../../../lambda/manifests/core/types';

const OWNER = 'Workloads.Objects-apps-0123456789';
const live = (labels?: Record<string, unknown>, annotations?: Record<string, unknown>) => ({
  apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'apps', labels, annotations },
});
const BODY: ManifestObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'apps', labels: { a: 'b' }, annotations: { note: 'x' } }, data: { k: 'v' } };

describe('adoptionOf', () => {
  test.each([
    ['absent (the resource creates it)', undefined, undefined],
    ['not an object', 'text', undefined],
    ['no metadata (no labels: someone else\'s)', { kind: 'ConfigMap' }, 'other'],
    ['metadata not an object', { metadata: 'x' }, 'other'],
    ['no labels at all (someone else created it)', live(), 'other'],
    ['labels not an object', { metadata: { labels: ['x'] } }, 'other'],
    ['unrelated labels only', live({ team: 'a' }), 'other'],
    ['a kubectl prune label', live({ 'aws.cdk.eks/prune-c8abc': '' }), 'kubectl'],
    ['a label that only resembles it', live({ 'aws.cdk.eks/prune': '' }), 'other'],
    ['another resource owns it', live({ 'eks-access.io/owner': 'someone-else', 'aws.cdk.eks/prune-c8': '' }), undefined],
    ['ours, no record', live({ 'eks-access.io/owner': OWNER }), undefined],
    ['ours, annotations not an object', live({ 'eks-access.io/owner': OWNER }, 'x' as unknown as Record<string, unknown>), undefined],
    ['ours, recorded kubectl', live({ 'eks-access.io/owner': OWNER }, { [ADOPTED_ANNOTATION]: 'kubectl' }), 'kubectl'],
    ['ours, recorded other', live({ 'eks-access.io/owner': OWNER }, { [ADOPTED_ANNOTATION]: 'other' }), 'other'],
    ['ours, an unknown record', live({ 'eks-access.io/owner': OWNER }, { [ADOPTED_ANNOTATION]: 'helm' }), undefined],
    ['ours, a record that is not a string', live({ 'eks-access.io/owner': OWNER }, { [ADOPTED_ANNOTATION]: 1 }), undefined],
    ['ours, a prune label left over (the record wins)', live({ 'eks-access.io/owner': OWNER, 'aws.cdk.eks/prune-c8': '' }), undefined],
  ])('%s', (_label, object, expected) => {
    expect(adoptionOf(object, OWNER)).toBe(expected);
  });

  test('the annotation key', () => {
    expect(ADOPTED_ANNOTATION).toBe('eks-access.io/adopted-from');
  });
});

describe('withAdoption', () => {
  test('not adopted: the body itself', () => {
    expect(withAdoption(BODY, undefined)).toBe(BODY);
  });

  test.each(['kubectl', 'other'] as const)('%s: the record added, the declared annotations kept, the body not changed', (from) => {
    const before = structuredClone(BODY);
    expect(withAdoption(BODY, from)).toEqual({ ...BODY, metadata: { ...BODY.metadata, annotations: { note: 'x', [ADOPTED_ANNOTATION]: from } } });
    expect(BODY).toEqual(before);
  });

  test('a body without annotations gets only the record', () => {
    const body: ManifestObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'apps' } };
    expect(withAdoption(body, 'kubectl').metadata).toEqual({ name: 'apps', annotations: { [ADOPTED_ANNOTATION]: 'kubectl' } });
  });
});

describe('removalOf', () => {
  test.each([
    [undefined, false, 'delete'], [undefined, true, 'delete'],
    ['not an object', true, 'delete'],
    [{}, true, 'delete'],
    [{ [ADOPTED_ANNOTATION]: 'kubectl' }, false, 'delete'],
    [{ [ADOPTED_ANNOTATION]: 'kubectl' }, true, 'release'],
    [{ [ADOPTED_ANNOTATION]: 'other' }, false, 'release'],
    [{ [ADOPTED_ANNOTATION]: 'other' }, true, 'release'],
    [{ [ADOPTED_ANNOTATION]: 'helm' }, true, 'delete'],
  ])('annotations %j, releaseKubectlAdopted %s: %s', (annotations, release, expected) => {
    expect(removalOf(annotations, release)).toBe(expected);
  });
});

describe('adoptedReleasePatch', () => {
  test('removes the two ownership labels and the record, nothing else', () => {
    expect(adoptedReleasePatch()).toEqual({
      metadata: { labels: { 'app.kubernetes.io/managed-by': null, 'eks-access.io/owner': null }, annotations: { 'eks-access.io/adopted-from': null } },
    });
  });
});
