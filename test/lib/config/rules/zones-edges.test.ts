/**
 * The edges of the zone rules: zone ids told from zone names exactly, values of the wrong type,
 * a malformed region or VPC (reported under their own fields) and the committed-list comparison.
 */
import { committedZonesProblems, describeZonesCommand, zonesProblems } from '../../../../lib/config/rules/zones';
import type { EnvironmentConfig } from '../../../../lib/config/types';
import { envConfig } from '../../../config-fixtures';

const COMMAND = 'aws ec2 describe-availability-zones --region eu-west-1 --query "AvailabilityZones[?State==\'available\'].ZoneName"';
const EXAMPLE = `for example ["eu-west-1a", "eu-west-1b", "eu-west-1c"]; ${COMMAND} lists yours`;
const NOT_A_NAME = `is not an availability zone name of the environment's region eu-west-1 (the region followed by one letter), ${EXAMPLE}`;
const ZONE_ID = `is a zone id, not a zone name; list zone names (what subnets take), ${EXAMPLE}`;

/** The messages for one declared zone next to two valid ones. */
function messagesFor(zone: unknown, overrides: Partial<EnvironmentConfig> = {}): string[] {
  return zonesProblems(envConfig({ ...overrides, availabilityZones: ['eu-west-1a', 'eu-west-1b', zone] as string[] })).map((p) => `${p.field}: ${p.message}`);
}

test('the command that lists zone names, region filled in', () => {
  expect(describeZonesCommand('eu-west-1')).toBe(COMMAND);
});

test.each([
  ['euw1-az1', ZONE_ID],
  ['use12-az1', ZONE_ID],
  ['use1-az12', ZONE_ID],
  ['1euw1-az1', NOT_A_NAME],
  ['euw1-az1x', NOT_A_NAME],
  ['euw123-az1', NOT_A_NAME],
  ['euw1-az123', NOT_A_NAME],
  ['eu-west-11', NOT_A_NAME],
  ['eu-west-1', NOT_A_NAME],
  ['eu-west-1ab', NOT_A_NAME],
  [['euw1-az1'], NOT_A_NAME],
  [5, NOT_A_NAME],
])('%p: %s', (zone, message) => {
  expect(messagesFor(zone)).toEqual([`availabilityZones[2]: ${message}`]);
});

test('a region that is not a string (reported under region) shows a placeholder in the example', () => {
  const problems = zonesProblems(envConfig({ region: 42 as unknown as string, availabilityZones: [] }));
  expect(problems.map((p) => p.message)).toEqual([
    'must be a list of the account\'s availability zone names in <region>, for example ["<region>a", "<region>b", "<region>c"]; '
      + 'aws ec2 describe-availability-zones --region <region> --query "AvailabilityZones[?State==\'available\'].ZoneName" lists yours',
  ]);
});

test.each([
  ['missing', undefined],
  ['null', null],
  ['a string', 'vpcId'],
])('a vpc that is %s (reported under vpc): zones are checked against the default maxAzs', (_label, vpc) => {
  const env = envConfig({ vpc: vpc as unknown as EnvironmentConfig['vpc'], availabilityZones: ['eu-west-1a'] });
  expect(zonesProblems(env).map((p) => p.message)).toEqual([
    'lists 1 zone(s), but the new VPC spreads its subnets over vpc.maxAzs = 2 zones (the first 2 of this list); list at least 2, or lower vpc.maxAzs',
  ]);
});

test('a declared list longer than the recorded one differs from it', () => {
  expect(committedZonesProblems(['eu-west-1a', 'eu-west-1b'], 'k', ['eu-west-1a'])).toHaveLength(1);
  expect(committedZonesProblems(['eu-west-1a'], 'k', ['eu-west-1a', 'eu-west-1b'])).toHaveLength(1);
  expect(committedZonesProblems(['eu-west-1a'], 'k', ['eu-west-1a'])).toEqual([]);
});
