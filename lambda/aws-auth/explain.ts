import { AWS_AUTH_NAME, AWS_AUTH_NAMESPACE, WRITER_GROUP, WRITER_RBAC_NAME } from './api';
import type { ExplainContext } from '../edge/explain';
import { accessEntryGrantee, explainEdgeError } from '../edge/explain';
import { KubeApiError } from '../edge/kube-errors';

/**
 * Turns an error into one actionable sentence for CloudFormation's status reason. Kubernetes
 * 401/403 get the identity and the grant aws-auth needs; the rest is the edge's sentence.
 */
export function explain(error: unknown, ctx: ExplainContext): string {
  const who = ctx.identity ?? 'the handler\'s IAM identity';
  const target = `ConfigMap ${AWS_AUTH_NAMESPACE}/${AWS_AUTH_NAME} of cluster ${ctx.clusterName} (${ctx.region})`;
  if (error instanceof KubeApiError && error.status === 401) {
    const fix = ctx.assumeRoleArn
      ? `map ${ctx.assumeRoleArn} in aws-auth (or give it an access entry) so that it can edit aws-auth`
      : `give ${accessEntryGrantee(ctx.identity) ?? who} an EKS access entry in group ${WRITER_GROUP} (AwsAuthMappings creates it unless assumeRole is set) and make sure the cluster's authentication mode is API_AND_CONFIG_MAP`;
    return `Kubernetes rejected ${who} as unauthenticated (401) while editing ${target}; ${fix}.`;
  }
  if (error instanceof KubeApiError && error.status === 403) {
    return `Kubernetes authenticated ${who} but forbids it to edit ${target} (403${error.kubeMessage ? `: ${error.kubeMessage}` : ''}); bind it to the Role ${WRITER_RBAC_NAME} in ${AWS_AUTH_NAMESPACE} (get/update/patch on configmap ${AWS_AUTH_NAME}, create on configmaps) through group ${WRITER_GROUP}.`;
  }
  return explainEdgeError(error, target);
}
