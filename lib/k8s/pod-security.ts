/**
 * Pod Security Admission labels for a namespace.
 * @see https://kubernetes.io/docs/concepts/security/pod-security-admission/
 */
import type { PodSecurityLevel } from '../config/types';

/** Level applied when a namespace's config names none (`NamespaceConfig.podSecurity`). */
export const DEFAULT_POD_SECURITY_LEVEL: PodSecurityLevel = 'restricted';

/**
 * The Pod Security Standards version each mode checks against: the cluster's own minor,
 * `v<major>.<minor>` (for example `v1.35` for `kubernetesVersion: '1.35'`), never `latest`.
 * Pinned, the rules a namespace is held to change only when config changes the cluster's
 * version, in the same pull request and the same `cdk diff`, instead of silently with the
 * control plane; a new Kubernetes version's tightened checks then arrive with its upgrade.
 * @param kubernetesVersion the environment's `kubernetesVersion`, `<major>.<minor>`
 * @throws Error if the version is not `<major>.<minor>`
 * @see https://kubernetes.io/docs/concepts/security/pod-security-admission/#pod-security-admission-labels-for-namespaces
 */
export function podSecurityVersion(kubernetesVersion: string): string {
  if (!/^\d+\.\d+$/.test(kubernetesVersion)) {
    throw new Error(
      `Kubernetes version "${kubernetesVersion}" is not "<major>.<minor>", so it cannot pin the Pod Security version. ` +
        'Set kubernetesVersion to the cluster\'s minor version, for example "1.35".',
    );
  }
  return `v${kubernetesVersion}`;
}

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
 * v<major>.<minor>` (see {@link podSecurityVersion}) for every mode.
 * @param kubernetesVersion the cluster's Kubernetes minor version, for example `'1.35'`
 * @param level the Pod Security Standard to apply
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/
 */
export function podSecurityLabels(kubernetesVersion: string, level: PodSecurityLevel = DEFAULT_POD_SECURITY_LEVEL): Record<string, string> {
  const version = podSecurityVersion(kubernetesVersion);
  const labels: Record<string, string> = {};
  for (const mode of POD_SECURITY_MODES) {
    labels[`${POD_SECURITY_LABEL_PREFIX}${mode}`] = level;
    labels[`${POD_SECURITY_LABEL_PREFIX}${mode}-version`] = version;
  }
  return labels;
}
