/**
 * Config fixtures shared by the tests: valid environment configs (the smallest one and one that
 * uses every feature). Pure: nothing here imports the CDK, so a config test (and its mutation
 * pass's type checker) compiles only the config code. Re-exported by test/util.ts.
 */
import { PIPELINE } from '../lib/config/pipeline';
import type { EnvironmentConfig, NamespaceConfig } from '../lib/config/types';
import { DEFAULT_KUBERNETES_VERSION } from '../lib/config/versions';
import { Groups } from '../lib/k8s/groups';

export const ACCOUNT = '123456789012';
export const REGION = 'eu-west-1';

export const QUOTA = { requestsCpu: '4', requestsMemory: '8Gi', limitsCpu: '8', limitsMemory: '16Gi', pods: 50 };
export const CONTAINER_DEFAULTS = { requestCpu: '100m', requestMemory: '128Mi', limitCpu: '500m', limitMemory: '512Mi' };

/** A public endpoint admitting a documentation range and the shipped pipeline's verify step. */
export const ENDPOINT: EnvironmentConfig['endpoint'] = { access: 'public-and-private', publicCidrs: ['203.0.113.0/24', ...(PIPELINE.verifyStepCidrs ?? [])] };

/** A valid workload namespace; everything optional left to its default unless overridden. */
export function namespaceConfig(name: string, overrides: Partial<NamespaceConfig> = {}): NamespaceConfig {
  return { name, quota: QUOTA, containerDefaults: CONTAINER_DEFAULTS, ...overrides };
}

/**
 * The smallest valid environment: one node group, one people role, one namespace and one IRSA
 * service account. Override any top-level field.
 */
export function envConfig(overrides: Partial<EnvironmentConfig> = {}): EnvironmentConfig {
  return {
    name: 'test',
    account: ACCOUNT,
    region: REGION,
    kubernetesVersion: DEFAULT_KUBERNETES_VERSION,
    // As the shipped environments (deployed before the setting): the template leaves it absent.
    bootstrapCreatorAdmin: true,
    kubectlObjectsAdopted: true,
    vpc: { cidr: '10.0.0.0/16' },
    endpoint: ENDPOINT,
    nodeGroups: [{ name: 'general', instanceTypes: ['m6i.large'], minSize: 1, maxSize: 2 }],
    people: [{ roleName: 'test_developer', username: 'developer', groups: [Groups.developer] }],
    namespaces: [namespaceConfig('apps')],
    serviceAccounts: [{
      namespace: 'apps', name: 'worker',
      policyStatements: [{ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::test-bucket/*'] }],
    }],
    ...overrides,
  };
}

/** Role ARNs and names of {@link fullEnvConfig}, for assertions. */
export const FULL = {
  breakGlassRole: `arn:aws:iam::${ACCOUNT}:role/break-glass`,
  trustedAccount: '210987654321',
  crossAccountAdminRole: 'arn:aws:iam::210987654321:role/platform-admin',
  breakGlassUser: `arn:aws:iam::${ACCOUNT}:user/break-glass`,
  auditorUser: `arn:aws:iam::${ACCOUNT}:user/auditor`,
  ssoRole: `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_ReadOnly_0123456789abcdef`,
  karpenterNodeRole: `arn:aws:iam::${ACCOUNT}:role/karpenter-node`,
  ciUser: `arn:aws:iam::${ACCOUNT}:user/ci-bot`,
  frontendRole: `arn:aws:iam::${ACCOUNT}:role/frontend-owned-elsewhere`,
  uploadsBucket: 'arn:aws:s3:::full-uploads/*',
  secretsPrefix: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:full/*`,
} as const;

/**
 * An environment that uses every feature: two node groups (one with every optional field), people
 * roles with default and narrowed trust, an existing role with an IAM path, an existing node role,
 * a mapped user, namespaces with and without developer access and at every PSA level, and IRSA
 * service accounts of all three permission sources (inline, managed, existing role).
 */
export function fullEnvConfig(overrides: Partial<EnvironmentConfig> = {}): EnvironmentConfig {
  return envConfig({
    name: 'full',
    clusterName: 'full-cluster',
    vpc: { cidr: '10.42.0.0/16', maxAzs: 2, natGateways: 1 },
    nodeGroups: [
      { name: 'general', instanceTypes: ['m6i.large', 'm5.large'], minSize: 2, maxSize: 5, desiredSize: 3, diskSize: 50 },
      { name: 'batch', instanceTypes: ['c6i.xlarge'], minSize: 0, maxSize: 4 },
    ],
    allowClusterAdmin: true,
    people: [
      { roleName: 'full_admin', username: 'admin', groups: [Groups.clusterAdmin], trustedPrincipals: [FULL.breakGlassRole, FULL.crossAccountAdminRole], maxSessionHours: 2 },
      { roleName: 'full_break_glass', username: 'break-glass:{{SessionName}}', groups: [Groups.clusterAdmin], trustedPrincipals: [FULL.breakGlassUser], breakGlass: true },
      { roleName: 'full_developer', username: 'developer', groups: [Groups.developer] },
      { roleName: 'full_reader', username: 'reader', groups: [Groups.reader, 'auditors'], trustedPrincipals: [FULL.auditorUser, FULL.trustedAccount] },
    ],
    existingRoles: [
      { arn: FULL.ssoRole, username: 'sso-reader:{{SessionName}}', groups: [Groups.reader] },
      { arn: FULL.karpenterNodeRole, username: 'system:node:{{EC2PrivateDNSName}}', groups: [Groups.bootstrappers, Groups.nodes], nodeRole: true },
    ],
    users: [{ arn: FULL.ciUser, username: 'ci-bot', groups: [Groups.reader] }],
    namespaces: [
      namespaceConfig('payments', { allow: [{ name: 'from-web', direction: 'ingress', namespaces: ['web'], tcpPorts: [8080] }] }),
      namespaceConfig('web', { podSecurity: 'privileged' }),
      namespaceConfig('platform', {
        podSecurity: 'baseline', developerAccess: false,
        allow: [{ name: 'https-egress', direction: 'egress', cidrs: ['0.0.0.0/0'], tcpPorts: [443] }],
      }),
    ],
    serviceAccounts: [
      { namespace: 'kube-system', name: 'aws-node', managedPolicyNames: ['AmazonEKS_CNI_Policy'] },
      { namespace: 'payments', name: 'uploader', policyStatements: [{ actions: ['s3:PutObject'], resources: [FULL.uploadsBucket] }] },
      {
        namespace: 'platform', name: 'external-secrets',
        policyStatements: [{ actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], resources: [FULL.secretsPrefix] }],
      },
      { namespace: 'web', name: 'frontend', roleArn: FULL.frontendRole },
    ],
    ...overrides,
  });
}
