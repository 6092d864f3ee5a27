/**
 * Small cloud assemblies for the access-report tests, built from TypeScript objects in the
 * shapes the real app synthesizes (checked against the real `buildApp()` assembly in
 * real-assembly.test.ts): one stage per environment, stacks `<env>/Access` and `<env>/Workloads`,
 * cross-stack references as `Fn::GetStackOutput`, IRSA conditions through a CfnJson resource.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AWS_AUTH_RESOURCE_TYPE } from '../../../lambda/aws-auth/api';
import type { RoleMapping, UserMapping } from '../../../lambda/aws-auth/api';
import type { CfnResource, CfnTemplate } from '../../../lib/report/template';

/** Cloud assembly schema version written into the manifests. */
const SCHEMA_VERSION = '55.0.0';

/** Account and region of every fixture environment. */
export const ACCOUNT = '111111111111';
const REGION = 'eu-west-1';

/** Stacks of one environment: stack id (`Access`) to template. */
export type EnvironmentTemplates = Record<string, CfnTemplate>;

/** Environments by stage name. */
export type AssemblyTemplates = Record<string, EnvironmentTemplates>;

/**
 * Writes a cloud assembly (root manifest with one nested assembly per environment) into a new
 * temporary directory.
 * @returns the directory
 */
export function writeAssembly(environments: AssemblyTemplates, into?: string): string {
  const root = into ?? fs.mkdtempSync(path.join(os.tmpdir(), 'access-report-fixture-'));
  fs.mkdirSync(root, { recursive: true });
  const rootArtifacts: Record<string, unknown> = {};
  for (const [env, stacks] of Object.entries(environments)) {
    const dir = `assembly-${env}`;
    fs.mkdirSync(path.join(root, dir), { recursive: true });
    const artifacts: Record<string, unknown> = {};
    for (const [stackId, template] of Object.entries(stacks)) {
      const artifactId = `${env}${stackId}`;
      const templateFile = `${artifactId}.template.json`;
      fs.writeFileSync(path.join(root, dir, templateFile), JSON.stringify(template, null, 1));
      artifacts[artifactId] = {
        type: 'aws:cloudformation:stack',
        environment: `aws://${ACCOUNT}/${REGION}`,
        properties: { templateFile, stackName: `${env}-${stackId}` },
        displayName: `${env}/${stackId}`,
      };
    }
    fs.writeFileSync(path.join(root, dir, 'manifest.json'), JSON.stringify({ version: SCHEMA_VERSION, artifacts }, null, 1));
    rootArtifacts[dir] = { type: 'cdk:cloud-assembly', properties: { directoryName: dir, displayName: env } };
  }
  fs.writeFileSync(path.join(root, 'manifest.json'), JSON.stringify({ version: SCHEMA_VERSION, artifacts: rootArtifacts }, null, 1));
  return root;
}

function meta(env: string, constructPath: string): Record<string, unknown> {
  return { 'aws:cdk:path': `${env}/${constructPath}` };
}

/** A reference to an output of the environment's Cluster stack (weak cross-stack reference). */
export function clusterOutput(env: string, outputName: string): unknown {
  return { 'Fn::GetStackOutput': { StackName: `${env}-Cluster`, Region: REGION, OutputName: outputName } };
}

/** The merge resource, as `AwsAuthMappings` renders it. */
export function awsAuthResource(env: string, options: {
  owner?: string; mapRoles?: Array<RoleMapping | { rolearn: unknown; username: string; groups: string[] }>;
  mapUsers?: UserMapping[]; mapAccounts?: string[]; allowClusterAdmin?: boolean;
}): CfnResource {
  return {
    Type: AWS_AUTH_RESOURCE_TYPE,
    Properties: {
      ServiceToken: { 'Fn::GetAtt': ['AwsAuthProviderFramework', 'Arn'] },
      ClusterName: clusterOutput(env, 'PublishOutputRefCluster'),
      Owner: options.owner ?? `eks-access/${env}/people`,
      MapRoles: options.mapRoles ?? [],
      MapUsers: options.mapUsers ?? [],
      MapAccounts: options.mapAccounts ?? [],
      AllowClusterAdmin: String(options.allowClusterAdmin ?? false),
      TakeOverUnowned: 'false',
      ValidatePrincipals: 'true',
    },
    Metadata: meta(env, 'Access/Mappings/Resource/Default'),
  };
}

/** A people role as `PeopleRole` renders it. */
export function peopleRole(env: string, roleName: string, trustedPrincipals: string[]): CfnResource {
  return {
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: {
        Statement: trustedPrincipals.map((p) => ({ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { AWS: p } })),
        Version: '2012-10-17',
      },
      MaxSessionDuration: 3600,
      Policies: [{
        PolicyName: 'DescribeCluster',
        PolicyDocument: { Statement: [{ Action: 'eks:DescribeCluster', Effect: 'Allow', Resource: clusterOutput(env, 'PublishOutputFnGetAttClusterArn') }], Version: '2012-10-17' },
      }],
      RoleName: roleName,
    },
    Metadata: meta(env, `Access/Person-${roleName}/Role/Resource`),
  };
}

/** How an IRSA role trusts its service account. */
export interface IrsaTrust {
  /** Condition operator. @default 'StringEquals' */
  readonly operator?: string;
  /** `:sub` value; none means no `:sub` condition. */
  readonly sub?: string;
  /** `:aud` value. @default 'sts.amazonaws.com' */
  readonly aud?: string;
}

/**
 * An IRSA role and its CfnJson trust conditions, as `IrsaServiceAccount` renders them.
 * @returns the resources by logical id
 */
export function irsaRole(env: string, id: string, trust: IrsaTrust, statements: unknown[] = []): Record<string, CfnResource> {
  const issuer = { 'Fn::Select': [1, { 'Fn::Split': [':oidc-provider/', clusterOutput(env, 'PublishOutputRefClusterOidcProvider')] }] };
  const parts: unknown[] = ['{'];
  const conditions: Array<[string, string]> = [];
  if (trust.sub !== undefined) conditions.push(['sub', trust.sub]);
  conditions.push(['aud', trust.aud ?? 'sts.amazonaws.com']);
  conditions.forEach(([suffix, value], i) => parts.push(`${i === 0 ? '' : ','}"`, issuer, `:${suffix}":"${value}"`));
  parts.push('}');
  const resources: Record<string, CfnResource> = {
    [`${id}TrustConditions`]: {
      Type: 'Custom::AWSCDKCfnJson',
      Properties: { ServiceToken: { 'Fn::GetAtt': ['CfnUtilsHandler', 'Arn'] }, Value: { 'Fn::Join': ['', parts] } },
      Metadata: meta(env, `Workloads/${id}/TrustConditions/Resource/Default`),
    },
    [`${id}Role`]: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: {
          Statement: [{
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: { [trust.operator ?? 'StringEquals']: { 'Fn::GetAtt': [`${id}TrustConditions`, 'Value'] } },
            Effect: 'Allow',
            Principal: { Federated: clusterOutput(env, 'PublishOutputRefClusterOidcProvider') },
          }],
          Version: '2012-10-17',
        },
      },
      Metadata: meta(env, `Workloads/${id}/Role/Resource`),
    },
  };
  if (statements.length > 0) {
    resources[`${id}RoleDefaultPolicy`] = {
      Type: 'AWS::IAM::Policy',
      Properties: { PolicyDocument: { Statement: statements, Version: '2012-10-17' }, PolicyName: `${id}RoleDefaultPolicy`, Roles: [{ Ref: `${id}Role` }] },
      Metadata: meta(env, `Workloads/${id}/Role/DefaultPolicy/Resource`),
    };
  }
  return resources;
}

/** A `KubernetesManifest` resource applying `objects` (Manifest is JSON text). */
export function manifestResource(env: string, constructPath: string, objects: unknown[]): CfnResource {
  return {
    Type: 'Custom::AWSCDK-EKS-KubernetesResource',
    Properties: {
      ServiceToken: clusterOutput(env, 'PublishOutputKubectlProvider'),
      Manifest: JSON.stringify(objects),
      ClusterName: clusterOutput(env, 'PublishOutputRefCluster'),
      Overwrite: true,
    },
    Metadata: meta(env, `${constructPath}/Resource/Default`),
  };
}

const RBAC = 'rbac.authorization.k8s.io';
const READ = ['get', 'list', 'watch'];

/** A Role or ClusterRole (ClusterRole when no namespace). */
export function rbacRole(name: string, namespace: string | undefined, rules: unknown[]): Record<string, unknown> {
  return { apiVersion: `${RBAC}/v1`, kind: namespace ? 'Role' : 'ClusterRole', metadata: { name, ...(namespace ? { namespace } : {}) }, rules };
}

/** A binding of `roleRef` to groups; a ClusterRoleBinding when no namespace. */
export function rbacBinding(name: string, namespace: string | undefined, roleRef: { kind: string; name: string }, groups: string[]): Record<string, unknown> {
  return {
    apiVersion: `${RBAC}/v1`,
    kind: namespace ? 'RoleBinding' : 'ClusterRoleBinding',
    metadata: { name, ...(namespace ? { namespace } : {}) },
    roleRef: { apiGroup: RBAC, ...roleRef },
    subjects: groups.map((g) => ({ kind: 'Group', apiGroup: RBAC, name: g })),
  };
}

/** The reader rules (cluster-wide) and developer rules (namespaced) of the real app, abridged. */
export const READ_RULES = [{ apiGroups: [''], resources: ['pods', 'services'], verbs: READ }];

/** `GetAtt Arn` of a role in the same stack. */
export function arnOf(logicalId: string): unknown {
  return { 'Fn::GetAtt': [logicalId, 'Arn'] };
}

/** Options of {@link baseline} (all default to the baseline environment). */
export interface BaselineOptions {
  readonly mapRoles?: Array<{ rolearn: unknown; username: string; groups: string[] }>;
  readonly mapUsers?: UserMapping[];
  readonly mapAccounts?: string[];
  readonly allowClusterAdmin?: boolean;
  readonly uploaderTrust?: IrsaTrust;
  readonly uploaderStatements?: unknown[];
  readonly readerBindingGroups?: string[];
  readonly extraRbac?: unknown[];
  readonly developerRules?: unknown[];
  readonly adminTrust?: string[];
  readonly extraAccess?: Record<string, CfnResource>;
  readonly kubectlAccessPolicies?: string[];
}

/** The Cluster stack: cluster, OIDC provider, the kubectl role's access entry, the published outputs. */
export function clusterStack(env: string, kubectlAccessPolicies = ['AmazonEKSClusterAdminPolicy']): CfnTemplate {
  return {
    Resources: {
      Cluster: { Type: 'AWS::EKS::Cluster', Properties: { Name: `eks-access-${env}` }, Metadata: meta(env, 'Cluster/Cluster/Resource') },
      ClusterOidcProvider: { Type: 'AWS::IAM::OIDCProvider', Properties: { ClientIdList: ['sts.amazonaws.com'] }, Metadata: meta(env, 'Cluster/Cluster/OidcProviderNative/Resource') },
      KubectlRole: {
        Type: 'AWS::IAM::Role',
        Properties: { AssumeRolePolicyDocument: { Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } }] } },
        Metadata: meta(env, 'Cluster/Cluster/KubectlProvider/Handler/ServiceRole/Resource'),
      },
      KubectlAccess: {
        Type: 'AWS::EKS::AccessEntry',
        Properties: {
          AccessPolicies: kubectlAccessPolicies.map((p) => ({
            AccessScope: { Type: 'cluster' },
            PolicyArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:eks::aws:cluster-access-policy/${p}`]] },
          })),
          ClusterName: { Ref: 'Cluster' },
          PrincipalArn: arnOf('KubectlRole'),
        },
        Metadata: meta(env, 'Cluster/Cluster/ClusterAdminRoleAccess/Resource'),
      },
    },
    Outputs: {
      PublishOutputRefCluster: { Value: { Ref: 'Cluster' } },
      PublishOutputFnGetAttClusterArn: { Value: arnOf('Cluster') },
      PublishOutputRefClusterOidcProvider: { Value: { Ref: 'ClusterOidcProvider' } },
      PublishOutputKubectlProvider: { Value: { 'Fn::GetAtt': ['KubectlProviderFramework', 'Arn'] } },
    },
  };
}

/** The default mappings of the baseline: a developer and a reader people role. */
export const BASELINE_MAP_ROLES = [
  { rolearn: arnOf('PersonDeveloperRole'), username: 'developer', groups: ['developer'] },
  { rolearn: arnOf('PersonReaderRole'), username: 'reader', groups: ['reader'] },
];

/**
 * One environment like the real app's, small: people roles mapped through aws-auth, an IRSA
 * role, a namespaced developer Role + RoleBinding and a cluster-wide reader ClusterRole +
 * ClusterRoleBinding.
 */
export function baseline(env: string, options: BaselineOptions = {}): EnvironmentTemplates {
  const access: Record<string, CfnResource> = {
    Mappings: awsAuthResource(env, {
      mapRoles: options.mapRoles ?? BASELINE_MAP_ROLES,
      mapUsers: options.mapUsers,
      mapAccounts: options.mapAccounts,
      allowClusterAdmin: options.allowClusterAdmin,
    }),
    PersonAdminRole: peopleRole(env, 'external_admin', options.adminTrust ?? [`arn:aws:iam::${ACCOUNT}:role/break-glass`]),
    PersonDeveloperRole: peopleRole(env, 'external_developer', [`arn:aws:iam::${ACCOUNT}:root`]),
    PersonReaderRole: peopleRole(env, 'external_reader', [`arn:aws:iam::${ACCOUNT}:root`]),
    ReaderRbac: manifestResource(env, 'Access/ReaderRbac', [
      rbacRole('eks-access-reader', undefined, READ_RULES),
      rbacBinding('eks-access-reader', undefined, { kind: 'ClusterRole', name: 'eks-access-reader' }, options.readerBindingGroups ?? ['reader']),
      ...(options.extraRbac ?? []),
    ]),
    ...(options.extraAccess ?? {}),
  };
  const workloads: Record<string, CfnResource> = {
    ...irsaRole(env, 'IrsaPaymentsUploader', options.uploaderTrust ?? { sub: 'system:serviceaccount:payments:uploader' },
      options.uploaderStatements ?? [{ Action: 's3:PutObject', Effect: 'Allow', Resource: `arn:aws:s3:::eks-access-${env}-uploads/*` }]),
    BaselinePayments: manifestResource(env, 'Workloads/Baseline-payments', [
      rbacRole('eks-access-developer', 'payments', options.developerRules ?? READ_RULES),
      rbacBinding('eks-access-developer', 'payments', { kind: 'Role', name: 'eks-access-developer' }, ['developer']),
    ]),
  };
  return { Cluster: clusterStack(env, options.kubectlAccessPolicies), Access: { Resources: access }, Workloads: { Resources: workloads } };
}

/** How {@link manifestsProviderResources} grants the association of the admin policy. */
export interface ManifestsProviderOptions {
  /** The association statement's `Condition`. @default - `ArnEquals eks:policyArn` = the admin policy, as the construct renders it */
  readonly associationCondition?: Record<string, unknown> | null;
  /** The rules of the generated ClusterRole. @default - escalate and bind on the reader ClusterRole, as the generator renders them */
  readonly rules?: unknown[];
}

/** The admin policy's ARN, as the manifests construct writes it into the association statement. */
export const ADMIN_POLICY_ARN = 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy';

/**
 * A manifests provider in `Access`, as `ManifestsProvider` renders it: the handler role (its
 * association grant on its own access entry), its access entry with a username, the handler and
 * the provider framework, the RBAC bootstrap (the generated ClusterRole bound to that username),
 * and a `Custom::EksAccessManifests` resource adopting the reader objects of {@link baseline}.
 * @returns the resources by logical id
 */
export function manifestsProviderResources(env: string, options: ManifestsProviderOptions = {}): Record<string, CfnResource> {
  const username = `eks-access:manifests:${env}.Access.P`;
  const generated = `eks-access-manifests-${env}.Access.P`;
  const condition = options.associationCondition === undefined ? { ArnEquals: { 'eks:policyArn': ADMIN_POLICY_ARN } } : options.associationCondition;
  const rules = options.rules ?? [
    { apiGroups: [RBAC], resources: ['clusterrolebindings'], verbs: ['create', 'delete', 'get', 'patch'], resourceNames: ['eks-access-reader'] },
    { apiGroups: [RBAC], resources: ['clusterroles'], verbs: ['bind', 'create', 'delete', 'escalate', 'get', 'patch'], resourceNames: ['eks-access-reader'] },
  ];
  const lambdaTrust = { Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } }] };
  const cluster = clusterOutput(env, 'PublishOutputRefCluster');
  return {
    PHandlerRole: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: lambdaTrust }, Metadata: meta(env, 'Access/P/HandlerRole/Resource') },
    PHandlerRolePolicy: {
      Type: 'AWS::IAM::Policy',
      Properties: {
        PolicyName: 'p',
        Roles: [{ Ref: 'PHandlerRole' }],
        PolicyDocument: {
          Statement: [
            { Action: 'eks:AssociateAccessPolicy', Effect: 'Allow', Resource: { 'Fn::GetAtt': ['PAccessEntry', 'AccessEntryArn'] }, ...(condition === null ? {} : { Condition: condition }) },
            { Action: 'eks:ListAssociatedAccessPolicies', Effect: 'Allow', Resource: { 'Fn::GetAtt': ['PAccessEntry', 'AccessEntryArn'] } },
          ],
        },
      },
      Metadata: meta(env, 'Access/P/HandlerRole/DefaultPolicy/Resource'),
    },
    PAccessEntry: {
      Type: 'AWS::EKS::AccessEntry',
      Properties: { ClusterName: cluster, PrincipalArn: arnOf('PHandlerRole'), Type: 'STANDARD', Username: username },
      Metadata: meta(env, 'Access/P/AccessEntry/Resource'),
    },
    PHandler: { Type: 'AWS::Lambda::Function', Properties: { Role: arnOf('PHandlerRole') }, Metadata: meta(env, 'Access/P/Handler/Resource') },
    PFrameworkRole: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: lambdaTrust }, Metadata: meta(env, 'Access/P/Provider/framework-onEvent/ServiceRole/Resource') },
    PFrameworkPolicy: {
      Type: 'AWS::IAM::Policy',
      Properties: { PolicyName: 'f', Roles: [{ Ref: 'PFrameworkRole' }], PolicyDocument: { Statement: [{ Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: arnOf('PHandler') }] } },
      Metadata: meta(env, 'Access/P/Provider/framework-onEvent/ServiceRole/DefaultPolicy/Resource'),
    },
    PFramework: { Type: 'AWS::Lambda::Function', Properties: { Role: arnOf('PFrameworkRole') }, Metadata: meta(env, 'Access/P/Provider/framework-onEvent/Resource') },
    PRbacBootstrap: {
      Type: 'Custom::EksAccessManifestsRbac',
      Properties: {
        ServiceToken: arnOf('PFramework'), ClusterName: cluster, Owner: `${env}.Access.P`, PrincipalArn: arnOf('PHandlerRole'),
        Objects: JSON.stringify([
          rbacRole(generated, undefined, rules),
          { ...rbacBinding(generated, undefined, { kind: 'ClusterRole', name: generated }, []), subjects: [{ kind: 'User', apiGroup: RBAC, name: username }] },
        ]),
      },
      Metadata: meta(env, 'Access/P/RbacBootstrap/Default'),
    },
    ReaderRbacObjects: {
      Type: 'Custom::EksAccessManifests',
      Properties: {
        ServiceToken: arnOf('PFramework'), ClusterName: cluster, Owner: `${env}.Access.ReaderRbacObjects`,
        Objects: JSON.stringify([
          rbacRole('eks-access-reader', undefined, READ_RULES),
          rbacBinding('eks-access-reader', undefined, { kind: 'ClusterRole', name: 'eks-access-reader' }, ['reader']),
        ]),
      },
      Metadata: meta(env, 'Access/ReaderRbacObjects/Default'),
    },
  };
}
