import { Arn, ArnFormat, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as codecommit from 'aws-cdk-lib/aws-codecommit';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as pipelines from 'aws-cdk-lib/pipelines';
import type { Construct } from 'constructs';
import type { ResolvedPipeline, ResolvedPipelineEnvironment } from '../config/pipeline';
import { acknowledgePipelineFindings } from '../nag/pipeline';
import type { EnvironmentStage } from '../stages/environment-stage';

/** Props of {@link PipelineStack}. */
export interface PipelineStackProps extends StackProps {
  /** The validated pipeline config. */
  readonly pipeline: ResolvedPipeline;
  /**
   * The environment stages to promote, by environment name: the very `EnvironmentStage` objects
   * that `cdk deploy '<env>/*'` deploys, so both paths deploy the same templates (and each stage
   * is synthesized once, not twice).
   */
  readonly stages: ReadonlyMap<string, EnvironmentStage>;
}

/** Commands of the synth step; the cloud assembly it leaves in `cdk.out` is what gets deployed. */
export const SYNTH_COMMANDS: readonly string[] = ['npm ci', 'npm test', 'npx cdk synth'];

/** The command the verify step runs after an environment deployed. */
export function verifyCommand(env: string): string {
  return `npm run --silent eks-access -- verify --env ${env} --assume-role "$EKS_ACCESS_ASSUME_ROLE_ARN"`;
}

/**
 * The self-mutating delivery pipeline (aws-cdk-lib/pipelines): source, synth (npm ci, npm test,
 * cdk synth), self-mutation, then one stage per environment in promotion order, each followed by
 * a verify step; a manual approval runs before the environments that ask for one (prod).
 */
export class PipelineStack extends Stack {
  /** The pipeline. */
  readonly pipeline: pipelines.CodePipeline;
  /** The verify step's role of each environment, by environment name. */
  readonly verifyRoles: ReadonlyMap<string, iam.Role>;

  constructor(scope: Construct, id: string, props: PipelineStackProps) {
    const { pipeline: config } = props;
    super(scope, id, { ...props, env: { account: config.account, region: config.region } });

    const source = this.source(config);
    this.pipeline = new pipelines.CodePipeline(this, 'Pipeline', {
      pipelineName: config.pipelineName,
      // Environments in other accounts than the pipeline need a KMS key on the artifact bucket
      // that their deploy roles may use.
      crossAccountKeys: config.crossAccountKeys,
      enableKeyRotation: config.crossAccountKeys,
      selfMutation: true,
      synth: new pipelines.ShellStep('Synth', { input: source, commands: [...SYNTH_COMMANDS] }),
      codeBuildDefaults: {
        buildEnvironment: { buildImage: codebuild.LinuxBuildImage.STANDARD_7_0 },
        // package.json asks for node >= 20.
        partialBuildSpec: codebuild.BuildSpec.fromObject({ phases: { install: { 'runtime-versions': { nodejs: 20 } } } }),
      },
    });

    const verifyRoles = new Map<string, iam.Role>();
    for (const target of config.environments) {
      const stage = props.stages.get(target.env.name);
      if (!stage) throw new Error(`PipelineStack: no EnvironmentStage was given for environment "${target.env.name}" (${[...props.stages.keys()].join(', ')} were given); build the stages before the pipeline`);
      const role = this.verifyRole(target);
      verifyRoles.set(target.env.name, role);
      this.pipeline.addStage(stage, {
        pre: target.approval
          ? [new pipelines.ManualApprovalStep(`Approve-${target.env.name}`, { comment: `Promote to ${target.env.name} (${target.env.account}, ${target.env.region})?` })]
          : [],
        post: [new pipelines.CodeBuildStep(`Verify-${target.env.name}`, {
          input: source,
          role,
          // CodeBuild fails the build, and with it the pipeline, on the first non-zero exit.
          commands: ['npm ci', verifyCommand(target.env.name)],
          // The one variable verifyCommand reads: the environment's verifier role.
          env: { EKS_ACCESS_ASSUME_ROLE_ARN: target.verifyTargetRoleArn },
        })],
      });
    }
    this.verifyRoles = verifyRoles;

    // Build now (instead of at synth) so that the generated constructs exist to be acknowledged.
    this.pipeline.buildPipeline();
    acknowledgePipelineFindings(this, this.pipeline);
  }

  private source(config: ResolvedPipeline): pipelines.CodePipelineSource {
    const { source } = config;
    if (source.kind === 'codecommit') {
      const repository = codecommit.Repository.fromRepositoryName(this, 'Repository', source.repositoryName);
      return pipelines.CodePipelineSource.codeCommit(repository, source.branch);
    }
    return pipelines.CodePipelineSource.connection(source.repository, source.branch, { connectionArn: source.connectionArn });
  }

  /**
   * The verify step's role, least privilege: the checks run as the environment's verifier role
   * (created by `<env>/Access`: eks:DescribeCluster on its cluster; in Kubernetes only get on
   * aws-auth and create on SubjectAccessReviews), so this role may only (1) assume that one role
   * and (2) eks:DescribeCluster on that one cluster, for when the environment shares the
   * pipeline's account (EKS has no resource policies: cross-account, only the assumed role can
   * describe the cluster). Its fixed name is what the verifier role's trust names
   * (withPipelineVerifiers); CDK Pipelines adds only log-group, report-group and artifact access.
   */
  private verifyRole(target: ResolvedPipelineEnvironment): iam.Role {
    const { env } = target;
    const role = new iam.Role(this, `VerifyRole-${env.name}`, {
      roleName: target.verifyStepRoleName,
      assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com'),
      description: `Pipeline verify step of ${env.name}: assume ${target.verifyTargetRoleArn}; describe cluster ${env.clusterName}`,
    });
    role.addToPolicy(new iam.PolicyStatement({
      sid: 'AssumeEnvironmentVerifierRole',
      actions: ['sts:AssumeRole'],
      resources: [target.verifyTargetRoleArn],
    }));
    role.addToPolicy(new iam.PolicyStatement({
      sid: 'DescribeEnvironmentCluster',
      actions: ['eks:DescribeCluster'],
      resources: [Arn.format({
        partition: env.partition, service: 'eks', region: env.region, account: env.account,
        resource: 'cluster', resourceName: env.clusterName, arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
      })],
    }));
    if (!target.verifyTrusted) {
      throw new Error(`Pipeline: the verifier role ${target.verifyTargetRoleArn} of ${env.name} does not trust the verify step role ${target.verifyStepRoleName}; build the environments with withPipelineVerifiers (lib/config/pipeline.ts)`);
    }
    return role;
  }
}
