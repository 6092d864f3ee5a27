/** The names of the VPC CNI add-on and of the objects it leaves in the cluster, as EKS spells them. */
import {
  AWS_NODE_SERVICE_ACCOUNT,
  NETWORK_POLICY_CONTROLLER_KEY,
  VPC_CNI_ADDON_NAME,
  VPC_CNI_CONFIGMAP,
} from '../../../lib/k8s/vpc-cni';

test('the EKS add-on is named vpc-cni (aws eks describe-addon-versions --addon-name vpc-cni)', () => {
  expect(VPC_CNI_ADDON_NAME).toBe('vpc-cni');
});

test('the CNI runs as kube-system/aws-node, the service account its IRSA role trusts', () => {
  expect(AWS_NODE_SERVICE_ACCOUNT).toEqual({ namespace: 'kube-system', name: 'aws-node' });
});

test('verify reads kube-system/amazon-vpc-cni and its enable-network-policy-controller key', () => {
  expect(VPC_CNI_CONFIGMAP).toBe('amazon-vpc-cni');
  expect(NETWORK_POLICY_CONTROLLER_KEY).toBe('enable-network-policy-controller');
});
