import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Stage } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { assemblyText, judgedRatio } from '../../bench/synth';

describe('assemblyText', () => {
  test('names what the whole-app figure synthesized: the stacks of each stage, then the top-level stacks', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'eks-access-bench-synth-'));
    try {
      const app = new App({ outdir });
      for (const stage of ['dev', 'prod']) {
        const s = new Stage(app, stage);
        for (const id of ['Cluster', 'Access']) new Queue(new Stack(s, id), 'Q');
      }
      new Queue(new Stack(app, 'Pipeline'), 'Q');
      app.synth();
      expect(assemblyText(new CloudAssembly(outdir))).toBe('5 stacks: dev (2), prod (2), Pipeline');
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});

describe('judgedRatio', () => {
  test('judges the median of the pairs, and details their range, the medians and their ratio', () => {
    // pair ratios 2, 2.1, 3 (the last pair hit by load on the app only)
    expect(judgedRatio([6, 6.3, 15], [3, 3, 5], 's')).toEqual({
      value: 2.1,
      detail: 'median of 3 side-by-side pairs (2 to 3); medians 6.3 s against 3 s, ratio 2.1',
    });
  });
});
