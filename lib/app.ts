import { App, Validations } from 'aws-cdk-lib';
import type { AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ENVIRONMENTS } from './config/environments';
import { PIPELINE, validatePipeline, withPipelineVerifiers } from './config/pipeline';
import type { PipelineConfig, ResolvedPipeline } from './config/pipeline';
import type { EnvironmentConfig } from './config/types';
import { validateEnvironments } from './config/validate';
import type { ResolvedEnvironment } from './config/validate';
import { CiDiffStack } from './stacks/ci-diff-stack';
import { PipelineStack } from './stacks/pipeline-stack';
import { EnvironmentStage } from './stages/environment-stage';

/** Options of {@link buildApp}. */
export interface BuildAppOptions extends AppProps {
  /**
   * The environments to build.
   * @default ENVIRONMENTS (lib/config/environments.ts)
   */
  readonly environments?: EnvironmentConfig[];
  /**
   * Delivery: the `Pipeline` stack and a `<env>/CiDiff` stack (the pull-request diff role) in
   * every environment; `false` builds the environments only.
   * @default - PIPELINE (lib/config/pipeline.ts) for the default environments; false when
   * `environments` is given, since a pipeline config is written for a set of environments
   */
  readonly pipeline?: PipelineConfig | false;
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
 * promotes those same stages, cdk-nag over everything.
 */
export function buildApp(options: BuildAppOptions = {}): BuiltApp {
  const { environments, pipeline: pipelineConfig, ...appProps } = options;
  const chosenPipeline = pipelineConfig ?? (environments ? false : PIPELINE);
  // The pipeline's verify steps must be able to assume each environment's verifier role.
  const declared = environments ?? ENVIRONMENTS;
  const resolved = validateEnvironments(chosenPipeline === false ? declared : withPipelineVerifiers(declared, chosenPipeline));
  const delivery = chosenPipeline === false ? undefined : validatePipeline(chosenPipeline, resolved);
  const app = new App(appProps);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const stages = resolved.map((config) => new EnvironmentStage(app, config.name, { config }));
  if (!delivery) return { app, stages };

  // The diff roles go into the environment stages before the pipeline synthesizes them, so
  // the pipeline deploys them too.
  addCiDiffStacks(stages, resolved, delivery);
  const pipeline = new PipelineStack(app, 'Pipeline', {
    pipeline: delivery,
    stages: new Map(stages.map((s, i) => [resolved[i].name, s])),
    description: 'eks-access: self-mutating delivery pipeline (dev -> staging -> prod)',
  });
  return { app, stages, pipeline };
}

/** `<env>/CiDiff` in every environment; the first environment of each account owns the OIDC provider. */
function addCiDiffStacks(stages: EnvironmentStage[], configs: ResolvedEnvironment[], delivery: ResolvedPipeline): void {
  const { githubRepository, defaultBranch, accountsWithGithubOidcProvider } = delivery.pullRequestDiff;
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
