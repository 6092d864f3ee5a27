import { ENVIRONMENTS } from '../../../lib/config/environments';
import {
  PIPELINE, PR_WORKFLOWS, PipelineConfigError, prDiffRoleArn, prDiffRoleName, prReviewOidcSubject, terminationProtectionStepRoleArn, terminationProtectionStepRoleName,
  terminationProtectorRoleArn, terminationProtectorRoleName, validatePipeline, verifyStepRoleArn, verifyStepRoleName, withPipelineVerifiers,
} from '../../../lib/config/pipeline';
import type { PipelineConfig } from '../../../lib/config/pipeline';
import type { EnvironmentConfig } from '../../../lib/config/types';
import { validateEnvironments } from '../../../lib/config/validate';
import { Groups } from '../../../lib/k8s/groups';
import { ACCOUNT, envConfig } from '../../config-fixtures';

const envs = validateEnvironments(ENVIRONMENTS);
const CONNECTION = 'arn:aws:codeconnections:eu-west-1:444444444444:connection/00000000-0000-4000-8000-000000000000';

/** PIPELINE with overrides. */
const config = (overrides: Partial<PipelineConfig> = {}): PipelineConfig => ({ ...PIPELINE, ...overrides });

/** The one-line problems a config produces (the error lists them after a header). */
function problems(c: PipelineConfig, environments = envs): string[] {
  try {
    validatePipeline(c, environments);
  } catch (e) {
    if (!(e instanceof PipelineConfigError)) throw e;
    const [header, ...lines] = e.message.split('\n');
    expect(header).toBe(`Invalid pipeline config (lib/config/pipeline.ts), ${lines.length} problem(s):`);
    return lines.map((l) => l.replace(/^ {2}- /, ''));
  }
  return [];
}

describe('the placeholder pipeline', () => {
  const resolved = validatePipeline(PIPELINE, envs);

  test('promotes every environment in config order with an approval before prod only', () => {
    expect(resolved.environments.map((e) => [e.env.name, e.approval])).toEqual([['dev', false], ['staging', false], ['prod', true]]);
  });

  test('needs cross-account keys: the environments live outside the tooling account', () => {
    expect(resolved.crossAccountKeys).toBe(true);
    expect(resolved).toMatchObject({ account: '444444444444', region: 'eu-west-1', partition: 'aws', pipelineName: 'eks-access' });
  });

  test('verifies each environment through its verifier role', () => {
    expect(resolved.environments.map((e) => e.verifyTargetRoleArn)).toEqual([
      'arn:aws:iam::111111111111:role/eks-access-dev-verifier',
      'arn:aws:iam::222222222222:role/eks-access-staging-verifier',
      'arn:aws:iam::333333333333:role/eks-access-prod-verifier',
    ]);
    expect(resolved.environments.map((e) => e.verifyStepRoleName)).toEqual(['eks-access-verify-dev', 'eks-access-verify-staging', 'eks-access-verify-prod']);
  });

  test('a termination-protection step for the environments with terminationProtection (prod) only', () => {
    expect(resolved.environments.map((e) => [e.env.name, e.terminationProtection])).toEqual([
      ['dev', undefined],
      ['staging', undefined],
      ['prod', {
        stepRoleName: 'eks-access-protect-prod',
        stepRoleArn: 'arn:aws:iam::444444444444:role/eks-access-protect-prod',
        targetRoleArn: 'arn:aws:iam::333333333333:role/eks-access-termination-protector-prod',
      }],
    ]);
    expect(ENVIRONMENTS.map((e) => [e.name, e.terminationProtection === true])).toEqual([['dev', false], ['staging', false], ['prod', true]]);
  });

  test('termination-protection role names and ARNs (the partition follows the region)', () => {
    expect(terminationProtectionStepRoleName('prod')).toBe('eks-access-protect-prod');
    expect(terminationProtectionStepRoleArn({ account: '444444444444', region: 'cn-north-1' }, 'prod')).toBe('arn:aws-cn:iam::444444444444:role/eks-access-protect-prod');
    expect(terminationProtectorRoleName('prod')).toBe('eks-access-termination-protector-prod');
    expect(terminationProtectorRoleArn(envs[2])).toBe('arn:aws:iam::333333333333:role/eks-access-termination-protector-prod');
    // The longest environment name (20 characters) still fits IAM's 64.
    expect(terminationProtectorRoleName('a'.repeat(20)).length).toBeLessThanOrEqual(64);
    expect(terminationProtectionStepRoleName('a'.repeat(20)).length).toBeLessThanOrEqual(64);
  });

  test('role names', () => {
    expect(verifyStepRoleName('dev')).toBe('eks-access-verify-dev');
    expect(prDiffRoleName('prod')).toBe('eks-access-pr-diff-prod');
    expect(prDiffRoleArn(envs[2])).toBe('arn:aws:iam::333333333333:role/eks-access-pr-diff-prod');
  });

  test('the review: default branch from the source, the sub of the review workflow on it', () => {
    expect(resolved.pullRequestDiff).toEqual({
      githubRepository: 'example-org/eks-access',
      accountsWithGithubOidcProvider: [],
      defaultBranch: 'main',
      oidcSubject: 'repo:example-org/eks-access:ref:refs/heads/main:job_workflow_ref:example-org/eks-access/.github/workflows/pr-review.yml@refs/heads/main',
    });
    expect(PR_WORKFLOWS.review.file).toBe('pr-review.yml');
  });
});

describe('the review subject', () => {
  test('names the repository, the branch ref and the review workflow file at that ref', () => {
    expect(prReviewOidcSubject('o/r', 'trunk')).toBe('repo:o/r:ref:refs/heads/trunk:job_workflow_ref:o/r/.github/workflows/pr-review.yml@refs/heads/trunk');
  });

  test('an explicit default branch wins over the source branch', () => {
    const resolved = validatePipeline(config({ pullRequestDiff: { githubRepository: 'o/r', defaultBranch: 'trunk' } }), envs);
    expect(resolved.pullRequestDiff).toMatchObject({ defaultBranch: 'trunk', oidcSubject: prReviewOidcSubject('o/r', 'trunk') });
  });

  test('without pullRequestDiff the pipeline has no review (and the app no <env>/CiDiff), with no problem', () => {
    const withoutReview: PipelineConfig = { ...PIPELINE, pullRequestDiff: undefined };
    const resolved = validatePipeline(withoutReview, envs);
    expect(resolved).not.toHaveProperty('pullRequestDiff');
    expect(resolved.environments).toHaveLength(3);
  });
});

describe('valid variations', () => {
  const sameAccount = validateEnvironments([envConfig({
    name: 'solo',
    people: [{ roleName: 'solo_reader', username: 'reader', groups: [Groups.reader] }],
  })]);

  test('no cross-account keys when every environment shares the pipeline account', () => {
    const resolved = validatePipeline(config({
      account: ACCOUNT,
      source: { kind: 'codecommit', repositoryName: 'eks-access', branch: 'release/1.x' },
    }), sameAccount);
    expect(resolved.crossAccountKeys).toBe(false);
    expect(resolved.environments.map((e) => [e.env.name, e.approval])).toEqual([['solo', true]]);
  });

  test('a chosen order and approvals; the verify step targets each environment\'s verifier role', () => {
    const resolved = validatePipeline(config({ environments: ['staging', 'prod'], approvalBefore: ['staging', 'prod'] }), envs);
    expect(resolved.environments.map((e) => [e.env.name, e.approval, e.verifyTargetRoleArn])).toEqual([
      ['staging', true, 'arn:aws:iam::222222222222:role/eks-access-staging-verifier'],
      ['prod', true, 'arn:aws:iam::333333333333:role/eks-access-prod-verifier'],
    ]);
  });

  test('the verify step is trusted exactly when withPipelineVerifiers added it to the environment', () => {
    const solo = envConfig({ name: 'solo', people: [{ roleName: 'solo_reader', username: 'reader', groups: [Groups.reader] }] });
    const trusted = (e: EnvironmentConfig) => validatePipeline(config(), validateEnvironments([e])).environments[0].verifyTrusted;
    expect(trusted(solo)).toBe(false);
    const [withStep] = withPipelineVerifiers([solo], config());
    expect(withStep.verifierTrustedRoleArns).toEqual(['arn:aws:iam::444444444444:role/eks-access-verify-solo']);
    expect(trusted(withStep)).toBe(true);
    // Idempotent, and environments outside the pipeline are left alone.
    expect(withPipelineVerifiers([withStep], config())).toEqual([withStep]);
    expect(withPipelineVerifiers([solo], config({ environments: [] }))[0]).toBe(solo);
    expect(verifyStepRoleArn(config(), 'solo')).toBe('arn:aws:iam::444444444444:role/eks-access-verify-solo');
  });

  test('an environment turns the step on with terminationProtection: true, and only then', () => {
    const solo = (terminationProtection?: boolean) => validatePipeline(config({ environments: undefined }), validateEnvironments([envConfig({
      name: 'solo', terminationProtection, people: [{ roleName: 'solo_reader', username: 'reader', groups: [Groups.reader] }],
    })])).environments[0].terminationProtection;
    expect(solo(true)).toEqual({
      stepRoleName: 'eks-access-protect-solo',
      stepRoleArn: 'arn:aws:iam::444444444444:role/eks-access-protect-solo',
      targetRoleArn: `arn:aws:iam::${ACCOUNT}:role/eks-access-termination-protector-solo`,
    });
    expect(solo(false)).toBeUndefined();
    expect(solo(undefined)).toBeUndefined();
  });

  test('codestar-connections ARNs are accepted too', () => {
    expect(problems(config({ source: { kind: 'connection', repository: 'o/r', branch: 'main', connectionArn: CONNECTION.replace('codeconnections', 'codestar-connections') } }))).toEqual([]);
  });
});

describe('errors name the field, the value and the fix', () => {
  const cases: Array<[string, Partial<PipelineConfig>, string[]]> = [
    ['account', { account: '4444' }, [
      '[pipeline] account = "4444": must be the 12-digit id of the tooling account that hosts the pipeline, as a string, for example "444444444444"',
    ]],
    ['region', { region: 'Ireland' }, [
      '[pipeline] region = "Ireland": must be an AWS region such as "eu-west-1"',
    ]],
    ['pipeline name', { pipelineName: 'eks access' }, [
      '[pipeline] pipelineName = "eks access": must be 1 to 100 letters, digits and ".@_-"',
    ]],
    ['repository given as a URL', { source: { kind: 'connection', repository: 'https://github.com/o/r', branch: 'main', connectionArn: CONNECTION } }, [
      '[pipeline] source.repository = "https://github.com/o/r": must be "owner/name", for example "example-org/eks-access" (not a URL)',
    ]],
    ['branch', { source: { kind: 'connection', repository: 'o/r', branch: 'feature..x', connectionArn: CONNECTION } }, [
      '[pipeline] source.branch = "feature..x": must be a git branch name such as "main" (no spaces, "..", "~^:?*[\\" or leading "-")',
    ]],
    ['connection ARN shape', { source: { kind: 'connection', repository: 'o/r', branch: 'main', connectionArn: 'arn:aws:codeconnections:eu-west-1:444444444444:connection/abc' } }, [
      '[pipeline] source.connectionArn = "arn:aws:codeconnections:eu-west-1:444444444444:connection/abc": must be a connection ARN such as "arn:aws:codeconnections:eu-west-1:444444444444:connection/<uuid>" (Developer Tools > Settings > Connections)',
    ]],
    ['connection in another account', { source: { kind: 'connection', repository: 'o/r', branch: 'main', connectionArn: CONNECTION.replace('444444444444', '555555555555') } }, [
      `[pipeline] source.connectionArn = "${CONNECTION.replace('444444444444', '555555555555')}": must be a connection in the pipeline's account 444444444444 and region eu-west-1 (arn:aws:codeconnections:eu-west-1:444444444444:connection/...); create the connection there`,
    ]],
    ['CodeCommit clone URL', { source: { kind: 'codecommit', repositoryName: 'eks-access.git', branch: 'main' } }, [
      '[pipeline] source.repositoryName = "eks-access.git": must be a CodeCommit repository name (letters, digits, "._-", at most 100, no ".git"), for example "eks-access"',
    ]],
    ['source kind', { source: { kind: 'github', branch: 'main' } as unknown as PipelineConfig['source'] }, [
      '[pipeline] source.kind = "github": must be "connection" (CodeStar/CodeConnections) or "codecommit"',
    ]],
    ['no environments', { environments: [] }, [
      '[pipeline] environments = []: list at least one environment, for example ["dev","staging","prod"]',
    ]],
    ['unknown and repeated environments', { environments: ['dev', 'qa', 'dev'] }, [
      '[pipeline] environments[1] = "qa": is not an environment of lib/config/environments.ts; use one of dev, staging, prod',
      '[pipeline] environments[2] = "dev": is listed twice; list each environment once, in promotion order',
    ]],
    ['approval for an environment the pipeline skips', { environments: ['dev'], approvalBefore: ['prod'] }, [
      '[pipeline] approvalBefore[0] = "prod": is not in the pipeline\'s environments; use one of dev',
    ]],
    ['GitHub repository', { pullRequestDiff: { githubRepository: 'eks-access' } }, [
      '[pipeline] pullRequestDiff.githubRepository = "eks-access": must be the GitHub repository as "owner/name", for example "example-org/eks-access"',
    ]],
    ['default branch', { pullRequestDiff: { githubRepository: 'o/r', defaultBranch: 'a b' } }, [
      '[pipeline] pullRequestDiff.defaultBranch = "a b": must be the repository\'s default branch, a git branch name such as "main"',
    ]],
    ['accounts with a provider', { pullRequestDiff: { githubRepository: 'o/r', accountsWithGithubOidcProvider: ['1111'] } }, [
      '[pipeline] pullRequestDiff.accountsWithGithubOidcProvider[0] = "1111": must be a 12-digit AWS account id, as a string',
    ]],
  ];

  test.each(cases)('%s', (_name, overrides, expected) => {
    expect(problems(config(overrides))).toEqual(expected);
  });


  test('every problem is reported at once', () => {
    expect(problems(config({ account: 'x', region: 'y', pullRequestDiff: { githubRepository: '' } })).map((p) => p.split(' = ')[0])).toEqual([
      '[pipeline] account', '[pipeline] region', '[pipeline] pullRequestDiff.githubRepository',
    ]);
  });
});
