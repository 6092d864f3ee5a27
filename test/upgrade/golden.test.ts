/** Golden files: one per stack, path-safe names, exact round trip, removal of stacks that are gone. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { goldenFile, readGolden, writeGolden } from '../../lib/upgrade/golden';
import type { StackTemplate } from '../../lib/upgrade/model';

let dir: string;
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eks-access-golden-')); });
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const stacks: StackTemplate[] = [
  { displayName: 'Pipeline', template: { Resources: { P: { Type: 'AWS::CodePipeline::Pipeline' } } } },
  { displayName: 'cross-region-stack-444444444444:eu-central-1', template: { Resources: {} } },
  { displayName: 'dev/Cluster', template: { Resources: { C: { Type: 'AWS::EKS::Cluster', Properties: { Name: 'dev' } } } } },
];

test('writes one file per stack, nested by stage, with portable names, and reads them back exactly', () => {
  writeGolden(dir, stacks);
  expect(goldenFile(dir, 'dev/Cluster')).toBe(path.join(dir, 'dev', 'Cluster.template.json'));
  expect(fs.existsSync(path.join(dir, 'cross-region-stack-444444444444%3Aeu-central-1.template.json'))).toBe(true);
  expect(readGolden(dir)).toEqual([...stacks].sort((a, b) => a.displayName.localeCompare(b.displayName)));
});

test('rewriting drops the files of stacks that are gone', () => {
  writeGolden(dir, stacks);
  const { removed } = writeGolden(dir, stacks.slice(0, 1));
  expect(removed.map((f) => path.relative(dir, f)).sort()).toEqual(['cross-region-stack-444444444444%3Aeu-central-1.template.json', path.join('dev', 'Cluster.template.json')]);
  expect(readGolden(dir).map((s) => s.displayName)).toEqual(['Pipeline']);
});

test('no directory: no golden stacks', () => {
  expect(readGolden(path.join(dir, 'absent'))).toEqual([]);
});
