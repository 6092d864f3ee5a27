/**
 * The endpoint rules: the two shapes, the allow-list that never opens the API to the internet,
 * and lockout, of the environment's own callers (at environment validation) and of the
 * pipeline's verify step (at pipeline validation). Exact messages: field, value, fix.
 */
import { CALLERS } from '../../../../lib/config/api-callers';
import { ConfigValidationError } from '../../../../lib/config/errors';
import { PIPELINE, PipelineConfigError, validatePipeline, withPipelineVerifiers } from '../../../../lib/config/pipeline';
import { MAX_PUBLIC_CIDRS, endpointProblems, verifyStepProblems } from '../../../../lib/config/rules/endpoint';
import type { EndpointConfig, EnvironmentConfig } from '../../../../lib/config/types';
import { validateEnvironment, validateEnvironments } from '../../../../lib/config/validate';
import { envConfig } from '../../../config-fixtures';

/** The problems of an environment with `endpoint`, as `field = value: message` lines. */
const lines = (endpoint: unknown) => endpointProblems(envConfig({ endpoint: endpoint as EndpointConfig }))
  .map((p) => `${p.field} = ${JSON.stringify(p.value)}: ${p.message}`);
const without = (): EnvironmentConfig => ({ ...envConfig(), endpoint: undefined } as unknown as EnvironmentConfig);

describe('accepted', () => {
  test.each<[string, EndpointConfig]>([
    ['public with an allow-list', { access: 'public-and-private', publicCidrs: ['203.0.113.0/24'] }],
    ['public with an allow-list and connected networks', { access: 'public-and-private', publicCidrs: ['203.0.113.0/24', '198.51.100.7/32'], operatorCidrs: ['10.200.0.0/16'] }],
    ['private with connected networks', { access: 'private', operatorCidrs: ['10.200.0.0/16', '192.168.4.0/22'] }],
    [`${MAX_PUBLIC_CIDRS} public blocks`, { access: 'public-and-private', publicCidrs: Array.from({ length: MAX_PUBLIC_CIDRS }, (_, i) => `198.51.100.${i}/32`) }],
  ])('%s', (_name, endpoint) => {
    expect(lines(endpoint)).toEqual([]);
    expect(() => validateEnvironment(envConfig({ endpoint }))).not.toThrow();
  });
});

describe('refused', () => {
  test.each<[string, unknown, string[]]>([
    ['an unknown mode', { access: 'public' }, [
      'endpoint.access = "public": must be "public-and-private" or "private": { access: "public-and-private", publicCidrs: ["203.0.113.0/24"] } (your office or VPN egress addresses) or { access: "private", operatorCidrs: ["10.200.0.0/16"] } (your VPN\'s client range)',
    ]],
    ['the whole internet', { access: 'public-and-private', publicCidrs: ['0.0.0.0/0'] }, [
      'endpoint.publicCidrs[0] = "0.0.0.0/0": opens the API endpoint to the whole internet; list the addresses your callers come from (a VPN\'s fixed egress, for example), or use access "private" with operatorCidrs',
    ]],
    ['no public block', { access: 'public-and-private', publicCidrs: [] }, [
      'endpoint.publicCidrs = []: must be a list of at least one IPv4 CIDR block, such as ["203.0.113.0/24"]',
    ]],
    ['public blocks missing', { access: 'public-and-private' }, [
      'endpoint.publicCidrs = undefined: must be a list of at least one IPv4 CIDR block, such as ["203.0.113.0/24"]',
    ]],
    ['a malformed block, host bits, a duplicate', { access: 'public-and-private', publicCidrs: ['203.0.113.0', '203.0.113.5/24', '198.51.100.0/24', '198.51.100.0/24'] }, [
      'endpoint.publicCidrs[0] = "203.0.113.0": must be an IPv4 CIDR block such as "203.0.113.0/24"',
      'endpoint.publicCidrs[1] = "203.0.113.5/24": has host bits set; write the block as "203.0.113.0/24"',
      'endpoint.publicCidrs[3] = "198.51.100.0/24": is listed twice; list each block once',
    ]],
    ['a private range on the public list', { access: 'public-and-private', publicCidrs: ['10.1.0.0/16'] }, [
      'endpoint.publicCidrs[0] = "10.1.0.0/16": overlaps 10.0.0.0/8, which never reaches the public endpoint; list networks connected to the VPC under endpoint.operatorCidrs instead',
    ]],
    ['a private endpoint with an allow-list', { access: 'private', operatorCidrs: ['10.200.0.0/16'], publicCidrs: ['203.0.113.0/24'] }, [
      'endpoint.publicCidrs = ["203.0.113.0/24"]: has no effect on a private endpoint; remove it, or use access "public-and-private"',
    ]],
    ['a connected network of the whole internet', { access: 'private', operatorCidrs: ['0.0.0.0/0'] }, [
      'endpoint.operatorCidrs[0] = "0.0.0.0/0": opens the API endpoint to the whole internet; list the addresses your callers come from (a VPN\'s fixed egress, for example), or use access "private" with operatorCidrs',
    ]],
    ['an endpoint that is not an object', 'public-and-private', [
      'endpoint = "public-and-private": is required: { access: "public-and-private", publicCidrs: ["203.0.113.0/24"] } (your office or VPN egress addresses) or { access: "private", operatorCidrs: ["10.200.0.0/16"] } (your VPN\'s client range). There is no default, so the public endpoint never accepts 0.0.0.0/0 unnoticed; changing it never replaces the cluster',
    ]],
    ['connected networks of a public endpoint are checked too', { access: 'public-and-private', publicCidrs: ['203.0.113.0/24'], operatorCidrs: ['10.200.0.5/16'] }, [
      'endpoint.operatorCidrs[0] = "10.200.0.5/16": has host bits set; write the block as "10.200.0.0/16"',
    ]],
    ['operatorCidrs not a list', { access: 'private', operatorCidrs: '10.200.0.0/16' }, [
      'endpoint.operatorCidrs = "10.200.0.0/16": must be a list of IPv4 CIDR blocks, such as ["203.0.113.0/24"]',
    ]],
  ])('%s', (_name, endpoint, expected) => {
    expect(lines(endpoint)).toEqual(expected);
  });

  test(`more than ${MAX_PUBLIC_CIDRS} public blocks`, () => {
    const publicCidrs = Array.from({ length: MAX_PUBLIC_CIDRS + 1 }, (_, i) => `198.51.100.${i}/32`);
    expect(endpointProblems(envConfig({ endpoint: { access: 'public-and-private', publicCidrs } })).map((p) => p.message))
      .toEqual([`lists ${MAX_PUBLIC_CIDRS + 1} blocks; EKS accepts at most ${MAX_PUBLIC_CIDRS} per cluster; merge adjacent blocks`]);
  });

  test('the endpoint is required: no default opens the public endpoint', () => {
    expect(endpointProblems(without()).map((p) => `${p.field}: ${p.message}`)).toEqual([
      'endpoint: is required: { access: "public-and-private", publicCidrs: ["203.0.113.0/24"] } (your office or VPN egress addresses) or { access: "private", operatorCidrs: ["10.200.0.0/16"] } (your VPN\'s client range). There is no default, so the public endpoint never accepts 0.0.0.0/0 unnoticed; changing it never replaces the cluster',
    ]);
    expect(() => validateEnvironment(without())).toThrow(ConfigValidationError);
    expect(() => validateEnvironment(without())).toThrow('[test] endpoint = (missing): is required');
  });
});

describe('lockout of the environment\'s callers', () => {
  test('a private endpoint without connected networks locks people out, naming the fix', () => {
    const endpoint: EndpointConfig = { access: 'private', operatorCidrs: [] };
    expect(lines(endpoint)).toEqual([
      `endpoint = ${JSON.stringify(endpoint)}: locks out ${CALLERS.people}: it runs in kubectl on their workstations, on the public allow-list or on networks connected to the VPC, and none of its networks reaches the private endpoint; list the networks people connect from: endpoint.operatorCidrs (VPN, Direct Connect, peered VPCs, a bastion subnet), or endpoint.publicCidrs with access "public-and-private"`,
    ]);
    expect(() => validateEnvironment(envConfig({ endpoint }))).toThrow(`locks out ${CALLERS.people}`);
  });
});

describe('the pipeline\'s verify step', () => {
  const origin = { account: '444444444444', region: 'eu-west-1', cidrs: ['198.51.100.0/24'] };
  const verifyFix = 'list the verify step\'s addresses (CodeBuild\'s ranges of eu-west-1, service CODEBUILD in https://ip-ranges.amazonaws.com/ip-ranges.json) in the pipeline\'s verifyStepCidrs and in this environment\'s endpoint.publicCidrs; or use access "private", whose verify step invokes the verify runner inside the VPC';
  const where = "CodeBuild in the pipeline's account 444444444444 (eu-west-1), outside any VPC";

  test('reaches a public endpoint whose allow-list contains its addresses', () => {
    expect(verifyStepProblems(origin, [{ name: 'dev', endpoint: { access: 'public-and-private', publicCidrs: ['198.51.100.0/23'] } }])).toEqual([]);
  });

  test.each<[string, typeof origin, EndpointConfig]>([
    ['an allow-list without its addresses', origin, { access: 'public-and-private', publicCidrs: ['203.0.113.0/24'] }],
    ['no declared addresses', { ...origin, cidrs: [] }, { access: 'public-and-private', publicCidrs: ['203.0.113.0/24'] }],
  ])('is locked out by %s, named with the environment and the fix', (_name, o, endpoint) => {
    expect(verifyStepProblems(o, [{ name: 'prod', endpoint }])).toEqual([{
      field: 'verifyStepCidrs', value: o.cidrs,
      message: `locks out ${CALLERS.verify}: it runs in ${where}, and none of its networks reaches environment "prod"'s ${endpoint.access} endpoint; ${verifyFix}`,
    }]);
  });

  test('malformed verify step addresses are reported as such', () => {
    expect(verifyStepProblems({ ...origin, cidrs: ['198.51.100.0/33'] }, []).map((p) => `${p.field}: ${p.message}`))
      .toEqual(['verifyStepCidrs[0]: must be an IPv4 CIDR block such as "203.0.113.0/24"']);
  });

  test('judges only the verify step: an environment that locks out others is reported under its own endpoint', () => {
    expect(verifyStepProblems(origin, [{ name: 'prod', endpoint: { access: 'private', operatorCidrs: [] } }])).toEqual([]);
  });

  test('reaches a private endpoint through the verify runner in the VPC, whatever its addresses', () => {
    const endpoint: EndpointConfig = { access: 'private', operatorCidrs: ['10.200.0.0/16'] };
    expect(verifyStepProblems(origin, [{ name: 'prod', endpoint }])).toEqual([]);
    expect(verifyStepProblems({ ...origin, cidrs: [] }, [{ name: 'prod', endpoint }])).toEqual([]);
  });

  test('validatePipeline promotes a private environment through its verify runner, and still refuses a public one that locks the step out', () => {
    const configs = [envConfig({ name: 'dev' }), envConfig({ name: 'prod', endpoint: { access: 'private', operatorCidrs: ['10.200.0.0/16'] } })];
    const envs = validateEnvironments(withPipelineVerifiers(configs, PIPELINE));
    const resolved = validatePipeline(PIPELINE, envs);
    expect(resolved.environments.map((e) => [e.env.name, e.verifyRunner])).toEqual([
      ['dev', undefined],
      ['prod', { invokerRoleName: 'eks-access-verify-invoker-prod', invokerRoleArn: `arn:aws:iam::${envs[1].account}:role/eks-access-verify-invoker-prod`, functionName: `${envs[1].clusterName}-verify-runner`, stepRoleArn: 'arn:aws:iam::444444444444:role/eks-access-verify-prod' }],
    ]);
    const locked = validateEnvironments(withPipelineVerifiers([...configs, envConfig({ name: 'qa', endpoint: { access: 'public-and-private', publicCidrs: ['203.0.113.0/24'] } })], PIPELINE));
    expect(() => validatePipeline(PIPELINE, locked)).toThrow(PipelineConfigError);
    expect(() => validatePipeline(PIPELINE, locked)).toThrow(`[pipeline] verifyStepCidrs = ${JSON.stringify(PIPELINE.verifyStepCidrs)}: locks out ${CALLERS.verify}: it runs in ${where}, and none of its networks reaches environment "qa"'s public-and-private endpoint`);
  });

  test('validatePipeline refuses a pipeline that does not declare the verify step\'s addresses', () => {
    const envs = validateEnvironments([envConfig({ name: 'dev' })]);
    expect(() => validatePipeline({ ...PIPELINE, verifyStepCidrs: undefined }, envs)).toThrow(`[pipeline] verifyStepCidrs = []: locks out ${CALLERS.verify}`);
  });
});
