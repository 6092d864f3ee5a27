import { CfnResource, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import type * as eks from 'aws-cdk-lib/aws-eks-v2';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import type { AlarmsConfig } from '../config/types';
import { PowerChangeAlarms } from '../constructs/power-change-alarms';

/**
 * The names (`Ref`) of every `AWS::Lambda::Function` the given stacks define: `lambda.Function`s
 * (the aws-auth handler, the Provider frameworks, the kubectl handler) and the functions of
 * CDK's singleton custom-resource providers alike, so a function added to a stack later is
 * covered without being listed here.
 */
export function functionNamesOf(stacks: readonly Stack[]): string[] {
  return stacks.flatMap((stack) => stack.node.findAll())
    .filter((c): c is CfnResource => CfnResource.isCfnResource(c) && c.cfnResourceType === 'AWS::Lambda::Function')
    .map((fn) => fn.ref);
}

/** Props of {@link AlarmsStack}. */
export interface AlarmsStackProps extends StackProps {
  /** Where the alarms go (the environment's validated `alarms`). */
  readonly alarms: AlarmsConfig;
  /** The cluster. */
  readonly cluster: eks.ICluster;
  /** The aws-auth merge handler: writes of aws-auth by its role do not alarm. */
  readonly awsAuthHandler: lambda.IFunction;
  /**
   * The environment's stacks whose functions are watched. Their function names come in as
   * cross-stack references, so this stack deploys after them; none of them refers to this one.
   */
  readonly functionStacks: readonly Stack[];
}

/**
 * `<env>/Alarms`: notifications to the configured SNS topic on changes of power over the
 * environment's cluster (see {@link PowerChangeAlarms}). In the environment's region, whose
 * default event bus receives the CloudTrail management events of EKS and Lambda there.
 */
export class AlarmsStack extends Stack {
  /** The alarms. */
  readonly powerChanges: PowerChangeAlarms;

  constructor(scope: Construct, id: string, props: AlarmsStackProps) {
    super(scope, id, props);
    const awsAuthWriterRole = props.awsAuthHandler.role;
    if (!awsAuthWriterRole) throw new Error(`${this.node.path}: the aws-auth handler ${props.awsAuthHandler.node.path} has no role to tell its aws-auth writes from others'; pass the handler function itself, not an imported one`);
    const topic = sns.Topic.fromTopicArn(this, 'Topic', props.alarms.topicArn);
    this.powerChanges = new PowerChangeAlarms(this, 'PowerChanges', {
      cluster: props.cluster,
      topic,
      functionNames: functionNamesOf(props.functionStacks),
      awsAuthWriterRole,
    });
  }
}
