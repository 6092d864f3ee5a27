import { committedZonesProblems, describeZonesCommand } from '../../../../lib/config/rules/zones';
import type { EnvironmentConfig } from '../../../../lib/config/types';
import { validateEnvironment } from '../../../../lib/config/validate';
import { envConfig } from '../../../config-fixtures';
import { problemLines } from '../problem-lines';

/** Validation accepts `env`. */
const accepted = (env: EnvironmentConfig) => expect(() => validateEnvironment(env)).not.toThrow();

const withZones = (zones: unknown, overrides: Partial<EnvironmentConfig> = {}) =>
  envConfig({ ...overrides, availabilityZones: zones as string[] });

const EXAMPLE = `for example ["eu-west-1a", "eu-west-1b", "eu-west-1c"]; ${describeZonesCommand('eu-west-1')} lists yours`;
const KEY = 'availability-zones:account=123456789012:region=eu-west-1';

describe('accepted', () => {
  test('no zones (the default): nothing to check, the CDK looks them up', () => {
    accepted(envConfig());
    expect(validateEnvironment(envConfig()).availabilityZones).toBeUndefined();
  });
  test('zone names of the region, at least maxAzs of them, kept as declared', () => {
    const zones = ['eu-west-1b', 'eu-west-1a', 'eu-west-1c'];
    accepted(withZones(zones, { vpc: { cidr: '10.0.0.0/16', maxAzs: 3 } }));
    expect(validateEnvironment(withZones(zones)).availabilityZones).toEqual(zones);
  });
  test('as many zones as the default maxAzs (2)', () => {
    accepted(withZones(['eu-west-1a', 'eu-west-1b']));
  });
  test('the zones of another partition\'s region', () => {
    accepted(withZones(['cn-north-1a', 'cn-north-1b'], { region: 'cn-north-1', serviceAccounts: [] }));
  });
});

describe('refused', () => {
  test.each<[string, unknown, Partial<EnvironmentConfig>, string[]]>([
    ['zone ids instead of names', ['euw1-az1', 'euw1-az2'], {}, [
      `[test] availabilityZones[0] = "euw1-az1": is a zone id, not a zone name; list zone names (what subnets take), ${EXAMPLE}`,
      `[test] availabilityZones[1] = "euw1-az2": is a zone id, not a zone name; list zone names (what subnets take), ${EXAMPLE}`,
    ]],
    ['a zone of another region', ['eu-west-1a', 'eu-west-2b'], {}, [
      `[test] availabilityZones[1] = "eu-west-2b": is not an availability zone name of the environment's region eu-west-1 (the region followed by one letter), ${EXAMPLE}`,
    ]],
    ['a Local Zone or a typo', ['eu-west-1a', 'eu-west-1-lhr-1a', 'eu-west-1'], {}, [
      `[test] availabilityZones[1] = "eu-west-1-lhr-1a": is not an availability zone name of the environment's region eu-west-1 (the region followed by one letter), ${EXAMPLE}`,
      `[test] availabilityZones[2] = "eu-west-1": is not an availability zone name of the environment's region eu-west-1 (the region followed by one letter), ${EXAMPLE}`,
    ]],
    ['a zone listed twice', ['eu-west-1a', 'eu-west-1b', 'eu-west-1a'], {}, [
      '[test] availabilityZones[2] = "eu-west-1a": is listed twice; list each zone once',
    ]],
    ['fewer zones than maxAzs', ['eu-west-1a', 'eu-west-1b'], { vpc: { cidr: '10.0.0.0/16', maxAzs: 3 } }, [
      '[test] availabilityZones = ["eu-west-1a","eu-west-1b"]: lists 2 zone(s), but the new VPC spreads its subnets over vpc.maxAzs = 3 zones (the first 3 of this list); list at least 3, or lower vpc.maxAzs',
    ]],
    ['fewer zones than the default maxAzs', ['eu-west-1a'], {}, [
      '[test] availabilityZones = ["eu-west-1a"]: lists 1 zone(s), but the new VPC spreads its subnets over vpc.maxAzs = 2 zones (the first 2 of this list); list at least 2, or lower vpc.maxAzs',
    ]],
    ['an empty list', [], {}, [
      `[test] availabilityZones = []: must be a list of the account's availability zone names in eu-west-1, ${EXAMPLE}`,
    ]],
    ['a string instead of a list', 'eu-west-1a', {}, [
      `[test] availabilityZones = "eu-west-1a": must be a list of the account's availability zone names in eu-west-1, ${EXAMPLE}`,
    ]],
    ['zones with an existing VPC', ['eu-west-1a', 'eu-west-1b'], { vpc: { vpcId: 'vpc-0123456789abcdef0' } }, [
      '[test] availabilityZones = ["eu-west-1a","eu-west-1b"]: has no effect with an existing VPC (vpc.vpcId): the VPC lookup supplies its subnets and their zones, and that lookup needs its "vpc-provider:..." entry in cdk.context.json (run cdk synth once with credentials for the account and commit cdk.context.json); remove availabilityZones',
    ]],
  ])('%s', (_name, zones, overrides, expected) => {
    expect(problemLines(withZones(zones, overrides))).toEqual(expected);
  });
});

describe('declared zones against cdk.context.json', () => {
  const recorded = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];
  test('compliant: nothing recorded (never looked up), or exactly the recorded list', () => {
    expect(committedZonesProblems(recorded, KEY, undefined)).toEqual([]);
    expect(committedZonesProblems(recorded, KEY, [...recorded])).toEqual([]);
  });
  test('compliant: a failed lookup the CLI passes (transient, never saved) records no zones', () => {
    expect(committedZonesProblems(recorded, KEY, { $providerError: 'no credentials', $dontSaveContext: true })).toEqual([]);
  });
  test.each<[string, string[]]>([
    ['another order', ['eu-west-1b', 'eu-west-1a', 'eu-west-1c']],
    ['a prefix of the recorded list', ['eu-west-1a', 'eu-west-1b']],
    ['another zone', ['eu-west-1a', 'eu-west-1b', 'eu-west-1d']],
  ])('non-compliant: %s names the field, both lists, the key and both fixes', (_name, declared) => {
    expect(committedZonesProblems(declared, KEY, recorded)).toEqual([{
      field: 'availabilityZones', value: declared,
      message: `differs from ["eu-west-1a","eu-west-1b","eu-west-1c"], the zones cdk.context.json records under "${KEY}" and a deployed VPC of this environment was built from; `
        + 'another list or order moves subnets to other zones, which replaces them and the node groups in them: declare exactly ["eu-west-1a","eu-west-1b","eu-west-1c"], '
        + `or, if this environment was never deployed, delete the "${KEY}" entry from cdk.context.json`,
    }]);
  });
});
