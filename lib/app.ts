import { App, Validations } from 'aws-cdk-lib';
import type { AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ENVIRONMENTS } from './config/environments';
import type { EnvironmentConfig } from './config/types';
import { validateEnvironments } from './config/validate';
import { EnvironmentStage } from './stages/environment-stage';

/** Options of {@link buildApp}. */
export interface BuildAppOptions extends AppProps {
  /**
   * The environments to build.
   * @default ENVIRONMENTS (lib/config/environments.ts)
   */
  readonly environments?: EnvironmentConfig[];
}

/** The whole app: config validated once, one stage per environment, cdk-nag over everything. */
export function buildApp(options: BuildAppOptions = {}): { app: App; stages: EnvironmentStage[] } {
  const { environments = ENVIRONMENTS, ...appProps } = options;
  const resolved = validateEnvironments(environments);
  const app = new App(appProps);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const stages = resolved.map((config) => new EnvironmentStage(app, config.name, { config }));
  return { app, stages };
}
