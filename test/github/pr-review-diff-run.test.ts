/**
 * Runs the privileged review's DIFF job (.github/workflows/pr-review.yml, job "diff") as GitHub
 * would (see run-job.ts) on a real synthesized assembly: the Actions runtime's token endpoint,
 * STS and CloudFormation are the stand-in in test/support/review-aws-endpoints.ts, which
 * admits a token only by the diff roles' real synthesized trust policies and lets their
 * sessions call only what the roles' real policies allow. The real CDK CLI runs `cdk diff
 * --app <extracted head assembly> --method template` against it.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { diffFiles } from '../../lib/ci/review';
import { CI_DIFF_READ_ACTIONS } from '../../lib/stacks/ci-diff-stack';
import { ENVIRONMENTS } from '../../lib/config/environments';
import { PIPELINE, PR_ASSEMBLIES_ARTIFACT, PR_ASSEMBLIES_TAR, PR_WORKFLOWS, prDiffRoleArn, prDiffRoleName, prReviewOidcSubject } from '../../lib/config/pipeline';
import { validateEnvironments } from '../../lib/config/validate';
import { startReviewAws } from '../support/review-aws-endpoints';
import type { ReviewAwsHandle, StandInRole, StandInStack } from '../support/review-aws-endpoints';
import { headVariant, packAssemblies, synthesizeApp, templateFile } from './assemblies';
import { makeCheckout, runJob } from './run-job';
import { loadWorkflow } from './workflow-file';

jest.setTimeout(400_000);

const envs = validateEnvironments(ENVIRONMENTS);
const diffJob = loadWorkflow(PR_WORKFLOWS.review.file).workflow.jobs.diff;
const DIFF_STEP = 'cdk diff of each environment with its own read-only role';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'eks-access-prdiff-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

type Resource = { Type: string; Properties: Record<string, unknown> };

/** Each environment's diff role as the base assembly deploys it. */
function deployedRoles(base: string): StandInRole[] {
  return envs.map((e) => {
    const t = JSON.parse(fs.readFileSync(templateFile(base, e.name, 'CiDiff'), 'utf8')) as { Resources: Record<string, Resource> };
    const role = Object.values(t.Resources).find((r) => r.Type === 'AWS::IAM::Role' && r.Properties.RoleName === prDiffRoleName(e.name)) as Resource;
    const trust = (role.Properties.AssumeRolePolicyDocument as { Statement: StandInRole['trust'][] }).Statement[0];
    const statements = (role.Properties.Policies as Array<{ PolicyDocument: { Statement: StandInRole['statements'] } }>)[0].PolicyDocument.Statement;
    return { arn: prDiffRoleArn(e), account: e.account, region: e.region, trust, statements };
  });
}

/** dev deployed from the base assembly; staging and prod not deployed yet. */
function deployedStacks(base: string): StandInStack[] {
  const dir = path.join(base, 'assembly-dev');
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { artifacts: Record<string, { type: string; properties?: { templateFile?: string; stackName?: string } }> };
  return Object.values(manifest.artifacts).filter((a) => a.type === 'aws:cloudformation:stack').map((a) => ({
    account: envs[0].account, region: envs[0].region, name: a.properties?.stackName as string,
    template: JSON.parse(fs.readFileSync(path.join(dir, a.properties?.templateFile as string), 'utf8')) as unknown,
  }));
}

let base: string;
let artifact: Buffer;
beforeAll(() => {
  base = synthesizeApp(path.join(tmp, 'base'));
  const head = headVariant(base, path.join(tmp, 'head'), (p) => { p.MapUsers.push({ userarn: 'arn:aws:iam::111111111111:user/evil', username: 'evil', groups: ['system:masters'] }); });
  artifact = packAssemblies(base, head, path.join(tmp, 'synth-runner'));
});

async function runDiffJob(sub: string): Promise<{ aws: ReviewAwsHandle; exits: Record<string, number>; logs: Record<string, string>; out: string }> {
  const aws = await startReviewAws({ roles: deployedRoles(base), stacks: deployedStacks(base), runtimeToken: 'runtime-bearer', claims: { sub, aud: 'sts.amazonaws.com' } });
  const runnerTemp = fs.mkdtempSync(path.join(tmp, 'runner-'));
  const checkout = makeCheckout(path.join(runnerTemp, 'work'));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '', HOME: runnerTemp, RUNNER_TEMP: runnerTemp, CI: 'true', GITHUB_RUN_ID: '77',
    // What the runner gives a job with id-token: write.
    ACTIONS_ID_TOKEN_REQUEST_URL: `${aws.url}/token?api-version=2.0`, ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'runtime-bearer',
    // The AWS SDKs (the script's and the CDK CLI's) send STS and CloudFormation calls to the stand-in.
    AWS_ENDPOINT_URL_STS: aws.url, AWS_ENDPOINT_URL_CLOUDFORMATION: aws.url,
    AWS_CONFIG_FILE: path.join(runnerTemp, 'no-config'), AWS_SHARED_CREDENTIALS_FILE: path.join(runnerTemp, 'no-credentials'), AWS_EC2_METADATA_DISABLED: 'true',
  };
  const run = await runJob(diffJob, {
    checkout, env,
    expressions: { 'github.token': 'ghs_x', 'runner.temp': runnerTemp, 'github.event.workflow_run.id': '55', 'github.event.repository.default_branch': 'main' },
    download: (w) => {
      expect(w).toMatchObject({ name: PR_ASSEMBLIES_ARTIFACT, 'run-id': '55' });
      fs.mkdirSync(w.path, { recursive: true });
      fs.writeFileSync(path.join(w.path, PR_ASSEMBLIES_TAR), artifact);
      return true;
    },
  });
  await aws.close();
  return { aws, ...run, out: path.join(runnerTemp, 'pr-diffs') };
}

test('the review workflow\'s token on the default branch: each environment diffed with its own role, reading only what the role allows', async () => {
  const { aws, exits, logs, out } = await runDiffJob(prReviewOidcSubject(PIPELINE.pullRequestDiff.githubRepository, 'main'));
  expect(exits[DIFF_STEP]).toBe(0);
  const dev = fs.readFileSync(diffFiles(out, 'dev').text, 'utf8');
  expect(dev).toContain('Custom::EksAccessAwsAuth');
  expect(dev).toContain('system:masters');
  expect(dev).toMatch(/Number of stacks with differences: 1/);
  // Not deployed yet: everything is new.
  expect(fs.readFileSync(diffFiles(out, 'prod').text, 'utf8')).toMatch(/Number of stacks with differences: [1-9]/);
  for (const e of envs) expect(fs.readFileSync(diffFiles(out, e.name).exit, 'utf8')).toBe('0\n');

  // One role per environment, by the token's sub; nothing refused that the diff needed.
  const assumed = aws.calls.filter((c) => c.action === 'AssumeRoleWithWebIdentity');
  expect(assumed.map((c) => [c.role, c.result])).toEqual(envs.map((e) => [prDiffRoleArn(e), 'ok']));
  const cfn = aws.calls.filter((c) => c.service === 'cloudformation');
  expect(cfn.length).toBeGreaterThan(0);
  for (const c of cfn) {
    expect(c.result).toBe('ok');
    expect(CI_DIFF_READ_ACTIONS).toContain(`cloudformation:${c.action}`);
  }
  // The CLI tries the assembly's lookup/deploy roles; the diff role's deny refuses every one.
  const tried = aws.calls.filter((x) => x.action === 'AssumeRole');
  expect(tried.map((c) => c.resource)).toEqual(envs.map((e) => `arn:aws:iam::${e.account}:role/cdk-hnb659fds-lookup-role-${e.account}-${e.region}`));
  for (const c of tried) expect(c.result).toBe('AccessDenied');
  expect(dev).toContain('was not assumed. Proceeding with default credentials.');
  expect(aws.calls.filter((c) => c.result === 'unknown call')).toEqual([]);
  expect(logs[DIFF_STEP]).not.toContain('runtime-bearer');
});

test('a pull request\'s own token (sub repo:...:pull_request) is refused by every diff role', async () => {
  const { aws, exits, out } = await runDiffJob(`repo:${PIPELINE.pullRequestDiff.githubRepository}:pull_request`);
  expect(exits[DIFF_STEP]).toBe(1);
  for (const e of envs) {
    expect(fs.readFileSync(diffFiles(out, e.name).text, 'utf8')).toContain(`could not assume ${prDiffRoleArn(e)} with the workflow's OIDC token`);
    expect(fs.readFileSync(diffFiles(out, e.name).exit, 'utf8')).toBe('1\n');
  }
  expect(aws.calls.filter((c) => c.service === 'cloudformation')).toEqual([]);
});
