/**
 * The caller model: who calls the API from where, and which endpoint modes lock whom out.
 * Table-driven over the modes; a mode with the private endpoint off (which config cannot
 * express today) shows that the VPC callers would be reported locked out.
 */
import type { ApiCaller, EndpointFlags, VerifyStepOrigin } from '../../../lib/config/api-callers';
import { CALLERS, apiCallers, describeCallers, endpointFlags, lockedOutCallers, reaches } from '../../../lib/config/api-callers';
import { ENVIRONMENTS } from '../../../lib/config/environments';
import { PIPELINE } from '../../../lib/config/pipeline';
import type { EndpointConfig } from '../../../lib/config/types';

const PUBLIC: EndpointConfig = { access: 'public-and-private', publicCidrs: ['203.0.113.0/24', '198.51.100.0/24'] };
const PRIVATE: EndpointConfig = { access: 'private', operatorCidrs: ['10.200.0.0/16'] };
const VERIFY: VerifyStepOrigin = { account: '444444444444', region: 'eu-west-1', cidrs: ['198.51.100.0/25'] };
const names = (callers: readonly ApiCaller[]) => callers.map((c) => c.name);

describe('endpointFlags', () => {
  test.each<[string, EndpointConfig, EndpointFlags]>([
    ['public-and-private', PUBLIC, { privateAccess: true, publicAccess: true, publicCidrs: ['203.0.113.0/24', '198.51.100.0/24'], operatorCidrs: [] }],
    ['public-and-private with operators', { ...PUBLIC, operatorCidrs: ['10.9.0.0/16'] }, { privateAccess: true, publicAccess: true, publicCidrs: ['203.0.113.0/24', '198.51.100.0/24'], operatorCidrs: ['10.9.0.0/16'] }],
    ['private', PRIVATE, { privateAccess: true, publicAccess: false, publicCidrs: [], operatorCidrs: ['10.200.0.0/16'] }],
  ])('%s', (_name, endpoint, flags) => {
    expect(endpointFlags(endpoint)).toEqual(flags);
  });
});

describe('apiCallers', () => {
  test('every caller, the verify step only for a promoted environment', () => {
    expect(names(apiCallers(PUBLIC))).toEqual([CALLERS.handler, CALLERS.manifests, CALLERS.nodes, CALLERS.people]);
    expect(names(apiCallers(PUBLIC, VERIFY))).toEqual([CALLERS.handler, CALLERS.manifests, CALLERS.nodes, CALLERS.people, CALLERS.verify]);
  });

  test('the functions and the nodes run in the VPC in both modes', () => {
    for (const endpoint of [PUBLIC, PRIVATE]) {
      for (const caller of apiCallers(endpoint).filter((c) => [CALLERS.handler, CALLERS.manifests, CALLERS.nodes].includes(c.name as never))) {
        expect(caller.networks).toEqual([{ kind: 'vpc' }]);
      }
    }
  });

  test('people come from the public allow-list and the connected networks that are configured', () => {
    const people = (e: EndpointConfig) => apiCallers(e).find((c) => c.name === CALLERS.people)?.networks;
    expect(people(PUBLIC)).toEqual([{ kind: 'internet', cidrs: ['203.0.113.0/24', '198.51.100.0/24'] }]);
    expect(people({ ...PUBLIC, operatorCidrs: ['10.9.0.0/16'] })).toEqual([{ kind: 'internet', cidrs: ['203.0.113.0/24', '198.51.100.0/24'] }, { kind: 'connected', cidrs: ['10.9.0.0/16'] }]);
    expect(people(PRIVATE)).toEqual([{ kind: 'connected', cidrs: ['10.200.0.0/16'] }]);
    expect(people({ access: 'private', operatorCidrs: [] })).toEqual([]);
  });

  test('the verify step runs in CodeBuild outside any VPC, from its declared addresses', () => {
    const verify = apiCallers(PUBLIC, VERIFY).find((c) => c.name === CALLERS.verify);
    expect(verify?.runsIn).toBe("CodeBuild in the pipeline's account 444444444444 (eu-west-1), outside any VPC");
    expect(verify?.networks).toEqual([{ kind: 'internet', cidrs: ['198.51.100.0/25'] }]);
  });
});

describe('reaches', () => {
  const on = endpointFlags({ ...PUBLIC, operatorCidrs: ['10.9.0.0/16'] });
  const privateOnly = endpointFlags(PRIVATE);
  const noPrivate: EndpointFlags = { ...on, privateAccess: false };
  test.each<[string, Parameters<typeof reaches>[0], EndpointFlags, boolean]>([
    ['vpc, private endpoint on', { kind: 'vpc' }, on, true],
    ['vpc, private endpoint off', { kind: 'vpc' }, noPrivate, false],
    ['internet inside the allow-list', { kind: 'internet', cidrs: ['203.0.113.7/32'] }, on, true],
    ['internet, one block inside and one outside', { kind: 'internet', cidrs: ['203.0.113.7/32', '192.0.2.0/24'] }, on, false],
    ['internet wider than the allow-list', { kind: 'internet', cidrs: ['203.0.112.0/23'] }, on, false],
    ['internet with no declared addresses', { kind: 'internet', cidrs: [] }, on, false],
    ['internet, public endpoint off', { kind: 'internet', cidrs: ['203.0.113.0/24'] }, privateOnly, false],
    ['connected and admitted', { kind: 'connected', cidrs: ['10.9.1.0/24'] }, on, true],
    ['connected, not admitted', { kind: 'connected', cidrs: ['10.8.0.0/16'] }, on, false],
    ['connected, private endpoint off', { kind: 'connected', cidrs: ['10.9.1.0/24'] }, noPrivate, false],
    ['malformed block', { kind: 'internet', cidrs: ['203.0.113.0'] }, on, false],
  ])('%s', (_name, network, flags, expected) => {
    expect(reaches(network, flags)).toBe(expected);
  });
});

describe('lockedOutCallers', () => {
  test('nobody is locked out of a public endpoint that admits the verify step', () => {
    expect(lockedOutCallers(PUBLIC, apiCallers(PUBLIC, VERIFY))).toEqual([]);
  });

  test('a private endpoint locks nobody out: the verify step invokes the verify runner in the VPC', () => {
    const verify = apiCallers(PRIVATE, VERIFY).filter((c) => c.name === CALLERS.verify);
    expect(verify.map((c) => c.networks)).toEqual([[{ kind: 'vpc' }]]);
    expect(lockedOutCallers(PRIVATE, apiCallers(PRIVATE, VERIFY))).toEqual([]);
    expect(lockedOutCallers(PRIVATE, apiCallers(PRIVATE, { ...VERIFY, cidrs: [] }))).toEqual([]);
  });

  test('the verify runner needs the private endpoint: with it off, the verify step is locked out with every other caller', () => {
    const callers = apiCallers(PRIVATE, VERIFY);
    const noPrivate: EndpointFlags = { ...endpointFlags(PRIVATE), privateAccess: false };
    expect(callers.filter((c) => !c.networks.some((n) => reaches(n, noPrivate))).map((c) => c.name)).toEqual([CALLERS.handler, CALLERS.manifests, CALLERS.nodes, CALLERS.people, CALLERS.verify]);
  });

  test('an allow-list without the verify step\'s addresses locks it out', () => {
    const endpoint: EndpointConfig = { access: 'public-and-private', publicCidrs: ['203.0.113.0/24'] };
    expect(names(lockedOutCallers(endpoint, apiCallers(endpoint, VERIFY)))).toEqual([CALLERS.verify]);
    expect(names(lockedOutCallers(endpoint, apiCallers(endpoint, { ...VERIFY, cidrs: [] })))).toEqual([CALLERS.verify]);
  });

  test('a private endpoint without connected networks locks people out', () => {
    const endpoint: EndpointConfig = { access: 'private', operatorCidrs: [] };
    expect(names(lockedOutCallers(endpoint, apiCallers(endpoint)))).toEqual([CALLERS.people]);
  });
});

describe('describeCallers', () => {
  test('names each caller, where it runs and the endpoint it uses', () => {
    const text = describeCallers(PUBLIC, apiCallers(PUBLIC, VERIFY));
    expect(text).toContain(`${CALLERS.handler} runs in Lambda in the VPC's private subnets`);
    expect(text).toContain('and uses the private endpoint.');
    expect(text).toContain(`${CALLERS.people} runs in kubectl on their workstations, on the public allow-list or on networks connected to the VPC and uses the public endpoint from 203.0.113.0/24, 198.51.100.0/24.`);
    expect(text).toContain(`${CALLERS.verify} runs in CodeBuild in the pipeline's account 444444444444 (eu-west-1), outside any VPC and uses the public endpoint from 198.51.100.0/25.`);
  });

  test('says so when a caller is locked out', () => {
    const endpoint: EndpointConfig = { access: 'public-and-private', publicCidrs: ['203.0.113.0/24'] };
    expect(describeCallers(endpoint, apiCallers(endpoint, VERIFY))).toContain('outside any VPC and uses no endpoint (locked out).');
  });

  test('names the verify runner for a private endpoint', () => {
    expect(describeCallers(PRIVATE, apiCallers(PRIVATE, VERIFY))).toContain(`${CALLERS.verify} runs in Lambda (the verify runner, invoked by the pipeline's account 444444444444 through its invoker role) in the VPC's private subnets, with its own security group that the cluster security group admits on TCP 443 and uses the private endpoint.`);
  });
});

test('the shipped environments lock no caller out, the pipeline\'s verify step included', () => {
  const origin: VerifyStepOrigin = { account: PIPELINE.account, region: PIPELINE.region, cidrs: PIPELINE.verifyStepCidrs ?? [] };
  const promoted = PIPELINE.environments ?? ENVIRONMENTS.map((e) => e.name);
  for (const env of ENVIRONMENTS) {
    const callers = apiCallers(env.endpoint, promoted.includes(env.name) ? origin : undefined);
    expect({ env: env.name, locked: names(lockedOutCallers(env.endpoint, callers)) }).toEqual({ env: env.name, locked: [] });
    expect(names(callers)).toContain(CALLERS.verify);
  }
});
