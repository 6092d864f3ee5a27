import { ConfigValidationError, formatProblem } from '../../../lib/config/errors';
import type { EnvironmentConfig } from '../../../lib/config/types';
import { validateEnvironments } from '../../../lib/config/validate';

/** The problems of `envs` as formatted lines; fails the test when validation passes. */
export function problemLines(...envs: EnvironmentConfig[]): string[] {
  try {
    validateEnvironments(envs);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigValidationError);
    return (e as ConfigValidationError).problems.map(formatProblem);
  }
  throw new Error('expected a ConfigValidationError, validation passed');
}
