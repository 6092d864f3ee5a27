/**
 * The placeholder guard: a failing CloudFormation rule per placeholder, nothing without one, and
 * an aspect that reaches stacks added after it.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Aspects, CfnResource, NestedStack, Stack, Stage } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { placeholderSentence } from '../../../lib/config/placeholder-uses';
import type { PlaceholderUse } from '../../../lib/config/placeholder-uses';
import { PLACEHOLDER_GUARD_RULE_ID, PlaceholderGuards, guardPlaceholders } from '../../../lib/constructs/placeholder-guard';
import type { TemplateJson } from '../../util';

const ACCOUNT_USE: PlaceholderUse = { source: 'lib/config/environments.ts', env: 'dev', field: 'account', value: '111111111111', message: 'is a placeholder; set it' };
const REPO_USE: PlaceholderUse = { source: 'lib/config/pipeline.ts', env: 'pipeline', field: 'pullRequestDiff.githubRepository', value: 'example-org/eks-access', message: 'is a placeholder; set it' };

const outdirs: string[] = [];
/** An app that synthesizes into a temporary directory, removed after the tests. */
function newApp(): App {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'eks-access-guard-'));
  outdirs.push(outdir);
  return new App({ outdir });
}
afterAll(() => outdirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** A stack with one resource, as a template that does not depend on the guard. */
function stackWithTopic(scope: App | Stage, id: string): Stack {
  const stack = new Stack(scope, id);
  new CfnResource(stack, 'Topic', { type: 'AWS::SNS::Topic' });
  return stack;
}

const rules = (stack: Stack) => (Template.fromStack(stack).toJSON() as TemplateJson).Rules as Record<string, unknown> | undefined;

describe('guardPlaceholders', () => {
  test('one failing assertion per placeholder, described by its sentence', () => {
    const stack = stackWithTopic(newApp(), 'S');
    guardPlaceholders(stack, [ACCOUNT_USE, REPO_USE]);
    expect(rules(stack)?.[PLACEHOLDER_GUARD_RULE_ID]).toEqual({
      Assertions: [
        { Assert: { 'Fn::Not': [{ 'Fn::Equals': ['111111111111', '111111111111'] }] }, AssertDescription: placeholderSentence(ACCOUNT_USE) },
        { Assert: { 'Fn::Not': [{ 'Fn::Equals': ['example-org/eks-access', 'example-org/eks-access'] }] }, AssertDescription: placeholderSentence(REPO_USE) },
      ],
    });
  });

  test('keeps CDK\'s own bootstrap-version rule beside it', () => {
    const stack = stackWithTopic(newApp(), 'S');
    guardPlaceholders(stack, [ACCOUNT_USE]);
    expect(Object.keys(rules(stack) ?? {}).sort()).toEqual(['CheckBootstrapVersion', PLACEHOLDER_GUARD_RULE_ID]);
  });

  test('without placeholders the template is exactly the unguarded one', () => {
    const guarded = stackWithTopic(newApp(), 'S');
    expect(guardPlaceholders(guarded, [])).toBeUndefined();
    expect(Template.fromStack(guarded).toJSON()).toEqual(Template.fromStack(stackWithTopic(newApp(), 'S')).toJSON());
  });
});

describe('PlaceholderGuards (aspect)', () => {
  test('guards stacks added to the stage after the aspect, with what the lookup finds for each', () => {
    const app = newApp();
    const stage = new Stage(app, 'dev');
    const seen: string[] = [];
    Aspects.of(stage).add(new PlaceholderGuards((s) => { seen.push(s.node.path); return s.node.id === 'CiDiff' ? [ACCOUNT_USE, REPO_USE] : [ACCOUNT_USE]; }));
    const cluster = stackWithTopic(stage, 'Cluster');
    const later = stackWithTopic(stage, 'CiDiff');
    const clean = stackWithTopic(app, 'Elsewhere');
    app.synth();
    expect(seen.sort()).toEqual(['dev/CiDiff', 'dev/Cluster']);
    expect((rules(cluster)?.[PLACEHOLDER_GUARD_RULE_ID] as { Assertions: unknown[] }).Assertions).toHaveLength(1);
    expect((rules(later)?.[PLACEHOLDER_GUARD_RULE_ID] as { Assertions: unknown[] }).Assertions).toHaveLength(2);
    expect(rules(clean)?.[PLACEHOLDER_GUARD_RULE_ID]).toBeUndefined();
  });

  test('skips nested stacks (their parent\'s rule refuses the deploy) and adds one rule however often it visits', () => {
    const app = newApp();
    const parent = stackWithTopic(app, 'Parent');
    const nested = new NestedStack(parent, 'Nested');
    new CfnResource(nested, 'Topic', { type: 'AWS::SNS::Topic' });
    const guards = new PlaceholderGuards(() => [ACCOUNT_USE]);
    Aspects.of(app).add(guards);
    Aspects.of(parent).add(guards);
    app.synth();
    expect(parent.node.children.filter((c) => c.node.id === PLACEHOLDER_GUARD_RULE_ID)).toHaveLength(1);
    expect(nested.node.tryFindChild(PLACEHOLDER_GUARD_RULE_ID)).toBeUndefined();
  });
});
