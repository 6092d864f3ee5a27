/**
 * The upgrade record of an environment (`kubectlObjectsAdopted`): whether eks-access 0.2, which
 * adopts the kubectl provider's objects and retains its resources, has been deployed there.
 * 0.3 removes those resources, so it requires the record: without 0.2's DeletionPolicy Retain
 * deployed first, removing them would run `kubectl delete` on the namespaces, RBAC and service
 * accounts they wrote.
 */
import type { EnvironmentConfig } from '../types';
import type { ProblemCollector } from '../errors';

/** The fix the error gives. */
export const DEPLOY_0_2_FIRST = 'eks-access 0.3 removes the kubectl resources that 0.2 retained and whose objects it adopted; deploy eks-access 0.2 (git tag v0.2.0) to this environment first, then set kubectlObjectsAdopted: true (for an environment never deployed with a release before 0.2, set it right away)';

/** Checks `kubectlObjectsAdopted`: it must be `true`. */
export function checkKubectlObjectsAdopted(env: EnvironmentConfig, p: ProblemCollector): boolean {
  const value = (env as { kubectlObjectsAdopted?: unknown }).kubectlObjectsAdopted;
  if (value !== true) p.add('kubectlObjectsAdopted', value, `must be true: ${DEPLOY_0_2_FIRST}`);
  return value === true;
}
