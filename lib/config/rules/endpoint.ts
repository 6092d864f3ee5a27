/**
 * Config rules for the cluster's API endpoint: the mode is one of the two declared shapes, the
 * public allow-list never opens the endpoint to the whole internet, and no caller of the API is
 * locked out (lib/config/api-callers.ts), neither the environment's own callers nor, for an
 * environment the pipeline promotes, the pipeline's verify step.
 */
import { CALLERS, apiCallers, lockedOutCallers } from '../api-callers';
import type { ApiCaller, VerifyStepOrigin } from '../api-callers';
import { isIpv4Cidr } from '../names';
import type { EndpointConfig, EnvironmentConfig } from '../types';
import { cidrRange, cidrWithin } from '../vpc-cidrs';

/** One problem: the field, the value, what is wrong and the fix. */
export interface EndpointProblem {
  readonly field: string;
  readonly value: unknown;
  readonly message: string;
}

/** EKS's quota of public access CIDR blocks per cluster. */
export const MAX_PUBLIC_CIDRS = 40;

/** The access modes, as config spells them. */
export const ENDPOINT_ACCESS_MODES: readonly EndpointConfig['access'][] = ['public-and-private', 'private'];

/** Blocks that are never public source addresses (RFC 1918, shared and loopback space). */
const NON_PUBLIC_BLOCKS = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '127.0.0.0/8'];

const EXAMPLE = '{ access: "public-and-private", publicCidrs: ["203.0.113.0/24"] } (your office or VPN egress addresses) or { access: "private", operatorCidrs: ["10.200.0.0/16"] } (your VPN\'s client range)';

/** Every endpoint problem of one environment, lockout of its own callers included. */
export function endpointProblems(env: EnvironmentConfig): EndpointProblem[] {
  const endpoint = (env as { endpoint?: unknown }).endpoint as Record<string, unknown> | undefined;
  if (!endpoint || typeof endpoint !== 'object') {
    return [{ field: 'endpoint', value: endpoint, message: `is required: ${EXAMPLE}. There is no default, so the public endpoint never accepts 0.0.0.0/0 unnoticed; changing it never replaces the cluster` }];
  }
  if (!ENDPOINT_ACCESS_MODES.includes(endpoint.access as EndpointConfig['access'])) {
    return [{ field: 'endpoint.access', value: endpoint.access, message: `must be ${ENDPOINT_ACCESS_MODES.map((m) => `"${m}"`).join(' or ')}: ${EXAMPLE}` }];
  }
  const problems: EndpointProblem[] = [];
  if (endpoint.access === 'private') {
    if (endpoint.publicCidrs !== undefined) {
      problems.push({ field: 'endpoint.publicCidrs', value: endpoint.publicCidrs, message: 'has no effect on a private endpoint; remove it, or use access "public-and-private"' });
    }
  } else {
    problems.push(...cidrListProblems('endpoint.publicCidrs', endpoint.publicCidrs, true));
  }
  // Optional in both modes (absent: none); a private endpoint without any is a lockout, reported below.
  problems.push(...cidrListProblems('endpoint.operatorCidrs', endpoint.operatorCidrs ?? [], false));
  if (problems.length) return problems;
  return lockoutProblems('endpoint', endpoint as unknown as EndpointConfig, apiCallers(endpoint as unknown as EndpointConfig));
}

/**
 * Problems of the pipeline's verify step against the endpoints of the environments it promotes
 * (whose endpoints are valid). Reported on the pipeline's `verifyStepCidrs`.
 */
export function verifyStepProblems(origin: VerifyStepOrigin, environments: readonly { name: string; endpoint: EndpointConfig }[]): EndpointProblem[] {
  const problems = cidrListProblems('verifyStepCidrs', origin.cidrs, false);
  if (problems.length) return problems;
  return environments.flatMap((env) => {
    const verify = apiCallers(env.endpoint, origin).filter((c) => c.name === CALLERS.verify);
    return lockoutProblems('verifyStepCidrs', env.endpoint, verify, env.name);
  });
}

/** One problem per locked-out caller, naming where it runs, why it cannot reach, and the fix. */
function lockoutProblems(field: string, endpoint: EndpointConfig, callers: readonly ApiCaller[], envName?: string): EndpointProblem[] {
  const where = envName ? `environment "${envName}"'s` : 'the';
  return lockedOutCallers(endpoint, callers).map((c) => ({
    field,
    value: field === 'endpoint' ? endpoint : c.networks.flatMap((n) => n.kind === 'vpc' ? [] : n.cidrs),
    message: `locks out ${c.name}: it runs in ${c.runsIn}, and none of its networks reaches ${where} ${endpoint.access} endpoint; ${c.fix}`,
  }));
}

/** A list of IPv4 network blocks, none of them `/0`; `publicList` also requires one at least and public addresses. */
function cidrListProblems(field: string, list: unknown, publicList: boolean): EndpointProblem[] {
  if (!Array.isArray(list) || (publicList && list.length === 0)) {
    return [{ field, value: list, message: `must be a list of ${publicList ? 'at least one IPv4 CIDR block' : 'IPv4 CIDR blocks'}, such as ["203.0.113.0/24"]` }];
  }
  if (publicList && list.length > MAX_PUBLIC_CIDRS) {
    return [{ field, value: list, message: `lists ${list.length} blocks; EKS accepts at most ${MAX_PUBLIC_CIDRS} per cluster; merge adjacent blocks` }];
  }
  const seen = new Set<string>();
  return list.flatMap((cidr, i): EndpointProblem[] => {
    const f = `${field}[${i}]`;
    if (!isIpv4Cidr(cidr)) return [{ field: f, value: cidr, message: 'must be an IPv4 CIDR block such as "203.0.113.0/24"' }];
    const [first] = cidrRange(cidr);
    const network = `${[24, 16, 8, 0].map((s) => (first >>> s) & 255).join('.')}/${cidr.split('/')[1]}`;
    if (cidr.endsWith('/0')) return [{ field: f, value: cidr, message: 'opens the API endpoint to the whole internet; list the addresses your callers come from (a VPN\'s fixed egress, for example), or use access "private" with operatorCidrs' }];
    if (network !== cidr) return [{ field: f, value: cidr, message: `has host bits set; write the block as "${network}"` }];
    if (seen.has(cidr)) return [{ field: f, value: cidr, message: 'is listed twice; list each block once' }];
    seen.add(cidr);
    if (publicList) {
      const block = NON_PUBLIC_BLOCKS.find((b) => cidrWithin(cidr, b) || cidrWithin(b, cidr));
      if (block) return [{ field: f, value: cidr, message: `overlaps ${block}, which never reaches the public endpoint; list networks connected to the VPC under endpoint.operatorCidrs instead` }];
    }
    return [];
  });
}
