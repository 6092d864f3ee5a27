import { Arn, CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { bootstrapLookupRoleName, GITHUB_OIDC_HOST, prDiffRoleName } from '../config/pipeline';
import type { ResolvedEnvironment } from '../config/validate';
import { acknowledgeCiDiffFindings } from '../nag/pipeline';

/** Props of {@link CiDiffStack}. */
export interface CiDiffStackProps extends StackProps {
  /** The validated environment whose stacks the pull-request job diffs. */
  readonly config: ResolvedEnvironment;
  /** GitHub repository `owner/name`; only its `pull_request` workflow runs may assume the role. */
  readonly githubRepository: string;
  /**
   * Create the account's IAM OIDC provider for GitHub. An account has at most one provider per
   * issuer URL, so only the first environment of an account creates it; the others (and accounts
   * that already have one) import it by its well-known ARN.
   */
  readonly createOidcProvider: boolean;
}

/**
 * `<env>/CiDiff`: the read-only role the pull-request `cdk diff` job assumes in this environment's
 * account through GitHub's OIDC provider.
 *
 * One stack per environment account (not one role in the tooling account) because `cdk diff`
 * reads each environment's deployed templates in that environment's account: a role there can read
 * them itself, needs no `--trust-for-lookup` of the tooling account in every bootstrap, and a
 * leaked PR token reaches one environment's read-only view at a time.
 */
export class CiDiffStack extends Stack {
  /** The role the workflow assumes. */
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: CiDiffStackProps) {
    super(scope, id, props);
    const { config } = props;
    const provider = props.createOidcProvider
      ? new iam.OidcProviderNative(this, 'GithubOidc', { url: `https://${GITHUB_OIDC_HOST}`, clientIds: ['sts.amazonaws.com'] })
      : iam.OidcProviderNative.fromOidcProviderArn(this, 'GithubOidc',
        Arn.format({ service: 'iam', region: '', resource: 'oidc-provider', resourceName: GITHUB_OIDC_HOST }, this));

    this.role = new iam.Role(this, 'Role', {
      roleName: prDiffRoleName(config.name),
      description: `Pull-request cdk diff for ${config.name}: read this environment's CloudFormation stacks; assume the CDK lookup role`,
      maxSessionDuration: Duration.hours(1),
      // Exactly one repository's pull_request runs, and only tokens minted for STS. StringEquals
      // (not StringLike) so that no other branch, environment or event of the repository matches.
      assumedBy: new iam.WebIdentityPrincipal(provider.oidcProviderArn, {
        StringEquals: {
          [`${GITHUB_OIDC_HOST}:sub`]: `repo:${props.githubRepository}:pull_request`,
          [`${GITHUB_OIDC_HOST}:aud`]: 'sts.amazonaws.com',
        },
      }),
      inlinePolicies: {
        ReadOnlyDiff: new iam.PolicyDocument({
          statements: [
            // The CLI reads the deployed template and status of this environment's stacks
            // (`<env>-Cluster`, `<env>-Access`, ...) when it cannot use the lookup role.
            new iam.PolicyStatement({
              sid: 'ReadEnvironmentStacks',
              actions: ['cloudformation:DescribeStacks', 'cloudformation:GetTemplate'],
              resources: [Arn.format({ service: 'cloudformation', resource: 'stack', resourceName: `${config.name}-*/*` }, this)],
            }),
            // `cdk diff --method template` reads templates through the bootstrap lookup role.
            new iam.PolicyStatement({
              sid: 'AssumeCdkLookupRole',
              actions: ['sts:AssumeRole'],
              resources: [Arn.format({ service: 'iam', region: '', resource: 'role', resourceName: bootstrapLookupRoleName(this.account, this.region) }, this)],
            }),
          ],
        }),
      },
    });
    new CfnOutput(this, 'RoleArn', { value: this.role.roleArn, description: 'role-to-assume of .github/workflows/pr-diff.yml for this environment' });
    acknowledgeCiDiffFindings(this.role, config.name);
  }
}
