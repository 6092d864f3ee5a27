import { assemblySizeRow } from '../../bench/synth';
import { atMost, markOf } from '../../bench/target';

describe('assemblySizeRow', () => {
  test('cdk.out in decimal MB with its bytes, and that no template holds a Lambda layer (0.3: no kubectl provider), at most 5 MB', () => {
    expect(assemblySizeRow(4_033_732, [])).toEqual(
      { name: 'cdk.out after the whole-app synth', value: 4.03, unit: 'MB', target: atMost(5), detail: '4,033,732 bytes; no Lambda layer in any template' },
    );
  });

  test('5 MB is met, a byte more is a miss', () => {
    expect(markOf(assemblySizeRow(5_000_000, []).value, atMost(5))).toBe('ok');
    expect(markOf(assemblySizeRow(5_010_000, []).value, atMost(5))).toBe('MISS');
  });

  test('a layer that comes back is named by stack and logical id', () => {
    expect(assemblySizeRow(74_150_000, ['dev/Cluster KubectlLayer600207B5', 'dev/Cluster ClusterKubectlProviderAwsCliLayer24064B0B']).detail)
      .toBe('74,150,000 bytes; Lambda layers in the templates: dev/Cluster KubectlLayer600207B5, dev/Cluster ClusterKubectlProviderAwsCliLayer24064B0B');
  });
});
