/**
 * `<env>/Alarms` as the app builds it (buildApp, cdk-nag included: synth fails on a finding):
 * present only with `alarms`, wired to the real cluster, every function of the environment's
 * stacks and the real aws-auth handler role through cross-stack references, deployed after the
 * cluster and access stacks.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { TemplateJson } from '../../util';
import { AWS_AUTH_HANDLER_DESCRIPTION } from '../../../lib/constructs/aws-auth/aws-auth-provider';
import { readNagFindings } from '../../../lib/nag/report';
import { AlarmsStack } from '../../../lib/stacks/alarms-stack';
import { ACCOUNT, REGION, allTemplates, envConfig, importedCluster, onlyResource, renderString, resourcesOfType, synthApp } from '../../util';

const TOPIC = `arn:aws:sns:${REGION}:${ACCOUNT}:eks-access-alarms`;

const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'eks-access-alarms-'));
afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));
// synth throws on an unacknowledged cdk-nag finding; the report is checked below as well.
const { assembly, envs } = synthApp([envConfig({ name: 'watched', alarms: { topicArn: TOPIC } }), envConfig({ name: 'quiet' })], { outdir });
const watched = envs.get('watched');
if (!watched) throw new Error('environment watched was not synthesized');
const alarmsStack = watched.stage.alarms;
if (!alarmsStack) throw new Error('watched has no Alarms stack');
const alarms = Template.fromStack(alarmsStack).toJSON() as TemplateJson;
/** Every other stack of the environment by stack name, as synthesized. */
const others = new Map(allTemplates(assembly)
  .filter((t) => t.path.startsWith('watched/') && t.path !== 'watched/Alarms')
  .map((t) => [t.stackName, t.template]));

/**
 * A cross-stack reference (the app's references are weak: `Fn::GetStackOutput`, no export)
 * resolved to the producing stack and the value its output carries.
 */
function exported(value: unknown): { stackName: string; value: unknown } {
  const ref = (value as { 'Fn::GetStackOutput'?: { StackName: string; OutputName: string } })['Fn::GetStackOutput'];
  if (ref === undefined) throw new Error(`not a cross-stack reference: ${JSON.stringify(value)}`);
  const output = others.get(ref.StackName)?.Outputs?.[ref.OutputName];
  if (!output) throw new Error(`no output ${ref.OutputName} in stack ${ref.StackName}`);
  return { stackName: ref.StackName, value: output.Value };
}

/** The parts of a synthesized rule the tests read. */
interface RuleProps {
  EventPattern: { source: string[]; detail: { requestParameters: { name: unknown[]; functionName: unknown[] } } };
  Targets: Array<{ Arn: unknown }>;
}

function ruleOf(source: string): RuleProps {
  const [, rule] = onlyResource(alarms, 'AWS::Events::Rule', (r) => JSON.stringify((r.Properties?.EventPattern as { source?: unknown }).source) === JSON.stringify([source]));
  return rule.Properties as unknown as RuleProps;
}

test('only the environment with alarms has an Alarms stack; no rule, filter or alarm anywhere else', () => {
  expect(envs.get('quiet')?.stage.alarms).toBeUndefined();
  const paths = allTemplates(assembly).map((t) => t.path);
  expect(paths.filter((p) => p.endsWith('/Alarms'))).toEqual(['watched/Alarms']);
  for (const { path, template } of allTemplates(assembly)) {
    if (path === 'watched/Alarms') continue;
    for (const type of ['AWS::Events::Rule', 'AWS::Logs::MetricFilter', 'AWS::CloudWatch::Alarm']) {
      expect([path, resourcesOfType(template, type)]).toEqual([path, []]);
    }
  }
});

test('cdk-nag finds nothing', () => {
  expect(readNagFindings(outdir)).toEqual([]);
});

test('the stack is in the environment account and region, after the cluster and access stacks', () => {
  expect(alarmsStack.account).toBe(ACCOUNT);
  expect(alarmsStack.region).toBe(REGION);
  expect(alarmsStack.dependencies.map((s) => s.node.path)).toEqual(expect.arrayContaining(['watched/Access', 'watched/Cluster']));
  expect(watched.stage.access.dependencies.map((s) => s.node.path)).not.toContain('watched/Alarms');
});

test('the EKS rule is scoped to the real cluster and notifies the configured topic', () => {
  const rule = ruleOf('aws.eks');
  const { stackName, value } = exported(rule.EventPattern.detail.requestParameters.name[0]);
  expect(stackName).toBe(watched.stage.cluster.stackName);
  const [clusterId] = onlyResource(watched.cluster, 'AWS::EKS::Cluster');
  expect(value).toEqual({ Ref: clusterId });
  expect(rule.Targets.map((t) => t.Arn)).toEqual([TOPIC]);
});

test('the Lambda rules cover every function of the environment\'s other stacks once, each in its four name forms', () => {
  const rules = resourcesOfType(alarms, 'AWS::Events::Rule')
    .map(([, r]) => r.Properties as unknown as RuleProps)
    .filter((r) => r.EventPattern.source[0] === 'aws.lambda');
  expect(rules.length).toBeGreaterThanOrEqual(1);
  const forms = rules.flatMap((r) => r.EventPattern.detail.requestParameters.functionName);
  const exact = forms.filter((f) => (f as Record<string, unknown>)['Fn::GetStackOutput'] !== undefined);
  expect(forms).toHaveLength(exact.length * 4);
  const covered = exact.map((f) => {
    const { stackName, value } = exported(f);
    return `${stackName}/${(value as { Ref: string }).Ref}`;
  }).sort();
  const all = [...others].flatMap(([stackName, t]) =>
    resourcesOfType(t, 'AWS::Lambda::Function').map(([id]) => `${stackName}/${id}`)).sort();
  expect(all.length).toBeGreaterThanOrEqual(4); // the aws-auth handler, the kubectl handler, their Provider frameworks
  expect(covered).toEqual(all);
  for (const r of rules) expect(r.Targets.map((t) => t.Arn)).toEqual([TOPIC]);
});

test("the metric filter reads the cluster's audit log and excludes exactly the aws-auth handler's role", () => {
  const [, filter] = onlyResource(alarms, 'AWS::Logs::MetricFilter');
  const logGroup = renderString(filter.Properties?.LogGroupName);
  const [clusterId] = onlyResource(watched.cluster, 'AWS::EKS::Cluster');
  expect(logGroup.text).toMatch(/^\/aws\/eks\/@@cfn-token-0@@\/cluster$/);
  expect(exported([...logGroup.tokens.values()][0]).value).toEqual({ Ref: clusterId });

  const pattern = renderString(filter.Properties?.FilterPattern);
  expect(pattern.text).toContain(`($.user.username != "arn:aws:sts::${ACCOUNT}:assumed-role/@@cfn-token-0@@/*")`);
  const role = exported(pattern.tokens.get('@@cfn-token-0@@'));
  expect(role.stackName).toBe(watched.stage.access.stackName);
  const [, handler] = onlyResource(watched.access, 'AWS::Lambda::Function', (r) => r.Properties?.Description === AWS_AUTH_HANDLER_DESCRIPTION);
  expect(handler.Properties?.Role).toEqual({ 'Fn::GetAtt': [(role.value as { Ref: string }).Ref, 'Arn'] });
});

test('the alarm notifies the configured topic', () => {
  const [, alarm] = onlyResource(alarms, 'AWS::CloudWatch::Alarm');
  expect(alarm.Properties?.AlarmActions).toEqual([TOPIC]);
});

test('an aws-auth handler without a role (an imported function) is refused: its writes could not be told apart', () => {
  const app = new App();
  const other = new Stack(app, 'Other', { env: { account: ACCOUNT, region: REGION } });
  const imported = lambda.Function.fromFunctionName(other, 'Imported', 'someone-elses-function');
  expect(() => new AlarmsStack(app, 'Alarms', {
    env: { account: ACCOUNT, region: REGION },
    alarms: { topicArn: TOPIC }, cluster: importedCluster(other, 'Cluster', 'c'), awsAuthHandler: imported, functionStacks: [other],
  })).toThrow("Alarms: the aws-auth handler Other/Imported has no role to tell its aws-auth writes from others'; pass the handler function itself, not an imported one");
});
