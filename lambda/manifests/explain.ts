/**
 * The failure sentence of the manifests handler for CloudFormation's status reason: the step's
 * own sentence (the core's), with the identity and the grant for a 401 or 403; the edge's
 * sentence for the rest.
 */
import type { ExplainContext } from '../edge/explain';
import { accessEntryGrantee, explainEdgeError } from '../edge/explain';
import { KubeApiError } from '../edge/kube-errors';
import { MANIFESTS_USERNAME_PREFIX } from './api';
import { ManifestStepError } from './step-error';

/** What the manifests handler knows when it explains a failure. */
export interface ManifestsExplainContext extends ExplainContext {
  /**
   * The Kubernetes username the function's access entry has (known to the RBAC bootstrap, from its owner id).
   * @default - the provider's username, described by its pattern
   */
  readonly username?: string;
}

/** One actionable sentence for `error`, raised while applying the manifests of `ctx.clusterName`. */
export function explainManifestsFailure(error: unknown, ctx: ManifestsExplainContext): string {
  const target = `the manifests of cluster ${ctx.clusterName} (${ctx.region})`;
  const status = error instanceof ManifestStepError || error instanceof KubeApiError ? error.status : undefined;
  const who = ctx.identity ?? 'the handler\'s IAM identity';
  if (status === 401) {
    const username = ctx.username ?? `${MANIFESTS_USERNAME_PREFIX}<owner id of the provider's RBAC bootstrap>`;
    const fix = ctx.assumeRoleArn
      ? `give ${ctx.assumeRoleArn} an EKS access entry with Kubernetes username ${username} (the provider's, which its generated RBAC binds)`
      : `give ${accessEntryGrantee(ctx.identity) ?? who} an EKS access entry with Kubernetes username ${username} and no groups (the manifests construct creates it unless a role to assume is set)`;
    return `Kubernetes rejected ${who} as unauthenticated (401) while applying ${target}; ${fix}, and check that the cluster's authentication mode includes API.`;
  }
  if (error instanceof ManifestStepError && error.kind === 'forbidden' && ctx.identity !== undefined) {
    return `${error.message} (the handler's identity: ${ctx.identity})`;
  }
  return explainEdgeError(error, target);
}
