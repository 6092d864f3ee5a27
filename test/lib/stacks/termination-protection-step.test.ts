/**
 * The pipeline's termination-protection step, run for real: its synthesized buildspec commands
 * (from the Pipeline template) in one shell with the real `aws` CLI, against a strict stand-in
 * for STS and CloudFormation that evaluates the protector role's synthesized trust and policy
 * (from prod/Access). Shows that the step turns protection on for every stack of the stage, that
 * it fails when a stack stays unprotected, and that nobody but the step may use the role.
 */
import { spawn } from 'node:child_process';
import * as fs from 'fs';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ENVIRONMENTS } from '../../../lib/config/environments';
import { PIPELINE, terminationProtectorRoleName } from '../../../lib/config/pipeline';
import { PROTECT_ROLE_ENV, terminationProtectionCommands } from '../../../lib/stacks/pipeline-stack';
import type { TestIdentity } from '../../support/identities';
import { describeWithTool } from '../../support/real-tools';
import { startTerminationProtectionAws } from '../../support/termination-protection-aws';
import type { PolicyStatementJson, StandInProtectedStack, StandInProtectorRole, TerminationProtectionAwsHandle } from '../../support/termination-protection-aws';
import { onlyResource, resourcesOfType, statements, synthDefaultApp } from '../../util';
import type { CfnResource, SynthesizedDefaultApp } from '../../util';

const ENV = 'prod';
const config = ENVIRONMENTS.find((e) => e.name === ENV)!;

let synthesized: SynthesizedDefaultApp;
let commands: string[];
let roleArnEnv: string;
let protector: StandInProtectorRole;
let stageStacks: string[];

beforeAll(() => {
  synthesized = synthDefaultApp();
  if (synthesized.synthError) throw synthesized.synthError;
  const pipeline = Template.fromStack(synthesized.built.pipeline!);
  const [, project] = onlyResource(pipeline, 'AWS::CodeBuild::Project', (p) => JSON.stringify(p.Properties?.Source).includes('update-termination-protection'));
  commands = JSON.parse((project.Properties?.Source as { BuildSpec: string }).BuildSpec).phases.build.commands;
  const vars = (project.Properties?.Environment as { EnvironmentVariables: Array<{ Name: string; Value: string }> }).EnvironmentVariables;
  roleArnEnv = vars.find((v) => v.Name === PROTECT_ROLE_ENV)!.Value;

  const stage = synthesized.built.stages.find((s) => s.stageName === ENV)!;
  stageStacks = stage.node.children.filter((c): c is Stack => Stack.isStack(c)).map((s) => s.stackName);
  const [, role] = onlyResource(Template.fromStack(stage.access), 'AWS::IAM::Role', (r) => r.Properties?.RoleName === terminationProtectorRoleName(ENV));
  const inline = (role.Properties?.Policies as Array<{ PolicyDocument: unknown }>).flatMap((p) => statements(p.PolicyDocument));
  protector = {
    arn: `arn:aws:iam::${config.account}:role/${terminationProtectorRoleName(ENV)}`,
    trust: statements(role.Properties?.AssumeRolePolicyDocument) as unknown as PolicyStatementJson[],
    statements: inline as unknown as PolicyStatementJson[],
  };
  // The stand-in evaluates the synthesized policy: it must be plain strings.
  expect(JSON.stringify([protector.trust, protector.statements])).not.toMatch(/Fn::|"Ref"/);
  expect(resourcesOfType(Template.fromStack(stage.access), 'AWS::IAM::Policy', (p: CfnResource) => JSON.stringify(p.Properties?.Roles ?? []).includes('TerminationProtector'))).toEqual([]);
});

afterAll(() => {
  if (synthesized) fs.rmSync(synthesized.outdir, { recursive: true, force: true });
});

/** The CodeBuild session of a pipeline-account role. */
function codeBuildSession(roleName: string): TestIdentity {
  return {
    accessKeyId: `ASIA${roleName.replace(/[^a-z]/g, '').toUpperCase().slice(0, 12).padEnd(12, 'X')}0001`,
    secretAccessKey: `${roleName}/secret+KEY/000000000000000000000`,
    sessionToken: `${roleName}/codebuild+session=token`,
    arn: `arn:aws:sts::${PIPELINE.account}:assumed-role/${roleName}/AWSCodeBuild-0a1b2c3d`,
  };
}
const STEP = codeBuildSession(`eks-access-protect-${ENV}`);

interface Run { code: number | null; stderr: string }

/** Runs the commands as CodeBuild does (one shell, stop at the first failure), as `identity`. */
function runStep(url: string, identity: TestIdentity, script: readonly string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-e', '-c', script.join('\n')], {
      env: {
        PATH: process.env.PATH,
        HOME: '/nonexistent',
        AWS_CONFIG_FILE: '/nonexistent/config',
        AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_ENDPOINT_URL_STS: url,
        AWS_ENDPOINT_URL_CLOUDFORMATION: url,
        // CodeBuild's own region is the pipeline's; every call must name the environment's.
        AWS_DEFAULT_REGION: PIPELINE.region,
        AWS_ACCESS_KEY_ID: identity.accessKeyId,
        AWS_SECRET_ACCESS_KEY: identity.secretAccessKey,
        ...(identity.sessionToken ? { AWS_SESSION_TOKEN: identity.sessionToken } : {}),
        [PROTECT_ROLE_ENV]: roleArnEnv,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describeWithTool('aws', 'awscli')('the termination-protection step against STS and CloudFormation', () => {
  let aws: TerminationProtectionAwsHandle;
  let stacks: StandInProtectedStack[];

  async function start(ignoring: string[] = []): Promise<void> {
    stacks = [...stageStacks, `${ENV}-Unrelated`].map((name) => ({ name, terminationProtection: false, ignoresUpdates: ignoring.includes(name) }));
    aws = await startTerminationProtectionAws({ account: config.account, region: config.region, identities: [STEP, codeBuildSession(`eks-access-verify-${ENV}`)], roles: [protector], stacks });
  }
  afterEach(async () => aws?.close());

  const protectedStacks = () => stacks.filter((s) => s.terminationProtection).map((s) => s.name).sort();

  test('the synthesized commands are terminationProtectionCommands over the stage\'s stacks, assuming the protector', () => {
    expect(commands).toEqual(terminationProtectionCommands(config.region, stageStacks));
    expect(roleArnEnv).toBe(protector.arn);
  });

  test('turns termination protection on for exactly the stage\'s stacks, reads each back, and succeeds', async () => {
    await start();
    const run = await runStep(aws.url, STEP, commands);
    expect(run).toEqual({ code: 0, stderr: '' });
    expect(protectedStacks()).toEqual([...stageStacks].sort());
    const protectorPrincipal = protector.arn;
    expect(aws.calls).toEqual([
      { action: 'AssumeRole', principal: `arn:aws:iam::${PIPELINE.account}:role/eks-access-protect-${ENV}`, target: protector.arn, result: 'ok' },
      ...stageStacks.map((name) => ({ action: 'UpdateTerminationProtection', principal: protectorPrincipal, target: name, result: 'ok' })),
      ...stageStacks.map((name) => ({ action: 'DescribeStacks', principal: protectorPrincipal, target: name, result: 'ok' })),
    ]);
  });

  test('fails, naming the stack, when a stack is still unprotected after the update', async () => {
    const stuck = `${ENV}-Workloads`;
    await start([stuck]);
    const run = await runStep(aws.url, STEP, commands);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(`${stuck}: termination protection is still off after update-termination-protection; turn it on with aws cloudformation update-termination-protection --enable-termination-protection --stack-name ${stuck} --region ${config.region}`);
    expect(protectedStacks()).toEqual(stageStacks.filter((s) => s !== stuck).sort());
  });

  test('the protector role admits no other pipeline role (the verify step\'s is refused), and nothing changes', async () => {
    await start();
    const run = await runStep(aws.url, codeBuildSession(`eks-access-verify-${ENV}`), commands);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('AccessDenied');
    expect(aws.calls).toEqual([{ action: 'AssumeRole', principal: `arn:aws:iam::${PIPELINE.account}:role/eks-access-verify-${ENV}`, target: protector.arn, result: 'AccessDenied' }]);
    expect(protectedStacks()).toEqual([]);
  });

  test('the protector role may not touch a stack outside the stage', async () => {
    await start();
    const run = await runStep(aws.url, STEP, terminationProtectionCommands(config.region, [`${ENV}-Unrelated`]));
    expect(run.code).not.toBe(0);
    expect(aws.calls.map((c) => [c.action, c.target, c.result])).toEqual([
      ['AssumeRole', protector.arn, 'ok'],
      ['UpdateTerminationProtection', `${ENV}-Unrelated`, 'AccessDenied'],
    ]);
    expect(protectedStacks()).toEqual([]);
  });
});
