import { KubectlV35Layer } from '@aws-cdk/lambda-layer-kubectl-v35';
import type { Construct } from 'constructs';
import type * as lambda from 'aws-cdk-lib/aws-lambda';

/**
 * Kubernetes versions the app supports. One kubectl layer (v1.35) is bundled; kubectl supports
 * clusters one minor version older or newer (version skew policy), so 1.34 to 1.36.
 * @see https://kubernetes.io/releases/version-skew-policy/#kubectl
 */
export const SUPPORTED_KUBERNETES_VERSIONS: readonly string[] = ['1.34', '1.35', '1.36'];

/** The version used when adding a new environment. */
export const DEFAULT_KUBERNETES_VERSION = '1.35';

/** The kubectl layer matching the supported versions. */
export function kubectlLayer(scope: Construct, id: string): lambda.ILayerVersion {
  return new KubectlV35Layer(scope, id);
}
