import { enforcementFinding } from '../../../lib/cli/network-policy-check';
import type { ConfigMapObject } from '../../../lambda/edge/kube';
import { AWS_NODE_SERVICE_ACCOUNT, NETWORK_POLICY_CONTROLLER_KEY, VPC_CNI_CONFIGMAP } from '../../../lib/k8s/vpc-cni';
import type { CliSetup } from './cli-setup';
import { startCliSetup, testEnvironment } from './cli-setup';

const cm = (data?: Record<string, string>): ConfigMapObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'amazon-vpc-cni', namespace: 'kube-system' }, data });

describe('enforcementFinding', () => {
  test('"true" passes', () => {
    expect(enforcementFinding('c1', cm({ 'enable-network-policy-controller': 'true' }))).toEqual({
      ok: true, line: 'ok   network policies are enforced (kube-system/amazon-vpc-cni enable-network-policy-controller: "true")',
    });
  });

  test.each([
    [{ 'enable-network-policy-controller': 'false' }, 'is "false"'],
    [{ 'enable-network-policy-controller': 'True' }, 'is "True"'],
    [{ 'enable-windows-ipam': 'true' }, 'is not set'],
    [undefined, 'is not set'],
  ])('anything but "true" fails (%p), naming the value and the cluster in the command to look', (data, found) => {
    const finding = enforcementFinding('c1', cm(data));
    expect(finding.ok).toBe(false);
    expect(finding.line).toMatch(new RegExp(`^FAIL network policies are not enforced: kube-system/amazon-vpc-cni enable-network-policy-controller ${found.replace(/"/g, '"')}, not "true"`));
    expect(finding.line).toContain('aws eks describe-addon --cluster-name c1 --addon-name vpc-cni');
  });

  test('a missing ConfigMap fails', () => {
    expect(enforcementFinding('c1', undefined).ok).toBe(false);
    expect(enforcementFinding('c1', undefined).line).toMatch(/^FAIL network policies are not enforced: kube-system\/amazon-vpc-cni does not exist/);
  });
});

describe('plan: enforcement configured, shown before the deploy turns it on (informational, never a change)', () => {
  let s: CliSetup;
  afterEach(async () => {
    await s.close();
  });
  const config = testEnvironment({
    networkPolicyEnforcement: true,
    serviceAccounts: [{ ...AWS_NODE_SERVICE_ACCOUNT, managedPolicyNames: ['AmazonEKS_CNI_Policy'] }],
  });
  const seedCni = (value: string) => s.harness.kube.seed({ metadata: { name: VPC_CNI_CONFIGMAP, namespace: 'kube-system' }, data: { [NETWORK_POLICY_CONTROLLER_KEY]: value } });

  test('the cluster does not enforce yet: one line says a deploy turns it on and what to look at first; exit 0 with --detailed-exitcode', async () => {
    s = await startCliSetup(config);
    seedCni('false');
    const run = await s.run(['plan', '--env', 'test', '--detailed-exitcode'], [config]);
    expect(run.code).toBe(0);
    expect(run.out).toEqual([
      '## test',
      '  no changes: aws-auth already holds every declared entry exactly once',
      '  i network policies (networkPolicyEnforcement: true): the cluster does not enforce them yet, so a deploy turns enforcement on and default-deny starts dropping '
        + 'traffic that no allow rule admits (README "Network policies"). Look first: '
        + '`aws eks describe-addon --cluster-name eks-access-test --addon-name vpc-cni` (no add-on yet: the deploy adopts the running aws-node), '
        + '`kubectl -n kube-system get daemonset aws-node -o yaml` (hand-set environment variables stay: conflicts are preserved)',
    ]);
  });

  test('the cluster enforces already, or config does not ask for it: no line', async () => {
    s = await startCliSetup(config);
    seedCni('true');
    expect((await s.run(['plan', '--env', 'test'], [config])).out.some((l) => l.includes('network policies'))).toBe(false);
    seedCni('false');
    expect((await s.run(['plan', '--env', 'test'], [testEnvironment()])).out.some((l) => l.includes('network policies'))).toBe(false);
  });
});
