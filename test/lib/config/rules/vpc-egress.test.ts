import { ConfigValidationError, formatProblem } from '../../../../lib/config/errors';
import { vpcEgressProblems } from '../../../../lib/config/rules/vpc-egress';
import type { EnvironmentConfig, NetworkAllowConfig } from '../../../../lib/config/types';
import { validateEnvironment } from '../../../../lib/config/validate';
import { envConfig, namespaceConfig } from '../../../config-fixtures';

const VPC_ID = 'vpc-0123456789abcdef0';
const INTERNET: NetworkAllowConfig = { name: 'https', direction: 'egress', cidrs: ['0.0.0.0/0'], tcpPorts: [443] };
const ENDPOINT = '10.0.5.10/32';

/** An environment on a new VPC 10.0.0.0/16 whose one namespace has `allow`. */
function withRules(allow: NetworkAllowConfig[], vpc: EnvironmentConfig['vpc'] = { cidr: '10.0.0.0/16' }): EnvironmentConfig {
  return envConfig({ vpc, namespaces: [namespaceConfig('apps', { allow })] });
}

/** The problems as `field = value: message` lines. */
const lines = (env: EnvironmentConfig) => vpcEgressProblems(env).map((p) => `${p.field} = ${JSON.stringify(p.value)}: ${p.message}`);

describe('accepted', () => {
  test.each<[string, EnvironmentConfig]>([
    ['internet egress on a new VPC (its cidr is known)', withRules([INTERNET])],
    ['a new VPC with a secondary block', withRules([INTERNET], { cidr: '10.0.0.0/16', secondaryCidrs: ['100.64.0.0/16'] })],
    ['an existing VPC that declares its blocks', withRules([INTERNET], { vpcId: VPC_ID, cidrs: ['10.50.0.0/16', '100.64.0.0/16'] })],
    ['an existing VPC without blocks while no egress rule has cidrs', withRules([{ name: 'from-web', direction: 'ingress', cidrs: ['0.0.0.0/0'] }], { vpcId: VPC_ID })],
    ['interface endpoint exceptions inside the VPC, on 443, in a rule that excludes the VPC', withRules([{ ...INTERNET, vpcEndpointCidrs: [ENDPOINT, '10.0.6.0/28'] }])],
    ['an endpoint in the secondary block', withRules([{ ...INTERNET, vpcEndpointCidrs: ['100.64.1.5/32'] }], { cidr: '10.0.0.0/16', secondaryCidrs: ['100.64.0.0/16'] })],
  ])('%s', (_, env) => {
    expect(lines(env)).toEqual([]);
    expect(() => validateEnvironment(env)).not.toThrow();
  });
});

describe('refused', () => {
  test.each<[string, EnvironmentConfig, string[]]>([
    [
      'an existing VPC without its blocks while an egress rule has cidrs',
      withRules([INTERNET], { vpcId: VPC_ID }),
      ['vpc.cidrs = undefined: is required because namespaces[0].allow[0] allows egress to CIDRs: list every CIDR block of the VPC (primary and secondary) so that egress rules exclude them'],
    ],
    [
      'an existing VPC with an empty list',
      withRules([INTERNET], { vpcId: VPC_ID, cidrs: [] }),
      ['vpc.cidrs = []: is required because namespaces[0].allow[0] allows egress to CIDRs: list every CIDR block of the VPC (primary and secondary) so that egress rules exclude them'],
    ],
    [
      'a malformed secondary block',
      withRules([], { cidr: '10.0.0.0/16', secondaryCidrs: ['100.64.0.0'] }),
      ['vpc.secondaryCidrs[0] = "100.64.0.0": must be an IPv4 CIDR such as "100.64.0.0/16"'],
    ],
    [
      'a secondary block overlapping the primary',
      withRules([], { cidr: '10.0.0.0/16', secondaryCidrs: ['10.0.128.0/17'] }),
      ['vpc.secondaryCidrs = "10.0.128.0/17": overlaps "10.0.0.0/16"; a VPC\'s CIDR blocks are disjoint, list each block once'],
    ],
    [
      'a block listed twice',
      withRules([], { vpcId: VPC_ID, cidrs: ['10.50.0.0/16', '10.50.0.0/16'] }),
      ['vpc.cidrs = "10.50.0.0/16": overlaps "10.50.0.0/16"; a VPC\'s CIDR blocks are disjoint, list each block once'],
    ],
    [
      'blocks that are not a list',
      withRules([], { vpcId: VPC_ID, cidrs: '10.50.0.0/16' as unknown as string[] }),
      ['vpc.cidrs = "10.50.0.0/16": must be a list of IPv4 CIDRs such as ["100.64.0.0/16"]'],
    ],
    [
      'an endpoint outside the VPC',
      withRules([{ ...INTERNET, vpcEndpointCidrs: ['10.1.0.10/32'] }]),
      ['namespaces[0].allow[0].vpcEndpointCidrs[0] = "10.1.0.10/32": lies outside the VPC\'s CIDRs (10.0.0.0/16); an endpoint exception must be an address inside the VPC'],
    ],
    [
      'a malformed endpoint',
      withRules([{ ...INTERNET, vpcEndpointCidrs: ['10.0.5.10'] }]),
      ['namespaces[0].allow[0].vpcEndpointCidrs[0] = "10.0.5.10": must be an IPv4 CIDR such as "10.0.0.10/32"'],
    ],
    [
      'endpoints on all ports',
      withRules([{ name: 'out', direction: 'egress', cidrs: ['0.0.0.0/0'], vpcEndpointCidrs: [ENDPOINT] }]),
      ['namespaces[0].allow[0].tcpPorts = undefined: must list the endpoints\' ports (interface endpoints answer on 443) when vpcEndpointCidrs is set'],
    ],
    [
      'endpoints in a rule that excludes nothing (its cidrs lie beside the VPC)',
      withRules([{ ...INTERNET, cidrs: ['172.16.0.0/12'], vpcEndpointCidrs: [ENDPOINT] }]),
      ['namespaces[0].allow[0].vpcEndpointCidrs = ["10.0.5.10/32"]: are exceptions to the VPC exclusion, but no entry of this rule\'s cidrs contains a VPC CIDR; list in-VPC destinations under cidrs instead'],
    ],
    [
      'endpoints in a rule whose cidr is the VPC itself (nothing excluded)',
      withRules([{ ...INTERNET, cidrs: ['10.0.0.0/16'], vpcEndpointCidrs: [ENDPOINT] }]),
      ['namespaces[0].allow[0].vpcEndpointCidrs = ["10.0.5.10/32"]: are exceptions to the VPC exclusion, but no entry of this rule\'s cidrs contains a VPC CIDR; list in-VPC destinations under cidrs instead'],
    ],
    [
      'endpoints on an ingress rule',
      withRules([{ ...INTERNET, direction: 'ingress', vpcEndpointCidrs: [ENDPOINT] }]),
      ['namespaces[0].allow[0].vpcEndpointCidrs = ["10.0.5.10/32"]: is for egress rules only; remove it, or move the endpoints to an egress rule'],
    ],
    [
      'endpoints that are not a list',
      withRules([{ ...INTERNET, vpcEndpointCidrs: ENDPOINT as unknown as string[] }]),
      ['namespaces[0].allow[0].vpcEndpointCidrs = "10.0.5.10/32": must be a list of IPv4 CIDRs inside the VPC, such as ["10.0.0.10/32"]'],
    ],
  ])('%s', (_, env, expected) => {
    expect(lines(env)).toEqual(expected);
  });

  test('validateEnvironment reports them, with the environment, field, value and fix', () => {
    const env = withRules([{ ...INTERNET, vpcEndpointCidrs: ['10.1.0.10/32'] }], { vpcId: VPC_ID, cidrs: ['10.50.0.0/16'] });
    let error: unknown;
    try {
      validateEnvironment(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect((error as ConfigValidationError).problems.map(formatProblem)).toEqual([
      '[test] namespaces[0].allow[0].vpcEndpointCidrs[0] = "10.1.0.10/32": lies outside the VPC\'s CIDRs (10.50.0.0/16); an endpoint exception must be an address inside the VPC',
    ]);
  });

  test('a malformed vpc or namespaces list is left to the other checks', () => {
    expect(vpcEgressProblems({ ...envConfig(), vpc: undefined as unknown as EnvironmentConfig['vpc'] })).toEqual([]);
    expect(vpcEgressProblems({ ...envConfig(), namespaces: undefined as unknown as EnvironmentConfig['namespaces'] })).toEqual([]);
  });
});
