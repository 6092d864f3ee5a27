import { Duration } from 'aws-cdk-lib';
import type * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { isAccountId } from '../../lambda/aws-auth/core/arn';

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
}

/** The trust condition of a role that requires MFA. */
export const MFA_CONDITION = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } as const;

/**
 * An IAM role for people. Its trust admits only the configured principals (with MFA when
 * `requireMfa`); its only
 * permission is `eks:DescribeCluster` on this one cluster, which is what
 * `aws eks update-kubeconfig` needs. Everything else is Kubernetes RBAC, reached through the
 * aws-auth mapping of this role.
 */
export class PeopleRole extends Construct {
  /** The role. */
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: PeopleRoleProps) {
    super(scope, id);
    const principals = props.trustedPrincipals.map((p) => (isAccountId(p) ? new iam.AccountPrincipal(p) : new iam.ArnPrincipal(p)));
    const trusted = principals.length === 1 ? principals[0] : new iam.CompositePrincipal(...principals);
    // Changing the trust policy is an in-place update of the role (its RoleName is what is create-only).
    this.role = new iam.Role(this, 'Role', {
      roleName: props.roleName,
      assumedBy: props.requireMfa ? new iam.PrincipalWithConditions(trusted, MFA_CONDITION) : trusted,
      maxSessionDuration: Duration.hours(props.maxSessionHours ?? 1),
      description: `People role ${props.roleName}: eks:DescribeCluster on one cluster; Kubernetes access through aws-auth and RBAC`,
      inlinePolicies: {
        DescribeCluster: new iam.PolicyDocument({
          statements: [new iam.PolicyStatement({ actions: ['eks:DescribeCluster'], resources: [props.cluster.clusterArn] })],
        }),
      },
    });
  }
}
