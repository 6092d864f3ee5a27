/**
 * The app with the user's own values: no placeholder guard at all, and `<env>/CiDiff` only when
 * the pull-request review is configured. With own accounts but the shipped pipeline, each stack
 * is guarded by exactly the pipeline placeholders it holds.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { buildApp } from '../../lib/app';
import { PIPELINE } from '../../lib/config/pipeline';
import type { PipelineConfig } from '../../lib/config/pipeline';
import { PLACEHOLDER_GUARD_RULE_ID } from '../../lib/constructs/placeholder-guard';
import { allTemplates, cliContext, envConfig } from '../util';
import { OWN_PIPELINE } from './config/own-pipeline';
import type { TemplateJson } from '../util';

const outdirs: string[] = [];
afterAll(() => outdirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** Synthesizes one own environment (`test`) with `pipeline`; returns every template by display path. */
function synth(pipeline: PipelineConfig): Map<string, TemplateJson> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'eks-access-placeholders-'));
  outdirs.push(outdir);
  const { app } = buildApp({ environments: [envConfig()], pipeline, context: cliContext(), outdir });
  const assembly: CloudAssembly = app.synth();
  return new Map(allTemplates(assembly).map((t) => [t.path, t.template]));
}

const guardOf = (template: TemplateJson) => (template.Rules as Record<string, { Assertions: Array<{ AssertDescription: string }> }> | undefined)?.[PLACEHOLDER_GUARD_RULE_ID];
const fieldsOf = (template: TemplateJson) => (guardOf(template)?.Assertions ?? []).map((a) => /: (\[\w+\] [\w.]+) = /.exec(a.AssertDescription)?.[1]);

describe('own accounts, own pipeline, own repository', () => {
  let templates: Map<string, TemplateJson>;
  beforeAll(() => { templates = synth(OWN_PIPELINE); });

  test('no stack has a guard rule, only CDK\'s own bootstrap-version rule', () => {
    expect([...templates.keys()].sort()).toEqual(['Pipeline', 'test/Access', 'test/CiDiff', 'test/Cluster', 'test/Workloads']);
    for (const [stack, template] of templates) expect([stack, guardOf(template)]).toEqual([stack, undefined]);
    // CDK's own rule stays: only the guard is absent.
    expect(Object.keys(templates.get('test/Cluster')?.Rules as object)).toEqual(['CheckBootstrapVersion']);
  });
});

describe('own accounts, no pullRequestDiff', () => {
  test('no <env>/CiDiff stack; the rest is built as before', () => {
    const withoutReview: PipelineConfig = { ...OWN_PIPELINE, pullRequestDiff: undefined };
    expect([...synth(withoutReview).keys()].sort()).toEqual(['Pipeline', 'test/Access', 'test/Cluster', 'test/Workloads']);
  });
});

describe('own account, shipped (placeholder) pipeline', () => {
  let templates: Map<string, TemplateJson>;
  beforeAll(() => { templates = synth(PIPELINE); });

  test('the environment\'s stacks are guarded by the pipeline account their roles trust; CiDiff also by the review repository', () => {
    expect(Object.fromEntries([...templates].map(([stack, t]) => [stack, fieldsOf(t)]))).toEqual({
      Pipeline: ['[pipeline] account', '[pipeline] source.repository', '[pipeline] source.connectionArn'],
      'test/Cluster': ['[pipeline] account'],
      'test/Access': ['[pipeline] account'],
      'test/Workloads': ['[pipeline] account'],
      'test/CiDiff': ['[pipeline] account', '[pipeline] pullRequestDiff.githubRepository'],
    });
  });
});
