/**
 * The VPC's IPv4 CIDR blocks as config declares them, and the containment test the network
 * baseline and its validation share. Pure: no lookup, no AWS call.
 */
import { isIpv4Cidr } from './names';
import type { ExistingVpcConfig, NewVpcConfig } from './types';

/**
 * Every CIDR block of the VPC known from config: a new VPC's `cidr` and `secondaryCidrs`, or an
 * existing VPC's `cidrs` (empty when not declared; validation requires them when they matter).
 */
export function vpcCidrs(vpc: NewVpcConfig | ExistingVpcConfig): string[] {
  if ('vpcId' in vpc) return [...(vpc.cidrs ?? [])];
  return [vpc.cidr, ...(vpc.secondaryCidrs ?? [])];
}

/** First and last address of an IPv4 CIDR as unsigned 32-bit numbers; throws on anything else. */
export function cidrRange(cidr: string): readonly [number, number] {
  if (!isIpv4Cidr(cidr)) throw new Error(`"${cidr}" is not an IPv4 CIDR such as "10.0.0.0/16".`);
  const [address, bits] = cidr.split('/');
  const base = address.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
  const size = 2 ** (32 - Number(bits));
  const first = base - (base % size);
  return [first, first + size - 1];
}

/** Whether every address of `inner` lies in `outer` (a block lies within itself). */
export function cidrWithin(inner: string, outer: string): boolean {
  const [innerFirst, innerLast] = cidrRange(inner);
  const [outerFirst, outerLast] = cidrRange(outer);
  return innerFirst >= outerFirst && innerLast <= outerLast;
}

/** Whether `inner` lies in `outer` and is smaller: the only blocks an ipBlock may list in `except`. */
export function cidrStrictlyWithin(inner: string, outer: string): boolean {
  return cidrWithin(inner, outer) && !cidrWithin(outer, inner);
}

/** Whether two blocks share any address (IPv4 blocks either nest or are disjoint). */
export function cidrsOverlap(a: string, b: string): boolean {
  return cidrWithin(a, b) || cidrWithin(b, a);
}
