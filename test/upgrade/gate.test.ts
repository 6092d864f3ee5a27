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
import { copyOfGolden, golden, logicalIdOf, resourceOf, ROOT, templateOf } from './fixtures';

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

describe('0.3 removes CDK\'s kubectl provider: no kubectl resource remains, and the 0.2 golden templates had each removed one retained', () => {
  const KUBECTL_TYPES = ['Custom::AWSCDK-EKS-KubernetesResource', KUBERNETES_PATCH_RESOURCE_TYPE];
  /** `stack logicalId` of every kubectl resource of `stacks`. */
  const kubectlIn = (stacks: StackTemplate[]) => stacks.flatMap((s) => Object.entries(templateOf(stacks, s.displayName).Resources)
    .filter(([, r]) => KUBECTL_TYPES.includes(r.Type)).map(([id]) => `${s.displayName} ${id}`));

  test('no kubectl resource, kubectl provider or Lambda layer in any synthesized template, and no ReleaseAdopted', () => {
    expect(kubectlIn(current)).toEqual([]);
    for (const s of current) {
      const resources = Object.entries(templateOf(current, s.displayName).Resources);
      expect([s.displayName, resources.filter(([id, r]) => r.Type === 'AWS::Lambda::LayerVersion' || id.includes('KubectlProvider')).map(([id]) => id)]).toEqual([s.displayName, []]);
      expect([s.displayName, JSON.stringify(s.template)]).toEqual([s.displayName, expect.not.stringContaining('ReleaseAdopted')]);
    }
  });

  test.each(['dev', 'staging', 'prod'])('%s: every kubectl resource of the 0.2 golden templates (the aws-node patch with restore = apply) is retained, so removing it is no violation; with Delete it would be refused', (env) => {
    const removed = kubectlIn(golden()).filter((k) => k.startsWith(`${env}/`));
    // Workloads: two manifests for each of three namespaces, two IRSA service accounts, the aws-node patch; Access: reader, verifier and writer RBAC.
    expect(removed).toHaveLength(12);
    for (const key of removed) {
      const [stack, id] = key.split(' ');
      expect([key, resourceOf(golden(), stack, id).DeletionPolicy]).toEqual([key, 'Retain']);
    }
    const patchId = logicalIdOf(golden(), `${env}/Workloads`, KUBERNETES_PATCH_RESOURCE_TYPE, (r) => r.Properties?.ResourceName === 'serviceaccount/aws-node');
    const patch = resourceOf(golden(), `${env}/Workloads`, patchId);
    expect(patch.Properties.RestorePatchJson).toEqual(patch.Properties.ApplyPatchJson);
    const mine = (stacks: StackTemplate[]) => findViolations(stacks, current).filter((v) => v.stack.startsWith(`${env}/`) && KUBECTL_TYPES.includes(v.type));
    expect(mine(golden())).toEqual([]);
    // The same removals from templates that do not retain them (as releases before 0.2 deployed them) are refused, each one.
    const unretained = copyOfGolden();
    for (const key of removed) {
      const [stack, id] = key.split(' ');
      delete resourceOf(unretained, stack, id).DeletionPolicy;
    }
    expect(mine(unretained).map((v) => `${v.kind} ${v.stack} ${v.logicalId}`).sort()).toEqual(removed.map((k) => `remove ${k}`).sort());
  });
});
