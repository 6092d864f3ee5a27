import { createHash } from 'crypto';
import { Arn, ArnFormat, CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import type * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { parsePrincipalArn } from '../../lambda/aws-auth/core/arn';
import type { ResolvedEnvironment } from '../config/validate';
import { AccessEntryMapping } from '../constructs/access-entry-mapping';
import { AwsAuthMappings } from '../constructs/aws-auth/aws-auth-mappings';
import { PeopleRole } from '../constructs/people-role';
import { KubernetesObjects } from '../constructs/manifests/kubernetes-objects';
import { NODE_USERNAME, VERIFIER_USERNAME, VERIFY_RUNNER_USERNAME, hasVerifyRunner, peopleOwner, verifierRoleName } from '../config/mappings';
import { VerifyRunner } from '../constructs/verify-runner';
import { Groups, NODE_GROUPS } from '../k8s/groups';
import { readerRbac, verifierRbac } from '../k8s/rbac';
import { acknowledgeAccessEntryReads } from '../nag/people';
import { acknowledgeTerminationProtectorFindings } from '../nag/pipeline';

/**
 * The kubeconfig command of a break-glass role. `--role-arn` would make `aws eks get-token`
 * assume the role without MFA, which its trust refuses; an AWS CLI profile with `role_arn`,
 * `mfa_serial` and `source_profile` asks for the MFA code and assumes it with MFA.
 */
export function breakGlassKubeconfig(config: ResolvedEnvironment, roleName: string, roleArn: string): string {
  const profile = `${config.name}-${roleName}`;
  return `aws configure set profile.${profile}.role_arn ${roleArn}`
    + ` && aws configure set profile.${profile}.mfa_serial YOUR_MFA_DEVICE_ARN`
    + ` && aws configure set profile.${profile}.source_profile YOUR_BREAK_GLASS_USER_PROFILE`
    + ` && aws eks update-kubeconfig --name ${config.clusterName} --region ${config.region} --profile ${profile}`;
}

/** What {@link AccessStack.addTerminationProtector} needs. */
export interface TerminationProtectorOptions {
  /** Name of the role (in this environment's account). */
  readonly roleName: string;
  /** ARN of the one role that may assume it (the pipeline's termination-protection step role). */
  readonly trustedRoleArn: string;
  /** Names of the stacks whose termination protection it may turn on and read: the stage's stacks. */
  readonly stackNames: readonly string[];
}

/** What {@link AccessStack.addVerifyRunnerInvoker} needs. */
export interface VerifyRunnerInvokerOptions {
  /** Name of the role (in this environment's account). */
  readonly roleName: string;
  /** ARN of the one role that may assume it (the pipeline's verify step role). */
  readonly trustedRoleArn: string;
}

/** The CloudFormation actions of the termination protector: turn protection on, read it back. */
export const TERMINATION_PROTECTOR_ACTIONS = ['cloudformation:UpdateTerminationProtection', 'cloudformation:DescribeStacks'] as const;

/** Props of {@link AccessStack}. */
export interface AccessStackProps extends StackProps {
  /** The validated environment. */
  readonly config: ResolvedEnvironment;
  /** The cluster. */
  readonly cluster: eks.ICluster;
  /** Node roles of the app's node groups (mapped so the merge owns them too). */
  readonly nodeRoles: ReadonlyMap<string, iam.IRole>;
}

/**
 * A construct id for the access entry of principal `key` (a people role's name, or an ARN):
 * its last path segment, readable, and a hash of the whole key, since names repeat across
 * accounts and paths.
 */
export function accessEntryId(key: string): string {
  const name = key.split(/[/:]/).pop() ?? key;
  return `${name.replace(/[^A-Za-z0-9-]/g, '')}-${createHash('sha256').update(key).digest('hex').slice(0, 8)}`;
}

/** The ARN of every access entry of the environment's cluster (`access-entry/<cluster>/<type>/<account>/<name>/<id>`). */
function accessEntriesArn(scope: Construct, config: ResolvedEnvironment): string {
  return Stack.of(scope).formatArn({ service: 'eks', resource: 'access-entry', resourceName: `${config.clusterName}/*`, arnFormat: ArnFormat.SLASH_RESOURCE_NAME });
}

/**
 * With accessBackend `both`, what `eks-access verify` reads of the people's access entries:
 * DescribeAccessEntry and ListAssociatedAccessPolicies on the cluster's entries (`entries`).
 */
function readAccessEntries(entries: string): iam.PolicyDocument {
  return new iam.PolicyDocument({
    statements: [new iam.PolicyStatement({ sid: 'ReadAccessEntries', actions: ['eks:DescribeAccessEntry', 'eks:ListAssociatedAccessPolicies'], resources: [entries] })],
  });
}

/**
 * Trust in exactly these roles of one account: the account as principal, narrowed by ArnEquals
 * on aws:PrincipalArn (which, unlike a role principal, does not need the roles to exist yet).
 */
function trustedByRoles(account: string, roleArns: string[]): iam.PrincipalBase {
  return new iam.AccountPrincipal(account).withConditions({ ArnEquals: { 'aws:PrincipalArn': roleArns } });
}

/** {@link trustedByRoles} for one role ARN. */
function trustedByRole(roleArn: string): iam.PrincipalBase {
  return trustedByRoles(parsePrincipalArn(roleArn, 'role').account, [roleArn]);
}

/**
 * People's access: one IAM role per people-role entry, existing roles and IAM users mapped by
 * ARN, the node roles of the app, all flowing through ONE AwsAuthMappings resource; and the
 * cluster-wide reader RBAC.
 */
export class AccessStack extends Stack {
  /** People roles by role name. */
  readonly peopleRoles: ReadonlyMap<string, iam.IRole>;
  /** The environment's cluster. */
  private readonly cluster: eks.ICluster;
  /** The one aws-auth merge resource of the environment's people and nodes. */
  readonly mappings: AwsAuthMappings;
  /**
   * The verify runner (`eks-access verify` from inside the VPC), for a private environment with verifiers.
   * @default - none: the endpoint is public, or the environment has no verifiers
   */
  readonly verifyRunner?: VerifyRunner;

  constructor(scope: Construct, id: string, props: AccessStackProps) {
    super(scope, id, props);
    const { config, cluster } = props;
    this.cluster = cluster;
    this.mappings = new AwsAuthMappings(this, 'Mappings', {
      cluster,
      allowClusterAdmin: config.allowClusterAdmin,
      owner: peopleOwner(config),
    });

    const roles = new Map<string, iam.IRole>();
    for (const person of config.people) {
      const { role } = new PeopleRole(this, `Person-${person.roleName}`, {
        cluster,
        roleName: person.roleName,
        trustedPrincipals: person.trustedPrincipals,
        maxSessionHours: person.maxSessionHours,
        requireMfa: person.breakGlass,
        ...(person.consoleAccess ? { consoleAccess: { clusterName: config.clusterName } } : {}),
      });
      roles.set(person.roleName, role);
      this.mappings.addRoleMapping(role, { username: person.username, groups: person.groups });
      this.addAccessEntry(config, role, person.roleName, { username: person.username, groups: person.groups });
      new CfnOutput(this, `Kubeconfig-${person.roleName}`, {
        description: `kubectl access as ${person.username} (${person.groups.join(', ') || 'no groups'})${person.breakGlass ? ', break-glass: needs your MFA device' : ''}`,
        value: person.breakGlass ? breakGlassKubeconfig(config, person.roleName, role.roleArn) : `aws eks update-kubeconfig --name ${config.clusterName} --region ${config.region} --role-arn ${role.roleArn}`,
      });
    }
    this.peopleRoles = roles;

    config.existingRoles.forEach((r, i) => {
      const role = iam.Role.fromRoleArn(this, `ExistingRole${i}`, r.arn, { mutable: false });
      this.mappings.addRoleMapping(role, { username: r.username, groups: r.groups });
      if (r.nodeRole !== true) this.addAccessEntry(config, role, r.arn, r);
    });
    config.users.forEach((u, i) => {
      const user = iam.User.fromUserArn(this, `User${i}`, u.arn);
      this.mappings.addUserMapping(user, { username: u.username, groups: u.groups });
      this.addAccessEntry(config, user, u.arn, u);
    });
    // EKS maps managed node group roles itself; owning identical entries keeps them safe from
    // hand edits and documents them, and the merge adopts EKS's entry instead of duplicating it.
    for (const nodeRole of props.nodeRoles.values()) {
      this.mappings.addRoleMapping(nodeRole, { username: NODE_USERNAME, groups: [...NODE_GROUPS] });
    }

    new KubernetesObjects(this, 'ReaderRbacObjects', { cluster, objects: readerRbac() });
    if (config.verifierTrustedRoleArns.length) this.addVerifier(config, cluster);
    if (hasVerifyRunner(config)) {
      // The pipeline's verify step cannot reach a private endpoint; it invokes this runner in the VPC.
      this.verifyRunner = new VerifyRunner(this, 'VerifyRunner', { config, cluster });
      this.mappings.addRoleMapping(this.verifyRunner.role, { username: VERIFY_RUNNER_USERNAME, groups: [Groups.verifier] });
      new CfnOutput(this, 'VerifyRunnerFunctionName', { value: this.verifyRunner.function.functionName, description: 'Function that runs eks-access verify inside the VPC (aws lambda invoke)' });
    }
  }

  /**
   * With accessBackend `both`, the access entry of one people mapping, under a logical id that
   * follows its principal (`key`: the people role's name, or the ARN of an existing role or
   * user), never its place in a list: a moved id would replace the entry, and EKS refuses a
   * second entry for the principal before the first is gone.
   */
  private addAccessEntry(config: ResolvedEnvironment, principal: iam.IRole | iam.IUser, key: string, mapping: { username: string; groups: string[] }): void {
    if (config.accessBackend === 'aws-auth') return;
    new AccessEntryMapping(this, `AccessEntry-${accessEntryId(key)}`, { cluster: this.cluster, principal, username: mapping.username, groups: mapping.groups, owner: peopleOwner(config) });
  }

  /**
   * The role the pipeline's verify step of a private environment assumes to invoke the verify
   * runner: trusted by exactly that step's role (ArnEquals on aws:PrincipalArn, as the verifier
   * role), allowed only lambda:InvokeFunction on the runner. No Kubernetes mapping.
   * @throws if the environment has no verify runner.
   */
  addVerifyRunnerInvoker(options: VerifyRunnerInvokerOptions): iam.Role {
    const runner = this.verifyRunner;
    if (!runner) throw new Error(`AccessStack ${this.stackName}: there is no verify runner to invoke; it exists only for an environment with endpoint.access "private" and verifiers`);
    return new iam.Role(this, 'VerifyRunnerInvokerRole', {
      roleName: options.roleName,
      assumedBy: trustedByRole(options.trustedRoleArn),
      maxSessionDuration: Duration.hours(1),
      description: `Pipeline verify step: invoke the verify runner ${runner.function.node.path}`,
      inlinePolicies: {
        InvokeVerifyRunner: new iam.PolicyDocument({
          statements: [new iam.PolicyStatement({ sid: 'InvokeVerifyRunner', actions: ['lambda:InvokeFunction'], resources: [runner.function.functionArn] })],
        }),
      },
    });
  }

  /**
   * The role the pipeline's termination-protection step assumes after the environment deployed
   * (CDK Pipelines' CloudFormation deploy actions never set termination protection, so the
   * step turns it on): trusted by exactly that step's role (ArnEquals on aws:PrincipalArn, as
   * the verifier role), and allowed only to update and describe termination protection of the
   * named stacks (`stack/<name>/*`: CloudFormation appends the stack id). No Kubernetes mapping.
   */
  addTerminationProtector(options: TerminationProtectorOptions): iam.Role {
    const role = new iam.Role(this, 'TerminationProtectorRole', {
      roleName: options.roleName,
      assumedBy: trustedByRole(options.trustedRoleArn),
      maxSessionDuration: Duration.hours(1),
      description: `Pipeline termination-protection step: turn on and read termination protection of ${options.stackNames.join(', ')}`,
      inlinePolicies: {
        TerminationProtection: new iam.PolicyDocument({
          statements: [new iam.PolicyStatement({
            sid: 'EnableTerminationProtection',
            actions: [...TERMINATION_PROTECTOR_ACTIONS],
            resources: options.stackNames.map((name) => Arn.format({ service: 'cloudformation', resource: 'stack', resourceName: `${name}/*`, arnFormat: ArnFormat.SLASH_RESOURCE_NAME }, this)),
          })],
        }),
      },
    });
    acknowledgeTerminationProtectorFindings(role, options.stackNames);
    return role;
  }

  /**
   * The role `eks-access verify` assumes (the pipeline's verify step, in another account):
   * trusted by exactly the configured role ARNs (ArnEquals on aws:PrincipalArn, which does not
   * need the role to exist yet), eks:DescribeCluster on this cluster only, and in Kubernetes the
   * verifier group: get on aws-auth and create on SubjectAccessReviews, nothing else.
   */
  private addVerifier(config: ResolvedEnvironment, cluster: eks.ICluster): void {
    const byAccount = new Map<string, string[]>();
    for (const arn of config.verifierTrustedRoleArns) {
      const { account } = parsePrincipalArn(arn, 'role');
      byAccount.set(account, [...(byAccount.get(account) ?? []), arn]);
    }
    const principals = [...byAccount].map(([account, arns]) => trustedByRoles(account, arns));
    const entries = config.accessBackend === 'aws-auth' ? undefined : accessEntriesArn(this, config);
    const role = new iam.Role(this, 'VerifierRole', {
      roleName: verifierRoleName(config),
      assumedBy: principals[0],
      maxSessionDuration: Duration.hours(1),
      description: `eks-access verify for ${config.clusterName}: eks:DescribeCluster${config.accessBackend === 'aws-auth' ? '' : ', read the access entries'}; Kubernetes group ${Groups.verifier}`,
      inlinePolicies: {
        DescribeCluster: new iam.PolicyDocument({
          statements: [new iam.PolicyStatement({ actions: ['eks:DescribeCluster'], resources: [cluster.clusterArn] })],
        }),
        ...(entries ? { ReadAccessEntries: readAccessEntries(entries) } : {}),
      },
    });
    if (entries) acknowledgeAccessEntryReads(role, entries);
    for (const principal of principals.slice(1)) {
      role.assumeRolePolicy?.addStatements(new iam.PolicyStatement({ actions: ['sts:AssumeRole'], principals: [principal] }));
    }
    this.mappings.addRoleMapping(role, { username: VERIFIER_USERNAME, groups: [Groups.verifier] });
    new KubernetesObjects(this, 'VerifierRbacObjects', { cluster, objects: verifierRbac() });
    new CfnOutput(this, 'VerifierRoleArn', { value: role.roleArn, description: 'Role that eks-access verify assumes' });
  }
}
