/** Config validation of `vpc`: exactly one of a new VPC (`cidr`) or an existing one (`vpcId`). */
import type { ProblemCollector } from '../errors';
import { VPC_ID, isIpv4Cidr } from '../names';
import { DEFAULT_MAX_AZS } from '../rules/zones';
import type { EnvironmentConfig } from '../types';

/** Checks `vpc` and its bounds. */
export function checkVpc(env: EnvironmentConfig, p: ProblemCollector): void {
  const vpc = env.vpc as unknown as Record<string, unknown> | undefined;
  if (!vpc || typeof vpc !== 'object') {
    p.add('vpc', vpc, 'is required: { cidr: "10.0.0.0/16" } for a new VPC or { vpcId: "vpc-..." } for an existing one');
    return;
  }
  const hasCidr = 'cidr' in vpc;
  const hasId = 'vpcId' in vpc;
  if (hasCidr === hasId) {
    p.add('vpc', vpc, 'set exactly one of "cidr" (new VPC) or "vpcId" (existing VPC)');
    return;
  }
  if (hasId) {
    if (typeof vpc.vpcId !== 'string' || !VPC_ID.test(vpc.vpcId)) p.add('vpc.vpcId', vpc.vpcId, 'must look like "vpc-0123456789abcdef0"');
    return;
  }
  const cidr = vpc.cidr as string;
  const prefix = isIpv4Cidr(cidr) ? Number(cidr.split('/')[1]) : 0; // not a CIDR: below every allowed prefix
  if (prefix < 16 || prefix > 24) p.add('vpc.cidr', cidr, 'must be an IPv4 CIDR between /16 and /24, for example "10.10.0.0/16"');
  const maxAzs = vpc.maxAzs ?? DEFAULT_MAX_AZS;
  if (!Number.isInteger(maxAzs) || (maxAzs as number) < 2 || (maxAzs as number) > 6) p.add('vpc.maxAzs', maxAzs, 'must be an integer from 2 to 6 (EKS needs subnets in at least two AZs)');
  const nat = vpc.natGateways ?? 1;
  if (!Number.isInteger(nat) || (nat as number) < 1 || (nat as number) > (maxAzs as number)) p.add('vpc.natGateways', nat, 'must be an integer from 1 to maxAzs (nodes in private subnets need a NAT gateway)');
}
