/**
 * The Amazon VPC CNI as this app manages it (the `vpc-cni` EKS add-on) and the names of the
 * objects it leaves in the cluster, which `eks-access verify` reads back.
 * @see https://docs.aws.amazon.com/eks/latest/userguide/managing-vpc-cni.html
 * @see https://docs.aws.amazon.com/eks/latest/userguide/cni-network-policy-configure.html
 */
import { KUBE_SYSTEM_NAMESPACE } from './manifest';

/** Name of the EKS add-on (`aws eks describe-addon-versions --addon-name vpc-cni`). */
export const VPC_CNI_ADDON_NAME = 'vpc-cni';

/** The CNI's service account, `kube-system/aws-node`: the add-on's IRSA role is its role. */
export const AWS_NODE_SERVICE_ACCOUNT: { readonly namespace: string; readonly name: string } = {
  namespace: KUBE_SYSTEM_NAMESPACE,
  name: 'aws-node',
};

/**
 * The ConfigMap the CNI keeps in kube-system. The add-on writes `enableNetworkPolicy` into it as
 * {@link NETWORK_POLICY_CONTROLLER_KEY}; EKS runs its network policy controller (which turns
 * NetworkPolicies into the PolicyEndpoints the node agent enforces) while the key is "true".
 * @see https://github.com/aws/amazon-vpc-cni-k8s/blob/master/charts/aws-vpc-cni/templates/configmap.yaml
 */
export const VPC_CNI_CONFIGMAP = 'amazon-vpc-cni';

/** Key of {@link VPC_CNI_CONFIGMAP} that is "true" while network policies are enforced. */
export const NETWORK_POLICY_CONTROLLER_KEY = 'enable-network-policy-controller';

/**
 * `ResolveConflicts` of the add-on. PRESERVE: on create, EKS refuses (the deploy fails and
 * rolls back) instead of overwriting fields of aws-node that someone else manages; on update,
 * EKS keeps values that were changed outside the add-on. Never OVERWRITE by default: that
 * resets a customized aws-node (environment variables such as WARM_IP_TARGET, custom
 * networking) to EKS defaults without showing the difference.
 * @see https://docs.aws.amazon.com/eks/latest/APIReference/API_UpdateAddon.html
 */
export const VPC_CNI_RESOLVE_CONFLICTS = 'PRESERVE';

/**
 * The add-on's `configurationValues` (its schema: `aws eks describe-addon-configuration
 * --addon-name vpc-cni --addon-version <version>`; `enableNetworkPolicy` is a string there).
 * With enforcement the JSON turns on network policy; without, nothing is set, so EKS keeps
 * what the cluster has (an explicit "false" would turn off enforcement someone enabled by hand,
 * silently).
 * @param enforce `networkPolicyEnforcement` of the environment
 * @returns the JSON string, or undefined for no configuration values
 */
export function vpcCniConfigurationValues(enforce: boolean): string | undefined {
  return enforce ? JSON.stringify({ enableNetworkPolicy: 'true' }) : undefined;
}
