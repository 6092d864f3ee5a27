import { assemblySizeRow } from '../../bench/synth';
import { INFORMATION } from '../../bench/target';

describe('assemblySizeRow', () => {
  test('cdk.out in decimal MB with its bytes, and that no template holds a Lambda layer (0.3: no kubectl provider), information only', () => {
    expect(assemblySizeRow(8_712_345, [])).toEqual(
      { name: 'cdk.out after the whole-app synth', value: '8.7 MB', unit: '', target: INFORMATION, detail: '8,712,345 bytes; no Lambda layer in any template' },
    );
  });

  test('a layer that comes back is named by stack and logical id', () => {
    expect(assemblySizeRow(74_150_000, ['dev/Cluster KubectlLayer600207B5', 'dev/Cluster ClusterKubectlProviderAwsCliLayer24064B0B']).detail)
      .toBe('74,150,000 bytes; Lambda layers in the templates: dev/Cluster KubectlLayer600207B5, dev/Cluster ClusterKubectlProviderAwsCliLayer24064B0B');
  });
});
