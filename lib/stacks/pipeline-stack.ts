import { Arn, ArnFormat, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as codecommit from 'aws-cdk-lib/aws-codecommit';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as pipelines from 'aws-cdk-lib/pipelines';
import type { Construct } from 'constructs';
import { terminationProtectorRoleName } from '../config/pipeline';
import { NODE_MAJOR } from '../config/versions';
import type { ResolvedPipeline, ResolvedPipelineEnvironment, ResolvedTerminationProtectionStep } from '../config/pipeline';
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

/**
 * The build image of every CodeBuild project of the pipeline (synth, self-mutation, assets,
 * verify and protect steps): `aws/codebuild/standard:7.0` (Ubuntu 22.04).
 */
export const BUILD_IMAGE: codebuild.IBuildImage = codebuild.LinuxBuildImage.STANDARD_7_0;

/**
 * The Node.js majors that {@link BUILD_IMAGE} installs for `runtime-versions`, newest first, as its
 * runtime list says: aws/aws-codebuild-docker-images, ubuntu/standard/7.0/runtimes.yml, `nodejs`
 * versions 24, 22, 20, 18 (the image's Dockerfile pins `NODE_24_VERSION`). Another major would
 * fall to the list's `default` entry, which downloads that Node at every build.
 * @see https://github.com/aws/aws-codebuild-docker-images/blob/master/ubuntu/standard/7.0/runtimes.yml
 */
export const BUILD_IMAGE_NODE_MAJORS: readonly number[] = [24, 22, 20, 18];

/**
 * The install phase of every CodeBuild project of the pipeline: `runtime-versions` selects Node
 * `nodeMajor`, which the build image must offer.
 * @throws Error when {@link BUILD_IMAGE_NODE_MAJORS} does not list `nodeMajor`
 */
export function buildRuntimeVersions(nodeMajor: number): { 'runtime-versions': { nodejs: number } } {
  if (!BUILD_IMAGE_NODE_MAJORS.includes(nodeMajor)) {
    throw new Error(`PipelineStack: the build image ${BUILD_IMAGE.imageId} offers Node ${BUILD_IMAGE_NODE_MAJORS.join(', ')} in runtime-versions, not Node ${nodeMajor} (NODE_MAJOR in lib/config/versions.ts). `
      + 'Choose a build image whose runtimes.yml lists it (github.com/aws/aws-codebuild-docker-images) and update BUILD_IMAGE and BUILD_IMAGE_NODE_MAJORS in lib/stacks/pipeline-stack.ts.');
  }
  return { 'runtime-versions': { nodejs: nodeMajor } };
}

/** Commands of the synth step; the cloud assembly it leaves in `cdk.out` is what gets deployed. */
export const SYNTH_COMMANDS: readonly string[] = ['npm ci', 'npm test', 'npx cdk synth'];

/** The command the verify step runs after an environment deployed. */
export function verifyCommand(env: string): string {
  return `npm run --silent eks-access -- verify --env ${env} --assume-role "$EKS_ACCESS_ASSUME_ROLE_ARN"`;
}

/** The variable the verify step of a private environment reads: the environment's verify runner invoker role. */
export const VERIFY_INVOKER_ROLE_ENV = 'EKS_ACCESS_VERIFY_INVOKER_ROLE_ARN';

/** Session name of the verify step in a private environment's account (CloudTrail shows it). */
export const VERIFY_RUNNER_SESSION_NAME = 'eks-access-verify';

/** Where the verify step of a private environment writes the runner's result. */
export const VERIFY_RESULT_FILE = 'verify-result.json';

/**
 * Commands that assume the role in `$<roleEnv>` (in `region`) and export its credentials for
 * the commands after them, in one CodeBuild shell.
 */
function assumeRoleCommands(region: string, roleEnv: string, sessionName: string): string[] {
  return [
    `creds="$(aws sts assume-role --region ${region} --role-arn "$${roleEnv}" --role-session-name ${sessionName} --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]' --output text)"`,
    'export AWS_ACCESS_KEY_ID="$(printf \'%s\' "$creds" | cut -f1)" AWS_SECRET_ACCESS_KEY="$(printf \'%s\' "$creds" | cut -f2)" AWS_SESSION_TOKEN="$(printf \'%s\' "$creds" | cut -f3)"',
  ];
}

/**
 * The commands of the verify step of a private environment, in order, for one CodeBuild shell:
 * assume the invoker role (`$EKS_ACCESS_VERIFY_INVOKER_ROLE_ARN`), invoke the verify runner in
 * the environment's VPC, print its report and fail unless it says pass (a function error, which
 * has no `pass`, fails too).
 */
export function verifyRunnerCommands(env: string, region: string, functionName: string): string[] {
  return [
    ...assumeRoleCommands(region, VERIFY_INVOKER_ROLE_ENV, VERIFY_RUNNER_SESSION_NAME),
    `aws lambda invoke --region ${region} --function-name ${functionName} ${VERIFY_RESULT_FILE}`,
    `node -e 'const r = require("./${VERIFY_RESULT_FILE}"); for (const l of Array.isArray(r.report) ? r.report : [JSON.stringify(r)]) console.log(l); if (r.pass !== true) { console.error("${env}: FAILED (verify runner ${functionName} in ${region})"); process.exit(1); } console.error("${env}: verified")'`,
  ];
}

/** The variable the termination-protection step reads: the environment's termination protector role. */
export const PROTECT_ROLE_ENV = 'EKS_ACCESS_PROTECT_ROLE_ARN';

/** Session name of the termination-protection step in the environment account (CloudTrail shows it). */
export const PROTECT_SESSION_NAME = 'eks-access-termination-protection';

/**
 * The commands of the termination-protection step, in order, for one CodeBuild shell (buildspec
 * 0.2 runs a phase's commands in one shell and fails the build on the first non-zero exit):
 * assume the environment's termination protector role (`$EKS_ACCESS_PROTECT_ROLE_ARN`), turn
 * termination protection on for each stack, then read each one back and fail unless it is on.
 * Every call names the environment's region, since CodeBuild runs in the pipeline's.
 */
export function terminationProtectionCommands(region: string, stackNames: readonly string[]): string[] {
  return [
    ...assumeRoleCommands(region, PROTECT_ROLE_ENV, PROTECT_SESSION_NAME),
    ...stackNames.map((name) => `aws cloudformation update-termination-protection --region ${region} --enable-termination-protection --stack-name ${name}`),
    ...stackNames.map((name) => `test "$(aws cloudformation describe-stacks --region ${region} --stack-name ${name} --query 'Stacks[].EnableTerminationProtection' --output text)" = True`
      + ` || { echo "${name}: termination protection is still off after update-termination-protection; turn it on with aws cloudformation update-termination-protection --enable-termination-protection --stack-name ${name} --region ${region}" >&2; false; }`),
  ];
}

/**
 * The self-mutating delivery pipeline (aws-cdk-lib/pipelines): source, synth (npm ci, npm test,
 * cdk synth), self-mutation, then one stage per environment in promotion order, each followed by
 * a verify step; a manual approval runs before the environments that ask for one (prod). For an
 * environment with `terminationProtection`, a `Protect-<env>` step runs between the deploy and
 * the verify step: CDK Pipelines' CloudFormation deploy actions never set termination protection
 * (aws-cdk-lib/pipelines and codepipeline-actions have no such option), so the step turns it on.
 * For an environment with a private endpoint, which CodeBuild outside the VPC cannot reach, the
 * verify step instead assumes the environment's verify runner invoker (`<env>/Access`) and
 * invokes the verify runner in the VPC ({@link verifyRunnerCommands}).
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
        buildEnvironment: { buildImage: BUILD_IMAGE },
        // The toolchain's Node (package.json engines, .nvmrc).
        partialBuildSpec: codebuild.BuildSpec.fromObject({ phases: { install: buildRuntimeVersions(NODE_MAJOR) } }),
      },
    });

    const verifyRoles = new Map<string, iam.Role>();
    for (const target of config.environments) {
      const stage = props.stages.get(target.env.name);
      if (!stage) throw new Error(`PipelineStack: no EnvironmentStage was given for environment "${target.env.name}" (${[...props.stages.keys()].join(', ')} were given); build the stages before the pipeline`);
      const role = this.verifyRole(target);
      verifyRoles.set(target.env.name, role);
      const runner = target.verifyRunner;
      if (runner) stage.access.addVerifyRunnerInvoker({ roleName: runner.invokerRoleName, trustedRoleArn: runner.stepRoleArn });
      const verify = runner
        // A private endpoint is reachable only from the VPC: invoke the runner there.
        ? new pipelines.CodeBuildStep(`Verify-${target.env.name}`, {
          role,
          commands: verifyRunnerCommands(target.env.name, target.env.region, runner.functionName),
          env: { [VERIFY_INVOKER_ROLE_ENV]: runner.invokerRoleArn },
        })
        : new pipelines.CodeBuildStep(`Verify-${target.env.name}`, {
          input: source,
          role,
          // CodeBuild fails the build, and with it the pipeline, on the first non-zero exit.
          commands: ['npm ci', verifyCommand(target.env.name)],
          // The one variable verifyCommand reads: the environment's verifier role.
          env: { EKS_ACCESS_ASSUME_ROLE_ARN: target.verifyTargetRoleArn },
        });
      // Exactly the stacks the stage deploys (`<env>/CiDiff` included), read before addStage
      // synthesizes the stage, since the protector role goes into `<env>/Access`.
      const stackNames = stage.node.children.filter((c): c is Stack => Stack.isStack(c)).map((s) => s.stackName);
      const protect = target.terminationProtection ? this.protectStep(target, target.terminationProtection, stage, stackNames) : undefined;
      // Post steps run in parallel unless ordered: protection first, then verify.
      if (protect) verify.addStepDependency(protect);
      const deployment = this.pipeline.addStage(stage, {
        pre: target.approval
          ? [new pipelines.ManualApprovalStep(`Approve-${target.env.name}`, { comment: `Promote to ${target.env.name} (${target.env.account}, ${target.env.region})?` })]
          : [],
        post: [...(protect ? [protect] : []), verify],
      });
      const deployed = deployment.stacks.map((s) => s.stackName).sort();
      if (protect && JSON.stringify(deployed) !== JSON.stringify([...stackNames].sort())) {
        throw new Error(`PipelineStack: the termination-protection step of ${target.env.name} names the stacks ${stackNames.join(', ')}, but the pipeline deploys ${deployed.join(', ')}; add every stack to the stage before the pipeline is built`);
      }
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
   * The termination-protection step of an environment: its own role in the pipeline account may
   * only assume the environment's termination protector (created here in `<env>/Access`,
   * trusting exactly this role, allowed UpdateTerminationProtection and DescribeStacks on the
   * stage's stacks only); it runs {@link terminationProtectionCommands}. It names no input, as it
   * runs only the AWS CLI (CodePipeline's CodeBuild action needs one artifact, so CDK Pipelines
   * hands it the source, which it does not read).
   */
  private protectStep(target: ResolvedPipelineEnvironment, protection: ResolvedTerminationProtectionStep, stage: EnvironmentStage, stackNames: readonly string[]): pipelines.CodeBuildStep {
    const { env } = target;
    stage.access.addTerminationProtector({ roleName: terminationProtectorRoleName(env.name), trustedRoleArn: protection.stepRoleArn, stackNames });
    const role = new iam.Role(this, `ProtectRole-${env.name}`, {
      roleName: protection.stepRoleName,
      assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com'),
      description: `Pipeline termination-protection step of ${env.name}: assume ${protection.targetRoleArn}`,
    });
    role.addToPolicy(new iam.PolicyStatement({
      sid: 'AssumeEnvironmentTerminationProtector',
      actions: ['sts:AssumeRole'],
      resources: [protection.targetRoleArn],
    }));
    return new pipelines.CodeBuildStep(`Protect-${env.name}`, {
      role,
      commands: terminationProtectionCommands(env.region, stackNames),
      env: { [PROTECT_ROLE_ENV]: protection.targetRoleArn },
    });
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
    if (target.verifyRunner) {
      // Private endpoint: the step only invokes the runner, through the invoker role.
      role.addToPolicy(new iam.PolicyStatement({
        sid: 'AssumeEnvironmentVerifyRunnerInvoker',
        actions: ['sts:AssumeRole'],
        resources: [target.verifyRunner.invokerRoleArn],
      }));
      return this.trusted(target, role);
    }
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
    return this.trusted(target, role);
  }

  /** `role`, once the environment's verifier trusts it (the runner exists only for an environment with verifiers). */
  private trusted(target: ResolvedPipelineEnvironment, role: iam.Role): iam.Role {
    if (!target.verifyTrusted) {
      throw new Error(`Pipeline: the verifier role ${target.verifyTargetRoleArn} of ${target.env.name} does not trust the verify step role ${target.verifyStepRoleName}; build the environments with withPipelineVerifiers (lib/config/pipeline.ts)`);
    }
    return role;
  }
}
