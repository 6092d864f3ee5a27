/**
 * `npm run upgrade-gate` on a scratch copy of the app's gate files (golden templates and
 * declarations in a temp root), with a stand-in synthesizer that returns planted templates.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { GATE_USAGE, GateExit, runUpgradeGate } from '../../lib/upgrade/cli';
import { readGolden, writeGolden } from '../../lib/upgrade/golden';
import type { IntendedReplacement, StackTemplate } from '../../lib/upgrade/model';
import { GOLDEN_DIR, INTENDED_FILE } from '../../lib/upgrade/paths';
import { copyOfGolden, golden, logicalIdOf, resourceOf } from './fixtures';

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'eks-access-gate-cli-'));
  writeGolden(path.join(root, GOLDEN_DIR), golden());
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

function declare(entries: IntendedReplacement[]): void {
  fs.writeFileSync(path.join(root, INTENDED_FILE), JSON.stringify({ replacements: entries }));
}

function run(args: string[], current: StackTemplate[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runUpgradeGate(args, { root, stdout: (l) => out.push(l), stderr: (l) => err.push(l), synthesize: () => current });
  return { code, out, err };
}

/** The golden templates with the dev cluster renamed; returns the cluster's logical id too. */
function renamedCluster() {
  const planted = copyOfGolden();
  const id = logicalIdOf(planted, 'dev/Cluster', 'AWS::EKS::Cluster');
  resourceOf(planted, 'dev/Cluster', id).Properties.Name = 'renamed';
  return { planted, id };
}

test('an unchanged app passes with exit 0', () => {
  expect(run([], copyOfGolden())).toEqual({ code: GateExit.passed, out: ['upgrade gate: passed (0 declared replacement(s) or removal(s)).'], err: [] });
});

test('an undeclared replacement fails with exit 2, one FAIL line per resource', () => {
  const { planted, id } = renamedCluster();
  const { code, err } = run([], planted);
  expect(code).toBe(GateExit.failed);
  expect(err.filter((l) => l.startsWith('FAIL '))).toHaveLength(4);
  expect(err).toContainEqual(expect.stringContaining(`FAIL dev/Cluster: ${id} (AWS::EKS::Cluster) would be REPLACED by Name "eks-access-dev" -> "renamed".`));
  expect(err[err.length - 1]).toBe('upgrade gate: FAILED with 4 undeclared replacement(s) or removal(s) and 0 stale declaration(s).');
});

test('--update refuses while a replacement is undeclared, and leaves the golden templates alone', () => {
  const { planted } = renamedCluster();
  const { code, err } = run(['--update'], planted);
  expect(code).toBe(GateExit.failed);
  expect(err[err.length - 1]).toBe(`upgrade-gate: not updating ${GOLDEN_DIR}: declare each replacement or removal above first (or revert it).`);
  expect(readGolden(path.join(root, GOLDEN_DIR))).toEqual(golden());
});

test('declared, the replacement passes; --update writes it into the golden templates; then the declarations are stale and fail', () => {
  const { planted } = renamedCluster();
  const first = run([], planted);
  const undeclared = first.err.filter((l) => l.startsWith('FAIL ')).map((l) => /^FAIL (\S+): (\S+) /.exec(l)!);
  declare(undeclared.map(([, stack, logicalId]) => ({ stack, logicalId, reason: 'the dev cluster is rebuilt on purpose' })));
  const declared = run([], planted);
  expect(declared.code).toBe(GateExit.passed);
  expect(declared.out[declared.out.length - 1]).toBe('upgrade gate: passed (4 declared replacement(s) or removal(s)).');

  const updated = run(['--update'], planted);
  expect(updated).toEqual({
    code: GateExit.passed,
    out: [
      `upgrade-gate: wrote ${planted.length} golden template(s) to ${GOLDEN_DIR}.`,
      `upgrade-gate: the golden templates now include the 4 declared change(s); remove them from ${INTENDED_FILE} (the gate fails on stale declarations).`,
    ],
    err: [],
  });
  expect(readGolden(path.join(root, GOLDEN_DIR))).toEqual(planted);
  const after = run([], planted);
  expect(after.code).toBe(GateExit.failed);
  expect(after.err[after.err.length - 1]).toBe('upgrade gate: FAILED with 0 undeclared replacement(s) or removal(s) and 4 stale declaration(s).');
});

test('--update removes the golden file of a stack the app no longer has (once its removal is declared or harmless)', () => {
  const planted = copyOfGolden().filter((s) => s.displayName !== 'cross-region-stack-444444444444:eu-central-1');
  const { code, out } = run(['--update'], planted);
  expect(code).toBe(GateExit.passed);
  expect(out).toEqual([`upgrade-gate: wrote ${planted.length} golden template(s) to ${GOLDEN_DIR}, removed ${GOLDEN_DIR}/cross-region-stack-444444444444%3Aeu-central-1.template.json.`]);
});

test('an unknown argument is an error (exit 1) with the usage', () => {
  expect(run(['--updat'], copyOfGolden())).toEqual({ code: GateExit.error, out: [], err: [`upgrade-gate: unknown argument "--updat". ${GATE_USAGE}`] });
});

test('a malformed declarations file is an error (exit 1) that names the file and the fix', () => {
  fs.writeFileSync(path.join(root, INTENDED_FILE), '{"replacements": [{"stack": "dev/Cluster", "logicalId": "X"}]}');
  expect(run([], copyOfGolden())).toEqual({
    code: GateExit.error, out: [],
    err: [`upgrade-gate: ${INTENDED_FILE}: replacements[0].reason is undefined; it must be a non-empty string that says why the replacement is safe.`],
  });
});

test('no golden templates: the check is an error (exit 1), and --update writes the first ones', () => {
  fs.rmSync(path.join(root, GOLDEN_DIR), { recursive: true });
  expect(run([], copyOfGolden())).toEqual({
    code: GateExit.error, out: [],
    err: [`upgrade-gate: no golden templates in ${GOLDEN_DIR}, so nothing deployed is guarded. Run \`npm run upgrade-gate -- --update\` on the commit that is deployed and commit ${GOLDEN_DIR}.`],
  });
  expect(run(['--update'], copyOfGolden()).code).toBe(GateExit.passed);
  expect(readGolden(path.join(root, GOLDEN_DIR))).toEqual(golden());
});
