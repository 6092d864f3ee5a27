/**
 * The failure sentence of the manifests handler for CloudFormation's status reason: the step's
 * own sentence (the core's), with the identity and the grant for a 401 or 403; the edge's
 * sentence for the rest.
 */
import type { ExplainContext } from '../edge/explain';
import { accessEntryGrantee, explainEdgeError } from '../edge/explain';
import { KubeApiError } from '../edge/kube-errors';
import { MANIFESTS_GROUP } from './api';
import { ManifestStepError } from './step-error';

/** One actionable sentence for `error`, raised while applying the manifests of `ctx.clusterName`. */
export function explainManifestsFailure(error: unknown, ctx: ExplainContext): string {
  const target = `the manifests of cluster ${ctx.clusterName} (${ctx.region})`;
  const status = error instanceof ManifestStepError || error instanceof KubeApiError ? error.status : undefined;
  const who = ctx.identity ?? 'the handler\'s IAM identity';
  if (status === 401) {
    const fix = ctx.assumeRoleArn
      ? `give ${ctx.assumeRoleArn} an EKS access entry in group ${MANIFESTS_GROUP}`
      : `give ${accessEntryGrantee(ctx.identity) ?? who} an EKS access entry in group ${MANIFESTS_GROUP} (the manifests construct creates it unless a role to assume is set)`;
    return `Kubernetes rejected ${who} as unauthenticated (401) while applying ${target}; ${fix}, and check that the cluster's authentication mode includes API.`;
  }
  if (error instanceof ManifestStepError && error.kind === 'forbidden' && ctx.identity !== undefined) {
    return `${error.message} (the handler's identity: ${ctx.identity})`;
  }
  return explainEdgeError(error, target);
}
