import { SUPPORTED_KUBERNETES_VERSIONS, VPC_CNI_ADDON_VERSIONS, vpcCniAddonVersion } from '../../../lib/config/versions';

describe('the vpc-cni add-on version table', () => {
  test('has exactly one pinned version per supported Kubernetes version, nothing else', () => {
    expect(Object.keys(VPC_CNI_ADDON_VERSIONS).sort()).toEqual([...SUPPORTED_KUBERNETES_VERSIONS].sort());
  });

  test.each(Object.entries(VPC_CNI_ADDON_VERSIONS))('%s: an EKS build (vMAJOR.MINOR.PATCH-eksbuild.N) of v1.14 or later (network policy)', (_, version) => {
    const match = /^v(\d+)\.(\d+)\.(\d+)-eksbuild\.(\d+)$/.exec(version);
    expect(match).not.toBeNull();
    const [major, minor] = [Number(match![1]), Number(match![2])];
    expect(major > 1 || (major === 1 && minor >= 14)).toBe(true);
  });

  test('vpcCniAddonVersion reads the table, and names the table and the command for a version without an entry', () => {
    for (const v of SUPPORTED_KUBERNETES_VERSIONS) expect(vpcCniAddonVersion(v)).toBe(VPC_CNI_ADDON_VERSIONS[v]);
    expect(() => vpcCniAddonVersion('1.20')).toThrow('VPC_CNI_ADDON_VERSIONS in lib/config/versions.ts has no vpc-cni version for Kubernetes "1.20". '
      + 'Add one from `aws eks describe-addon-versions --addon-name vpc-cni --kubernetes-version 1.20`.');
  });
});
