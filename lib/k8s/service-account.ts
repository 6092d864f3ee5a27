/**
 * The Kubernetes side of IAM roles for service accounts (IRSA).
 * @see https://docs.aws.amazon.com/eks/latest/userguide/iam-roles-for-service-accounts.html
 */
import { ApiGroups, apiVersionOf, managedLabels } from './manifest';
import type { KubernetesObject } from './manifest';

/**
 * Annotation through which the EKS Pod Identity webhook gives a service account's pods the
 * credentials of an IAM role.
 * @see https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html
 */
export const IRSA_ROLE_ARN_ANNOTATION = 'eks.amazonaws.com/role-arn';

/**
 * A ServiceAccount whose pods assume `roleArn`. The role's trust policy must name exactly this
 * `system:serviceaccount:<namespace>:<name>`; that side is the construct's job.
 * @param namespace namespace of the service account
 * @param name service account name
 * @param roleArn ARN of the IAM role (may be a CDK token; it is passed through unchanged)
 * @see https://kubernetes.io/docs/concepts/security/service-accounts/
 * @see https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html
 */
export function serviceAccountManifest(namespace: string, name: string, roleArn: string): KubernetesObject {
  return {
    apiVersion: apiVersionOf(ApiGroups.core),
    kind: 'ServiceAccount',
    metadata: {
      name,
      namespace,
      labels: managedLabels(),
      annotations: { [IRSA_ROLE_ARN_ANNOTATION]: roleArn },
    },
  };
}
