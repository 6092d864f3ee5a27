import { Groups } from '../k8s/groups';
import { PIPELINE } from './pipeline';
import { PLACEHOLDER_ACCOUNTS } from './placeholders';
import type { EndpointConfig, EnvironmentConfig, NamespaceConfig, PeopleRoleConfig, ServiceAccountConfig } from './types';
import { DEFAULT_KUBERNETES_VERSION } from './versions';

/*
 * The environments of this app. THE ACCOUNTS ARE PLACEHOLDERS (lib/config/placeholders.ts):
 * replace each of the three lines below with your account id, as a string ('123456789012'); every
 * ARN of that environment below is built from it. Synth works with placeholders, but a deploy of
 * a stack that still holds one fails before anything is created. Synth stays offline for your
 * account because each environment declares its `availabilityZones` (zone names as
 * `aws ec2 describe-availability-zones` lists them for your account). An environment that is
 * already deployed must declare exactly the zones cdk.context.json records for it, in order:
 * synth checks this.
 */
const DEV_ACCOUNT: string = PLACEHOLDER_ACCOUNTS.dev;
const STAGING_ACCOUNT: string = PLACEHOLDER_ACCOUNTS.staging;
const PROD_ACCOUNT: string = PLACEHOLDER_ACCOUNTS.prod;

/** Namespaces every environment gets. */
function workloadNamespaces(size: 'small' | 'large'): NamespaceConfig[] {
  const quota = size === 'small'
    ? { requestsCpu: '4', requestsMemory: '8Gi', limitsCpu: '8', limitsMemory: '16Gi', pods: 50 }
    : { requestsCpu: '16', requestsMemory: '32Gi', limitsCpu: '32', limitsMemory: '64Gi', pods: 200 };
  const containerDefaults = { requestCpu: '100m', requestMemory: '128Mi', limitCpu: '500m', limitMemory: '512Mi' };
  return [
    {
      name: 'payments', quota, containerDefaults,
      allow: [
        { name: 'from-web', direction: 'ingress', namespaces: ['web'], tcpPorts: [8080] },
        // The uploader (IRSA) calls STS and S3 over HTTPS; enforced default-deny drops it otherwise.
        { name: 'https-egress', direction: 'egress', cidrs: ['0.0.0.0/0'], tcpPorts: [443] },
      ],
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

/**
 * The people roles of every environment. Cluster admin has two declared paths, each trusted by
 * explicit principals (never the whole account): `external_admin`, the daily path, trusted by
 * `adminTrust` (role names are create-only, so the existing name is kept); and `break_glass_admin`,
 * trusted by break-glass IAM users who must present MFA, for when the daily path is broken.
 * PLACEHOLDER ARNS: replace them with your Identity Center admin role and break-glass users.
 */
const peopleRoles = (account: string, adminTrust: string[], readerConsoleAccess = false): PeopleRoleConfig[] => [
  { roleName: 'external_admin', username: 'admin', groups: [Groups.clusterAdmin], trustedPrincipals: adminTrust },
  {
    roleName: 'break_glass_admin', username: 'break-glass:{{SessionName}}', groups: [Groups.clusterAdmin], breakGlass: true,
    trustedPrincipals: [`arn:aws:iam::${account}:user/break-glass`],
  },
  { roleName: 'external_developer', username: 'developer', groups: [Groups.developer] },
  { roleName: 'external_reader', username: 'reader', groups: [Groups.reader], ...(readerConsoleAccess ? { consoleAccess: true } : {}) },
];

/** The IAM Identity Center AdministratorAccess role of an account (placeholder suffix). */
const ssoAdminRole = (account: string, region: string) =>
  `arn:aws:iam::${account}:role/aws-reserved/sso.amazonaws.com/${region}/AWSReservedSSO_AdministratorAccess_0123456789abcdef`;

/**
 * The API endpoint of every environment: public only from the people's VPN egress and the
 * pipeline's verify step, private for the nodes and the app's functions (which run in the VPC).
 * PLACEHOLDER: 203.0.113.0/24 is a documentation range; replace it with your VPN's egress block.
 */
const endpoint = (): EndpointConfig => ({ access: 'public-and-private', publicCidrs: ['203.0.113.0/24', ...(PIPELINE.verifyStepCidrs ?? [])] });

export const ENVIRONMENTS: EnvironmentConfig[] = [
  {
    name: 'dev',
    account: DEV_ACCOUNT,
    region: 'eu-west-1',
    availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
    kubernetesVersion: DEFAULT_KUBERNETES_VERSION,
    // Deployed before this setting existed (CloudFormation default true): keep it, since it is
    // create-only; remove the creator's entry with the README's "Creator admin" steps instead.
    bootstrapCreatorAdmin: true,
    kubectlObjectsAdopted: true, // eks-access 0.2 deployed here (README "Upgrading to 0.2 and 0.3")
    vpc: { cidr: '10.10.0.0/16', maxAzs: 2, natGateways: 1 },
    endpoint: endpoint(),
    nodeGroups: [{ name: 'general', instanceTypes: ['t3.large'], minSize: 1, maxSize: 3, desiredSize: 2 }],
    allowClusterAdmin: true,
    // Dev first: the vpc-cni add-on enforces the namespaces' NetworkPolicies here. Staging and
    // prod follow once dev shows every flow the workloads need has an allow rule (README,
    // "Network policies").
    networkPolicyEnforcement: true,
    // Dev first: people get EKS access entries too, beside their aws-auth entries (README,
    // "People through access entries"); the reader sees the cluster in the EKS console.
    accessBackend: 'both',
    people: peopleRoles(DEV_ACCOUNT, [ssoAdminRole(DEV_ACCOUNT, 'eu-west-1')], true),
    users: [{ arn: `arn:aws:iam::${DEV_ACCOUNT}:user/ci-bot`, username: 'ci-bot', groups: [Groups.reader] }],
    namespaces: workloadNamespaces('small'),
    serviceAccounts: serviceAccounts('dev', DEV_ACCOUNT, 'eu-west-1'),
  },
  {
    name: 'staging',
    account: STAGING_ACCOUNT,
    region: 'eu-west-1',
    availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
    kubernetesVersion: DEFAULT_KUBERNETES_VERSION,
    // Deployed before this setting existed (CloudFormation default true): keep it, since it is
    // create-only; remove the creator's entry with the README's "Creator admin" steps instead.
    bootstrapCreatorAdmin: true,
    kubectlObjectsAdopted: true, // eks-access 0.2 deployed here (README "Upgrading to 0.2 and 0.3")
    vpc: { cidr: '10.20.0.0/16', maxAzs: 3, natGateways: 1 },
    endpoint: endpoint(),
    nodeGroups: [{ name: 'general', instanceTypes: ['m6i.large'], minSize: 2, maxSize: 4 }],
    allowClusterAdmin: true,
    people: peopleRoles(STAGING_ACCOUNT, [ssoAdminRole(STAGING_ACCOUNT, 'eu-west-1')]),
    existingRoles: [{
      // An IAM Identity Center role: its path is stripped when written to aws-auth.
      arn: `arn:aws:iam::${STAGING_ACCOUNT}:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_ReadOnly_0123456789abcdef`,
      username: 'sso-reader:{{SessionName}}',
      groups: [Groups.reader],
    }],
    namespaces: workloadNamespaces('small'),
    serviceAccounts: serviceAccounts('staging', STAGING_ACCOUNT, 'eu-west-1'),
  },
  {
    name: 'prod',
    account: PROD_ACCOUNT,
    region: 'eu-central-1',
    availabilityZones: ['eu-central-1a', 'eu-central-1b', 'eu-central-1c'],
    // Every prod stack refuses deletion (cdk destroy, a stack delete) until this is turned off.
    terminationProtection: true,
    kubernetesVersion: DEFAULT_KUBERNETES_VERSION,
    // Deployed before this setting existed (CloudFormation default true): keep it, since it is
    // create-only; remove the creator's entry with the README's "Creator admin" steps instead.
    bootstrapCreatorAdmin: true,
    kubectlObjectsAdopted: true, // eks-access 0.2 deployed here (README "Upgrading to 0.2 and 0.3")
    vpc: { cidr: '10.30.0.0/16', maxAzs: 3, natGateways: 3 },
    endpoint: endpoint(),
    nodeGroups: [{ name: 'general', instanceTypes: ['m6i.xlarge', 'm5.xlarge'], minSize: 3, maxSize: 6 }],
    // Cluster admin in prod only through explicit principals: the existing break-glass role for
    // external_admin, and break-glass IAM users with MFA for break_glass_admin.
    allowClusterAdmin: true,
    people: peopleRoles(PROD_ACCOUNT, [`arn:aws:iam::${PROD_ACCOUNT}:role/break-glass`]),
    namespaces: workloadNamespaces('large'),
    serviceAccounts: serviceAccounts('prod', PROD_ACCOUNT, 'eu-central-1'),
  },
];
