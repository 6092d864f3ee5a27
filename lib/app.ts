import { App, AspectPriority, Aspects, CloudFormationValidatePlugin, Stage, Validations } from 'aws-cdk-lib';
import type { AppProps, Stack } from 'aws-cdk-lib';
import { DISABLE_CREATION_STACK_TRACES } from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ENVIRONMENTS } from './config/environments';
import { PIPELINE, validatePipeline, withPipelineVerifiers } from './config/pipeline';
import type { PipelineConfig, ResolvedPipeline, ResolvedPullRequestDiff } from './config/pipeline';
import { placeholdersOf } from './config/placeholder-uses';
import type { PlaceholderUse } from './config/placeholder-uses';
import type { EnvironmentConfig } from './config/types';
import { validateEnvironments } from './config/validate';
import type { ResolvedEnvironment } from './config/validate';
import { PlaceholderGuards } from './constructs/placeholder-guard';
import { CiDiffStack } from './stacks/ci-diff-stack';
import { PipelineStack } from './stacks/pipeline-stack';
import { VALIDATE_TEMPLATES_CONTEXT, validatesTemplates } from './synth/template-validation';
import { EnvironmentStage } from './stages/environment-stage';

/** Options of {@link buildApp}. */
export interface BuildAppOptions extends AppProps {
  /**
   * The environments to build.
   * @default ENVIRONMENTS (lib/config/environments.ts)
   */
  readonly environments?: EnvironmentConfig[];
  /**
   * Delivery: the `Pipeline` stack and, when the config has `pullRequestDiff`, a `<env>/CiDiff`
   * stack (the pull-request diff role) in every environment; `false` builds the environments only.
   * @default - PIPELINE (lib/config/pipeline.ts) for the default environments; false when
   * `environments` is given, since a pipeline config is written for a set of environments
   */
  readonly pipeline?: PipelineConfig | false;
  /**
   * The CDK CLI's arguments after its entry (`['deploy', 'dev/*']`), which decide whether CDK's
   * CloudFormation template validation runs (lib/synth/template-validation.ts: not for synth,
   * diff or ls, unless the `eks-access:validate-templates` context says otherwise).
   * @default - not run by the CLI: the templates are validated
   */
  readonly cliArguments?: readonly string[];
}

/** What {@link buildApp} built. */
export interface BuiltApp {
  readonly app: App;
  /** One stage per environment, in config order; top-level, so `cdk deploy 'dev/*'` works. */
  readonly stages: EnvironmentStage[];
  /** The pipeline stack, unless delivery is off. */
  readonly pipeline?: PipelineStack;
}

/**
 * The whole app: config validated once, one stage per environment, the delivery pipeline that
 * promotes those same stages, cdk-nag over everything, CDK's template validation where the
 * templates can reach CloudFormation (lib/synth/template-validation.ts), and a placeholder guard on every stack
 * that still holds a placeholder of lib/config/placeholders.ts (its deploy fails before any
 * resource is created; synth works).
 */
export function buildApp(options: BuildAppOptions = {}): BuiltApp {
  const { environments, pipeline: pipelineConfig, cliArguments, ...appProps } = options;
  const chosenPipeline = pipelineConfig ?? (environments ? false : PIPELINE);
  // The pipeline's verify steps must be able to assume each environment's verifier role.
  const declared = environments ?? ENVIRONMENTS;
  const resolved = validateEnvironments(chosenPipeline === false ? declared : withPipelineVerifiers(declared, chosenPipeline));
  const delivery = chosenPipeline === false ? undefined : validatePipeline(chosenPipeline, resolved);
  const app = new App({ ...leanMetadata(), builtinCloudFormationValidation: false, ...appProps });
  if (validatesTemplates(app.node.tryGetContext(VALIDATE_TEMPLATES_CONTEXT), cliArguments)) Validations.of(app).addPlugins(new CloudFormationValidatePlugin());
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const stages = resolved.map((config) => new EnvironmentStage(app, config.name, { config }));
  guardPlaceholders(app, stages, resolved, delivery);
  if (!delivery) return { app, stages };

  // The diff roles go into the environment stages before the pipeline synthesizes them, so
  // the pipeline deploys them too.
  if (delivery.pullRequestDiff) addCiDiffStacks(stages, resolved, delivery.pullRequestDiff);
  const pipeline = new PipelineStack(app, 'Pipeline', {
    pipeline: delivery,
    stages: new Map(stages.map((s, i) => [resolved[i].name, s])),
    description: 'eks-access: self-mutating delivery pipeline (dev -> staging -> prod)',
  });
  return { app, stages, pipeline };
}

/**
 * No construct creation stacks and no stack traces in the assembly's metadata, unless the CLI
 * runs with `--debug` (it sets CDK_DEBUG): they were 0.4 of cdk.out's 0.7 MB of metadata, and
 * capturing them (through tsx's source maps) costs synth time. Findings and errors still name
 * their construct path.
 */
export function leanMetadata(env: NodeJS.ProcessEnv = process.env): Pick<AppProps, 'stackTraces' | 'postCliContext'> {
  if (['1', 'on', 'true'].includes(env.CDK_DEBUG ?? '')) return {};
  return { stackTraces: false, postCliContext: { [DISABLE_CREATION_STACK_TRACES]: true } };
}

/**
 * Guards every stack of the app, as an aspect, so that stacks added later are covered too: a
 * stack of an environment's stage with that environment's placeholders, any other stack (the
 * pipeline, its cross-region support stacks) with the delivery's. On each stage as well as on
 * the app, because a stage synthesizes its own assembly (the pipeline does so as it is built)
 * and aspects do not cross a stage's boundary; added before the pipeline is built for that reason.
 * Mutating: it adds a CfnRule.
 */
function guardPlaceholders(app: App, stages: readonly EnvironmentStage[], configs: readonly ResolvedEnvironment[], delivery: ResolvedPipeline | undefined): void {
  const envOf = new Map<Stage, ResolvedEnvironment>(stages.map((s, i) => [s, configs[i]]));
  const usesOf = (stack: Stack): PlaceholderUse[] => {
    const env = envOf.get(Stage.of(stack) as Stage);
    return placeholdersOf(env ? { kind: 'environment', env, ciDiff: stack instanceof CiDiffStack } : { kind: 'delivery' }, delivery);
  };
  const guards = new PlaceholderGuards(usesOf);
  for (const scope of [app, ...stages]) Aspects.of(scope).add(guards, { priority: AspectPriority.MUTATING });
}

/** `<env>/CiDiff` in every environment; the first environment of each account owns the OIDC provider. */
function addCiDiffStacks(stages: EnvironmentStage[], configs: ResolvedEnvironment[], diff: ResolvedPullRequestDiff): void {
  const { githubRepository, defaultBranch, accountsWithGithubOidcProvider } = diff;
  const accountsWithProvider = new Set(accountsWithGithubOidcProvider);
  stages.forEach((stage, i) => {
    const config = configs[i];
    new CiDiffStack(stage, 'CiDiff', {
      config,
      githubRepository,
      defaultBranch,
      createOidcProvider: !accountsWithProvider.has(config.account),
      description: `eks-access ${config.name}: read-only role for the pull-request cdk diff`,
    });
    accountsWithProvider.add(config.account);
  });
}
