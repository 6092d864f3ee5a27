/**
 * The edges of the VPC-egress rules: malformed input that other checks report (never a crash,
 * never a second report), and the "some"/"every" choices of the interface-endpoint exceptions.
 */
import { vpcEgressProblems } from '../../../../lib/config/rules/vpc-egress';
import type { EnvironmentConfig, NamespaceConfig, NetworkAllowConfig } from '../../../../lib/config/types';
import { envConfig, namespaceConfig } from '../../../config-fixtures';

const VPC_ID = 'vpc-0123456789abcdef0';
const INTERNET: NetworkAllowConfig = { name: 'https', direction: 'egress', cidrs: ['0.0.0.0/0'], tcpPorts: [443] };
const ENDPOINT = '10.0.5.10/32';
const TWO_BLOCKS: EnvironmentConfig['vpc'] = { cidr: '10.0.0.0/16', secondaryCidrs: ['100.64.0.0/16'] };
const NO_VPC_CIDR = 'are exceptions to the VPC exclusion, but no entry of this rule\'s cidrs contains a VPC CIDR; list in-VPC destinations under cidrs instead';

function withRules(allow: NetworkAllowConfig[], vpc: EnvironmentConfig['vpc'] = { cidr: '10.0.0.0/16' }): EnvironmentConfig {
  return envConfig({ vpc, namespaces: [namespaceConfig('apps', { allow })] });
}
const lines = (env: EnvironmentConfig) => vpcEgressProblems(env).map((p) => `${p.field} = ${JSON.stringify(p.value)}: ${p.message}`);

describe('malformed input reported elsewhere: no crash, no second report', () => {
  test('a malformed primary cidr is left out of the overlap check', () => {
    expect(lines(withRules([INTERNET], { cidr: 'nonsense', secondaryCidrs: ['100.64.0.0/16'] } as EnvironmentConfig['vpc']))).toEqual([]);
  });

  test('a malformed secondary block stops the rule checks: only the block is reported', () => {
    expect(lines(withRules([{ ...INTERNET, vpcEndpointCidrs: ['192.0.2.1/32'] }], { cidr: '10.0.0.0/16', secondaryCidrs: ['bad'] }))).toEqual([
      'vpc.secondaryCidrs[0] = "bad": must be an IPv4 CIDR such as "100.64.0.0/16"',
    ]);
  });

  test('holes in namespaces and in allow lists are skipped', () => {
    const env = envConfig({
      namespaces: [null as unknown as NamespaceConfig, namespaceConfig('apps', { allow: [null as unknown as NetworkAllowConfig, { ...INTERNET, vpcEndpointCidrs: [ENDPOINT] }] })],
    });
    expect(lines(env)).toEqual([]);
  });

  test('a malformed rule CIDR next to endpoint exceptions is ignored here (the namespace check reports it)', () => {
    expect(lines(withRules([{ ...INTERNET, cidrs: ['not-a-cidr', '0.0.0.0/0'], vpcEndpointCidrs: [ENDPOINT] }]))).toEqual([]);
  });
});

describe('an existing VPC must list its blocks when an egress rule names CIDRs', () => {
  test('one well-formed CIDR among malformed ones is enough to need them', () => {
    expect(lines(withRules([{ ...INTERNET, cidrs: ['bad', '0.0.0.0/0'] }], { vpcId: VPC_ID }))).toEqual([
      'vpc.cidrs = undefined: is required because namespaces[0].allow[0] allows egress to CIDRs: list every CIDR block of the VPC (primary and secondary) so that egress rules exclude them',
    ]);
  });

  test('an egress rule to namespaces only does not need them', () => {
    expect(lines(withRules([{ name: 'to-db', direction: 'egress', namespaces: ['db'], tcpPorts: [5432] }], { vpcId: VPC_ID }))).toEqual([]);
  });
});

describe('interface-endpoint exceptions', () => {
  test('an empty port list is refused like a missing one', () => {
    expect(lines(withRules([{ ...INTERNET, tcpPorts: [], vpcEndpointCidrs: [ENDPOINT] }]))).toEqual([
      'namespaces[0].allow[0].tcpPorts = []: must list the endpoints\' ports (interface endpoints answer on 443) when vpcEndpointCidrs is set',
    ]);
  });

  test('one rule CIDR that contains a VPC block is enough, the others may lie outside', () => {
    expect(lines(withRules([{ ...INTERNET, cidrs: ['0.0.0.0/0', '192.0.2.0/24'], vpcEndpointCidrs: [ENDPOINT] }]))).toEqual([]);
  });

  test('a rule CIDR that contains one of two VPC blocks is enough', () => {
    expect(lines(withRules([{ ...INTERNET, cidrs: ['10.0.0.0/8'], vpcEndpointCidrs: [ENDPOINT] }], TWO_BLOCKS))).toEqual([]);
  });

  test('a rule without cidrs cannot carry exceptions', () => {
    expect(lines(withRules([{ name: 'to-db', direction: 'egress', namespaces: ['db'], tcpPorts: [443], vpcEndpointCidrs: [ENDPOINT] }]))).toEqual([
      `namespaces[0].allow[0].vpcEndpointCidrs = ["${ENDPOINT}"]: ${NO_VPC_CIDR}`,
    ]);
  });

  test('an exception outside the VPC names every block of it', () => {
    expect(lines(withRules([{ ...INTERNET, vpcEndpointCidrs: ['192.0.2.1/32'] }], TWO_BLOCKS))).toEqual([
      'namespaces[0].allow[0].vpcEndpointCidrs[0] = "192.0.2.1/32": lies outside the VPC\'s CIDRs (10.0.0.0/16, 100.64.0.0/16); an endpoint exception must be an address inside the VPC',
    ]);
  });
});
