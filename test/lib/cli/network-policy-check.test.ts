import { enforcementFinding } from '../../../lib/cli/network-policy-check';
import type { ConfigMapObject } from '../../../lambda/aws-auth/io/kube';

const cm = (data?: Record<string, string>): ConfigMapObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'amazon-vpc-cni', namespace: 'kube-system' }, data });

describe('enforcementFinding', () => {
  test('"true" passes', () => {
    expect(enforcementFinding('c1', cm({ 'enable-network-policy-controller': 'true' }))).toEqual({
      ok: true, line: 'ok   network policies are enforced (kube-system/amazon-vpc-cni enable-network-policy-controller: "true")',
    });
  });

  test.each([
    [{ 'enable-network-policy-controller': 'false' }, 'is "false"'],
    [{ 'enable-network-policy-controller': 'True' }, 'is "True"'],
    [{ 'enable-windows-ipam': 'true' }, 'is not set'],
    [undefined, 'is not set'],
  ])('anything but "true" fails (%p), naming the value and the cluster in the command to look', (data, found) => {
    const finding = enforcementFinding('c1', cm(data));
    expect(finding.ok).toBe(false);
    expect(finding.line).toMatch(new RegExp(`^FAIL network policies are not enforced: kube-system/amazon-vpc-cni enable-network-policy-controller ${found.replace(/"/g, '"')}, not "true"`));
    expect(finding.line).toContain('aws eks describe-addon --cluster-name c1 --addon-name vpc-cni');
  });

  test('a missing ConfigMap fails', () => {
    expect(enforcementFinding('c1', undefined).ok).toBe(false);
    expect(enforcementFinding('c1', undefined).line).toMatch(/^FAIL network policies are not enforced: kube-system\/amazon-vpc-cni does not exist/);
  });
});
