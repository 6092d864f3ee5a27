import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ENVIRONMENTS } from '../../../lib/config/environments';
import { validateEnvironment } from '../../../lib/config/validate';
import { readNagFindings } from '../../../lib/nag/report';
import { CiDiffStack } from '../../../lib/stacks/ci-diff-stack';
import { cliContext, resourcesOfType } from '../../util';

/** An environment whose account already has GitHub's OIDC provider (or shares it with an earlier environment). */
describe('CiDiffStack importing the account\'s GitHub OIDC provider', () => {
  const config = validateEnvironment(ENVIRONMENTS[0]);
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'eks-access-cidiff-'));
  const app = new App({ context: cliContext(), outdir });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const stack = new CiDiffStack(app, 'CiDiff', {
    env: { account: config.account, region: config.region }, config, githubRepository: 'acme/platform', createOidcProvider: false,
  });
  const template = Template.fromStack(stack);
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  test('creates no provider and trusts the existing one by its ARN', () => {
    expect(resourcesOfType(template, 'AWS::IAM::OIDCProvider')).toEqual([]);
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [{
          Action: 'sts:AssumeRoleWithWebIdentity',
          Effect: 'Allow',
          Principal: { Federated: 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com' },
          Condition: {
            StringEquals: {
              'token.actions.githubusercontent.com:sub': 'repo:acme/platform:pull_request',
              'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
            },
          },
        }],
      },
    });
  });

  test('is cdk-nag clean', () => {
    app.synth();
    expect(readNagFindings(outdir)).toEqual([]);
  });
});
