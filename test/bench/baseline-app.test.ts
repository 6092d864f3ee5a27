import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { BASELINE_STACKS, buildBaselineApp } from '../../bench/baseline-app';

describe('the synth baseline app', () => {
  test('is three trivial stacks of one queue each, with nothing to look up or bundle', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'eks-access-baseline-'));
    try {
      const app = buildBaselineApp(new App({ outdir }));
      const stacks = app.node.children.map((c) => c.node.id);
      expect(stacks).toEqual([...BASELINE_STACKS]);
      expect(stacks).toHaveLength(3);
      const assembly = app.synth();
      for (const name of BASELINE_STACKS) {
        const template = Template.fromJSON(assembly.getStackByName(name).template);
        template.resourceCountIs('AWS::SQS::Queue', 1);
        expect(Object.keys(template.toJSON().Resources)).toHaveLength(1);
        expect(assembly.getStackByName(name).assets).toEqual([]);
      }
      expect(assembly.manifest.missing ?? []).toEqual([]);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});
