import { AWS_AUTH_NAME, AWS_AUTH_NAMESPACE, WRITER_GROUP, WRITER_RBAC_NAME } from './api';
import { KubeApiError, KubeTransportError } from './io/kube-errors';

/** What is known when an error is explained. */
export interface ExplainContext {
  readonly clusterName: string;
  readonly region: string;
  /** The identity the handler used toward Kubernetes, if it could be found. */
  readonly identity?: string;
  /** The role assumed for Kubernetes access, if any. */
  readonly assumeRoleArn?: string;
}

/**
 * Turns an error into one actionable sentence for CloudFormation's status reason. Messages of
 * our own errors already are such sentences; Kubernetes 401/403 get the identity and the fix.
 */
export function explain(error: unknown, ctx: ExplainContext): string {
  const who = ctx.identity ?? 'the handler\'s IAM identity';
  const target = `ConfigMap ${AWS_AUTH_NAMESPACE}/${AWS_AUTH_NAME} of cluster ${ctx.clusterName} (${ctx.region})`;
  if (error instanceof KubeApiError && error.status === 401) {
    const fix = ctx.assumeRoleArn
      ? `map ${ctx.assumeRoleArn} in aws-auth (or give it an access entry) so that it can edit aws-auth`
      : `give ${grantee(ctx.identity) ?? who} an EKS access entry in group ${WRITER_GROUP} (AwsAuthMappings creates it unless assumeRole is set) and make sure the cluster's authentication mode is API_AND_CONFIG_MAP`;
    return `Kubernetes rejected ${who} as unauthenticated (401) while editing ${target}; ${fix}.`;
  }
  if (error instanceof KubeApiError && error.status === 403) {
    return `Kubernetes authenticated ${who} but forbids it to edit ${target} (403${error.kubeMessage ? `: ${error.kubeMessage}` : ''}); bind it to the Role ${WRITER_RBAC_NAME} in ${AWS_AUTH_NAMESPACE} (get/update/patch on configmap ${AWS_AUTH_NAME}, create on configmaps) through group ${WRITER_GROUP}.`;
  }
  if (error instanceof KubeApiError) {
    return `Kubernetes API error while editing ${target}: ${error.message}`;
  }
  if (error instanceof KubeTransportError) {
    return `the Kubernetes API did not answer while editing ${target}: ${error.message}; check that the handler can reach the cluster endpoint (public endpoint enabled, or the handler placed in the cluster VPC for a private endpoint).`;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * Who an access entry must name for a caller: access entries take IAM roles and users, never
 * an STS session, so `arn:P:sts::A:assumed-role/NAME/SESSION` becomes "its IAM role
 * arn:P:iam::A:role/NAME" (the authenticator canonicalizes sessions the same way).
 */
function grantee(identity: string | undefined): string | undefined {
  const m = identity === undefined ? null : /^arn:([a-z-]+):sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/.exec(identity);
  return m ? `its IAM role arn:${m[1]}:iam::${m[2]}:role/${m[3]}` : identity;
}
