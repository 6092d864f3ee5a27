/**
 * The permission lists are exact: `plan` and `verify` pass against the stand-ins with only the
 * listed Kubernetes permissions (the operator RBAC of cli-setup is built from them), and fail
 * with the explained 403 when any one of them is taken away.
 */
import { KUBE_SYSTEM_NAMESPACE } from '../../../lib/k8s/manifest';
import { AWS_NODE_SERVICE_ACCOUNT, NETWORK_POLICY_CONTROLLER_KEY, VPC_CNI_CONFIGMAP } from '../../../lib/k8s/vpc-cni';
import { COMMAND_PERMISSIONS, COMMANDS, describeKubernetesPermission, permissionsSentence } from '../../../lib/cli/permissions';
import type { Command } from '../../../lib/cli/permissions';
import { TEST_IDENTITIES } from '../../support/identities';
import type { CliSetup } from './cli-setup';
import { CLUSTER, operatorRbacName, startCliSetup, testEnvironment } from './cli-setup';

describe('the sentences', () => {
  test('each Kubernetes permission as RBAC reads it', () => {
    expect(COMMAND_PERMISSIONS.verify.kubernetes.map(describeKubernetesPermission)).toEqual([
      'get configmaps kube-system/aws-auth',
      'get configmaps kube-system/amazon-vpc-cni (with networkPolicyEnforcement)',
      'create subjectaccessreviews.authorization.k8s.io (cluster-wide)',
    ]);
  });

  test('plan: the IAM actions and Kubernetes permissions, and sts:AssumeRole with --assume-role', () => {
    expect(permissionsSentence('plan', { clusterNames: ['c1'] })).toBe(
      'plan needs: IAM eks:DescribeCluster, eks:ListAccessEntries, eks:ListAssociatedAccessPolicies, eks:DescribeAccessEntry on cluster c1; '
      + 'Kubernetes get configmaps kube-system/aws-auth; get configmaps kube-system/amazon-vpc-cni (with networkPolicyEnforcement).',
    );
    expect(permissionsSentence('verify', { clusterNames: ['c1', 'c2'], assumeRole: 'arn:aws:iam::111122223333:role/c1-verifier' })).toBe(
      'verify needs: your own credentials need sts:AssumeRole on arn:aws:iam::111122223333:role/c1-verifier, and that role needs IAM eks:DescribeCluster, eks:DescribeAccessEntry, eks:ListAssociatedAccessPolicies on clusters c1, c2; '
      + 'Kubernetes get configmaps kube-system/aws-auth; get configmaps kube-system/amazon-vpc-cni (with networkPolicyEnforcement); '
      + 'create subjectaccessreviews.authorization.k8s.io (cluster-wide).',
    );
  });
});

describe('against the stand-ins, with exactly the listed Kubernetes permissions', () => {
  // networkPolicyEnforcement makes both commands read the VPC CNI's ConfigMap too.
  const config = testEnvironment({ networkPolicyEnforcement: true, serviceAccounts: [{ ...AWS_NODE_SERVICE_ACCOUNT, managedPolicyNames: ['AmazonEKS_CNI_Policy'] }] });
  let s: CliSetup;
  beforeAll(async () => {
    s = await startCliSetup(config);
    s.harness.kube.seed({ metadata: { name: VPC_CNI_CONFIGMAP, namespace: KUBE_SYSTEM_NAMESPACE }, data: { [NETWORK_POLICY_CONTROLLER_KEY]: 'true' } });
  });
  afterAll(async () => {
    await s.close();
  });

  test.each(COMMANDS)('%s passes', async (command) => {
    const run = await s.run([command, '--env', 'test']);
    expect(run.err.filter((l) => l.includes('refused'))).toEqual([]);
    expect(run.code).toBe(0);
  });

  const cases = COMMANDS.flatMap((command: Command) => COMMAND_PERMISSIONS[command].kubernetes.map((p) => [command, describeKubernetesPermission(p), p] as const));
  test.each(cases)('%s without "%s" fails with the explained 403', async (command, _, permission) => {
    const name = operatorRbacName(permission);
    const kind = permission.namespace ? 'Role' : 'ClusterRole';
    const removed = s.rbac.list().filter((o) => o.metadata.name === name && o.kind === kind);
    expect(s.rbac.remove(kind, name, permission.namespace)).toBe(true);
    try {
      const run = await s.run([command, '--env', 'test']);
      expect(run.code).toBe(1);
      expect(run.err).toContainEqual(expect.stringMatching(new RegExp(
        `^test: Kubernetes signed ${TEST_IDENTITIES.deployer.arn} in but refused a request on cluster ${CLUSTER} \\(Kubernetes API .*HTTP 403 Forbidden.*\\); `
        + `${command} needs Kubernetes .*; bind your group to them$`,
      )));
      expect(run.err.join('\n')).not.toMatch(/^ {4}at /m);
    } finally {
      s.rbac.apply(...removed);
    }
  });
});
