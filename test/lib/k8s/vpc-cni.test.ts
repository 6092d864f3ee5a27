import { VPC_CNI_RESOLVE_CONFLICTS, vpcCniConfigurationValues } from '../../../lib/k8s/vpc-cni';

describe('vpcCniConfigurationValues', () => {
  test('enforcement: enableNetworkPolicy as the string "true" (the add-on schema types it as a string)', () => {
    expect(vpcCniConfigurationValues(true)).toBe('{"enableNetworkPolicy":"true"}');
  });

  test('no enforcement: no configuration values at all, so a hand-enabled setting is not turned off by an explicit "false"', () => {
    expect(vpcCniConfigurationValues(false)).toBeUndefined();
  });
});

test('conflicts are preserved, never overwritten', () => {
  expect(VPC_CNI_RESOLVE_CONFLICTS).toBe('PRESERVE');
});
