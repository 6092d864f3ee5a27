/**
 * Termination protection: every stack of a flagged environment carries it in the cloud assembly
 * (what `cdk deploy` applies), including the `<env>/CiDiff` stack that lib/app.ts adds to the
 * stage later; stacks of unflagged environments and the pipeline do not.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ENVIRONMENTS } from '../../../lib/config/environments';
import { envConfig, synthApp, synthDefaultApp } from '../../util';
import type { SynthesizedDefaultApp } from '../../util';

let app: SynthesizedDefaultApp;
beforeAll(() => { app = synthDefaultApp(); });
afterAll(() => fs.rmSync(app.outdir, { recursive: true, force: true }));

test('the shipped config protects prod only', () => {
  expect(ENVIRONMENTS.filter((e) => e.terminationProtection === true).map((e) => e.name)).toEqual(['prod']);
});

test('every stack of prod is termination-protected, CiDiff included; no other stack is', () => {
  const byStack = Object.fromEntries(app.assembly.stacksRecursively
    .filter((s) => !s.hierarchicalId.startsWith('cross-region-stack'))
    .map((s) => [s.hierarchicalId, s.terminationProtection ?? false]));
  expect(byStack).toEqual({
    'Pipeline': false,
    'dev/Access': false, 'dev/CiDiff': false, 'dev/Cluster': false, 'dev/Workloads': false,
    'staging/Access': false, 'staging/CiDiff': false, 'staging/Cluster': false, 'staging/Workloads': false,
    'prod/Access': true, 'prod/CiDiff': true, 'prod/Cluster': true, 'prod/Workloads': true,
  });
});

test('the flag works for any environment, and off is the default', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'eks-access-stage-'));
  const { assembly } = synthApp([envConfig({ name: 'guarded', terminationProtection: true }), envConfig({ name: 'open' })], { outdir });
  fs.rmSync(outdir, { recursive: true, force: true });
  const protectedStacks = assembly.stacksRecursively.filter((s) => s.terminationProtection).map((s) => s.hierarchicalId).sort();
  expect(protectedStacks).toEqual(['guarded/Access', 'guarded/Cluster', 'guarded/Workloads']);
});
