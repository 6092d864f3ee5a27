/**
 * The gate over the app as it is: synthesized exactly as `cdk synth` does (same path as
 * `npm run upgrade-gate`), against the committed golden templates and the committed
 * declarations. Fails when the working tree would replace or remove a guarded resource of a
 * deployed environment without a declared reason, or when a declaration has gone stale.
 */
import * as fs from 'fs';
import * as os from 'os';
import { runGate } from '../../lib/upgrade/cli';
import { explainStale, explainViolation } from '../../lib/upgrade/explain';
import type { GateResult, StackTemplate } from '../../lib/upgrade/model';
import { synthesizeTemplates } from '../../lib/upgrade/synthesize';
import { golden, ROOT } from './fixtures';

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
