import { Duration, Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/** `detail-type` of the events CloudTrail delivers to the default event bus for API calls. */
export const CLOUDTRAIL_API_CALL = 'AWS API Call via CloudTrail';

/**
 * EKS API calls that change who holds power in the cluster or how it is reached: new access
 * entries, access policies and changed entries (username, groups), and cluster configuration
 * (endpoint access, logging, authentication mode). Each names the cluster in
 * `requestParameters.name`, the `{name}` of its request path (as CloudTrail records
 * CreateAccessEntry, AssociateAccessPolicy and UpdateClusterConfig).
 * @see https://docs.aws.amazon.com/eks/latest/APIReference/API_Operations.html
 */
export const EKS_POWER_EVENTS = ['CreateAccessEntry', 'AssociateAccessPolicy', 'UpdateAccessEntry', 'UpdateClusterConfig'] as const;

/**
 * Lambda API calls that change what a function runs or who may invoke it. CloudTrail records
 * them with the API version appended (`UpdateFunctionCode20150331v2`,
 * `AddPermission20150331v2`), so the rule matches by prefix.
 */
export const LAMBDA_POWER_EVENT_PREFIXES = ['UpdateFunctionCode', 'UpdateFunctionConfiguration', 'AddPermission'] as const;

/** Kubernetes verbs that write one named ConfigMap (create carries the name in its body; the audit event's objectRef has it). */
export const AWS_AUTH_WRITE_VERBS = ['create', 'update', 'patch', 'delete'] as const;

/** CloudWatch namespace of the aws-auth write metric. */
export const ALARM_METRIC_NAMESPACE = 'eks-access';

/**
 * The EventBridge pattern of EKS power changes on one cluster.
 * @param clusterName the cluster's name (a token is fine)
 */
export function eksPowerChangePattern(clusterName: string): events.EventPattern {
  return {
    source: ['aws.eks'],
    detailType: [CLOUDTRAIL_API_CALL],
    detail: {
      eventSource: ['eks.amazonaws.com'],
      eventName: [...EKS_POWER_EVENTS],
      requestParameters: { name: [clusterName] },
    },
  };
}

/**
 * The EventBridge pattern of code, configuration and permission changes of the given functions.
 * CloudTrail records `requestParameters.functionName` as the caller sent it: the name, the
 * full or partial ARN (`arn:aws:lambda:REGION:ACCOUNT:function:NAME`, `ACCOUNT:function:NAME`),
 * either with a `:qualifier` (AddPermission on an alias or version). Each function is matched in
 * all of those forms.
 * @param functionNames function names (tokens are fine)
 */
export function lambdaPowerChangePattern(functionNames: readonly string[]): events.EventPattern {
  return {
    source: ['aws.lambda'],
    detailType: [CLOUDTRAIL_API_CALL],
    detail: {
      eventSource: ['lambda.amazonaws.com'],
      eventName: LAMBDA_POWER_EVENT_PREFIXES.map((p) => ({ prefix: p })),
      requestParameters: { functionName: functionNames.flatMap(functionNameForms) },
    },
  };
}

/** EventBridge's default quota on the size of a rule's event pattern, in characters. */
export const EVENT_PATTERN_QUOTA = 2048;

/** The longest Lambda function name; a name that is a token is counted at this length. */
const FUNCTION_NAME_MAX = 64;

/**
 * Splits function names into groups whose {@link lambdaPowerChangePattern} stays within
 * {@link EVENT_PATTERN_QUOTA} however long the names resolve to (a token counts as the longest
 * function name), in order; one rule per group. (One function's pattern is about 600
 * characters at the longest names, so every group fits.)
 */
export function functionRuleGroups(functionNames: readonly string[]): string[][] {
  // + 1: the rendered key `detail-type` is one character longer than `detailType`.
  const worstCase = (names: readonly string[]) => JSON.stringify(lambdaPowerChangePattern(
    names.map((n) => (Token.isUnresolved(n) ? 'x'.repeat(FUNCTION_NAME_MAX) : n)))).length + 1;
  const groups: string[][] = [];
  for (const name of functionNames) {
    const last = groups[groups.length - 1];
    if (last && worstCase([...last, name]) <= EVENT_PATTERN_QUOTA) last.push(name);
    else groups.push([name]);
  }
  return groups;
}

/** The forms in which a caller can name function `name` (see {@link lambdaPowerChangePattern}). */
function functionNameForms(name: string): unknown[] {
  return [name, { suffix: `:function:${name}` }, { prefix: `${name}:` }, { wildcard: `*:function:${name}:*` }];
}

/**
 * The Kubernetes username EKS gives a role's access entry when the entry sets none (the merge
 * handler's does not): its assumed-role ARN without the role's path, with the session name
 * templated. Lambda names the session after the function, so the pattern ends in `*`.
 * @see https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateAccessEntry.html (`username` in the response)
 */
export function accessEntryUsernamePattern(partition: string, account: string, roleName: string): string {
  return `arn:${partition}:sts::${account}:assumed-role/${roleName}/*`;
}

/**
 * The CloudWatch Logs filter pattern of writes to `kube-system/aws-auth` in a cluster's audit log
 * by anyone whose username does not match `exceptUsername`: create, update, patch and delete
 * of the ConfigMap, and deletecollection of kube-system's ConfigMaps (which deletes it without
 * naming it). One event per request: only the `ResponseComplete` stage. Attempts the API server
 * refused count too (someone tried).
 *
 * Every `&&`/`||` group is parenthesized, so the pattern does not depend on operator precedence.
 */
export function awsAuthWriteFilterPattern(exceptUsername: string): string {
  const verbs = AWS_AUTH_WRITE_VERBS.map((v) => `($.verb = "${v}")`).join(' || ');
  return '{ ($.stage = "ResponseComplete")'
    + ' && ($.objectRef.resource = "configmaps") && ($.objectRef.namespace = "kube-system")'
    + ` && ((($.objectRef.name = "aws-auth") && (${verbs})) || ($.verb = "deletecollection"))`
    + ` && ($.user.username != "${exceptUsername}") }`;
}

/** Props of {@link PowerChangeAlarms}. */
export interface PowerChangeAlarmsProps {
  /** The cluster whose access entries, configuration and audit log are watched. */
  readonly cluster: eks.ICluster;
  /**
   * The topic every rule and the alarm notify. Its policy must let `events.amazonaws.com` and
   * `cloudwatch.amazonaws.com` publish (an imported topic's policy is not changed here).
   */
  readonly topic: sns.ITopic;
  /**
   * Names of the functions whose code, configuration or permission changes notify the topic
   * (`functionName` of an `IFunction`, or the `Ref` of an `AWS::Lambda::Function`).
   */
  readonly functionNames: readonly string[];
  /**
   * The role of the aws-auth merge handler, whose access entry has no username: its writes of
   * aws-auth are expected, everyone else's alarm. It must have no IAM path (EKS drops the path
   * from the generated username, so the role name identifies it).
   */
  readonly awsAuthWriterRole: iam.IRole;
  /**
   * Period over which aws-auth writes are summed before the alarm compares them with 1.
   * @default Duration.minutes(5)
   */
  readonly period?: Duration;
}

/**
 * Notifications on changes of power over one cluster: EventBridge rules on the CloudTrail
 * management events that reach the default event bus of the stack's region (no trail needed)
 * for EKS access and cluster changes and for the app's functions, and a metric filter with an
 * alarm on the cluster's audit log for aws-auth writes by anyone but the merge handler. The
 * audit log group `/aws/eks/<cluster>/cluster` is EKS's; audit logging must be on for the
 * cluster and the log group must exist before this construct is deployed.
 */
export class PowerChangeAlarms extends Construct {
  /** The rule on EKS access and cluster configuration changes. */
  readonly eksRule: events.Rule;
  /**
   * The rules on the functions' code, configuration and permission changes: as many as keep
   * each event pattern within EventBridge's default size quota ({@link functionRuleGroups}).
   */
  readonly lambdaRules: events.Rule[];
  /** The metric filter on aws-auth writes by others. */
  readonly awsAuthWrites: logs.MetricFilter;
  /** The alarm on that metric. */
  readonly awsAuthAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: PowerChangeAlarmsProps) {
    super(scope, id);
    const { cluster, topic } = props;
    const target = new targets.SnsTopic(topic);

    this.eksRule = new events.Rule(this, 'EksAccessChanges', {
      description: `eks-access: access entries, access policies and cluster configuration of ${cluster.clusterName} changed`,
      eventPattern: eksPowerChangePattern(cluster.clusterName),
      targets: [target],
    });
    this.lambdaRules = functionRuleGroups(props.functionNames).map((names, i) =>
      new events.Rule(this, i === 0 ? 'FunctionChanges' : `FunctionChanges${i + 1}`, {
        description: `eks-access: code, configuration or permissions of a function of ${cluster.clusterName} changed`,
        eventPattern: lambdaPowerChangePattern(names),
        targets: [target],
      }));

    const stack = Stack.of(this);
    const handlerUsername = accessEntryUsernamePattern(stack.partition, stack.account, props.awsAuthWriterRole.roleName);
    const logGroup = logs.LogGroup.fromLogGroupName(this, 'AuditLog', `/aws/eks/${cluster.clusterName}/cluster`);
    this.awsAuthWrites = new logs.MetricFilter(this, 'AwsAuthWrites', {
      logGroup,
      filterPattern: logs.FilterPattern.literal(awsAuthWriteFilterPattern(handlerUsername)),
      metricNamespace: ALARM_METRIC_NAMESPACE,
      metricName: `AwsAuthWritesByOthers-${cluster.clusterName}`,
      metricValue: '1',
    });
    this.awsAuthAlarm = this.awsAuthWrites.metric({ statistic: cloudwatch.Stats.SUM, period: props.period ?? Duration.minutes(5) })
      .createAlarm(this, 'AwsAuthWritesAlarm', {
        alarmDescription: `eks-access: kube-system/aws-auth of ${cluster.clusterName} was written by someone other than the merge handler (see the cluster's audit log)`,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    this.awsAuthAlarm.addAlarmAction(new cwActions.SnsAction(topic));
  }
}
