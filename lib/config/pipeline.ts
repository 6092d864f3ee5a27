/**
 * Delivery config: the self-mutating pipeline (aws-cdk-lib/pipelines) that promotes the
 * environments, and the pull-request review: its workflows, its commit status, and the read-only
 * role its `cdk diff` assumes through GitHub's OIDC provider. Plain data, validated once at synth by {@link validatePipeline} against the
 * already validated environments, like lib/config/environments.ts.
 *
 * Names that other parts of the system must spell the same way (the verify role that the
 * environments' reader roles trust, the diff role and the workflow files, artifact and status
 * the review uses) are defined here once; the workflow tests read them from here.
 */
import { isAccountId } from '../../lambda/aws-auth/core/arn';
import { formatProblem, ProblemCollector } from './errors';
import type { ConfigProblem } from './errors';
import { AWS_REGION, partitionOfRegion } from './names';
import { hasVerifyRunner, verifierRoleArn, verifyRunnerName } from './mappings';
import { PLACEHOLDER_ACCOUNTS, PLACEHOLDER_CONNECTION_ARN, PLACEHOLDER_GITHUB_REPOSITORY } from './placeholders';
import { verifyStepProblems } from './rules/endpoint';
import type { EnvironmentConfig } from './types';
import type { ResolvedEnvironment } from './validate';

/** Source: a GitHub/GitLab/Bitbucket repository reached through a CodeStar (CodeConnections) connection. */
export interface ConnectionSourceConfig {
  readonly kind: 'connection';
  /** Repository as `owner/name`, for example `example-org/eks-access`. */
  readonly repository: string;
  /** Branch the pipeline builds, for example `main`. */
  readonly branch: string;
  /**
   * ARN of the connection, created (and authorized once in the console) in the pipeline's account
   * and region: `arn:aws:codeconnections:<region>:<account>:connection/<id>`
   * (`codestar-connections` ARNs are accepted too).
   * @see https://docs.aws.amazon.com/dtconsole/latest/userguide/connections-create.html
   */
  readonly connectionArn: string;
}

/** Source: an AWS CodeCommit repository in the pipeline's account and region. */
export interface CodeCommitSourceConfig {
  readonly kind: 'codecommit';
  /** Repository name (not an ARN, not a clone URL). */
  readonly repositoryName: string;
  /** Branch the pipeline builds, for example `main`. */
  readonly branch: string;
}

/** Where the pipeline gets the app's source. */
export type PipelineSourceConfig = ConnectionSourceConfig | CodeCommitSourceConfig;

/**
 * The pull-request review (.github/workflows/pr-synth.yml, then .github/workflows/pr-review.yml):
 * only the review workflow, on the default branch, may assume the read-only diff roles.
 */
export interface PullRequestDiffConfig {
  /** GitHub repository `owner/name` whose review workflow may assume the read-only diff roles. */
  readonly githubRepository: string;
  /**
   * The repository's default branch: the only ref whose review workflow the diff roles trust
   * (`workflow_run` workflows always run from it).
   * @default - the pipeline's `source.branch`
   */
  readonly defaultBranch?: string;
  /**
   * Accounts that already have the IAM OIDC provider `token.actions.githubusercontent.com`
   * (there can be only one per account): it is imported there instead of created.
   * @default [] - every environment account gets one from its first environment's `<env>/CiDiff`
   */
  readonly accountsWithGithubOidcProvider?: string[];
}

/** The pipeline. */
export interface PipelineConfig {
  /** 12-digit id of the tooling account that hosts the pipeline. */
  readonly account: string;
  /** Region of the pipeline, for example `eu-west-1`. */
  readonly region: string;
  /**
   * Name of the CodePipeline.
   * @default 'eks-access'
   */
  readonly pipelineName?: string;
  /** The repository and branch to build. */
  readonly source: PipelineSourceConfig;
  /**
   * Environment names in promotion order.
   * @default - every environment, in the order of lib/config/environments.ts (dev, staging, prod)
   */
  readonly environments?: string[];
  /**
   * Environments that wait for a manual approval before they deploy.
   * @default - the last environment of the promotion order (prod)
   */
  readonly approvalBefore?: string[];
  /**
   * The pull-request review's diff roles: one `<env>/CiDiff` stack per environment, whose role
   * only the review workflow of `githubRepository` on its default branch may assume.
   *
   * Without it the app has no `<env>/CiDiff` stacks, so the review workflows
   * (.github/workflows/pr-synth.yml, pr-review.yml) have no role to assume: their `cdk diff`
   * against the deployed stacks fails for every environment, and the review comment and commit
   * status cannot show what a pull request changes in the deployed stacks. Remove it only when
   * the repository does not run those workflows (and remove the workflows with it).
   * @default - none: no `<env>/CiDiff` stacks, no pull-request `cdk diff`
   */
  readonly pullRequestDiff?: PullRequestDiffConfig;
  /**
   * The public addresses the verify step's requests come from: it runs in CodeBuild in the
   * pipeline's account and region, outside any VPC, so these are CodeBuild's ranges of that
   * region (service CODEBUILD in https://ip-ranges.amazonaws.com/ip-ranges.json). Every
   * environment the pipeline promotes with a public endpoint must list them in its
   * `endpoint.publicCidrs`, or the verify step is locked out of its API. A private environment
   * needs none: its verify step invokes the verify runner in the environment's VPC.
   * @default [] - refused while the pipeline promotes an environment with a public endpoint
   */
  readonly verifyStepCidrs?: string[];
}

/**
 * A pipeline config whose pull-request review is configured: the shipped one, so that synth,
 * cdk-nag and the tests of the review workflows (test/github/) cover `<env>/CiDiff`. To turn the
 * review off, delete `pullRequestDiff` from {@link PIPELINE} and type it as `PipelineConfig`.
 */
export type PipelineConfigWithReview = PipelineConfig & { readonly pullRequestDiff: PullRequestDiffConfig };

/*
 * PLACEHOLDERS (lib/config/placeholders.ts): the tooling account, the repository and the
 * connection ARN below are examples. Replace them with your tooling account, your repository and
 * the ARN of a connection you created and authorized in that account and region, then bootstrap
 * every environment account with `cdk bootstrap --trust <tooling account>
 * --cloudformation-execution-policies ...`. Synth works with placeholders; a deploy of a stack
 * that still holds one fails before anything is created.
 */
export const PIPELINE: PipelineConfigWithReview = {
  account: PLACEHOLDER_ACCOUNTS.pipeline,
  region: 'eu-west-1',
  pipelineName: 'eks-access',
  source: {
    kind: 'connection',
    repository: PLACEHOLDER_GITHUB_REPOSITORY,
    branch: 'main',
    connectionArn: PLACEHOLDER_CONNECTION_ARN,
  },
  pullRequestDiff: { githubRepository: PLACEHOLDER_GITHUB_REPOSITORY },
  // PLACEHOLDER (a documentation range): CodeBuild's ranges of the pipeline's region.
  verifyStepCidrs: ['198.51.100.0/24'],
};

/** Where the pipeline config lives; named in every error. */
export const PIPELINE_CONFIG_SOURCE = 'lib/config/pipeline.ts';

/** IAM role name of an environment's post-deploy verify step (in the pipeline account). */
export function verifyStepRoleName(env: string): string {
  return `eks-access-verify-${env}`;
}

/** ARN of an environment's verify step role (in the pipeline account). */
export function verifyStepRoleArn(config: Pick<PipelineConfig, 'account' | 'region'>, env: string): string {
  return `arn:${partitionOfRegion(config.region)}:iam::${config.account}:role/${verifyStepRoleName(env)}`;
}

/**
 * The environments with the pipeline's verify step added to each one's verifier trust, so that
 * the step can assume the environment's verifier role. Used by the app and by the CLI, so both
 * see the same aws-auth mappings.
 */
export function withPipelineVerifiers(envs: readonly EnvironmentConfig[], config: PipelineConfig): EnvironmentConfig[] {
  const inPipeline = config.environments ?? envs.map((e) => e.name);
  return envs.map((env) => {
    if (!inPipeline.includes(env.name)) return env;
    const arn = verifyStepRoleArn(config, env.name);
    const current = env.verifierTrustedRoleArns ?? [];
    return current.includes(arn) ? env : { ...env, verifierTrustedRoleArns: [...current, arn] };
  });
}

/**
 * IAM role name of an environment's post-deploy termination-protection step (in the pipeline
 * account): the one principal the environment's termination protector role trusts.
 */
export function terminationProtectionStepRoleName(env: string): string {
  return `eks-access-protect-${env}`;
}

/** ARN of an environment's termination-protection step role (in the pipeline account). */
export function terminationProtectionStepRoleArn(config: Pick<PipelineConfig, 'account' | 'region'>, env: string): string {
  return `arn:${partitionOfRegion(config.region)}:iam::${config.account}:role/${terminationProtectionStepRoleName(env)}`;
}

/**
 * IAM role name of an environment's termination protector (in the environment account, created
 * by `<env>/Access`): it may only turn on and read termination protection of the environment's
 * stacks.
 */
export function terminationProtectorRoleName(env: string): string {
  return `eks-access-termination-protector-${env}`;
}

/** ARN of an environment's termination protector role, in its own account. */
export function terminationProtectorRoleArn(env: Pick<ResolvedEnvironment, 'name' | 'partition' | 'account'>): string {
  return `arn:${env.partition}:iam::${env.account}:role/${terminationProtectorRoleName(env.name)}`;
}

/**
 * IAM role name of a private environment's verify runner invoker (in the environment account,
 * `<env>/Access`): the verify step assumes it to invoke the runner, and may do nothing else.
 */
export function verifyRunnerInvokerRoleName(env: string): string {
  return `eks-access-verify-invoker-${env}`;
}

/** ARN of an environment's verify runner invoker role, in its own account. */
export function verifyRunnerInvokerRoleArn(env: Pick<ResolvedEnvironment, 'name' | 'partition' | 'account'>): string {
  return `arn:${env.partition}:iam::${env.account}:role/${verifyRunnerInvokerRoleName(env.name)}`;
}

/** IAM role name of an environment's pull-request diff role (in the environment account). */
export function prDiffRoleName(env: string): string {
  return `eks-access-pr-diff-${env}`;
}

/** ARN of an environment's pull-request diff role (`<env>/CiDiff`), in its own account. */
export function prDiffRoleArn(env: Pick<ResolvedEnvironment, 'name' | 'partition' | 'account'>): string {
  return `arn:${env.partition}:iam::${env.account}:role/${prDiffRoleName(env.name)}`;
}

/** GitHub's OIDC issuer host; also the prefix of the condition keys in the diff role's trust. */
export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';

/** The audience the review workflow asks GitHub's OIDC provider for (STS's, as configure-aws-credentials uses). */
export const GITHUB_OIDC_AUDIENCE = 'sts.amazonaws.com';

/**
 * The two pull-request workflows. `name` is what `on.workflow_run.workflows` matches; `file` is
 * the file under .github/workflows/ (and part of `job_workflow_ref`).
 */
export const PR_WORKFLOWS = {
  /** Unprivileged (`pull_request`): synthesizes head and base, uploads both assemblies. */
  synth: { file: 'pr-synth.yml', name: 'pr-synth' },
  /** Privileged (`workflow_run`, default branch only): diff, report, comment, status. */
  review: { file: 'pr-review.yml', name: 'pr-review' },
} as const;

/** Name of the artifact the synth workflow uploads: one tar of `base/` and `head/`. */
export const PR_ASSEMBLIES_ARTIFACT = 'cloud-assemblies';

/** The one file in that artifact: a ustar archive of the two assemblies' JSON files. */
export const PR_ASSEMBLIES_TAR = 'assemblies.tar';

/** The commit status the review sets on the pull request's head commit: the gate to require. */
export const PR_REVIEW_STATUS_CONTEXT = 'eks-access/access-review';

/**
 * Claims of GitHub's OIDC `sub`, set once per repository with
 * `PUT /repos/OWNER/NAME/actions/oidc/customization/sub` and
 * `{"use_default": false, "include_claim_keys": [...these]}`.
 *
 * Why: AWS STS evaluates only `sub`, `aud` (and `amr`) of GitHub's tokens; GitHub's own docs say
 * "Support for custom claims for OIDC is unavailable in AWS", so a trust policy cannot test
 * `job_workflow_ref` as a condition key. Putting `job_workflow_ref` into `sub` makes the one
 * claim STS does check name the workflow file and its ref as well as the repository and branch.
 * @see https://docs.github.com/en/actions/reference/security/oidc#customizing-the-subject-claims-for-an-organization-or-repository
 */
export const OIDC_SUB_CLAIM_KEYS = ['repo', 'context', 'job_workflow_ref'] as const;

/**
 * The `sub` of a token that the review workflow's jobs get on the default branch, with the
 * customized template {@link OIDC_SUB_CLAIM_KEYS}: `repo:<owner/name>:ref:refs/heads/<branch>`
 * (the context of a non-environment job) then `job_workflow_ref:<owner/name>/.github/workflows/<file>@refs/heads/<branch>`.
 */
export function prReviewOidcSubject(githubRepository: string, defaultBranch: string): string {
  const ref = `refs/heads/${defaultBranch}`;
  return `repo:${githubRepository}:ref:${ref}:job_workflow_ref:${githubRepository}/.github/workflows/${PR_WORKFLOWS.review.file}@${ref}`;
}

/** One environment's place in the pipeline. */
export interface ResolvedPipelineEnvironment {
  readonly env: ResolvedEnvironment;
  /** A manual approval runs before this environment deploys. */
  readonly approval: boolean;
  /** ARN of the people role the verify step assumes (in the environment account). */
  readonly verifyTargetRoleArn: string;
  /** Name of the verify step's own role (in the pipeline account). */
  readonly verifyStepRoleName: string;
  /**
   * The target role's trust admits the verify step's role: it names that role's ARN or the
   * pipeline account, or the environment shares the pipeline's account and trusts its root.
   */
  readonly verifyTrusted: boolean;
  /**
   * The post-deploy step that turns on CloudFormation termination protection of the
   * environment's stacks (CDK Pipelines' CloudFormation deploy actions never set it), when the
   * environment asks for `terminationProtection`.
   * @default - none: the environment has no termination protection
   */
  readonly terminationProtection?: ResolvedTerminationProtectionStep;
  /**
   * For a private environment: the verify step cannot reach its endpoint, so it assumes the
   * invoker role and invokes the verify runner in the environment's VPC.
   * @default - none: the verify step runs `eks-access verify` itself (public endpoint)
   */
  readonly verifyRunner?: ResolvedVerifyRunnerStep;
}

/** How the verify step of a private environment reaches the verify runner. */
export interface ResolvedVerifyRunnerStep {
  /** Name of the invoker role (in the environment account, `<env>/Access`). */
  readonly invokerRoleName: string;
  /** ARN of the invoker role: the one role the step assumes. */
  readonly invokerRoleArn: string;
  /** Name of the runner function (in the environment account and region). */
  readonly functionName: string;
  /** ARN of the verify step's own role: the only principal the invoker role trusts. */
  readonly stepRoleArn: string;
}

/** The termination-protection step of one environment. */
export interface ResolvedTerminationProtectionStep {
  /** Name of the step's own role (in the pipeline account). */
  readonly stepRoleName: string;
  /** ARN of the step's own role: the only principal the target role trusts. */
  readonly stepRoleArn: string;
  /** ARN of the role the step assumes (in the environment account, `<env>/Access`). */
  readonly targetRoleArn: string;
}

/** The pipeline after validation, with every default applied. */
export interface ResolvedPipeline {
  readonly account: string;
  readonly region: string;
  /** Partition of the pipeline's region. */
  readonly partition: string;
  readonly pipelineName: string;
  readonly source: PipelineSourceConfig;
  /** In promotion order. */
  readonly environments: ResolvedPipelineEnvironment[];
  /** True when an environment lives in another account than the pipeline. */
  readonly crossAccountKeys: boolean;
  /**
   * The pull-request review's diff roles.
   * @default - none: the config has no `pullRequestDiff`, the app no `<env>/CiDiff` stacks
   */
  readonly pullRequestDiff?: ResolvedPullRequestDiff;
}

/** {@link PullRequestDiffConfig} with every default applied. */
export interface ResolvedPullRequestDiff {
  readonly githubRepository: string;
  readonly accountsWithGithubOidcProvider: string[];
  readonly defaultBranch: string;
  /** The `sub` claim the diff roles require (see {@link prReviewOidcSubject}). */
  readonly oidcSubject: string;
}

/** Thrown by {@link validatePipeline} with every problem found. */
export class PipelineConfigError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(`Invalid pipeline config (${PIPELINE_CONFIG_SOURCE}), ${problems.length} problem(s):\n` + problems.map((p) => `  - ${formatProblem(p)}`).join('\n'));
    this.name = 'PipelineConfigError';
  }
}

/** `owner/name` as GitHub, GitLab and Bitbucket accept it. */
const REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
/** CodeCommit repository name. */
const CODECOMMIT_NAME = /^[\w.-]{1,100}$/;
/** CodePipeline name. */
const PIPELINE_NAME = /^[A-Za-z0-9.@_-]{1,100}$/;
/** A connection ARN; groups: partition, service, region, account. */
const CONNECTION_ARN = /^arn:(aws[a-z-]*):(codeconnections|codestar-connections):([a-z0-9-]+):(\d{12}):connection\/[0-9a-f-]{36}$/;

/** A branch name git accepts (git check-ref-format, the parts that matter here). */
function isBranchName(value: unknown): boolean {
  return typeof value === 'string' && value.length > 0 && value.length <= 255
    && !/[\s~^:?*[\\]|\.\.|@\{|^[-/.]|[/.]$|\/\/|\.lock$/.test(value);
}

/**
 * Validates the pipeline config against the validated environments and applies defaults.
 * Throws one PipelineConfigError listing every problem (field, value, fix). A config with
 * `pullRequestDiff` resolves to a pipeline with it.
 */
export function validatePipeline(config: PipelineConfigWithReview, environments: readonly ResolvedEnvironment[]): ResolvedPipeline & { readonly pullRequestDiff: ResolvedPullRequestDiff };
export function validatePipeline(config: PipelineConfig, environments: readonly ResolvedEnvironment[]): ResolvedPipeline;
export function validatePipeline(config: PipelineConfig, environments: readonly ResolvedEnvironment[]): ResolvedPipeline {
  const p = new ProblemCollector('pipeline');
  if (!isAccountId(config.account)) p.add('account', config.account, 'must be the 12-digit id of the tooling account that hosts the pipeline, as a string, for example "444444444444"');
  const regionOk = typeof config.region === 'string' && AWS_REGION.test(config.region);
  if (!regionOk) p.add('region', config.region, 'must be an AWS region such as "eu-west-1"');
  const partition = regionOk ? partitionOfRegion(config.region) : 'aws';
  const pipelineName = config.pipelineName ?? 'eks-access';
  if (!PIPELINE_NAME.test(pipelineName)) p.add('pipelineName', pipelineName, 'must be 1 to 100 letters, digits and ".@_-"');
  checkSource(config, partition, p);

  const byName = new Map(environments.map((e) => [e.name, e]));
  const order = config.environments ?? environments.map((e) => e.name);
  if (!Array.isArray(order) || order.length === 0) p.add('environments', order, `list at least one environment, for example ${JSON.stringify(environments.map((e) => e.name))}`);
  const chosen: ResolvedEnvironment[] = [];
  (Array.isArray(order) ? order : []).forEach((name, i) => {
    const env = byName.get(name);
    if (!env) p.add(`environments[${i}]`, name, `is not an environment of lib/config/environments.ts; use one of ${[...byName.keys()].join(', ')}`);
    else if (chosen.includes(env)) p.add(`environments[${i}]`, name, 'is listed twice; list each environment once, in promotion order');
    else chosen.push(env);
  });
  const approvalBefore = config.approvalBefore ?? (chosen.length ? [chosen[chosen.length - 1].name] : []);
  approvalBefore.forEach((name, i) => {
    if (!chosen.some((e) => e.name === name)) p.add(`approvalBefore[${i}]`, name, `is not in the pipeline's environments; use one of ${chosen.map((e) => e.name).join(', ')}`);
  });
  const resolvedEnvs = chosen.map((env) => {
    const stepRoleArn = verifyStepRoleArn(config, env.name);
    return {
      env,
      approval: approvalBefore.includes(env.name),
      verifyTargetRoleArn: verifierRoleArn(env),
      verifyStepRoleName: verifyStepRoleName(env.name),
      verifyTrusted: env.verifierTrustedRoleArns.includes(stepRoleArn),
      ...(hasVerifyRunner(env) ? {
        verifyRunner: {
          invokerRoleName: verifyRunnerInvokerRoleName(env.name),
          invokerRoleArn: verifyRunnerInvokerRoleArn(env),
          functionName: verifyRunnerName(env),
          stepRoleArn,
        },
      } : {}),
      ...(env.terminationProtection === true ? {
        terminationProtection: {
          stepRoleName: terminationProtectionStepRoleName(env.name),
          stepRoleArn: terminationProtectionStepRoleArn(config, env.name),
          targetRoleArn: terminationProtectorRoleArn(env),
        },
      } : {}),
    };
  });

  for (const v of verifyStepProblems({ account: config.account, region: config.region, cidrs: config.verifyStepCidrs ?? [] }, chosen)) p.add(v.field, v.value, v.message);
  const pullRequestDiff = config.pullRequestDiff === undefined ? undefined : resolvePullRequestDiff(config.pullRequestDiff, config, p);

  if (p.problems.length) throw new PipelineConfigError(p.problems);
  return {
    account: config.account,
    region: config.region,
    partition,
    pipelineName,
    source: config.source,
    environments: resolvedEnvs,
    crossAccountKeys: chosen.some((e) => e.account !== config.account),
    ...(pullRequestDiff ? { pullRequestDiff } : {}),
  };
}

/** Checks `pullRequestDiff` (problems go to `p`) and applies its defaults. */
function resolvePullRequestDiff(diff: PullRequestDiffConfig, config: PipelineConfig, p: ProblemCollector): ResolvedPullRequestDiff {
  if (typeof diff.githubRepository !== 'string' || !REPOSITORY.test(diff.githubRepository)) {
    p.add('pullRequestDiff.githubRepository', diff.githubRepository, 'must be the GitHub repository as "owner/name", for example "example-org/eks-access"');
  }
  const defaultBranch = diff.defaultBranch ?? (config.source as PipelineSourceConfig | undefined)?.branch;
  // Defaulted from source.branch, whose own problem is reported above.
  if (diff.defaultBranch !== undefined && !isBranchName(diff.defaultBranch)) p.add('pullRequestDiff.defaultBranch', defaultBranch, 'must be the repository\'s default branch, a git branch name such as "main"');
  const withProvider = diff.accountsWithGithubOidcProvider ?? [];
  withProvider.forEach((a, i) => {
    if (!isAccountId(a)) p.add(`pullRequestDiff.accountsWithGithubOidcProvider[${i}]`, a, 'must be a 12-digit AWS account id, as a string');
  });
  return {
    githubRepository: diff.githubRepository,
    accountsWithGithubOidcProvider: withProvider,
    defaultBranch: defaultBranch as string,
    oidcSubject: prReviewOidcSubject(diff.githubRepository, defaultBranch as string),
  };
}

function checkSource(config: PipelineConfig, partition: string, p: ProblemCollector): void {
  const source = config.source as unknown as Record<string, unknown> | undefined;
  if (!source || typeof source !== 'object') {
    p.add('source', source, 'is required: { kind: "connection", repository, branch, connectionArn } or { kind: "codecommit", repositoryName, branch }');
    return;
  }
  if (!isBranchName(source.branch)) p.add('source.branch', source.branch, 'must be a git branch name such as "main" (no spaces, "..", "~^:?*[\\" or leading "-")');
  if (source.kind === 'codecommit') {
    const name = source.repositoryName;
    if (typeof name !== 'string' || !CODECOMMIT_NAME.test(name) || name.endsWith('.git')) {
      p.add('source.repositoryName', name, 'must be a CodeCommit repository name (letters, digits, "._-", at most 100, no ".git"), for example "eks-access"');
    }
    return;
  }
  if (source.kind !== 'connection') {
    p.add('source.kind', source.kind, 'must be "connection" (CodeStar/CodeConnections) or "codecommit"');
    return;
  }
  if (typeof source.repository !== 'string' || !REPOSITORY.test(source.repository)) {
    p.add('source.repository', source.repository, 'must be "owner/name", for example "example-org/eks-access" (not a URL)');
  }
  const m = typeof source.connectionArn === 'string' ? CONNECTION_ARN.exec(source.connectionArn) : null;
  if (!m) {
    p.add('source.connectionArn', source.connectionArn, 'must be a connection ARN such as "arn:aws:codeconnections:eu-west-1:444444444444:connection/<uuid>" (Developer Tools > Settings > Connections)');
    return;
  }
  const [, arnPartition, , region, account] = m;
  // Compared only with a valid account and region, which are reported on their own otherwise.
  const comparable = isAccountId(config.account) && typeof config.region === 'string' && AWS_REGION.test(config.region);
  if (comparable && (arnPartition !== partition || region !== config.region || account !== config.account)) {
    p.add('source.connectionArn', source.connectionArn, `must be a connection in the pipeline's account ${config.account} and region ${config.region} (arn:${partition}:codeconnections:${config.region}:${config.account}:connection/...); create the connection there`);
  }
}

