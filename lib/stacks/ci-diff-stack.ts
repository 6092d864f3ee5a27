import { Arn, CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { GITHUB_OIDC_AUDIENCE, GITHUB_OIDC_HOST, PR_WORKFLOWS, prDiffRoleName, prReviewOidcSubject } from '../config/pipeline';
import type { ResolvedEnvironment } from '../config/validate';
import { acknowledgeCiDiffFindings } from '../nag/pipeline';

/** Props of {@link CiDiffStack}. */
export interface CiDiffStackProps extends StackProps {
  /** The validated environment whose stacks the pull-request review diffs. */
  readonly config: ResolvedEnvironment;
  /** GitHub repository `owner/name`; only its review workflow on the default branch may assume the role. */
  readonly githubRepository: string;
  /** The repository's default branch (the ref `workflow_run` workflows run from), for example `main`. */
  readonly defaultBranch: string;
  /**
   * Create the account's IAM OIDC provider for GitHub. An account has at most one provider per
   * issuer URL, so only the first environment of an account creates it; the others (and accounts
   * that already have one) import it by its well-known ARN.
   */
  readonly createOidcProvider: boolean;
}

/** The CloudFormation calls `cdk diff --method template` makes with the role's own credentials. */
export const CI_DIFF_READ_ACTIONS = [
  // CloudFormationStack.lookup: the stack's status, then its deployed (original) template.
  'cloudformation:DescribeStacks',
  'cloudformation:GetTemplate',
  // Nested stacks: their physical names (LazyListStackResources), then their templates.
  'cloudformation:ListStackResources',
] as const;

/**
 * `<env>/CiDiff`: the read-only role the pull-request review's `cdk diff` assumes in this
 * environment's account through GitHub's OIDC provider.
 *
 * Trust: exactly one `sub`, the one GitHub issues to a job of the review workflow
 * (.github/workflows/pr-review.yml) running on the default branch, in the repository's
 * customized subject format (`OIDC_SUB_CLAIM_KEYS`, lib/config/pipeline.ts). AWS STS cannot
 * test `job_workflow_ref` as a condition key of its own (GitHub: "Support for custom claims for
 * OIDC is unavailable in AWS"), so the claim is part of `sub`. A pull request's own workflows
 * (`pull_request`, any file), other branches and other workflows on the default branch do not match.
 *
 * Permissions, exactly what `cdk diff --method template` needs when it cannot assume the
 * stacks' lookup or deploy role (aws-cdk CLI 2.1148, toolkit-lib `accessStackForLookupBestEffort`:
 * it falls back to the current credentials when they are for the stack's account): describe
 * this environment's stacks, read their templates and list their resources (nested stacks). No
 * SSM: the bootstrap version is read (ssm:GetParameter) only after the lookup role was assumed,
 * and the `BootstrapVersion` parameter is resolved only by change sets, which `--method template`
 * does not create. The role may assume no role at all (explicit deny): the stacks' lookup and
 * deploy role ARNs come from the pull request's cloud assembly, and the lookup role holds
 * `ReadOnlyAccess` to the whole account.
 *
 * One stack per environment account (not one role in the tooling account) because `cdk diff`
 * reads each environment's deployed templates in that environment's account: a role there can read
 * them itself, and a leaked token reaches one environment's templates at a time.
 */
export class CiDiffStack extends Stack {
  /** The role the workflow assumes. */
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: CiDiffStackProps) {
    super(scope, id, props);
    const { config } = props;
    const provider = props.createOidcProvider
      ? new iam.OidcProviderNative(this, 'GithubOidc', { url: `https://${GITHUB_OIDC_HOST}`, clientIds: [GITHUB_OIDC_AUDIENCE] })
      : iam.OidcProviderNative.fromOidcProviderArn(this, 'GithubOidc',
        Arn.format({ service: 'iam', region: '', resource: 'oidc-provider', resourceName: GITHUB_OIDC_HOST }, this));

    this.role = new iam.Role(this, 'Role', {
      roleName: prDiffRoleName(config.name),
      description: `Pull-request review cdk diff for ${config.name}: read this environment's CloudFormation stacks and templates; assumes no other role`,
      maxSessionDuration: Duration.hours(1),
      // StringEquals (not StringLike): one repository, one branch, one workflow file, STS audience.
      assumedBy: new iam.WebIdentityPrincipal(provider.oidcProviderArn, {
        StringEquals: {
          [`${GITHUB_OIDC_HOST}:sub`]: prReviewOidcSubject(props.githubRepository, props.defaultBranch),
          [`${GITHUB_OIDC_HOST}:aud`]: GITHUB_OIDC_AUDIENCE,
        },
      }),
      inlinePolicies: {
        ReadOnlyDiff: new iam.PolicyDocument({
          statements: [
            // This environment's stacks only (`<env>-Cluster`, `<env>-Access`, ...).
            new iam.PolicyStatement({
              sid: 'ReadEnvironmentStacks',
              actions: [...CI_DIFF_READ_ACTIONS],
              resources: [Arn.format({ service: 'cloudformation', resource: 'stack', resourceName: `${config.name}-*/*` }, this)],
            }),
            // The assembly names the lookup and deploy roles the CLI tries first; never let it
            // reach one, even one whose trust policy names this role.
            new iam.PolicyStatement({
              sid: 'AssumeNoRole',
              effect: iam.Effect.DENY,
              actions: ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'],
              resources: ['*'],
            }),
          ],
        }),
      },
    });
    new CfnOutput(this, 'RoleArn', { value: this.role.roleArn, description: `role the cdk diff of .github/workflows/${PR_WORKFLOWS.review.file} assumes for this environment` });
    acknowledgeCiDiffFindings(this.role, config.name);
  }
}
