/**
 * Which placeholders (lib/config/placeholders.ts) a validated config still holds, and which of
 * them each kind of stack carries into its template. Pure: the deploy guard
 * (lib/constructs/placeholder-guard.ts) turns each use into one CloudFormation rule assertion.
 */
import { ENVIRONMENTS_SOURCE, formatProblem } from './errors';
import type { ConfigProblem } from './errors';
import { PIPELINE_CONFIG_SOURCE } from './pipeline';
import type { ResolvedPipeline } from './pipeline';
import { isPlaceholderAccount, isPlaceholderConnectionArn, isPlaceholderRepository } from './placeholders';
import type { ResolvedEnvironment } from './validate';

/** One placeholder still in config: where it is, and how to replace it. */
export interface PlaceholderUse extends ConfigProblem {
  /** The config file that holds it. */
  readonly source: string;
}

/** The placeholder account of an environment, if it has one. */
export function environmentPlaceholders(env: Pick<ResolvedEnvironment, 'name' | 'account'>): PlaceholderUse[] {
  if (!isPlaceholderAccount(env.account)) return [];
  return [{
    source: ENVIRONMENTS_SOURCE, env: env.name, field: 'account', value: env.account,
    message: `is a placeholder, not your AWS account; set the account of environment "${env.name}" in ${ENVIRONMENTS_SOURCE} to the 12-digit id of the account it deploys to, then synthesize and deploy again`,
  }];
}

/** A placeholder of the pipeline config. */
function pipelineUse(field: string, value: string, fix: string): PlaceholderUse {
  return { source: PIPELINE_CONFIG_SOURCE, env: 'pipeline', field, value, message: `is a placeholder; ${fix} in ${PIPELINE_CONFIG_SOURCE}, then synthesize and deploy again` };
}

/** The pipeline's tooling account, if it is a placeholder. */
export function pipelineAccountPlaceholders(pipeline: Pick<ResolvedPipeline, 'account'>): PlaceholderUse[] {
  return isPlaceholderAccount(pipeline.account)
    ? [pipelineUse('account', pipeline.account, 'set account to the 12-digit id of your tooling account (the one that hosts the pipeline and that every environment account trusts)')]
    : [];
}

/** The pipeline's own placeholders: its tooling account, and its source's repository and connection. */
export function pipelinePlaceholders(pipeline: Pick<ResolvedPipeline, 'account' | 'source'>): PlaceholderUse[] {
  const uses = pipelineAccountPlaceholders(pipeline);
  const source = pipeline.source;
  if (source.kind !== 'connection') return uses;
  if (isPlaceholderRepository(source.repository)) uses.push(pipelineUse('source.repository', source.repository, 'set source.repository to your repository as "owner/name"'));
  if (isPlaceholderConnectionArn(source.connectionArn)) {
    uses.push(pipelineUse('source.connectionArn', source.connectionArn, 'set source.connectionArn to the ARN of a connection you created and authorized in the tooling account and the pipeline\'s region (Developer Tools > Settings > Connections)'));
  }
  return uses;
}

/** The pull-request review's placeholder repository, if the review is configured with it. */
export function reviewPlaceholders(pipeline: Pick<ResolvedPipeline, 'pullRequestDiff'>): PlaceholderUse[] {
  const repository = pipeline.pullRequestDiff?.githubRepository;
  if (!isPlaceholderRepository(repository)) return [];
  return [{
    source: PIPELINE_CONFIG_SOURCE, env: 'pipeline', field: 'pullRequestDiff.githubRepository', value: repository,
    message: `is a placeholder; set pullRequestDiff.githubRepository in ${PIPELINE_CONFIG_SOURCE} to the GitHub repository whose review workflow may assume the diff roles, or remove pullRequestDiff to build no <env>/CiDiff stacks, then synthesize and deploy again`,
  }];
}

/** What kind of stack a guard protects. */
export type GuardedStack =
  /** A stack of an environment's stage; `ciDiff` for `<env>/CiDiff`. */
  | { readonly kind: 'environment'; readonly env: ResolvedEnvironment; readonly ciDiff: boolean }
  /** A stack outside every environment: the pipeline and its cross-region support stacks. */
  | { readonly kind: 'delivery' };

/**
 * The placeholders one stack holds:
 * - a stack of an environment: the environment's account and, when the pipeline promotes it,
 *   the pipeline's account. Only `<env>/Access` names that account (its verifier and step target
 *   roles trust the pipeline's step roles there), but the stage deploys as one unit (`cdk deploy
 *   '<env>/*'`, the pipeline's stage), so all of its stacks are refused at once rather than
 *   `<env>/Cluster` created for twenty minutes and `<env>/Access` refused after it. `<env>/CiDiff`
 *   also holds the review's repository (its role's trust names it);
 * - the pipeline and its support stacks: the pipeline's own placeholders and the accounts of the
 *   environments it promotes (it deploys into them).
 */
export function placeholdersOf(stack: GuardedStack, pipeline: ResolvedPipeline | undefined): PlaceholderUse[] {
  if (stack.kind === 'delivery') {
    if (!pipeline) return [];
    return [...pipelinePlaceholders(pipeline), ...pipeline.environments.flatMap((e) => environmentPlaceholders(e.env))];
  }
  const promoted = pipeline?.environments.some((e) => e.env.name === stack.env.name) ?? false;
  return [
    ...environmentPlaceholders(stack.env),
    ...(pipeline && promoted ? pipelineAccountPlaceholders(pipeline) : []),
    ...(pipeline && stack.ciDiff ? reviewPlaceholders(pipeline) : []),
  ];
}

/** The sentence a refused deploy shows for one placeholder: field, value, fix. */
export function placeholderSentence(use: PlaceholderUse): string {
  return `Placeholder in ${use.source}: ${formatProblem(use)}. CloudFormation checked this before creating or changing any resource of this stack.`;
}
