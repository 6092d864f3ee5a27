import { cidrRange, cidrStrictlyWithin, cidrWithin, cidrsOverlap, vpcCidrs } from '../../../lib/config/vpc-cidrs';

describe('vpcCidrs', () => {
  test('a new VPC: its cidr, then its secondary blocks', () => {
    expect(vpcCidrs({ cidr: '10.0.0.0/16' })).toEqual(['10.0.0.0/16']);
    expect(vpcCidrs({ cidr: '10.0.0.0/16', secondaryCidrs: ['100.64.0.0/16'] })).toEqual(['10.0.0.0/16', '100.64.0.0/16']);
  });

  test('an existing VPC: the declared blocks, none when undeclared (no lookup)', () => {
    expect(vpcCidrs({ vpcId: 'vpc-0123456789abcdef0', cidrs: ['10.50.0.0/16', '100.64.0.0/16'] })).toEqual(['10.50.0.0/16', '100.64.0.0/16']);
    expect(vpcCidrs({ vpcId: 'vpc-0123456789abcdef0' })).toEqual([]);
  });

  test('returns a copy (callers may mutate)', () => {
    const vpc = { vpcId: 'vpc-0123456789abcdef0', cidrs: ['10.50.0.0/16'] };
    vpcCidrs(vpc).push('x');
    expect(vpc.cidrs).toEqual(['10.50.0.0/16']);
  });
});

describe('CIDR arithmetic', () => {
  test.each<[string, number, number]>([
    ['0.0.0.0/0', 0, 2 ** 32 - 1],
    ['10.20.0.0/16', 0x0a140000, 0x0a14ffff],
    ['10.20.5.10/32', 0x0a14050a, 0x0a14050a],
    ['255.255.255.255/32', 2 ** 32 - 1, 2 ** 32 - 1],
    ['10.20.1.7/16', 0x0a140000, 0x0a14ffff], // host bits are ignored, as Kubernetes' ParseCIDR does
  ])('cidrRange(%s)', (cidr, first, last) => {
    expect(cidrRange(cidr)).toEqual([first, last]);
  });

  test('cidrRange refuses anything but IPv4 CIDR', () => {
    expect(() => cidrRange('10.0.0.0')).toThrow('"10.0.0.0" is not an IPv4 CIDR such as "10.0.0.0/16".');
    expect(() => cidrRange('fd00::/8')).toThrow(/is not an IPv4 CIDR/);
  });

  test.each<[string, string, boolean, boolean]>([
    ['10.20.0.0/16', '0.0.0.0/0', true, true],
    ['10.20.0.0/16', '10.0.0.0/8', true, true],
    ['10.20.0.0/16', '10.20.0.0/16', true, false],
    ['10.0.0.0/8', '10.20.0.0/16', false, false],
    ['100.64.0.0/16', '10.0.0.0/8', false, false],
    ['10.20.255.255/32', '10.20.0.0/16', true, true],
    ['10.21.0.0/32', '10.20.0.0/16', false, false],
  ])('%s within %s: %s, strictly: %s', (inner, outer, within, strictly) => {
    expect(cidrWithin(inner, outer)).toBe(within);
    expect(cidrStrictlyWithin(inner, outer)).toBe(strictly);
  });

  test('overlap is nesting either way', () => {
    expect(cidrsOverlap('10.0.0.0/8', '10.20.0.0/16')).toBe(true);
    expect(cidrsOverlap('10.20.0.0/16', '10.0.0.0/8')).toBe(true);
    expect(cidrsOverlap('10.20.0.0/16', '10.21.0.0/16')).toBe(false);
  });
});
