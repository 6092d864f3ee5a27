/**
 * Which placeholders each kind of stack holds, and the sentence a refused deploy shows.
 */
import { ENVIRONMENTS } from '../../../lib/config/environments';
import { PIPELINE, validatePipeline } from '../../../lib/config/pipeline';
import type { PipelineConfig } from '../../../lib/config/pipeline';
import {
  environmentPlaceholders, pipelineAccountPlaceholders, pipelinePlaceholders, placeholderSentence, placeholdersOf, reviewPlaceholders,
} from '../../../lib/config/placeholder-uses';
import type { PlaceholderUse } from '../../../lib/config/placeholder-uses';
import { validateEnvironments } from '../../../lib/config/validate';
import { ACCOUNT, envConfig } from '../../config-fixtures';
import { OWN_CONNECTION_ARN, OWN_PIPELINE } from './own-pipeline';

const fields = (uses: readonly PlaceholderUse[]) => uses.map((u) => `${u.source} [${u.env}] ${u.field} = ${String(u.value)}`);

const shippedEnvs = validateEnvironments(ENVIRONMENTS);
const shipped = validatePipeline(PIPELINE, shippedEnvs);
const [dev] = shippedEnvs;

describe('environmentPlaceholders', () => {
  test('a placeholder account is one, also when typed literally for another environment', () => {
    expect(fields(environmentPlaceholders(dev))).toEqual(['lib/config/environments.ts [dev] account = 111111111111']);
    expect(fields(environmentPlaceholders({ name: 'qa', account: '333333333333' }))).toEqual(['lib/config/environments.ts [qa] account = 333333333333']);
  });

  test('a real account is none', () => {
    expect(environmentPlaceholders({ name: 'dev', account: ACCOUNT })).toEqual([]);
  });
});

describe('pipelinePlaceholders', () => {
  test('the shipped pipeline: tooling account, source repository, connection', () => {
    expect(fields(pipelinePlaceholders(shipped))).toEqual([
      'lib/config/pipeline.ts [pipeline] account = 444444444444',
      'lib/config/pipeline.ts [pipeline] source.repository = example-org/eks-access',
      'lib/config/pipeline.ts [pipeline] source.connectionArn = arn:aws:codeconnections:eu-west-1:444444444444:connection/00000000-0000-4000-8000-000000000000',
    ]);
    expect(fields(pipelineAccountPlaceholders(shipped))).toEqual(['lib/config/pipeline.ts [pipeline] account = 444444444444']);
  });

  test('each placeholder on its own', () => {
    expect(fields(pipelinePlaceholders({ ...OWN_PIPELINE, account: '444444444444' }))).toEqual(['lib/config/pipeline.ts [pipeline] account = 444444444444']);
    expect(fields(pipelinePlaceholders({ ...OWN_PIPELINE, source: { ...OWN_PIPELINE.source, repository: 'example-org/eks-access' } as PipelineConfig['source'] })))
      .toEqual(['lib/config/pipeline.ts [pipeline] source.repository = example-org/eks-access']);
    const zeroId = OWN_CONNECTION_ARN.replace(/[^/]+$/, '00000000-0000-4000-8000-000000000000');
    expect(fields(pipelinePlaceholders({ ...OWN_PIPELINE, source: { ...OWN_PIPELINE.source, connectionArn: zeroId } as PipelineConfig['source'] })))
      .toEqual([`lib/config/pipeline.ts [pipeline] source.connectionArn = ${zeroId}`]);
  });

  test('none in a real pipeline, nor in a CodeCommit source (it lives in the tooling account)', () => {
    expect(pipelinePlaceholders(OWN_PIPELINE)).toEqual([]);
    expect(pipelinePlaceholders({ account: ACCOUNT, source: { kind: 'codecommit', repositoryName: 'eks-access', branch: 'main' } })).toEqual([]);
  });
});

describe('reviewPlaceholders', () => {
  test('the shipped review repository; none without pullRequestDiff or with a real repository', () => {
    expect(fields(reviewPlaceholders(shipped))).toEqual(['lib/config/pipeline.ts [pipeline] pullRequestDiff.githubRepository = example-org/eks-access']);
    expect(reviewPlaceholders({})).toEqual([]);
    expect(reviewPlaceholders({ pullRequestDiff: { githubRepository: 'acme/platform', defaultBranch: 'main', accountsWithGithubOidcProvider: [], oidcSubject: 'x' } })).toEqual([]);
  });
});

describe('placeholdersOf', () => {
  test('an environment stack: its account and the pipeline account that its roles trust', () => {
    expect(fields(placeholdersOf({ kind: 'environment', env: dev, ciDiff: false }, shipped))).toEqual([
      'lib/config/environments.ts [dev] account = 111111111111',
      'lib/config/pipeline.ts [pipeline] account = 444444444444',
    ]);
  });

  test('<env>/CiDiff: also the review repository', () => {
    expect(fields(placeholdersOf({ kind: 'environment', env: dev, ciDiff: true }, shipped))).toEqual([
      'lib/config/environments.ts [dev] account = 111111111111',
      'lib/config/pipeline.ts [pipeline] account = 444444444444',
      'lib/config/pipeline.ts [pipeline] pullRequestDiff.githubRepository = example-org/eks-access',
    ]);
  });

  test('without a pipeline, or for an environment the pipeline does not promote: only its own account', () => {
    expect(fields(placeholdersOf({ kind: 'environment', env: dev, ciDiff: false }, undefined))).toEqual(['lib/config/environments.ts [dev] account = 111111111111']);
    const devOnly = validatePipeline({ ...PIPELINE, environments: ['staging'], approvalBefore: [] }, shippedEnvs);
    expect(fields(placeholdersOf({ kind: 'environment', env: dev, ciDiff: false }, devOnly))).toEqual(['lib/config/environments.ts [dev] account = 111111111111']);
  });

  test('the pipeline\'s stacks: its own placeholders and the accounts it deploys into', () => {
    expect(fields(placeholdersOf({ kind: 'delivery' }, shipped))).toEqual([
      ...fields(pipelinePlaceholders(shipped)),
      'lib/config/environments.ts [dev] account = 111111111111',
      'lib/config/environments.ts [staging] account = 222222222222',
      'lib/config/environments.ts [prod] account = 333333333333',
    ]);
    expect(placeholdersOf({ kind: 'delivery' }, undefined)).toEqual([]);
  });

  test('a config without placeholders: none anywhere', () => {
    const envs = validateEnvironments([envConfig()]);
    const real = validatePipeline(OWN_PIPELINE, envs);
    expect(placeholdersOf({ kind: 'environment', env: envs[0], ciDiff: true }, real)).toEqual([]);
    expect(placeholdersOf({ kind: 'delivery' }, real)).toEqual([]);
  });
});

describe('placeholderSentence', () => {
  test('names the file, the field, the value and the fix', () => {
    expect(placeholderSentence(environmentPlaceholders(dev)[0])).toBe(
      'Placeholder in lib/config/environments.ts: [dev] account = "111111111111": is a placeholder, not your AWS account; set the account of environment "dev" in lib/config/environments.ts to the 12-digit id of the account it deploys to, then synthesize and deploy again. CloudFormation checked this before creating or changing any resource of this stack.',
    );
    expect(placeholderSentence(reviewPlaceholders(shipped)[0])).toBe(
      'Placeholder in lib/config/pipeline.ts: [pipeline] pullRequestDiff.githubRepository = "example-org/eks-access": is a placeholder; set pullRequestDiff.githubRepository in lib/config/pipeline.ts to the GitHub repository whose review workflow may assume the diff roles, or remove pullRequestDiff to build no <env>/CiDiff stacks, then synthesize and deploy again. CloudFormation checked this before creating or changing any resource of this stack.',
    );
  });
});
