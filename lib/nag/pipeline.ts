import { Stack, Token } from 'aws-cdk-lib';
import type { CfnElement } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as pipelines from 'aws-cdk-lib/pipelines';
import type { IConstruct } from 'constructs';
import { acknowledge } from './cluster';

/*
 * cdk-nag acknowledgements of the delivery stacks. Almost all of them are IAM5 findings on
 * policies that aws-cdk-lib/pipelines writes itself (artifact-bucket grants, CodeBuild logs,
 * self-mutation); each id below names the exact action group or resource, so a new wildcard
 * anywhere else still fails synth.
 */

/** `AwsSolutions-IAM5[Action::...]` */
const action = (a: string) => `AwsSolutions-IAM5[Action::${a}]`;
/** `AwsSolutions-IAM5[Resource::...]` */
const resource = (r: string) => `AwsSolutions-IAM5[Resource::${r}]`;

/** The `<LogicalId>` (or `<LogicalId.Attr>`) form cdk-nag uses for a resource of this stack. */
function ref(scope: IConstruct, attribute?: string): string {
  const stack = Stack.of(scope);
  const logicalId = stack.resolve(stack.getLogicalId(scope as CfnElement)) as string;
  return `<${logicalId}${attribute ? `.${attribute}` : ''}>`;
}

/**
 * The partition as cdk-nag prints it: a literal when the flag `@aws-cdk/core:enablePartitionLiterals`
 * resolved it from the stack's region (as under the CDK CLI), `<AWS::Partition>` otherwise.
 */
function partitionOf(stack: Stack): string {
  return Token.isUnresolved(stack.partition) ? '<AWS::Partition>' : stack.partition;
}

/** Action groups of aws-cdk-lib's bucket and key grants (grantRead / grantReadWrite / encrypt). */
const ARTIFACT_GRANT_ACTIONS = ['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'];

/**
 * Acknowledges the findings of the pipeline stack and its cross-region support stacks. The verify
 * roles' own statements name exact ARNs; they only share the artifact and CodeBuild grants below.
 */
export function acknowledgePipelineFindings(stack: Stack, pipeline: pipelines.CodePipeline): void {
  const cp = pipeline.pipeline;
  const artifactBucket = cp.artifactBucket.node.defaultChild;
  const support = Object.values(cp.crossRegionSupport);
  const buckets = [
    ...(artifactBucket ? [resource(`${ref(artifactBucket, 'Arn')}/*`)] : []),
    ...support.map((s) => resource(`arn:${partitionOf(stack)}:s3:::${stack.resolve(s.replicationBucket.bucketName)}/*`)),
  ];

  // Every role of the stack reads or writes pipeline artifacts through aws-cdk-lib's grants.
  const roles = stack.node.findAll().filter((c): c is iam.Role => c instanceof iam.Role);
  for (const role of roles) {
    acknowledge(role, [...ARTIFACT_GRANT_ACTIONS.map(action), ...buckets],
      'CDK Pipelines grants this role access to the objects of the pipeline\'s own artifact bucket (and its cross-region replication buckets) and use of their KMS keys; the wildcards are aws-cdk-lib\'s grant action groups and object keys inside those buckets only.');
  }

  // Each generated CodeBuild project writes its own log group and report groups.
  for (const project of pipeline.node.findAll().filter((c): c is codebuild.Project => c instanceof codebuild.Project)) {
    const name = ref(project.node.defaultChild as CfnElement);
    const where = project.role ?? project;
    acknowledge(where, [
      resource(`arn:${partitionOf(stack)}:logs:${stack.region}:${stack.account}:log-group:/aws/codebuild/${name}:*`),
      resource(`arn:${partitionOf(stack)}:codebuild:${stack.region}:${stack.account}:report-group/${name}-*`),
    ], `CodeBuild project ${project.node.path} writes only its own log streams (/aws/codebuild/<project>:*) and report groups named after the project.`);
  }

  acknowledge(pipeline.selfMutationProject, [resource('*'), resource(`arn:*:iam::${stack.account}:role/*`)],
    'Self-mutation runs `cdk deploy` of this stack: it may assume only roles tagged aws-cdk:bootstrap-role = deploy, file-publishing or image-publishing (IAM condition on role/*), and it describes stacks / lists buckets to find the bootstrap stack, whose names are not known at synth.');

  const assets = pipeline.node.tryFindChild('Assets');
  if (assets) {
    acknowledge(assets, [
      resource('*'),
      resource(`arn:${partitionOf(stack)}:logs:${stack.region}:${stack.account}:log-group:/aws/codebuild/*`),
      resource(`arn:${partitionOf(stack)}:codebuild:${stack.region}:${stack.account}:report-group/*`),
    ], 'The asset-publishing role is shared by the publishing projects CDK Pipelines generates (one per asset, named by CloudFormation) and is the action role that starts them, so aws-cdk-lib scopes its StartBuild/BatchGetBuilds, log groups and report groups to this account\'s CodeBuild.');
  }

  if (support.length > 0) {
    acknowledge(cp.role, [resource('*')],
      'The KMS keys of the cross-region replication buckets live in the support stacks of other regions; aws-cdk-lib cannot reference their ARNs across regions, and each key\'s policy admits only this pipeline\'s roles.');
  }
  const noAccessLogs = 'Pipeline artifact buckets hold only transient build artifacts, are KMS-encrypted, block public access and enforce TLS; reads and writes are by the pipeline\'s own roles, audited through CloudTrail and KMS events; server access logs would add a logging bucket with no consumer.';
  acknowledge(cp.artifactBucket, ['AwsSolutions-S1'], noAccessLogs);
  for (const s of support) acknowledge(s.replicationBucket, ['AwsSolutions-S1'], noAccessLogs);
}

/** The diff role reads the environment's stacks by name prefix. */
export function acknowledgeCiDiffFindings(role: iam.IRole, env: string): void {
  const stack = Stack.of(role);
  acknowledge(role, [resource(`arn:${partitionOf(stack)}:cloudformation:${stack.region}:${stack.account}:stack/${env}-*/*`)],
    `The pull-request diff role reads (DescribeStacks, GetTemplate, ListStackResources) only environment ${env}'s stacks, all named "${env}-<Stack>"; the trailing /* is the stack id CloudFormation appends.`);
}

/** The termination protector updates and reads termination protection of the named stacks only. */
export function acknowledgeTerminationProtectorFindings(role: iam.IRole, stackNames: readonly string[]): void {
  const stack = Stack.of(role);
  acknowledge(role, stackNames.map((name) => resource(`arn:${partitionOf(stack)}:cloudformation:${stack.region}:${stack.account}:stack/${name}/*`)),
    `The termination protector may only turn on and read termination protection (UpdateTerminationProtection, DescribeStacks) of the stacks ${stackNames.join(', ')}, each named exactly; the trailing /* is the stack id CloudFormation appends.`);
}
