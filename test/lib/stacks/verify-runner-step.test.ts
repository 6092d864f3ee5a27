/**
 * The pipeline's verify step of a private environment: it assumes the environment's invoker
 * role (trusted by exactly the step role, allowed only lambda:InvokeFunction on the verify
 * runner), invokes the runner in the VPC, prints the report and fails unless it says pass. A
 * public environment keeps the CLI step. The app (shipped environments, staging made private)
 * synthesizes nag-clean.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../../lib/app';
import { ENVIRONMENTS } from '../../../lib/config/environments';
import { PIPELINE, verifyRunnerInvokerRoleName } from '../../../lib/config/pipeline';
import type { EnvironmentConfig } from '../../../lib/config/types';
import { readNagFindings } from '../../../lib/nag/report';
import { VERIFY_INVOKER_ROLE_ENV, VERIFY_RESULT_FILE, verifyCommand, verifyRunnerCommands } from '../../../lib/stacks/pipeline-stack';
import type { BuiltApp } from '../../../lib/app';
import { asList, cliContext, onlyResource, resourcesOfType, statements } from '../../util';
import type { CfnResource } from '../../util';

const PRIVATE_ENV = 'staging';
const PUBLIC_ENV = 'dev';
const environments: EnvironmentConfig[] = ENVIRONMENTS.map((e) => (e.name === PRIVATE_ENV ? { ...e, endpoint: { access: 'private', operatorCidrs: ['10.200.0.0/16'] } } : e));
const staging = environments.find((e) => e.name === PRIVATE_ENV)!;
const clusterName = `eks-access-${PRIVATE_ENV}`;
const functionName = `${clusterName}-verify-runner`;
const invokerArn = `arn:aws:iam::${staging.account}:role/${verifyRunnerInvokerRoleName(PRIVATE_ENV)}`;
const stepRoleArn = `arn:aws:iam::${PIPELINE.account}:role/eks-access-verify-${PRIVATE_ENV}`;

let outdir: string;
let built: BuiltApp;
let pipeline: Template;

beforeAll(() => {
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'eks-access-runner-step-'));
  built = buildApp({ environments, pipeline: PIPELINE, context: cliContext(), outdir });
  built.app.synth();
  pipeline = Template.fromStack(built.pipeline!);
});

afterAll(() => {
  fs.rmSync(outdir, { recursive: true, force: true });
});

interface Action { Name: string; Configuration?: Record<string, unknown> }
function verifyProject(env: string): CfnResource {
  const [, cp] = onlyResource(pipeline, 'AWS::CodePipeline::Pipeline');
  const action = (cp.Properties?.Stages as Array<{ Actions: Action[] }>).flatMap((s) => s.Actions).find((a) => a.Name === `Verify-${env}`);
  if (!action) throw new Error(`no Verify-${env}`);
  return pipeline.toJSON().Resources[(action.Configuration?.ProjectName as { Ref: string }).Ref] as CfnResource;
}
const commandsOf = (project: CfnResource): string[] => JSON.parse((project.Properties?.Source as { BuildSpec: string }).BuildSpec).phases.build.commands;
const varsOf = (project: CfnResource) => (project.Properties?.Environment as { EnvironmentVariables: unknown }).EnvironmentVariables;

test('a private environment: the step assumes the invoker, invokes the runner and checks its result; no CLI, no npm ci', () => {
  const project = verifyProject(PRIVATE_ENV);
  expect(commandsOf(project)).toEqual(verifyRunnerCommands(PRIVATE_ENV, staging.region, functionName));
  expect(commandsOf(project)).toEqual([
    expect.stringContaining(`aws sts assume-role --region ${staging.region} --role-arn "$${VERIFY_INVOKER_ROLE_ENV}" --role-session-name eks-access-verify `),
    expect.stringMatching(/^export AWS_ACCESS_KEY_ID=/),
    `aws lambda invoke --region ${staging.region} --function-name ${functionName} ${VERIFY_RESULT_FILE}`,
    expect.stringMatching(/^node -e /),
  ]);
  expect(varsOf(project)).toEqual([{ Name: VERIFY_INVOKER_ROLE_ENV, Type: 'PLAINTEXT', Value: invokerArn }]);
});

test('a public environment keeps the CLI step unchanged', () => {
  const project = verifyProject(PUBLIC_ENV);
  expect(commandsOf(project)).toEqual(['npm ci', verifyCommand(PUBLIC_ENV)]);
  expect(varsOf(project)).toEqual([{ Name: 'EKS_ACCESS_ASSUME_ROLE_ARN', Type: 'PLAINTEXT', Value: `arn:aws:iam::${ENVIRONMENTS.find((e) => e.name === PUBLIC_ENV)!.account}:role/eks-access-${PUBLIC_ENV}-verifier` }]);
});

test('the private step\'s role may only assume the invoker role (same role name as before)', () => {
  const [roleId] = onlyResource(pipeline, 'AWS::IAM::Role', (r) => r.Properties?.RoleName === `eks-access-verify-${PRIVATE_ENV}`);
  const own = resourcesOfType(pipeline, 'AWS::IAM::Policy', (p) => asList(p.Properties?.Roles as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleId })))
    .flatMap(([, p]) => statements(p.Properties?.PolicyDocument))
    .filter((s) => typeof s.Sid === 'string');
  expect(own).toEqual([{ Sid: 'AssumeEnvironmentVerifyRunnerInvoker', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: invokerArn }]);
});

test(`${PRIVATE_ENV}/Access: the invoker role trusts exactly the step role and may only invoke the runner`, () => {
  const stage = built.stages.find((s) => s.stageName === PRIVATE_ENV)!;
  const access = Template.fromStack(stage.access);
  const [fnId] = onlyResource(access, 'AWS::Lambda::Function', (r) => r.Properties?.FunctionName === functionName);
  const [roleId, role] = onlyResource(access, 'AWS::IAM::Role', (r) => r.Properties?.RoleName === verifyRunnerInvokerRoleName(PRIVATE_ENV));
  expect(role.Properties).toEqual({
    RoleName: verifyRunnerInvokerRoleName(PRIVATE_ENV),
    Description: `Pipeline verify step: invoke the verify runner ${PRIVATE_ENV}/Access/VerifyRunner/Function`,
    MaxSessionDuration: 3600,
    AssumeRolePolicyDocument: {
      Version: '2012-10-17',
      Statement: [{
        Action: 'sts:AssumeRole', Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${PIPELINE.account}:root` },
        Condition: { ArnEquals: { 'aws:PrincipalArn': [stepRoleArn] } },
      }],
    },
    Policies: [{
      PolicyName: 'InvokeVerifyRunner',
      PolicyDocument: { Version: '2012-10-17', Statement: [{ Sid: 'InvokeVerifyRunner', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: { 'Fn::GetAtt': [fnId, 'Arn'] } }] },
    }],
  });
  expect(resourcesOfType(access, 'AWS::IAM::Policy', (p) => JSON.stringify(p.Properties?.Roles ?? []).includes(roleId))).toEqual([]);
  expect(JSON.stringify(onlyResource(access, 'Custom::EksAccessAwsAuth')[1].Properties?.MapRoles)).not.toContain(roleId);
  const publicAccess = Template.fromStack(built.stages.find((s) => s.stageName === PUBLIC_ENV)!.access);
  expect(resourcesOfType(publicAccess, 'AWS::IAM::Role', (r) => r.Properties?.RoleName === verifyRunnerInvokerRoleName(PUBLIC_ENV))).toEqual([]);
});

describe('the result check (the step\'s last command, run in a shell)', () => {
  const check = () => verifyRunnerCommands(PRIVATE_ENV, staging.region, functionName)[3];
  const run = (result: unknown) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eks-access-runner-result-'));
    try {
      fs.writeFileSync(path.join(dir, VERIFY_RESULT_FILE), JSON.stringify(result));
      return spawnSync('bash', ['-c', check()], { cwd: dir, encoding: 'utf8' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };

  test('pass: prints the report, exit 0', () => {
    const r = run({ pass: true, environment: PRIVATE_ENV, report: ['ok   reader can list pods cluster-wide'] });
    expect([r.status, r.stdout, r.stderr]).toEqual([0, 'ok   reader can list pods cluster-wide\n', `${PRIVATE_ENV}: verified\n`]);
  });

  test('fail: prints the report, exit 1', () => {
    const r = run({ pass: false, environment: PRIVATE_ENV, report: ['FAIL developer cannot do * on * cluster-wide: the cluster says allowed'] });
    expect([r.status, r.stdout, r.stderr]).toEqual([1, 'FAIL developer cannot do * on * cluster-wide: the cluster says allowed\n', `${PRIVATE_ENV}: FAILED (verify runner ${functionName} in ${staging.region})\n`]);
  });

  test('a function error (no pass field) fails and shows the payload', () => {
    const r = run({ errorMessage: 'Task timed out', errorType: 'Runtime.Timeout' });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('{"errorMessage":"Task timed out","errorType":"Runtime.Timeout"}\n');
  });
});

test('the app with a private environment has no unacknowledged cdk-nag finding', () => {
  expect(readNagFindings(outdir)).toEqual([]);
});
