/**
 * Config rules for egress allow rules and the VPC they must stay out of: the VPC's CIDR blocks
 * are well-formed and known whenever an egress rule names CIDRs (they become the rule's
 * `except`), and every interface-endpoint exception lies inside the VPC, on declared ports, in
 * a rule that excludes the VPC in the first place.
 */
import { isIpv4Cidr } from '../names';
import type { EnvironmentConfig, NetworkAllowConfig } from '../types';
import { cidrStrictlyWithin, cidrWithin, cidrsOverlap, vpcCidrs } from '../vpc-cidrs';

/** One problem: the field below the environment, the value, what is wrong and the fix. */
export interface VpcEgressProblem {
  readonly field: string;
  readonly value: unknown;
  readonly message: string;
}

/** Every VPC-egress problem of one environment (none when `vpc` or `namespaces` is malformed: reported elsewhere). */
export function vpcEgressProblems(env: EnvironmentConfig): VpcEgressProblem[] {
  const vpc = env.vpc as unknown;
  if (!vpc || typeof vpc !== 'object' || !Array.isArray(env.namespaces)) return [];
  const problems: VpcEgressProblem[] = [];
  const listField = 'vpcId' in vpc ? 'vpc.cidrs' : 'vpc.secondaryCidrs';
  const declared = (vpc as Record<string, unknown>)[listField.slice('vpc.'.length)];
  if (declared !== undefined && !Array.isArray(declared)) {
    return [{ field: listField, value: declared, message: 'must be a list of IPv4 CIDRs such as ["100.64.0.0/16"]' }];
  }
  ((declared ?? []) as unknown[]).forEach((cidr, i) => {
    if (!isIpv4Cidr(cidr)) problems.push({ field: `${listField}[${i}]`, value: cidr, message: 'must be an IPv4 CIDR such as "100.64.0.0/16"' });
  });
  const primary = 'cidr' in vpc && isIpv4Cidr((vpc as { cidr: unknown }).cidr) ? [(vpc as { cidr: string }).cidr] : [];
  const known = [...primary, ...((declared ?? []) as unknown[]).filter(isIpv4Cidr)] as string[];
  known.forEach((cidr, i) => {
    const earlier = known.slice(0, i).find((other) => cidrsOverlap(cidr, other));
    if (earlier !== undefined) {
      problems.push({ field: listField, value: cidr, message: `overlaps "${earlier}"; a VPC's CIDR blocks are disjoint, list each block once` });
    }
  });
  if (problems.length > 0) return problems;
  const cidrs = vpcCidrs(env.vpc);
  const rules = env.namespaces.flatMap((ns, i) =>
    (Array.isArray(ns?.allow) ? ns.allow : []).map((rule, j) => ({ field: `namespaces[${i}].allow[${j}]`, rule })));
  const needsCidrs = rules.find(({ rule }) => rule?.direction === 'egress' && rule.cidrs?.some(isIpv4Cidr));
  if (needsCidrs && cidrs.length === 0) {
    return [{
      field: listField, value: declared,
      message: `is required because ${needsCidrs.field} allows egress to CIDRs: list every CIDR block of the VPC (primary and secondary) so that egress rules exclude them`,
    }];
  }
  for (const { field, rule } of rules) problems.push(...endpointProblems(field, rule, cidrs));
  return problems;
}

/** The interface-endpoint exceptions of one allow rule. */
function endpointProblems(field: string, rule: NetworkAllowConfig, vpc: readonly string[]): VpcEgressProblem[] {
  const problems: VpcEgressProblem[] = [];
  const endpoints = rule?.vpcEndpointCidrs;
  if (endpoints === undefined) return problems;
  const ruleCidrs = (rule.cidrs ?? []).filter(isIpv4Cidr);
  const ef = `${field}.vpcEndpointCidrs`;
  if (!Array.isArray(endpoints)) return [...problems, { field: ef, value: endpoints, message: 'must be a list of IPv4 CIDRs inside the VPC, such as ["10.0.0.10/32"]' }];
  if (rule.direction !== 'egress') {
    problems.push({ field: ef, value: endpoints, message: 'is for egress rules only; remove it, or move the endpoints to an egress rule' });
  }
  if (!Array.isArray(rule.tcpPorts) || rule.tcpPorts.length === 0) {
    problems.push({ field: `${field}.tcpPorts`, value: rule.tcpPorts, message: 'must list the endpoints\' ports (interface endpoints answer on 443) when vpcEndpointCidrs is set' });
  }
  if (!ruleCidrs.some((cidr) => vpc.some((block) => cidrStrictlyWithin(block, cidr)))) {
    problems.push({
      field: ef, value: endpoints,
      message: 'are exceptions to the VPC exclusion, but no entry of this rule\'s cidrs contains a VPC CIDR; list in-VPC destinations under cidrs instead',
    });
  }
  endpoints.forEach((cidr, k) => {
    if (!isIpv4Cidr(cidr)) {
      problems.push({ field: `${ef}[${k}]`, value: cidr, message: 'must be an IPv4 CIDR such as "10.0.0.10/32"' });
    } else if (!vpc.some((block) => cidrWithin(cidr, block))) {
      problems.push({ field: `${ef}[${k}]`, value: cidr, message: `lies outside the VPC's CIDRs (${vpc.join(', ')}); an endpoint exception must be an address inside the VPC` });
    }
  });
  return problems;
}
