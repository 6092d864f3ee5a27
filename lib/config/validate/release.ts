/**
 * The upgrade record of an environment (`kubectlObjectsAdopted`): whether eks-access 0.2, which
 * adopts the kubectl provider's objects and retains its resources, has been deployed there.
 * Release 0.2 only checks its type; 0.3, which removes those resources, requires it.
 */
import type { EnvironmentConfig } from '../types';
import type { ProblemCollector } from '../errors';

/** Checks `kubectlObjectsAdopted` and returns it with its default (false). */
export function checkKubectlObjectsAdopted(env: EnvironmentConfig, p: ProblemCollector): boolean {
  const value = (env as { kubectlObjectsAdopted?: unknown }).kubectlObjectsAdopted;
  if (value !== undefined && typeof value !== 'boolean') {
    p.add('kubectlObjectsAdopted', value, 'must be true or false (or left out); set true once eks-access 0.2 has been deployed to this environment');
  }
  return value === true;
}
