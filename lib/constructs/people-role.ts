import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import type * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { isAccountId } from '../../lambda/aws-auth/core/arn';
import { acknowledgeConsoleViewFindings } from '../nag/people';

/** Props of {@link PeopleRole}. */
export interface PeopleRoleProps {
  /** The cluster the role may describe. */
  readonly cluster: eks.ICluster;
  /** IAM role name. */
  readonly roleName: string;
  /** Account ids or IAM role/user ARNs allowed to assume the role (validated config). */
  readonly trustedPrincipals: string[];
  /**
   * Maximum session duration in hours.
   * @default 1
   */
  readonly maxSessionHours?: number;
  /**
   * Require MFA to assume the role: the trust statement gets
   * `Bool aws:MultiFactorAuthPresent: true` (a break-glass role).
   * @default false
   */
  readonly requireMfa?: boolean;
  /**
   * Let the role see the cluster's nodes and workloads in the EKS console
   * ({@link CONSOLE_VIEW_ACTIONS}); its Kubernetes view still comes from RBAC. Names the cluster
   * as config declares it, a literal: the node group ARN (`nodegroup/<name>/*\/*`) and its
   * cdk-nag acknowledgement are spelled with it, where `cluster.clusterName` would be a
   * cross-stack reference that only synthesis resolves.
   * @default - no console access
   */
  readonly consoleAccess?: { readonly clusterName: string };
}

/**
 * The IAM actions the EKS console needs to list a cluster's nodes and workloads, by what they
 * apply to: the cluster, its node groups, and `*` (ListClusters has no resource-level
 * permission).
 * @see https://docs.aws.amazon.com/eks/latest/userguide/view-kubernetes-resources.html
 */
export const CONSOLE_VIEW_ACTIONS = {
  cluster: ['eks:DescribeCluster', 'eks:ListNodegroups', 'eks:ListFargateProfiles', 'eks:ListUpdates', 'eks:AccessKubernetesApi'],
  nodegroups: ['eks:DescribeNodegroup', 'eks:ListUpdates'],
  any: ['eks:ListClusters'],
} as const;

/** The trust condition of a role that requires MFA. */
export const MFA_CONDITION = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } as const;

/**
 * An IAM role for people. Its trust admits only the configured principals (with MFA when
 * `requireMfa`); its permission is `eks:DescribeCluster` on this one cluster, which is what
 * `aws eks update-kubeconfig` needs, and with `consoleAccess` what the EKS console needs to list
 * the cluster's nodes and workloads. Everything else is Kubernetes RBAC, reached through the
 * aws-auth mapping (and with accessBackend `both` the access entry) of this role.
 */
export class PeopleRole extends Construct {
  /** The role. */
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: PeopleRoleProps) {
    super(scope, id);
    const principals = props.trustedPrincipals.map((p) => (isAccountId(p) ? new iam.AccountPrincipal(p) : new iam.ArnPrincipal(p)));
    const trusted = principals.length === 1 ? principals[0] : new iam.CompositePrincipal(...principals);
    // Changing the trust policy is an in-place update of the role (its RoleName is what is create-only).
    const stack = Stack.of(this);
    const nodegroups = props.consoleAccess && stack.formatArn({ service: 'eks', resource: 'nodegroup', resourceName: `${props.consoleAccess.clusterName}/*/*`, arnFormat: ArnFormat.SLASH_RESOURCE_NAME });
    this.role = new iam.Role(this, 'Role', {
      roleName: props.roleName,
      assumedBy: props.requireMfa ? new iam.PrincipalWithConditions(trusted, MFA_CONDITION) : trusted,
      maxSessionDuration: Duration.hours(props.maxSessionHours ?? 1),
      description: `People role ${props.roleName}: eks:DescribeCluster on one cluster; Kubernetes access through aws-auth and RBAC`,
      inlinePolicies: {
        DescribeCluster: new iam.PolicyDocument({
          statements: [new iam.PolicyStatement({ actions: ['eks:DescribeCluster'], resources: [props.cluster.clusterArn] })],
        }),
        ...(nodegroups ? {
          ConsoleView: new iam.PolicyDocument({
            statements: [
              new iam.PolicyStatement({ sid: 'ViewCluster', actions: [...CONSOLE_VIEW_ACTIONS.cluster], resources: [props.cluster.clusterArn] }),
              new iam.PolicyStatement({
                sid: 'ViewNodegroups', actions: [...CONSOLE_VIEW_ACTIONS.nodegroups],
                resources: [nodegroups],
              }),
              new iam.PolicyStatement({ sid: 'ListClusters', actions: [...CONSOLE_VIEW_ACTIONS.any], resources: ['*'] }),
            ],
          }),
        } : {}),
      },
    });
    if (nodegroups) acknowledgeConsoleViewFindings(this.role, nodegroups);
  }
}
