/**
 * Pod Security Admission labels for a namespace.
 * @see https://kubernetes.io/docs/concepts/security/pod-security-admission/
 */
import type { PodSecurityLevel } from '../config/types';

/** Level applied when a namespace's config names none (`NamespaceConfig.podSecurity`). */
export const DEFAULT_POD_SECURITY_LEVEL: PodSecurityLevel = 'restricted';

/**
 * Version of the Pod Security Standards each mode checks against: `latest` follows the
 * cluster's Kubernetes version.
 */
export const POD_SECURITY_VERSION = 'latest';

/** Prefix of every Pod Security Admission label. */
export const POD_SECURITY_LABEL_PREFIX = 'pod-security.kubernetes.io/';

/**
 * The three admission modes, all set to the same level: `enforce` rejects violating pods,
 * `audit` records them in the audit log, `warn` tells the user who applies them.
 * @see https://kubernetes.io/docs/concepts/security/pod-security-admission/#pod-security-admission-labels-for-namespaces
 */
export const POD_SECURITY_MODES = ['enforce', 'audit', 'warn'] as const;

/**
 * `pod-security.kubernetes.io/<mode>: <level>` and `pod-security.kubernetes.io/<mode>-version:
 * latest` for every mode.
 * @param level the Pod Security Standard to apply
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/
 */
export function podSecurityLabels(level: PodSecurityLevel = DEFAULT_POD_SECURITY_LEVEL): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const mode of POD_SECURITY_MODES) {
    labels[`${POD_SECURITY_LABEL_PREFIX}${mode}`] = level;
    labels[`${POD_SECURITY_LABEL_PREFIX}${mode}-version`] = POD_SECURITY_VERSION;
  }
  return labels;
}
