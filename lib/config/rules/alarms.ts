/**
 * Config rule for `alarms`: absent (no alarms), or an SNS topic ARN in the environment's own
 * partition, region and account. EventBridge rules and CloudWatch alarms notify a topic of
 * their own region, and the app's stacks publish to a topic of the account they deploy to.
 */
import { isAccountId } from '../../../lambda/aws-auth/core/arn';
import { AWS_REGION } from '../names';
import type { EnvironmentConfig } from '../types';

/** One problem: the field below the environment, the value, what is wrong and the fix. */
export interface AlarmsProblem {
  readonly field: string;
  readonly value: unknown;
  readonly message: string;
}

/** `arn:PARTITION:sns:REGION:ACCOUNT:TOPIC` (a standard topic name: letters, digits, `-`, `_`; FIFO topics end in `.fifo`). */
const SNS_TOPIC_ARN = /^arn:([a-z-]+):sns:([a-z0-9-]+):(\d{12}):([A-Za-z0-9_-]{1,256}(\.fifo)?)$/;

/** Every problem of `env.alarms`; `partition` is the environment's (from its region). */
export function alarmsProblems(env: EnvironmentConfig, partition: string): AlarmsProblem[] {
  const alarms = (env as { alarms?: unknown }).alarms;
  if (alarms === undefined) return [];
  const example = `arn:${partition}:sns:${AWS_REGION.test(env.region) ? env.region : 'eu-west-1'}:${isAccountId(env.account) ? env.account : '111122223333'}:eks-access-alarms`;
  if (!alarms || typeof alarms !== 'object' || Array.isArray(alarms)) {
    return [{ field: 'alarms', value: alarms, message: `must be { topicArn: "${example}" } to notify a topic of power changes, or absent for no alarms` }];
  }
  const topicArn = (alarms as { topicArn?: unknown }).topicArn;
  const field = 'alarms.topicArn';
  const m = typeof topicArn === 'string' ? SNS_TOPIC_ARN.exec(topicArn) : null;
  if (!m) return [{ field, value: topicArn, message: `must be the ARN of an SNS topic, for example "${example}"` }];
  const [, arnPartition, region, account, , fifo] = m;
  const problems: AlarmsProblem[] = [];
  if (arnPartition !== partition) {
    problems.push({ field, value: topicArn, message: `is in partition "${arnPartition}" but the environment's region ${env.region} is in "${partition}"; use a topic of the environment's partition and region` });
  } else if (AWS_REGION.test(env.region) && region !== env.region) {
    problems.push({ field, value: topicArn, message: `is in region "${region}" but the environment is in "${env.region}": EventBridge rules and CloudWatch alarms notify a topic of their own region; create the topic in ${env.region}` });
  }
  if (isAccountId(env.account) && account !== env.account) {
    problems.push({ field, value: topicArn, message: `is in account "${account}" but the environment's account is "${env.account}": the alarms publish to a topic of the account they are deployed to; create the topic there (it can forward to another account's subscribers)` });
  }
  if (fifo) {
    problems.push({ field, value: topicArn, message: 'is a FIFO topic, which needs a message group id that neither the EventBridge rules nor CloudWatch alarm actions send; use a standard topic' });
  }
  return problems;
}
