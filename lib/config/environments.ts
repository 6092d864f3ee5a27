import { Groups } from '../k8s/groups';
import type { EnvironmentConfig, NamespaceConfig, ServiceAccountConfig } from './types';
import { DEFAULT_KUBERNETES_VERSION } from './versions';

/*
 * The environments of this app. ACCOUNT IDS ARE PLACEHOLDERS (111111111111, 222222222222,
 * 333333333333): replace them with your accounts, then add the matching availability-zone
 * entries to cdk.context.json (`npx cdk context` / `cdk synth` with credentials) so that synth
 * stays offline.
 */

/** Namespaces every environment gets. */
function workloadNamespaces(size: 'small' | 'large'): NamespaceConfig[] {
  const quota = size === 'small'
    ? { requestsCpu: '4', requestsMemory: '8Gi', limitsCpu: '8', limitsMemory: '16Gi', pods: 50 }
    : { requestsCpu: '16', requestsMemory: '32Gi', limitsCpu: '32', limitsMemory: '64Gi', pods: 200 };
  const containerDefaults = { requestCpu: '100m', requestMemory: '128Mi', limitCpu: '500m', limitMemory: '512Mi' };
  return [
    {
      name: 'payments', quota, containerDefaults,
      allow: [{ name: 'from-web', direction: 'ingress', namespaces: ['web'], tcpPorts: [8080] }],
    },
    {
      name: 'web', quota, containerDefaults,
      allow: [{ name: 'to-payments', direction: 'egress', namespaces: ['payments'], tcpPorts: [8080] }],
    },
    {
      // external-secrets needs to reach the AWS APIs over HTTPS.
      name: 'platform', quota, containerDefaults, podSecurity: 'baseline', developerAccess: false,
      allow: [{ name: 'https-egress', direction: 'egress', cidrs: ['0.0.0.0/0'], tcpPorts: [443] }],
    },
  ];
}

/** The three IRSA examples: VPC CNI, an uploader and an external-secrets reader. */
function serviceAccounts(env: string, account: string, region: string): ServiceAccountConfig[] {
  return [
    { namespace: 'kube-system', name: 'aws-node', managedPolicyNames: ['AmazonEKS_CNI_Policy'] },
    {
      namespace: 'payments', name: 'uploader',
      policyStatements: [{ actions: ['s3:PutObject'], resources: [`arn:aws:s3:::eks-access-${env}-uploads/*`] }],
    },
    {
      namespace: 'platform', name: 'external-secrets',
      policyStatements: [{
        actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
        resources: [`arn:aws:secretsmanager:${region}:${account}:secret:${env}/*`],
      }],
    },
  ];
}

const peopleRoles = (adminTrust?: string[]) => [
  { roleName: 'external_admin', username: 'admin', groups: [Groups.clusterAdmin], trustedPrincipals: adminTrust },
  { roleName: 'external_developer', username: 'developer', groups: [Groups.developer] },
  { roleName: 'external_reader', username: 'reader', groups: [Groups.reader] },
];

export const ENVIRONMENTS: EnvironmentConfig[] = [
  {
    name: 'dev',
    account: '111111111111',
    region: 'eu-west-1',
    kubernetesVersion: DEFAULT_KUBERNETES_VERSION,
    vpc: { cidr: '10.10.0.0/16', maxAzs: 2, natGateways: 1 },
    nodeGroups: [{ name: 'general', instanceTypes: ['t3.large'], minSize: 1, maxSize: 3, desiredSize: 2 }],
    allowClusterAdmin: true,
    people: peopleRoles(),
    users: [{ arn: 'arn:aws:iam::111111111111:user/ci-bot', username: 'ci-bot', groups: [Groups.reader] }],
    namespaces: workloadNamespaces('small'),
    serviceAccounts: serviceAccounts('dev', '111111111111', 'eu-west-1'),
  },
  {
    name: 'staging',
    account: '222222222222',
    region: 'eu-west-1',
    kubernetesVersion: DEFAULT_KUBERNETES_VERSION,
    vpc: { cidr: '10.20.0.0/16', maxAzs: 3, natGateways: 1 },
    nodeGroups: [{ name: 'general', instanceTypes: ['m6i.large'], minSize: 2, maxSize: 4 }],
    allowClusterAdmin: true,
    people: peopleRoles(),
    existingRoles: [{
      // An IAM Identity Center role: its path is stripped when written to aws-auth.
      arn: 'arn:aws:iam::222222222222:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_ReadOnly_0123456789abcdef',
      username: 'sso-reader:{{SessionName}}',
      groups: [Groups.reader],
    }],
    namespaces: workloadNamespaces('small'),
    serviceAccounts: serviceAccounts('staging', '222222222222', 'eu-west-1'),
  },
  {
    name: 'prod',
    account: '333333333333',
    region: 'eu-central-1',
    kubernetesVersion: DEFAULT_KUBERNETES_VERSION,
    vpc: { cidr: '10.30.0.0/16', maxAzs: 3, natGateways: 3 },
    nodeGroups: [{ name: 'general', instanceTypes: ['m6i.xlarge', 'm5.xlarge'], minSize: 3, maxSize: 6 }],
    // Cluster admin in prod only through a break-glass role, never the whole account.
    allowClusterAdmin: true,
    people: peopleRoles(['arn:aws:iam::333333333333:role/break-glass']),
    namespaces: workloadNamespaces('large'),
    serviceAccounts: serviceAccounts('prod', '333333333333', 'eu-central-1'),
  },
];
