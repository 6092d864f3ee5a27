import { ConfigValidationError, formatProblem } from '../../../../lib/config/errors';
import type { EnvironmentConfig } from '../../../../lib/config/types';
import { validateEnvironment } from '../../../../lib/config/validate';
import { alarmsProblems } from '../../../../lib/config/rules/alarms';
import { ACCOUNT, REGION, envConfig } from '../../../config-fixtures';

const TOPIC = `arn:aws:sns:${REGION}:${ACCOUNT}:eks-access-alarms`;

/** The problems validation reports for `env`, formatted as synth prints them; [] when it passes. */
function problems(env: EnvironmentConfig): string[] {
  try {
    validateEnvironment(env);
    return [];
  } catch (e) {
    if (!(e instanceof ConfigValidationError)) throw e;
    return e.problems.map(formatProblem);
  }
}

const withAlarms = (alarms: unknown, overrides: Partial<EnvironmentConfig> = {}) =>
  envConfig({ ...overrides, alarms: alarms as EnvironmentConfig['alarms'] });

describe('accepted', () => {
  test('no alarms (the default): nothing to check', () => {
    expect(problems(envConfig())).toEqual([]);
  });
  test('a standard topic of the environment', () => {
    expect(problems(withAlarms({ topicArn: TOPIC }))).toEqual([]);
    expect(validateEnvironment(withAlarms({ topicArn: TOPIC })).alarms).toEqual({ topicArn: TOPIC });
  });
  test('a topic in another partition, for an environment there', () => {
    const topicArn = `arn:aws-cn:sns:cn-north-1:${ACCOUNT}:alarms_1`;
    const chinaEnv = { region: 'cn-north-1', serviceAccounts: [] };
    expect(problems(withAlarms({ topicArn }, chinaEnv))).toEqual([]);
    expect(problems(withAlarms({ topicArn: TOPIC }, chinaEnv))).toEqual([
      '[test] alarms.topicArn = "arn:aws:sns:eu-west-1:123456789012:eks-access-alarms": is in partition "aws" but the environment\'s region cn-north-1 is in "aws-cn"; use a topic of the environment\'s partition and region',
    ]);
  });
});

describe('refused', () => {
  test.each<[string, unknown, Partial<EnvironmentConfig>, string[]]>([
    ['alarms that is not an object', 'arn:aws:sns:eu-west-1:123456789012:x', {}, [
      '[test] alarms = "arn:aws:sns:eu-west-1:123456789012:x": must be { topicArn: "arn:aws:sns:eu-west-1:123456789012:eks-access-alarms" } to notify a topic of power changes, or absent for no alarms',
    ]],
    ['a missing topicArn', {}, {}, [
      '[test] alarms.topicArn = (missing): must be the ARN of an SNS topic, for example "arn:aws:sns:eu-west-1:123456789012:eks-access-alarms"',
    ]],
    ['the ARN of something else', { topicArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:alarms` }, {}, [
      '[test] alarms.topicArn = "arn:aws:sqs:eu-west-1:123456789012:alarms": must be the ARN of an SNS topic, for example "arn:aws:sns:eu-west-1:123456789012:eks-access-alarms"',
    ]],
    ['a topic name with a space', { topicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:my alarms` }, {}, [
      '[test] alarms.topicArn = "arn:aws:sns:eu-west-1:123456789012:my alarms": must be the ARN of an SNS topic, for example "arn:aws:sns:eu-west-1:123456789012:eks-access-alarms"',
    ]],
    ['a topic of another region', { topicArn: `arn:aws:sns:us-east-1:${ACCOUNT}:alarms` }, {}, [
      '[test] alarms.topicArn = "arn:aws:sns:us-east-1:123456789012:alarms": is in region "us-east-1" but the environment is in "eu-west-1": EventBridge rules and CloudWatch alarms notify a topic of their own region; create the topic in eu-west-1',
    ]],
    ['a topic of another account', { topicArn: `arn:aws:sns:${REGION}:210987654321:alarms` }, {}, [
      '[test] alarms.topicArn = "arn:aws:sns:eu-west-1:210987654321:alarms": is in account "210987654321" but the environment\'s account is "123456789012": the alarms publish to a topic of the account they are deployed to; create the topic there (it can forward to another account\'s subscribers)',
    ]],
    ['a topic of another partition', { topicArn: `arn:aws-us-gov:sns:us-gov-west-1:${ACCOUNT}:alarms` }, {}, [
      '[test] alarms.topicArn = "arn:aws-us-gov:sns:us-gov-west-1:123456789012:alarms": is in partition "aws-us-gov" but the environment\'s region eu-west-1 is in "aws"; use a topic of the environment\'s partition and region',
    ]],
    ['text before the ARN', { topicArn: `x${TOPIC}` }, {}, [
      '[test] alarms.topicArn = "xarn:aws:sns:eu-west-1:123456789012:eks-access-alarms": must be the ARN of an SNS topic, for example "arn:aws:sns:eu-west-1:123456789012:eks-access-alarms"',
    ]],
    ['a FIFO topic', { topicArn: `${TOPIC}.fifo` }, {}, [
      '[test] alarms.topicArn = "arn:aws:sns:eu-west-1:123456789012:eks-access-alarms.fifo": is a FIFO topic, which needs a message group id that neither the EventBridge rules nor CloudWatch alarm actions send; use a standard topic',
    ]],
    ['wrong region and account at once', { topicArn: 'arn:aws:sns:us-east-1:210987654321:alarms' }, {}, [
      '[test] alarms.topicArn = "arn:aws:sns:us-east-1:210987654321:alarms": is in region "us-east-1" but the environment is in "eu-west-1": EventBridge rules and CloudWatch alarms notify a topic of their own region; create the topic in eu-west-1',
      '[test] alarms.topicArn = "arn:aws:sns:us-east-1:210987654321:alarms": is in account "210987654321" but the environment\'s account is "123456789012": the alarms publish to a topic of the account they are deployed to; create the topic there (it can forward to another account\'s subscribers)',
    ]],
  ])('%s', (_what, alarms, overrides, expected) => {
    expect(problems(withAlarms(alarms, overrides))).toEqual(expected);
  });
});

test('with an invalid region and account (reported under their own fields), the example still shows a well-formed topic ARN', () => {
  const env = envConfig({ region: 'nowhere', account: '12345', alarms: {} as EnvironmentConfig['alarms'] });
  expect(alarmsProblems(env, 'aws')).toEqual([{
    field: 'alarms.topicArn', value: undefined,
    message: 'must be the ARN of an SNS topic, for example "arn:aws:sns:eu-west-1:111122223333:eks-access-alarms"',
  }]);
});
