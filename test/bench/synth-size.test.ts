import { assemblySizeRows } from '../../bench/synth';
import { INFORMATION } from '../../bench/target';

describe('assemblySizeRows', () => {
  test('cdk.out with and without the layers, each layer named with its copies, information only', () => {
    const rows = assemblySizeRows({ total: 74_150_000, named: [{ name: 'kubectl-and-helm layer', copies: 1, bytes: 36_735_069 }, { name: 'awscli layer', copies: 2, bytes: 22_000_000 }] });
    expect(rows).toEqual([
      { name: 'cdk.out after the whole-app synth', value: '74.2 MB', unit: '', target: INFORMATION, detail: '74,150,000 bytes; of them kubectl-and-helm layer 36.7 MB (1 copy), awscli layer 22.0 MB (2 copies)' },
      { name: 'cdk.out after the whole-app synth, without the kubectl provider\'s layers', value: '15.4 MB', unit: '', target: INFORMATION, detail: '15,414,931 bytes' },
    ]);
  });
});
