/** What kubectl and CDK's kubectl provider left on an adopted object, and the merge patch removing it. */
import { CDK_PRUNE_LABEL_PREFIX, LAST_APPLIED_ANNOTATION, kubectlLeftovers, leftoversPatch } from '../../../../lambda/manifests/core/kubectl-leftovers';
import type { ManifestObject } from '../../../../lambda/manifests/core/types';

const DECLARED: ManifestObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'n' } };
const PRUNE = `${CDK_PRUNE_LABEL_PREFIX}c8a1f0e2`;

describe('kubectlLeftovers', () => {
  test('the constants are the ones kubectl and the CDK kubectl provider write', () => {
    expect(LAST_APPLIED_ANNOTATION).toBe('kubectl.kubernetes.io/last-applied-configuration');
    expect(CDK_PRUNE_LABEL_PREFIX).toBe('aws.cdk.eks/prune-');
  });

  test('finds prune labels (sorted) and the last-applied annotation, nothing else', () => {
    const live = {
      labels: { [`${CDK_PRUNE_LABEL_PREFIX}b`]: '', app: 'x', [`${CDK_PRUNE_LABEL_PREFIX}a`]: '', 'aws.cdk.eks/other': 'y' },
      annotations: { [LAST_APPLIED_ANNOTATION]: '{}', 'kubectl.kubernetes.io/restartedAt': 't' },
    };
    expect(kubectlLeftovers(live, DECLARED)).toEqual({ labels: [`${CDK_PRUNE_LABEL_PREFIX}a`, `${CDK_PRUNE_LABEL_PREFIX}b`], annotations: [LAST_APPLIED_ANNOTATION] });
  });

  test('keeps what the declaration itself sets', () => {
    const declared: ManifestObject = { ...DECLARED, metadata: { ...DECLARED.metadata, labels: { [PRUNE]: 'v' }, annotations: { [LAST_APPLIED_ANNOTATION]: '{}' } } };
    expect(kubectlLeftovers({ labels: { [PRUNE]: '' }, annotations: { [LAST_APPLIED_ANNOTATION]: '{}' } }, declared)).toEqual({ labels: [], annotations: [] });
  });

  test.each<[string, unknown]>([
    ['no metadata', undefined],
    ['metadata not an object', 'x'],
    ['labels and annotations not objects', { labels: ['a'], annotations: 'b' }],
    ['neither', {}],
  ])('%s: none', (_what, meta) => {
    expect(kubectlLeftovers(meta, DECLARED)).toEqual({ labels: [], annotations: [] });
  });
});

describe('leftoversPatch', () => {
  test.each<[string, { labels: string[]; annotations: string[] }, unknown]>([
    ['none', { labels: [], annotations: [] }, undefined],
    ['labels only', { labels: [PRUNE], annotations: [] }, { metadata: { labels: { [PRUNE]: null } } }],
    ['annotation only', { labels: [], annotations: [LAST_APPLIED_ANNOTATION] }, { metadata: { annotations: { [LAST_APPLIED_ANNOTATION]: null } } }],
    ['both', { labels: [PRUNE, 'p2'], annotations: [LAST_APPLIED_ANNOTATION] }, { metadata: { labels: { [PRUNE]: null, p2: null }, annotations: { [LAST_APPLIED_ANNOTATION]: null } } }],
  ])('%s', (_what, leftovers, patch) => {
    expect(leftoversPatch(leftovers)).toEqual(patch);
  });
});
