import { declaresAwsNode, networkPolicyEnforcementProblems } from '../../../../lib/config/rules/network-policy-enforcement';
import type { EnvironmentConfig, ServiceAccountConfig } from '../../../../lib/config/types';
import { validateEnvironment } from '../../../../lib/config/validate';
import { ConfigValidationError } from '../../../../lib/config/errors';
import { envConfig } from '../../../config-fixtures';

const awsNode: ServiceAccountConfig = { namespace: 'kube-system', name: 'aws-node', managedPolicyNames: ['AmazonEKS_CNI_Policy'] };
const uploader: ServiceAccountConfig = { namespace: 'kube-system', name: 'uploader', managedPolicyNames: ['AmazonS3ReadOnlyAccess'] };
const env = (networkPolicyEnforcement: unknown, serviceAccounts: ServiceAccountConfig[]) =>
  ({ ...envConfig({ serviceAccounts }), networkPolicyEnforcement }) as EnvironmentConfig;

describe('networkPolicyEnforcementProblems', () => {
  test.each([
    ['absent', undefined, []],
    ['false', false, []],
    ['false without aws-node', false, [uploader]],
    ['true with aws-node', true, [awsNode]],
  ] as Array<[string, unknown, ServiceAccountConfig[]]>)('none: %s', (_, value, sas) => {
    expect(networkPolicyEnforcementProblems(env(value, sas))).toEqual([]);
  });

  test('true without the aws-node service account: names the field and the declaration to add', () => {
    expect(networkPolicyEnforcementProblems(env(true, [uploader]))).toEqual([{
      field: 'networkPolicyEnforcement', value: true,
      message: 'needs the vpc-cni add-on, which the app manages only with the CNI\'s IRSA role: declare { namespace: "kube-system", name: "aws-node", '
        + 'managedPolicyNames: ["AmazonEKS_CNI_Policy"] } under serviceAccounts, or set networkPolicyEnforcement: false',
    }]);
  });

  test.each(['true', 1, null])('not a boolean (%p) is refused', (value) => {
    expect(networkPolicyEnforcementProblems(env(value, [awsNode]))).toEqual([{
      field: 'networkPolicyEnforcement', value, message: 'must be true or false (true: the vpc-cni add-on enforces the namespaces\' NetworkPolicies)',
    }]);
  });

  test('declaresAwsNode matches namespace and name together', () => {
    expect(declaresAwsNode({ serviceAccounts: [awsNode] })).toBe(true);
    expect(declaresAwsNode({ serviceAccounts: [{ ...awsNode, namespace: 'payments' }] })).toBe(false);
    expect(declaresAwsNode({ serviceAccounts: [{ ...awsNode, name: 'aws-node-x' }] })).toBe(false);
    expect(declaresAwsNode({ serviceAccounts: undefined as unknown as ServiceAccountConfig[] })).toBe(false);
    // A hole in the list (reported by validation under its index) is skipped, not a crash.
    expect(declaresAwsNode({ serviceAccounts: [null as unknown as ServiceAccountConfig, awsNode] })).toBe(true);
  });
});

describe('validateEnvironment', () => {
  test('resolves networkPolicyEnforcement to false by default and keeps true', () => {
    expect(validateEnvironment(env(undefined, [awsNode])).networkPolicyEnforcement).toBe(false);
    expect(validateEnvironment(env(true, [awsNode])).networkPolicyEnforcement).toBe(true);
  });

  test('reports the rule\'s problem with the environment and field', () => {
    expect(() => validateEnvironment(env(true, []))).toThrow(ConfigValidationError);
    expect(() => validateEnvironment(env(true, []))).toThrow(/\[test\] networkPolicyEnforcement = true: needs the vpc-cni add-on/);
  });
});
