/**
 * Context lookups the CDK CLI tried and could not do, as one sentence each. The CLI runs the
 * app, reads the context keys it reports missing (`manifest.missing`), looks each up with AWS
 * credentials and runs the app again. A lookup that fails (no credentials, access denied) comes
 * back on that second run as the key's context value `{ $providerError: <message>,
 * $dontSaveContext: true }` (never saved to cdk.context.json); CDK then reports the key missing
 * again and adds an error annotation to the stack, which reads as if cdk-nag had found
 * something. A first run, with keys missing but no error, is the CLI's normal lookup and is not
 * a failure. Pure: the context is read through the function passed in.
 */
import * as cxschema from 'aws-cdk-lib/cloud-assembly-schema';
import { PROVIDER_ERROR_KEY } from 'aws-cdk-lib/cx-api';
import { ENVIRONMENTS_SOURCE } from '../config/errors';
import { ZONES_FIELD, describeZonesCommand } from '../config/rules/zones';
import type { ResolvedEnvironment } from '../config/validate';

/** One sentence per context key that is still missing because its lookup failed. */
export function failedLookups(
  missing: readonly cxschema.MissingContext[], context: (key: string) => unknown, environments: readonly ResolvedEnvironment[],
): string[] {
  return missing.flatMap((m) => {
    const error = providerError(context(m.key));
    return error === undefined ? [] : [failedLookupSentence(m, error, environments)];
  });
}

/** The CLI's error message of a failed lookup, when the context value is one. */
function providerError(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const error = (value as Record<string, unknown>)[PROVIDER_ERROR_KEY];
  return error === undefined ? undefined : String(error).replace(/\s+/g, ' ').trim().replace(/\.$/, '');
}

function failedLookupSentence(m: cxschema.MissingContext, error: string, environments: readonly ResolvedEnvironment[]): string {
  const { account, region } = m.props as { account?: string; region?: string };
  const zones = m.provider === cxschema.ContextProvider.AVAILABILITY_ZONE_PROVIDER;
  const envs = environments.filter((e) => e.account === account && e.region === region && !(zones && e.availabilityZones));
  const who = envs.length === 0
    ? `A stack in account ${account}, region ${region},`
    : `${envs.length === 1 ? 'Environment' : 'Environments'} ${envs.map((e) => `"${e.name}"`).join(', ')} (account ${account}, region ${region})`;
  const [needs, its] = envs.length > 1 ? ['need', 'their'] : ['needs', 'its'];
  const withCredentials = `run cdk synth once with AWS credentials for account ${account} and commit the cdk.context.json it writes`;
  const lookupFailed = `which the CDK CLI could not look up (${error}), and cdk.context.json has no "${m.key}" entry`;
  if (zones) {
    const field = envs.length === 1 ? `${ZONES_FIELD} of "${envs[0].name}"` : ZONES_FIELD;
    return `${who} ${needs} ${its} availability zones, ${lookupFailed}: declare them as ${field} in ${ENVIRONMENTS_SOURCE} `
      + `(${describeZonesCommand(region ?? '<region>')} lists them), or ${withCredentials}.`;
  }
  if (m.provider === cxschema.ContextProvider.VPC_PROVIDER) {
    return `${who} ${needs} ${its} existing VPC (vpc.vpcId), ${lookupFailed}: ${withCredentials} (declared ${ZONES_FIELD} do not replace a VPC lookup).`;
  }
  return `${who} ${needs} context from the "${m.provider}" lookup, ${lookupFailed}: ${withCredentials}.`;
}
