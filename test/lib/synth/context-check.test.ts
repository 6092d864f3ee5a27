import type * as cxschema from 'aws-cdk-lib/cloud-assembly-schema';
import { validateEnvironments } from '../../../lib/config/validate';
import { failedLookups } from '../../../lib/synth/context-check';
import { ACCOUNT, REGION, envConfig } from '../../util';

const AZ_KEY = `availability-zones:account=${ACCOUNT}:region=${REGION}`;
const VPC_KEY = `vpc-provider:account=${ACCOUNT}:filter.vpc-id=vpc-0123456789abcdef0:region=${REGION}:returnAsymmetricSubnets=true`;
const NO_CREDENTIALS = `Need to perform AWS calls for account ${ACCOUNT}, but no credentials have been configured`;
/** The value the CDK CLI passes for a key whose lookup failed (toolkit-lib context-providers). */
const failed = (message: string) => ({ $providerError: message, $dontSaveContext: true });

const missing = (key: string, provider: string, account = ACCOUNT, region = REGION): cxschema.MissingContext =>
  ({ key, provider, props: { account, region, lookupRoleArn: `arn:aws:iam::${account}:role/cdk-hnb659fds-lookup-role-${account}-${region}` } } as unknown as cxschema.MissingContext);

const [dev] = validateEnvironments([envConfig({ name: 'dev' })]);
const ZONES_COMMAND = `aws ec2 describe-availability-zones --region ${REGION} --query "AvailabilityZones[?State=='available'].ZoneName"`;

describe('failedLookups', () => {
  test('a first run that only reports missing context is the CLI\'s normal lookup: no failure', () => {
    expect(failedLookups([missing(AZ_KEY, 'availability-zones')], () => undefined, [dev])).toEqual([]);
  });

  test('a complete assembly: no failure', () => {
    expect(failedLookups([], () => failed(NO_CREDENTIALS), [dev])).toEqual([]);
  });

  test('failed zones lookup: one sentence with the environment, the key and both fixes', () => {
    const context = { [AZ_KEY]: failed(`${NO_CREDENTIALS}.\n`) } as Record<string, unknown>;
    expect(failedLookups([missing(AZ_KEY, 'availability-zones')], (k) => context[k], [dev])).toEqual([
      `Environment "dev" (account ${ACCOUNT}, region ${REGION}) needs its availability zones, which the CDK CLI could not look up (${NO_CREDENTIALS}), `
      + `and cdk.context.json has no "${AZ_KEY}" entry: declare them as availabilityZones of "dev" in lib/config/environments.ts (${ZONES_COMMAND} lists them), `
      + `or run cdk synth once with AWS credentials for account ${ACCOUNT} and commit the cdk.context.json it writes.`,
    ]);
  });

  test('environments sharing the account and region are named together; one with declared zones is not', () => {
    const envs = validateEnvironments([
      envConfig({ name: 'dev' }), envConfig({ name: 'qa', clusterName: 'qa' }),
      envConfig({ name: 'demo', clusterName: 'demo', availabilityZones: ['eu-west-1a', 'eu-west-1b'] }),
      envConfig({ name: 'other', clusterName: 'other', account: '210987654321' }),
    ]);
    const [sentence] = failedLookups([missing(AZ_KEY, 'availability-zones')], () => failed('AccessDenied'), envs);
    expect(sentence).toMatch(/^Environments "dev", "qa" \(account 123456789012, region eu-west-1\) need their availability zones, which the CDK CLI could not look up \(AccessDenied\), .*: declare them as availabilityZones in lib\/config\/environments\.ts /);
  });

  test('failed VPC lookup of an existing VPC: only the credentials fix, and why zones do not help', () => {
    const [existing] = validateEnvironments([envConfig({ name: 'dev', vpc: { vpcId: 'vpc-0123456789abcdef0' } })]);
    expect(failedLookups([missing(VPC_KEY, 'vpc-provider')], () => failed(NO_CREDENTIALS), [existing])).toEqual([
      `Environment "dev" (account ${ACCOUNT}, region ${REGION}) needs its existing VPC (vpc.vpcId), which the CDK CLI could not look up (${NO_CREDENTIALS}), `
      + `and cdk.context.json has no "${VPC_KEY}" entry: run cdk synth once with AWS credentials for account ${ACCOUNT} and commit the cdk.context.json it writes `
      + '(declared availabilityZones do not replace a VPC lookup).',
    ]);
  });

  test('a failed lookup in an account of no environment still names account, region, provider and key', () => {
    const key = 'ssm:account=444444444444:parameterName=/x:region=eu-central-1';
    expect(failedLookups([missing(key, 'ssm', '444444444444', 'eu-central-1')], () => failed('boom'), [dev])).toEqual([
      `A stack in account 444444444444, region eu-central-1, needs context from the "ssm" lookup, which the CDK CLI could not look up (boom), and cdk.context.json has no "${key}" entry: `
      + 'run cdk synth once with AWS credentials for account 444444444444 and commit the cdk.context.json it writes.',
    ]);
  });
});
