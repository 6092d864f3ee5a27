/**
 * `verify`'s check that the cluster enforces NetworkPolicies where config says it should: the
 * `vpc-cni` add-on writes `enableNetworkPolicy` into the kube-system ConfigMap
 * `amazon-vpc-cni` as `enable-network-policy-controller`, and EKS runs its network policy
 * controller only while that key is "true" (without the controller no PolicyEndpoints exist and
 * the node agents enforce nothing).
 */
import type { ConfigMapObject, KubeClient } from '../../lambda/edge/kube';
import type { ResolvedEnvironment } from '../config/validate';
import { KUBE_SYSTEM_NAMESPACE } from '../k8s/manifest';
import { NETWORK_POLICY_CONTROLLER_KEY, VPC_CNI_ADDON_NAME, VPC_CNI_CONFIGMAP } from '../k8s/vpc-cni';

/** The finding of the check: a line as verify prints it, and whether it passes. */
export interface EnforcementFinding {
  readonly ok: boolean;
  readonly line: string;
}

const WHERE = `${KUBE_SYSTEM_NAMESPACE}/${VPC_CNI_CONFIGMAP}`;

/** How to see why and what to do, for every failure. */
const FIX = `the ${VPC_CNI_ADDON_NAME} add-on has not (yet) turned on network policy: deploy the environment, then compare `
  + `\`aws eks describe-addon --cluster-name CLUSTER --addon-name ${VPC_CNI_ADDON_NAME} --query addon.[status,configurationValues,health]\` `
  + `with \`kubectl -n ${KUBE_SYSTEM_NAMESPACE} get configmap ${VPC_CNI_CONFIGMAP} -o yaml\` (README, "Network policies")`;

/**
 * Judges the live ConfigMap (pure).
 * @param configMap `kube-system/amazon-vpc-cni` as read, or undefined when it does not exist
 */
export function enforcementFinding(clusterName: string, configMap: ConfigMapObject | undefined): EnforcementFinding {
  const fix = FIX.replace('CLUSTER', clusterName);
  if (configMap === undefined) {
    return { ok: false, line: `FAIL network policies are not enforced: ${WHERE} does not exist, so no VPC CNI network policy controller runs; ${fix}` };
  }
  const value = configMap.data?.[NETWORK_POLICY_CONTROLLER_KEY];
  if (value === 'true') {
    return { ok: true, line: `ok   network policies are enforced (${WHERE} ${NETWORK_POLICY_CONTROLLER_KEY}: "true")` };
  }
  const found = value === undefined ? 'is not set' : `is ${JSON.stringify(value)}`;
  return { ok: false, line: `FAIL network policies are not enforced: ${WHERE} ${NETWORK_POLICY_CONTROLLER_KEY} ${found}, not "true", although networkPolicyEnforcement is true; ${fix}` };
}

/**
 * Reads the ConfigMap and judges it, for an environment with `networkPolicyEnforcement`;
 * undefined (nothing read, nothing to report) otherwise.
 */
export async function checkNetworkPolicyEnforcement(env: ResolvedEnvironment, kube: KubeClient): Promise<EnforcementFinding | undefined> {
  if (!env.networkPolicyEnforcement) return undefined;
  return enforcementFinding(env.clusterName, await kube.getConfigMap(KUBE_SYSTEM_NAMESPACE, VPC_CNI_CONFIGMAP));
}

/**
 * What `plan` says about enforcement (informational, never counted as a change), for an
 * environment with `networkPolicyEnforcement`: nothing when the cluster enforces already;
 * otherwise that a deploy turns it on, and what to look at first (the add-on's view and the
 * live aws-node), since default-deny then starts dropping traffic no allow rule admits.
 */
export async function planNetworkPolicy(env: ResolvedEnvironment, kube: KubeClient): Promise<string[]> {
  const finding = await checkNetworkPolicyEnforcement(env, kube);
  if (finding === undefined || finding.ok) return [];
  return [
    `  i network policies (networkPolicyEnforcement: true): the cluster does not enforce them yet, so a deploy turns enforcement on and default-deny starts dropping `
      + 'traffic that no allow rule admits (README "Network policies"). Look first: '
      + `\`aws eks describe-addon --cluster-name ${env.clusterName} --addon-name ${VPC_CNI_ADDON_NAME}\` (no add-on yet: the deploy adopts the running aws-node), `
      + `\`kubectl -n ${KUBE_SYSTEM_NAMESPACE} get daemonset aws-node -o yaml\` (hand-set environment variables stay: conflicts are preserved)`,
  ];
}
