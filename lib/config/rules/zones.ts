/**
 * Config rules for declared availability zones (`availabilityZones`): names of zones in the
 * environment's region, each once, enough for the new VPC's `maxAzs`, never with an existing
 * VPC; and, for an environment already deployed, exactly the zones cdk.context.json recorded.
 * Pure: the committed context value is passed in.
 */
import type { ConfigProblem } from '../errors';
import type { EnvironmentConfig } from '../types';

/** One problem: the field below the environment, the value, what is wrong and the fix. */
export type ZonesProblem = Omit<ConfigProblem, 'env'>;

/** The config field these rules check. */
export const ZONES_FIELD = 'availabilityZones';

/** Zones a new VPC spreads its subnets over when `vpc.maxAzs` is not set. */
export const DEFAULT_MAX_AZS = 2;

/** An availability zone id such as `euw1-az1` or `use1-az6`, which is not a zone name. */
const ZONE_ID = /^[a-z]{2,5}\d{1,2}-az\d{1,2}$/;

/** The command that lists an account's zone names in the order the CDK lookup records them. */
export function describeZonesCommand(region: string): string {
  return `aws ec2 describe-availability-zones --region ${region} --query "AvailabilityZones[?State=='available'].ZoneName"`;
}

/** Every problem of the declared zones of one environment (none when they are not declared). */
export function zonesProblems(env: EnvironmentConfig): ZonesProblem[] {
  const zones = (env as { availabilityZones?: unknown }).availabilityZones;
  if (zones === undefined) return [];
  const region = typeof env.region === 'string' ? env.region : '<region>';
  const example = `for example ["${region}a", "${region}b", "${region}c"]; ${describeZonesCommand(region)} lists yours`;
  const vpc = env.vpc as unknown as Record<string, unknown> | undefined;
  if (vpc && typeof vpc === 'object' && 'vpcId' in vpc) {
    return [{
      field: ZONES_FIELD, value: zones,
      message: 'has no effect with an existing VPC (vpc.vpcId): the VPC lookup supplies its subnets and their zones, and that lookup needs its "vpc-provider:..." entry in cdk.context.json (run cdk synth once with credentials for the account and commit cdk.context.json); remove availabilityZones',
    }];
  }
  if (!Array.isArray(zones) || zones.length === 0) {
    return [{ field: ZONES_FIELD, value: zones, message: `must be a list of the account's availability zone names in ${region}, ${example}` }];
  }
  const problems: ZonesProblem[] = [];
  zones.forEach((zone, i) => {
    const field = `${ZONES_FIELD}[${i}]`;
    if (typeof zone === 'string' && ZONE_ID.test(zone)) {
      problems.push({ field, value: zone, message: `is a zone id, not a zone name; list zone names (what subnets take), ${example}` });
    } else if (!isZoneOf(zone, region)) {
      problems.push({ field, value: zone, message: `is not an availability zone name of the environment's region ${region} (the region followed by one letter), ${example}` });
    } else if (zones.indexOf(zone) < i) {
      problems.push({ field, value: zone, message: 'is listed twice; list each zone once' });
    }
  });
  const maxAzs = vpc?.maxAzs ?? DEFAULT_MAX_AZS; // a malformed vpc is reported under vpc
  if (typeof maxAzs === 'number' && zones.length < maxAzs) {
    problems.push({
      field: ZONES_FIELD, value: zones,
      message: `lists ${zones.length} zone(s), but the new VPC spreads its subnets over vpc.maxAzs = ${maxAzs} zones (the first ${maxAzs} of this list); list at least ${maxAzs}, or lower vpc.maxAzs`,
    });
  }
  return problems;
}

/**
 * The problem when declared zones differ from the zones cdk.context.json recorded under `key`
 * for this environment's account and region (none when nothing is recorded: the environment was
 * never synthesized with a lookup). The recorded list is what a deployed VPC was built from.
 */
export function committedZonesProblems(declared: readonly string[], key: string, committed: unknown): ZonesProblem[] {
  if (!Array.isArray(committed)) return [];
  if (committed.length === declared.length && committed.every((zone, i) => zone === declared[i])) return [];
  const recorded = JSON.stringify(committed);
  return [{
    field: ZONES_FIELD, value: declared,
    message: `differs from ${recorded}, the zones cdk.context.json records under "${key}" and a deployed VPC of this environment was built from; `
      + `another list or order moves subnets to other zones, which replaces them and the node groups in them: declare exactly ${recorded}, `
      + `or, if this environment was never deployed, delete the "${key}" entry from cdk.context.json`,
  }];
}

/** Whether `zone` is an availability zone name of `region`: the region and one letter. */
function isZoneOf(zone: unknown, region: string): boolean {
  return typeof zone === 'string' && zone.length === region.length + 1 && zone.startsWith(region) && /[a-z]$/.test(zone);
}
