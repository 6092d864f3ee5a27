/**
 * The delivery pipeline of the default app (lib/config/pipeline.ts PIPELINE over the three
 * environments), synthesized once the way `cdk synth` does it.
 */
import * as fs from 'fs';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { Capture, Match, Template } from 'aws-cdk-lib/assertions';
import type { CiDiffStack } from '../../../lib/stacks/ci-diff-stack';
import { ENVIRONMENTS } from '../../../lib/config/environments';
import { CALLERS, apiCallers, lockedOutCallers } from '../../../lib/config/api-callers';
import { PIPELINE, terminationProtectorRoleArn, validatePipeline, withPipelineVerifiers } from '../../../lib/config/pipeline';
import { validateEnvironments } from '../../../lib/config/validate';
import { NODE_MAJOR } from '../../../lib/config/versions';
import { readNagFindings } from '../../../lib/nag/report';
import { BUILD_IMAGE, BUILD_IMAGE_NODE_MAJORS, PROTECT_ROLE_ENV, PipelineStack, SYNTH_COMMANDS, buildRuntimeVersions, terminationProtectionCommands, verifyCommand } from '../../../lib/stacks/pipeline-stack';
import { EnvironmentStage } from '../../../lib/stages/environment-stage';
import { asList, cliContext, envConfig, onlyResource, resourcesOfType, statements, synthDefaultApp } from '../../util';
import type { CfnResource, SynthesizedDefaultApp } from '../../util';

interface Action {
  Name: string;
  ActionTypeId: { Category: string; Provider: string };
  RunOrder: number;
  Configuration?: Record<string, unknown>;
}
interface PipelineStage { Name: string; Actions: Action[] }

let synthesized: SynthesizedDefaultApp;
let pipelineStack: PipelineStack;
let template: Template;
let stages: PipelineStage[];

beforeAll(() => {
  synthesized = synthDefaultApp();
  if (synthesized.synthError) throw synthesized.synthError;
  pipelineStack = synthesized.built.pipeline as PipelineStack;
  template = Template.fromStack(pipelineStack);
  const captured = new Capture();
  template.hasResourceProperties('AWS::CodePipeline::Pipeline', { Stages: captured });
  stages = captured.asArray() as PipelineStage[];
});

afterAll(() => {
  if (synthesized) fs.rmSync(synthesized.outdir, { recursive: true, force: true });
});

const ENV_NAMES = ENVIRONMENTS.map((e) => e.name);
const stageNamed = (name: string) => {
  const stage = stages.find((s) => s.Name === name);
  if (!stage) throw new Error(`no pipeline stage ${name}; stages: ${stages.map((s) => s.Name).join(', ')}`);
  return stage;
};
const deployActions = (stage: PipelineStage) => stage.Actions.filter((a) => a.ActionTypeId.Category === 'Deploy');

/** The buildspec of the CodeBuild project an action runs. */
function buildSpecOf(action: Action): { phases: { build: { commands: string[] } } } {
  const ref = (action.Configuration?.ProjectName as { Ref: string }).Ref;
  const project = template.toJSON().Resources[ref] as CfnResource;
  return JSON.parse((project.Properties?.Source as { BuildSpec: string }).BuildSpec);
}

describe('pipeline shape', () => {
  test('the Pipeline stack sits in the placeholder tooling account, next to the top-level environment stages', () => {
    expect(pipelineStack.account).toBe('444444444444');
    expect(pipelineStack.region).toBe('eu-west-1');
    expect(pipelineStack.node.path).toBe('Pipeline');
    expect(synthesized.built.stages.map((s) => s.node.path)).toEqual(ENV_NAMES);
  });

  test('sources the configured repository and branch through the CodeStar connection', () => {
    const source = stageNamed('Source').Actions;
    expect(source).toEqual([expect.objectContaining({
      ActionTypeId: expect.objectContaining({ Category: 'Source', Provider: 'CodeStarSourceConnection' }),
      Configuration: expect.objectContaining({
        ConnectionArn: (PIPELINE.source as { connectionArn: string }).connectionArn,
        FullRepositoryId: 'example-org/eks-access',
        BranchName: 'main',
      }),
    })]);
  });

  test('synth runs npm ci, npm test and cdk synth, in that order', () => {
    const [synth] = stageNamed('Build').Actions;
    expect(buildSpecOf(synth).phases.build.commands).toEqual([...SYNTH_COMMANDS]);
    expect(SYNTH_COMMANDS).toEqual(['npm ci', 'npm test', 'npx cdk synth']);
  });

  test('self-mutates (UpdatePipeline) before any environment deploys', () => {
    const names = stages.map((s) => s.Name);
    expect(stageNamed('UpdatePipeline').Actions).toEqual([expect.objectContaining({ Name: 'SelfMutate', ActionTypeId: expect.objectContaining({ Provider: 'CodeBuild' }) })]);
    for (const env of ENV_NAMES) expect(names.indexOf('UpdatePipeline')).toBeLessThan(names.indexOf(env));
  });

  test('promotes dev, then staging, then prod', () => {
    const names = stages.map((s) => s.Name).filter((n) => ENV_NAMES.includes(n));
    expect(names).toEqual(['dev', 'staging', 'prod']);
  });

  test.each(ENV_NAMES)('%s deploys the top-level stage assembly (the same templates as `cdk deploy <env>/*`)', (env) => {
    const prepares = deployActions(stageNamed(env)).filter((a) => a.Configuration?.ActionMode !== 'CHANGE_SET_EXECUTE');
    expect(prepares.map((a) => a.Configuration?.StackName).sort()).toEqual([`${env}-Access`, `${env}-CiDiff`, `${env}-Cluster`, `${env}-Workloads`]);
    for (const a of prepares) expect(a.Configuration?.TemplatePath).toMatch(new RegExp(`::assembly-${env}/${env}[A-Za-z]+[0-9A-F]{8}\\.template\\.json$`));
  });
});

describe('manual approval', () => {
  test('runs in prod before every prod deploy action', () => {
    const prod = stageNamed('prod');
    const approvals = prod.Actions.filter((a) => a.ActionTypeId.Category === 'Approval');
    expect(approvals).toEqual([expect.objectContaining({ Name: 'Approve-prod', ActionTypeId: expect.objectContaining({ Provider: 'Manual' }) })]);
    const firstDeploy = Math.min(...deployActions(prod).map((a) => a.RunOrder));
    expect(approvals[0].RunOrder).toBeLessThan(firstDeploy);
  });

  test.each(['dev', 'staging'])('does not hold up %s', (env) => {
    expect(stageNamed(env).Actions.filter((a) => a.ActionTypeId.Category === 'Approval')).toEqual([]);
  });
});

describe.each(ENV_NAMES)('verify step after %s', (env) => {
  const resolved = () => {
    const config = validatePipeline(PIPELINE, validateEnvironments(ENVIRONMENTS)).environments.find((e) => e.env.name === env);
    if (!config) throw new Error(env);
    return config;
  };
  const verify = () => stageNamed(env).Actions.find((a) => a.Name === `Verify-${env}`) as Action;

  test('runs after every deploy action of the environment and calls the CLI', () => {
    expect(verify()).toBeDefined();
    expect(verify().ActionTypeId).toEqual(expect.objectContaining({ Category: 'Build', Provider: 'CodeBuild' }));
    expect(verify().RunOrder).toBeGreaterThan(Math.max(...deployActions(stageNamed(env)).map((a) => a.RunOrder)));
    expect(buildSpecOf(verify()).phases.build.commands).toEqual(['npm ci', verifyCommand(env)]);
    expect(verifyCommand(env)).toBe(`npm run --silent eks-access -- verify --env ${env} --assume-role "$EKS_ACCESS_ASSUME_ROLE_ARN"`);
  });

  test('its project sets EKS_ACCESS_ASSUME_ROLE_ARN to the environment verifier role (else --assume-role "" is a usage error)', () => {
    const ref = (verify().Configuration?.ProjectName as { Ref: string }).Ref;
    const project = template.toJSON().Resources[ref] as CfnResource;
    expect((project.Properties?.Environment as { EnvironmentVariables: unknown }).EnvironmentVariables).toEqual([
      { Name: 'EKS_ACCESS_ASSUME_ROLE_ARN', Type: 'PLAINTEXT', Value: resolved().verifyTargetRoleArn },
    ]);
  });

  test('its project runs outside any VPC, from the addresses the caller model checks against the endpoint (verifyStepCidrs)', () => {
    const ref = (verify().Configuration?.ProjectName as { Ref: string }).Ref;
    const project = template.toJSON().Resources[ref] as CfnResource;
    expect(project.Properties?.VpcConfig).toBeUndefined();
    const caller = apiCallers(resolved().env.endpoint, { account: PIPELINE.account, region: PIPELINE.region, cidrs: PIPELINE.verifyStepCidrs ?? [] }).find((c) => c.name === CALLERS.verify);
    expect(caller?.networks).toEqual([{ kind: 'internet', cidrs: PIPELINE.verifyStepCidrs }]);
    expect(lockedOutCallers(resolved().env.endpoint, caller ? [caller] : [])).toEqual([]);
  });

  test('its role may only assume the environment verifier role and describe the one cluster', () => {
    const { env: config, verifyTargetRoleArn } = resolved();
    expect(verifyTargetRoleArn).toBe(`arn:aws:iam::${config.account}:role/${config.clusterName}-verifier`);
    const [roleId] = onlyResource(template, 'AWS::IAM::Role', (r) => r.Properties?.RoleName === `eks-access-verify-${env}`);
    const ownStatements = resourcesOfType(template, 'AWS::IAM::Policy', (p) => asList(p.Properties?.Roles as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleId })))
      .flatMap(([, p]) => statements(p.Properties?.PolicyDocument))
      .filter((s) => typeof s.Sid === 'string');
    expect(ownStatements).toEqual([
      { Sid: 'AssumeEnvironmentVerifierRole', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: verifyTargetRoleArn },
      { Sid: 'DescribeEnvironmentCluster', Effect: 'Allow', Action: 'eks:DescribeCluster', Resource: `arn:aws:eks:${config.region}:${config.account}:cluster/${config.clusterName}` },
    ]);
    template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: `eks-access-verify-${env}`,
      AssumeRolePolicyDocument: { Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'codebuild.amazonaws.com' } }] },
    });
  });
});

test.each(ENV_NAMES)('%s/Access has a verifier role that trusts exactly its verify step and is mapped to the verifier group', (env) => {
  const stage = synthesized.built.stages.find((st) => st.stageName === env);
  if (!stage) throw new Error(env);
  const access = Template.fromStack(stage.access);
  const clusterName = `eks-access-${env}`;
  access.hasResourceProperties('AWS::IAM::Role', {
    RoleName: `${clusterName}-verifier`,
    AssumeRolePolicyDocument: {
      Statement: [{
        Action: 'sts:AssumeRole', Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::444444444444:root' },
        Condition: { ArnEquals: { 'aws:PrincipalArn': [`arn:aws:iam::444444444444:role/eks-access-verify-${env}`] } },
      }],
    },
    Policies: [
      { PolicyName: 'DescribeCluster', PolicyDocument: { Statement: [Match.objectLike({ Action: 'eks:DescribeCluster', Effect: 'Allow' })] } },
      // dev is on accessBackend "both": verify reads its people's access entries, and nothing else.
      ...(env === 'dev' ? [{ PolicyName: 'ReadAccessEntries', PolicyDocument: { Statement: [Match.objectLike({ Action: ['eks:DescribeAccessEntry', 'eks:ListAssociatedAccessPolicies'], Effect: 'Allow' })] } }] : []),
    ],
    ManagedPolicyArns: Match.absent(),
  });
  const mapRoles = new Capture();
  access.hasResourceProperties('Custom::EksAccessAwsAuth', { MapRoles: mapRoles });
  expect(mapRoles.asArray()).toEqual(expect.arrayContaining([
    expect.objectContaining({ username: 'eks-access-verifier', groups: ['eks-access:verifier'] }),
  ]));
});

describe('termination protection step', () => {
  const PROTECTED = ENVIRONMENTS.filter((e) => e.terminationProtection === true).map((e) => e.name);
  const UNPROTECTED = ENV_NAMES.filter((n) => !PROTECTED.includes(n));
  const projectOf = (action: Action) => template.toJSON().Resources[(action.Configuration?.ProjectName as { Ref: string }).Ref] as CfnResource;
  const protectOf = (env: string) => stageNamed(env).Actions.find((a) => a.Name === `Protect-${env}`);
  const stackNamesOf = (env: string) => deployActions(stageNamed(env)).filter((a) => a.Configuration?.ActionMode !== 'CHANGE_SET_EXECUTE').map((a) => a.Configuration?.StackName as string);
  const configOf = (env: string) => validateEnvironments(ENVIRONMENTS).find((e) => e.name === env)!;
  const accessOf = (env: string) => Template.fromStack(synthesized.built.stages.find((st) => st.stageName === env)!.access);

  test('the shipped config protects prod only, so the cases below cover both sides', () => {
    expect(PROTECTED).toEqual(['prod']);
    expect(UNPROTECTED).toEqual(['dev', 'staging']);
  });

  describe.each(PROTECTED)('%s', (env) => {
    test('runs after every deploy action and before the verify step', () => {
      const protect = protectOf(env) as Action;
      expect(protect.ActionTypeId).toEqual(expect.objectContaining({ Category: 'Build', Provider: 'CodeBuild' }));
      expect(protect.RunOrder).toBeGreaterThan(Math.max(...deployActions(stageNamed(env)).map((a) => a.RunOrder)));
      const verify = stageNamed(env).Actions.find((a) => a.Name === `Verify-${env}`) as Action;
      expect(protect.RunOrder).toBeLessThan(verify.RunOrder);
    });

    test('its commands assume the protector, turn protection on for exactly the stacks the stage deploys, then read each back', () => {
      // The stage's own stacks, in stage order; the pipeline deploys the same set.
      const stage = synthesized.built.stages.find((st) => st.stageName === env)!;
      const stacks = stage.node.children.filter((c): c is Stack => Stack.isStack(c)).map((st) => st.stackName);
      expect([...stacks].sort()).toEqual(stackNamesOf(env).sort());
      const { region } = configOf(env);
      const commands = buildSpecOf(protectOf(env) as Action).phases.build.commands;
      expect(commands).toEqual(terminationProtectionCommands(region, stacks));
      expect(commands[0]).toMatch(new RegExp(`^creds="\\$\\(aws sts assume-role --region ${region} --role-arn "\\$${PROTECT_ROLE_ENV}" `));
      const named = (verb: string) => commands.filter((c) => c.includes(verb)).map((c) => /--stack-name (\S+)/.exec(c)?.[1]).sort();
      expect(named('update-termination-protection --region')).toEqual([...stacks].sort());
      expect(named('describe-stacks')).toEqual([...stacks].sort());
      expect(stacks.sort()).toEqual([`${env}-Access`, `${env}-CiDiff`, `${env}-Cluster`, `${env}-Workloads`]);
      for (const c of commands.filter((x) => x.includes('describe-stacks'))) {
        expect(c).toContain("--query 'Stacks[].EnableTerminationProtection' --output text)\" = True || {");
      }
    });

    test('its project gets the protector role ARN and nothing else', () => {
      expect((projectOf(protectOf(env) as Action).Properties?.Environment as { EnvironmentVariables: unknown }).EnvironmentVariables).toEqual([
        { Name: PROTECT_ROLE_ENV, Type: 'PLAINTEXT', Value: terminationProtectorRoleArn(configOf(env)) },
      ]);
      expect(terminationProtectorRoleArn(configOf(env))).toBe(`arn:aws:iam::${configOf(env).account}:role/eks-access-termination-protector-${env}`);
    });

    test('its role may only assume the protector role', () => {
      const [roleId] = onlyResource(template, 'AWS::IAM::Role', (r) => r.Properties?.RoleName === `eks-access-protect-${env}`);
      template.hasResourceProperties('AWS::IAM::Role', {
        RoleName: `eks-access-protect-${env}`,
        AssumeRolePolicyDocument: { Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'codebuild.amazonaws.com' } }] },
        ManagedPolicyArns: Match.absent(),
      });
      const own = resourcesOfType(template, 'AWS::IAM::Policy', (p) => asList(p.Properties?.Roles as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleId })))
        .flatMap(([, p]) => statements(p.Properties?.PolicyDocument))
        .filter((s) => typeof s.Sid === 'string' || JSON.stringify(s.Action).includes('cloudformation') || JSON.stringify(s.Action).includes('sts:'));
      expect(own).toEqual([
        { Sid: 'AssumeEnvironmentTerminationProtector', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: terminationProtectorRoleArn(configOf(env)) },
      ]);
      // The project runs as this role.
      expect(projectOf(protectOf(env) as Action).Properties?.ServiceRole).toEqual({ 'Fn::GetAtt': [roleId, 'Arn'] });
    });

    test(`${env}/Access: the protector role trusts exactly the step role and may only update and read termination protection of the stage's stacks`, () => {
      const { account, region } = configOf(env);
      const access = accessOf(env);
      const [, role] = onlyResource(access, 'AWS::IAM::Role', (r) => r.Properties?.RoleName === `eks-access-termination-protector-${env}`);
      expect(role.Properties?.AssumeRolePolicyDocument).toEqual({
        Version: '2012-10-17',
        Statement: [{
          Action: 'sts:AssumeRole', Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${PIPELINE.account}:root` },
          Condition: { ArnEquals: { 'aws:PrincipalArn': [`arn:aws:iam::${PIPELINE.account}:role/eks-access-protect-${env}`] } },
        }],
      });
      const captured = new Capture();
      access.hasResourceProperties('AWS::IAM::Role', {
        RoleName: `eks-access-termination-protector-${env}`,
        MaxSessionDuration: 3600,
        ManagedPolicyArns: Match.absent(),
        Policies: [{ PolicyName: 'TerminationProtection', PolicyDocument: { Version: '2012-10-17', Statement: [captured] } }],
      });
      expect(captured.asObject()).toEqual({
        Sid: 'EnableTerminationProtection',
        Effect: 'Allow',
        Action: ['cloudformation:DescribeStacks', 'cloudformation:UpdateTerminationProtection'],
        Resource: stackNamesOf(env).sort().map((name) => `arn:aws:cloudformation:${region}:${account}:stack/${name}/*`),
      });
      // Nothing else grants it anything.
      const roleId = onlyResource(access, 'AWS::IAM::Role', (r) => r.Properties?.RoleName === `eks-access-termination-protector-${env}`)[0];
      expect(resourcesOfType(access, 'AWS::IAM::Policy', (p) => JSON.stringify(p.Properties?.Roles ?? []).includes(roleId))).toEqual([]);
    });
  });

  test.each(UNPROTECTED)('%s: no protect step, no step role, no protector role', (env) => {
    expect(protectOf(env)).toBeUndefined();
    expect(resourcesOfType(template, 'AWS::IAM::Role', (r) => r.Properties?.RoleName === `eks-access-protect-${env}`)).toEqual([]);
    expect(resourcesOfType(accessOf(env), 'AWS::IAM::Role', (r) => String(r.Properties?.RoleName).startsWith('eks-access-termination-protector'))).toEqual([]);
    const specs = stageNamed(env).Actions.filter((a) => a.ActionTypeId.Provider === 'CodeBuild').map((a) => JSON.stringify(buildSpecOf(a)));
    expect(specs.filter((spec) => spec.includes('termination-protection'))).toEqual([]);
  });

  test('refuses to build when the pipeline would deploy a stack the step does not name (a stack below a construct of the stage)', () => {
    const app = new App({ context: cliContext() });
    const [solo] = validateEnvironments(withPipelineVerifiers([envConfig({ name: 'solo', terminationProtection: true })], PIPELINE));
    const stage = new EnvironmentStage(app, 'solo', { config: solo });
    new Stack(new Construct(stage, 'Group'), 'Hidden', { stackName: 'solo-Hidden' });
    const delivery = validatePipeline({ ...PIPELINE, environments: ['solo'] }, [solo]);
    expect(() => new PipelineStack(app, 'Pipeline', { pipeline: delivery, stages: new Map([['solo', stage]]) })).toThrow(
      'PipelineStack: the termination-protection step of solo names the stacks solo-Cluster, solo-Access, solo-Workloads, but the pipeline deploys solo-Access, solo-Cluster, solo-Hidden, solo-Workloads; add every stack to the stage before the pipeline is built');
  });

  test('exactly one termination-protection project in the pipeline per protected environment', () => {
    const projects = resourcesOfType(template, 'AWS::CodeBuild::Project', (p) => JSON.stringify(p.Properties?.Source).includes('update-termination-protection'));
    expect(projects).toHaveLength(PROTECTED.length);
    expect(projects.map(([, p]) => (p.Properties?.Environment as { EnvironmentVariables: Array<{ Value: string }> }).EnvironmentVariables[0].Value))
      .toEqual(PROTECTED.map((env) => terminationProtectorRoleArn(configOf(env))));
  });
});

describe('cross-account artifacts', () => {
  test('the artifact bucket is encrypted with a rotating KMS key (crossAccountKeys)', () => {
    const [keyId] = onlyResource(template, 'AWS::KMS::Key');
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [keyId, 'Arn'] } } }] },
    });
  });

  test('every environment account deploys through its own bootstrap roles', () => {
    for (const env of ENVIRONMENTS) {
      const prepares = deployActions(stageNamed(env.name)).filter((a) => a.Configuration?.ActionMode !== 'CHANGE_SET_EXECUTE');
      for (const a of prepares) expect(JSON.stringify(a.Configuration?.RoleArn)).toContain(`:iam::${env.account}:role/cdk-hnb659fds-cfn-exec-role-${env.account}-${env.region}`);
    }
  });
});

describe('pull-request diff role (<env>/CiDiff)', () => {
  const ciDiff = (env: string) => synthesized.built.stages[ENV_NAMES.indexOf(env)].node.findChild('CiDiff') as CiDiffStack;

  test.each(ENVIRONMENTS.map((e) => [e.name, e.account, e.region]))('%s: trusts only the review workflow on the configured repository\'s default branch, through the GitHub OIDC provider', (env, account, region) => {
    const t = Template.fromStack(ciDiff(env));
    const [providerId] = onlyResource(t, 'AWS::IAM::OIDCProvider');
    t.hasResourceProperties('AWS::IAM::OIDCProvider', { Url: 'https://token.actions.githubusercontent.com', ClientIdList: ['sts.amazonaws.com'] });
    t.hasResourceProperties('AWS::IAM::Role', {
      RoleName: `eks-access-pr-diff-${env}`,
      MaxSessionDuration: 3600,
      AssumeRolePolicyDocument: {
        Statement: [{
          Action: 'sts:AssumeRoleWithWebIdentity',
          Effect: 'Allow',
          Principal: { Federated: { Ref: providerId } },
          Condition: {
            StringEquals: {
              'token.actions.githubusercontent.com:sub': 'repo:example-org/eks-access:ref:refs/heads/main:job_workflow_ref:example-org/eks-access/.github/workflows/pr-review.yml@refs/heads/main',
              'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
            },
          },
        }],
      },
      Policies: [{
        PolicyName: 'ReadOnlyDiff',
        PolicyDocument: {
          Statement: [
            { Sid: 'ReadEnvironmentStacks', Effect: 'Allow', Action: ['cloudformation:DescribeStacks', 'cloudformation:GetTemplate', 'cloudformation:ListStackResources'], Resource: `arn:aws:cloudformation:${region}:${account}:stack/${env}-*/*` },
            { Sid: 'AssumeNoRole', Effect: 'Deny', Action: ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'], Resource: '*' },
          ],
        },
      }],
    });
    // Nothing else in the stack grants anything.
    expect(resourcesOfType(t, 'AWS::IAM::Policy')).toEqual([]);
    expect(resourcesOfType(t, 'AWS::IAM::Role')).toHaveLength(1);
    expect(t.findResources('AWS::IAM::Role', { Properties: { ManagedPolicyArns: Match.anyValue() } })).toEqual({});
  });
});

describe('build image and Node', () => {
  test('every CodeBuild project of the pipeline runs standard:7.0 and installs the toolchain\'s Node through runtime-versions', () => {
    const projects = resourcesOfType(template, 'AWS::CodeBuild::Project');
    // Synth, self-mutation, the asset publishers and one verify step per environment at least.
    expect(projects.length).toBeGreaterThanOrEqual(3 + ENV_NAMES.length);
    for (const [, project] of projects) {
      const props = project.Properties as { Environment: { Image: string }; Source: { BuildSpec: string } };
      expect(props.Environment.Image).toBe('aws/codebuild/standard:7.0');
      expect(JSON.parse(props.Source.BuildSpec).phases.install['runtime-versions']).toEqual({ nodejs: NODE_MAJOR });
    }
  });

  test('the image\'s runtime list offers the toolchain\'s Node; another major is refused with the image, the value and the fix', () => {
    expect(BUILD_IMAGE.imageId).toBe('aws/codebuild/standard:7.0');
    expect(BUILD_IMAGE_NODE_MAJORS).toContain(NODE_MAJOR);
    expect(buildRuntimeVersions(NODE_MAJOR)).toEqual({ 'runtime-versions': { nodejs: NODE_MAJOR } });
    expect(() => buildRuntimeVersions(26)).toThrow('PipelineStack: the build image aws/codebuild/standard:7.0 offers Node 24, 22, 20, 18 in runtime-versions, not Node 26 (NODE_MAJOR in lib/config/versions.ts). '
      + 'Choose a build image whose runtimes.yml lists it (github.com/aws/aws-codebuild-docker-images) and update BUILD_IMAGE and BUILD_IMAGE_NODE_MAJORS in lib/stacks/pipeline-stack.ts.');
  });
});

describe('cdk-nag', () => {
  test('the whole app, pipeline included, has no unacknowledged finding', () => {
    expect(readNagFindings(synthesized.outdir)).toEqual([]);
  });

  test('every acknowledgement in the delivery stacks carries its own specific reason', () => {
    const scopes = [pipelineStack, ...synthesized.built.stages.map((s) => s.node.findChild('CiDiff'))];
    const acks = scopes.flatMap((scope) => scope.node.findAll().flatMap((c) => c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) => Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({ path: c.node.path, id, reason })))));
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      expect(ack.id).toMatch(/^(Annotation::)?AwsSolutions-(IAM5\[(Action|Resource)::.+\]|S1)$/);
      expect(ack.id).not.toMatch(/^AwsSolutions-IAM5\[Action::\*\]$/);
      expect(ack.reason.length).toBeGreaterThan(80);
    }
    // A bare "*" resource is accepted only where aws-cdk-lib/pipelines puts it.
    const bareStar = [...new Set(acks.filter((a) => a.id.endsWith('AwsSolutions-IAM5[Resource::*]')).map((a) => a.path))].sort();
    expect(bareStar).toEqual(['Pipeline/Pipeline/Assets', 'Pipeline/Pipeline/Pipeline/Role', 'Pipeline/Pipeline/UpdatePipeline/SelfMutation']);
  });
});
