import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ENVIRONMENTS } from '../../../lib/config/environments';
import { GITHUB_OIDC_HOST, OIDC_SUB_CLAIM_KEYS, PR_WORKFLOWS, prDiffRoleName } from '../../../lib/config/pipeline';
import { validateEnvironment } from '../../../lib/config/validate';
import { readNagFindings } from '../../../lib/nag/report';
import { CI_DIFF_READ_ACTIONS, CiDiffStack } from '../../../lib/stacks/ci-diff-stack';
import { cliContext, resourcesOfType } from '../../util';

const config = validateEnvironment(ENVIRONMENTS[0]);

function synth(createOidcProvider: boolean, defaultBranch = 'main') {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'eks-access-cidiff-'));
  const app = new App({ context: cliContext(), outdir });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const stack = new CiDiffStack(app, 'CiDiff', {
    env: { account: config.account, region: config.region }, config, githubRepository: 'acme/platform', defaultBranch, createOidcProvider,
  });
  return { app, outdir, template: Template.fromStack(stack) };
}

/** An environment whose account already has GitHub's OIDC provider (or shares it with an earlier environment). */
describe('CiDiffStack importing the account\'s GitHub OIDC provider', () => {
  const { app, outdir, template } = synth(false);
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  test('keeps the deployed role name', () => {
    template.hasResourceProperties('AWS::IAM::Role', { RoleName: prDiffRoleName(config.name) });
    expect(prDiffRoleName('dev')).toBe('eks-access-pr-diff-dev');
  });

  test('trusts only the review workflow file on the default branch, in the customized sub format, for STS', () => {
    expect(resourcesOfType(template, 'AWS::IAM::OIDCProvider')).toEqual([]);
    expect(OIDC_SUB_CLAIM_KEYS).toEqual(['repo', 'context', 'job_workflow_ref']);
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [{
          Action: 'sts:AssumeRoleWithWebIdentity',
          Effect: 'Allow',
          Principal: { Federated: 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com' },
          // Exactly these two keys, with StringEquals only (no StringLike wildcard anywhere).
          Condition: Match.exact({
            StringEquals: {
              'token.actions.githubusercontent.com:sub':
                `repo:acme/platform:ref:refs/heads/main:job_workflow_ref:acme/platform/.github/workflows/${PR_WORKFLOWS.review.file}@refs/heads/main`,
              'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
            },
          }),
        }],
      },
    });
  });

  test('reads this environment\'s stacks only, and may assume no role', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: prDiffRoleName(config.name),
      Policies: [{
        PolicyName: 'ReadOnlyDiff',
        PolicyDocument: {
          Statement: Match.exact([
            {
              Sid: 'ReadEnvironmentStacks',
              Effect: 'Allow',
              Action: ['cloudformation:DescribeStacks', 'cloudformation:GetTemplate', 'cloudformation:ListStackResources'],
              Resource: 'arn:aws:cloudformation:eu-west-1:111111111111:stack/dev-*/*',
            },
            {
              Sid: 'AssumeNoRole',
              Effect: 'Deny',
              Action: ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'],
              Resource: '*',
            },
          ]),
        },
      }],
      ManagedPolicyArns: Match.absent(),
    });
    expect(CI_DIFF_READ_ACTIONS).toEqual(['cloudformation:DescribeStacks', 'cloudformation:GetTemplate', 'cloudformation:ListStackResources']);
    // Nothing about the CDK lookup role (ReadOnlyAccess to the whole account) is left.
    expect(JSON.stringify(template.toJSON())).not.toMatch(/lookup-role/);
  });

  test('is cdk-nag clean', () => {
    app.synth();
    expect(readNagFindings(outdir)).toEqual([]);
  });
});

describe('CiDiffStack creating the provider, on another default branch', () => {
  const { outdir, template } = synth(true, 'trunk');
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  test('creates GitHub\'s provider for the STS audience', () => {
    template.hasResourceProperties('AWS::IAM::OIDCProvider', { Url: `https://${GITHUB_OIDC_HOST}`, ClientIdList: ['sts.amazonaws.com'] });
  });

  test('names that branch twice in the subject (the job\'s ref and the workflow file\'s ref)', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({
          Condition: {
            StringEquals: Match.objectLike({
              'token.actions.githubusercontent.com:sub': 'repo:acme/platform:ref:refs/heads/trunk:job_workflow_ref:acme/platform/.github/workflows/pr-review.yml@refs/heads/trunk',
            }),
          },
        })],
      },
    });
  });
});
