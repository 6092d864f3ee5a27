/**
 * The environments the sandbox can stand in for: the app's own config, resolved exactly as the
 * `plan` / `verify` commands resolve it (the pipeline's verify steps added to each
 * environment's verifiers), so the sandbox seeds what those commands will expect.
 */
import { ENVIRONMENTS } from '../config/environments';
import { PIPELINE, withPipelineVerifiers } from '../config/pipeline';
import type { ResolvedEnvironment } from '../config/validate';
import { validateEnvironments } from '../config/validate';

/** The environment the sandbox stands in for when none is named. */
export const DEFAULT_SANDBOX_ENVIRONMENT = 'dev';

/** Every configured environment, validated and resolved as the CLI resolves them. */
export function configuredEnvironments(): ResolvedEnvironment[] {
  return validateEnvironments(withPipelineVerifiers(ENVIRONMENTS, PIPELINE));
}

/** Thrown for an environment name the config does not hold. */
export class UnknownEnvironmentError extends Error {}

/** The configured environment called `name`; throws a sentence naming the known ones otherwise. */
export function findEnvironment(name: string, environments: readonly ResolvedEnvironment[] = configuredEnvironments()): ResolvedEnvironment {
  const found = environments.find((e) => e.name === name);
  if (!found) {
    throw new UnknownEnvironmentError(`--env "${name}" is not an environment of lib/config/environments.ts; use one of: ${environments.map((e) => e.name).join(', ')}`);
  }
  return found;
}
