/**
 * The gate over the app as it is: synthesized exactly as `cdk synth` does (same path as
 * `npm run upgrade-gate`), against the committed golden templates and the committed
 * declarations. Fails when the working tree would replace or remove a guarded resource of a
 * deployed environment without a declared reason, or when a declaration has gone stale.
 */
import * as fs from 'fs';
import * as os from 'os';
import { findViolations } from '../../lib/upgrade/check';
import { runGate } from '../../lib/upgrade/cli';
import { explainStale, explainViolation } from '../../lib/upgrade/explain';
import type { GateResult, StackTemplate } from '../../lib/upgrade/model';
import { synthesizeTemplates } from '../../lib/upgrade/synthesize';
import { KUBERNETES_PATCH_RESOURCE_TYPE } from '../../lib/upgrade/guards';
import { golden, logicalIdOf, resourceOf, ROOT, templateOf } from './fixtures';

let current: StackTemplate[];
let result: GateResult;
let tempBefore: string[];

beforeAll(() => {
  tempBefore = fs.readdirSync(os.tmpdir());
  current = synthesizeTemplates(ROOT);
  result = runGate(ROOT, current);
});

test('no undeclared replacement or removal of a guarded resource', () => {
  expect(result.violations.map(explainViolation)).toEqual([]);
});

test('no stale declaration', () => {
  expect(result.stale.map(explainStale)).toEqual([]);
});

test('the golden templates cover every environment stack and the pipeline, and the app still has each of them', () => {
  const names = golden().map((s) => s.displayName);
  for (const env of ['dev', 'staging', 'prod']) {
    for (const stack of ['Cluster', 'Access', 'Workloads', 'CiDiff']) expect(names).toContain(`${env}/${stack}`);
  }
  expect(names).toContain('Pipeline');
  expect(current.map((s) => s.displayName)).toEqual(expect.arrayContaining(names));
});

test('synthesis leaves nothing in the temp dir', () => {
  expect(fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('eks-access-upgrade-') && !tempBefore.includes(f))).toEqual([]);
});

describe('the aws-node annotation patch, retired in place so that a later release can remove it', () => {
  const patchIn = (stacks: StackTemplate[], env: string) => logicalIdOf(stacks, `${env}/Workloads`, KUBERNETES_PATCH_RESOURCE_TYPE,
    (r) => r.Properties?.ResourceName === 'serviceaccount/aws-node');

  test.each(['dev', 'staging', 'prod'])('%s: kept under its deployed logical id, with restore = apply and Retain; once deployed, removing it is no violation', (env) => {
    const id = patchIn(golden(), env);
    expect(patchIn(current, env)).toBe(id);
    const patch = resourceOf(current, `${env}/Workloads`, id);
    expect(patch.Properties.RestorePatchJson).toEqual(patch.Properties.ApplyPatchJson);
    expect(patch.DeletionPolicy).toBe('Retain');
    // The next release's removal, against this release as the golden (what will then be deployed).
    const next = structuredClone(current);
    delete templateOf(next, `${env}/Workloads`).Resources[id];
    expect(findViolations(current, next)).toEqual([]);
    // Against today's golden (restore { role-arn: null }, Delete) the same removal is refused.
    expect(findViolations(golden(), next)).toEqual([expect.objectContaining({ kind: 'remove', logicalId: id })]);
  });
});
