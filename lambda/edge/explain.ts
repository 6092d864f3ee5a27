/**
 * The sentences every handler says the same way for a failure of the edge. A handler explains
 * first what only it can (a 401 or 403 and the grant that fixes it), then hands the rest here.
 */
import { KubeApiError, KubeTransportError } from './kube-errors';

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
 * One actionable sentence for CloudFormation's status reason, for what the handler was doing to
 * `target` (for example "ConfigMap kube-system/aws-auth of cluster prod (eu-west-1)"). Messages
 * of our own errors already are such sentences.
 */
export function explainEdgeError(error: unknown, target: string): string {
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
export function accessEntryGrantee(identity: string | undefined): string | undefined {
  const m = identity === undefined ? null : /^arn:([a-z-]+):sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/.exec(identity);
  return m ? `its IAM role arn:${m[1]}:iam::${m[2]}:role/${m[3]}` : identity;
}
