/**
 * End to end: `runMutation` (lib/mutation/run.ts) runs real StrykerJS passes on a tiny project it
 * is given, made here in a fresh temp folder: the real stryker.config.json with `mutate` naming
 * one file, a jest config (ts-jest), `lib/grade.ts` and its mirrored test, which kills every
 * mutant but one. The steps share that project and run in order (each pass is a real Stryker
 * process, so the file runs six of them, five without the type checker).
 *
 * The mirrored test appends the id of the active mutant (`dry` in the dry run) to a probe file
 * on every test, so whether a pass reused its incremental results or started over is read from
 * which mutants ran, not from the clock (with seven mutants Stryker's start-up dominates: an
 * incremental pass is barely faster, 3.5 s against 4 s when measured).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { testSideFingerprint } from '../../../lib/mutation/fingerprint';
import { groupPaths } from '../../../lib/mutation/plan';
import type { MutationGroup } from '../../../lib/mutation/plan';
import { runMutation } from '../../../lib/mutation/run';
import type { MutationArgs } from '../../../lib/mutation/run';

const REPO = path.resolve(__dirname, '../../..');

jest.setTimeout(120_000);

const SOURCE = 'lib/grade.ts';
const TEST = 'test/lib/grade.test.ts';
const GROUP: MutationGroup = { file: SOURCE, slug: 'lib__grade', tests: [TEST] };
const CHECKED = groupPaths(GROUP, true);
const UNCHECKED = groupPaths(GROUP, false);

const SOURCE_TEXT = `/** The grade of a score: a pass from 50 up. */
export function grade(score: number): 'pass' | 'fail' {
  return score >= 50 ? 'pass' : 'fail';
}
`;

/**
 * The mirrored test: one case on each side of 50, none at 50, so the mutant `score > 50` survives.
 * `low` is the score of the second case; `expectLow` what it expects (a wrong one fails the dry run).
 * Every test appends `__STRYKER_ACTIVE_MUTANT__` (set by the jest runner for a mutant run) to `probe`.
 */
function testText(probe: string, low: number, expectLow = 'fail'): string {
  return `import { appendFileSync } from 'fs';
import { grade } from '../../lib/grade';

const probe = (): void => appendFileSync(${JSON.stringify(probe)}, \`\${process.env.__STRYKER_ACTIVE_MUTANT__ ?? 'dry'}\\n\`);

test('70 passes', () => {
  probe();
  expect(grade(70)).toBe('pass');
});

test('${low} fails', () => {
  probe();
  expect(grade(${low})).toBe('${expectLow}');
});
`;
}

const JEST_CONFIG = `module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\\\.ts$': ['ts-jest', { diagnostics: false }] },
  cacheDirectory: '<rootDir>/.tmp/jest-cache',
};
`;

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022', module: 'commonjs', moduleResolution: 'node10', ignoreDeprecations: '6.0', lib: ['ES2022'],
    types: ['node', 'jest'], strict: true, noImplicitReturns: true, esModuleInterop: true, skipLibCheck: true,
    isolatedModules: true, noEmit: true, rootDir: '.',
  },
  include: ['lib/**/*.ts', 'test/**/*.ts'],
};

let root: string;
let probeFile: string;

function write(rel: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
}

const read = (rel: string): string => fs.readFileSync(path.join(root, rel), 'utf8');
const exists = (rel: string): boolean => fs.existsSync(path.join(root, rel));

/** The mutant ids the mirrored test ran for since the last call (the dry run's `dry` left out). */
function mutantsRun(): string[] {
  const ids = fs.existsSync(probeFile) ? fs.readFileSync(probeFile, 'utf8').split('\n').filter((l) => l !== '' && l !== 'dry') : [];
  fs.rmSync(probeFile, { force: true });
  return [...new Set(ids)].sort((a, b) => Number(a) - Number(b));
}

interface Run { readonly code?: number; readonly error?: Error; readonly lines: string[]; readonly seconds: number }

/**
 * `runMutation` on the project with `args` over quick defaults: no type checker, one Stryker
 * process (the command line asks for two; one is enough for seven mutants and faster on two cores).
 * A thrown error is returned, with the lines printed before it.
 */
function run(args: Partial<MutationArgs>): Run {
  const lines: string[] = [];
  const started = Date.now();
  const full: MutationArgs = { only: [], concurrency: 1, verbose: false, strict: false, check: false, force: false, ...args };
  try {
    const code = runMutation(root, full, (l) => lines.push(l));
    return { code, lines, seconds: (Date.now() - started) / 1000 };
  } catch (e) {
    return { error: e as Error, lines, seconds: (Date.now() - started) / 1000 };
  }
}

/** The per-file line of `r`, with its seconds replaced by `N`. */
function passLine(r: Run): string {
  const line = r.lines.find((l) => l.startsWith(`${SOURCE}: `));
  if (line === undefined) throw new Error(`no line for ${SOURCE} in:\n${r.lines.join('\n')}`);
  return line.replace(/ in \d+ s,/, ' in N s,');
}

function fingerprintNow(): string {
  return testSideFingerprint(SOURCE, [TEST], (f) => (exists(f) ? read(f) : undefined));
}

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'mutation-e2e-'));
  probeFile = path.join(root, '.tmp', 'probe.log');
  const base = JSON.parse(fs.readFileSync(path.join(REPO, 'stryker.config.json'), 'utf8')) as Record<string, unknown>;
  write('stryker.config.json', JSON.stringify({ ...base, mutate: [SOURCE] }, null, 2));
  write('jest.config.js', JEST_CONFIG);
  write('tsconfig.json', JSON.stringify(TSCONFIG, null, 2));
  write(SOURCE, SOURCE_TEXT);
  write(TEST, testText(probeFile, 10));
  fs.mkdirSync(path.join(root, '.tmp'), { recursive: true });
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(root, 'node_modules'), 'dir');
});

afterAll(() => {
  if (root !== undefined) fs.rmSync(root, { recursive: true, force: true });
});

const UNCHECKED_LINE = `${SOURCE}: 7 mutants (6 Killed, 1 Survived) in N s, 1 test file(s)`;
const UNCHECKED_MISS = `mutation: MISS 1 of 1 files under 90%: ${SOURCE} (85.7%)`;
let firstMutants: string[] = [];
let firstSeconds = 0;

test('--no-check, first pass: every mutant runs, the unchecked report and fingerprint are written, report.json is not', () => {
  const r = run({ strict: true });
  expect(r.error).toBeUndefined();
  expect(passLine(r)).toBe(UNCHECKED_LINE);
  expect(r.lines).toContain('mutation: without the type checker (--no-check): mutants that do not compile count too, and these figures stay out of the report');
  expect(r.lines).toContain(`| ${SOURCE} | 85.7% | >= 90% | **MISS** | 6 | 0 | 0 | 1 | 0 | 0 |`);
  expect(r.lines[r.lines.length - 1]).toBe(UNCHECKED_MISS);
  expect(r.code).toBe(1); // --strict and a file under the target
  firstMutants = mutantsRun();
  expect(firstMutants).toHaveLength(7);
  firstSeconds = r.seconds;

  const unchecked = JSON.parse(read('.tmp/mutation/unchecked-report.json')) as { files: Record<string, { mutants: { status: string; mutatorName: string }[] }> };
  expect(Object.keys(unchecked.files)).toEqual([SOURCE]);
  expect(unchecked.files[SOURCE].mutants.filter((m) => m.status === 'Survived').map((m) => m.mutatorName)).toEqual(['EqualityOperator']);
  expect(exists('.tmp/mutation/report.json')).toBe(false);
  expect(exists(UNCHECKED.incremental)).toBe(true);
  expect(read(`${UNCHECKED.incremental}.tests`)).toBe(fingerprintNow());
  expect(exists(UNCHECKED.log)).toBe(true);
  // Stryker's sandbox lived inside the project and is gone after the pass.
  expect(fs.readdirSync(path.join(root, '.tmp/stryker-tmp'))).toEqual([]);
  expect(exists('.stryker-tmp')).toBe(false);
});

test('--no-check, second pass: the incremental results are reused (no mutant runs), same figures, exit 0 without --strict', () => {
  const r = run({});
  expect(r.error).toBeUndefined();
  expect(passLine(r)).toBe(UNCHECKED_LINE);
  expect(r.lines[r.lines.length - 1]).toBe(UNCHECKED_MISS);
  expect(r.code).toBe(0);
  expect(mutantsRun()).toEqual([]);
  console.log(`mutation e2e: first pass ${firstSeconds.toFixed(1)} s, incremental pass ${r.seconds.toFixed(1)} s`);
});

test('a change to the test file makes the pass start over (fingerprint): every mutant runs again, not only those the changed test covers', () => {
  // Control: with the fingerprint forged to match, Stryker's own incremental diff reruns only the
  // mutants the changed test covers (3 of 7 when measured), so the restart below is the fingerprint's.
  write(TEST, testText(probeFile, 20));
  fs.writeFileSync(path.join(root, `${UNCHECKED.incremental}.tests`), fingerprintNow());
  const control = run({});
  expect(control.error).toBeUndefined();
  const rerunByStryker = mutantsRun();
  expect(rerunByStryker.length).toBeGreaterThan(0);
  expect(rerunByStryker.length).toBeLessThan(firstMutants.length);

  const before = read(`${UNCHECKED.incremental}.tests`);
  write(TEST, testText(probeFile, 30));
  const r = run({});
  expect(r.error).toBeUndefined();
  expect(passLine(r)).toBe(UNCHECKED_LINE);
  expect(mutantsRun()).toEqual(firstMutants);
  const after = read(`${UNCHECKED.incremental}.tests`);
  expect(after).not.toBe(before);
  expect(after).toBe(fingerprintNow());
});

test('with the type checker: mutants that do not compile are left out, report.json holds the file, the unchecked figures stay out', () => {
  const unchecked = read('.tmp/mutation/unchecked-report.json');
  const r = run({ check: true, strict: true });
  expect(r.error).toBeUndefined();
  expect(passLine(r)).toMatch(new RegExp(`^${SOURCE}: \\d+ mutants \\(\\d+ CompileError, 3 Killed, 1 Survived\\) in N s, 1 test file\\(s\\)$`));
  expect(r.lines).toContain(`| ${SOURCE} | 75.0% | >= 90% | **MISS** | 3 | 0 | 0 | 1 | 0 | 3 |`);
  expect(r.lines[r.lines.length - 1]).toBe(`mutation: MISS 1 of 1 files under 90%: ${SOURCE} (75.0%)`);
  expect(r.code).toBe(1);
  const report = JSON.parse(read('.tmp/mutation/report.json')) as { thresholds: unknown; files: Record<string, { mutants: { status: string }[] }> };
  expect(report.thresholds).toEqual({ high: 90, low: 90 });
  expect(Object.keys(report.files)).toEqual([SOURCE]);
  expect(report.files[SOURCE].mutants.filter((m) => m.status === 'CompileError')).toHaveLength(3);
  expect(read(`${CHECKED.incremental}.tests`)).toBe(fingerprintNow());
  expect(read('.tmp/mutation/unchecked-report.json')).toBe(unchecked);
  mutantsRun();
});

test('a Stryker failure (a test that fails without any mutant) is an error naming the file and the log', () => {
  const report = read('.tmp/mutation/report.json');
  const fingerprint = read(`${UNCHECKED.incremental}.tests`);
  write(TEST, testText(probeFile, 10, 'pass'));
  const r = run({});
  expect(r.error?.message).toBe(`Stryker failed for ${SOURCE} (log: ${UNCHECKED.log}); the log says why`);
  // The report of the last good pass is gone: its figures are not this pass's.
  expect(passLine(r)).toBe(`${SOURCE}: no report in N s, 1 test file(s); Stryker failed, see ${UNCHECKED.log}`);
  expect(JSON.parse(read('.tmp/mutation/unchecked-report.json'))).toEqual({ files: {} });
  const log = read(UNCHECKED.log);
  expect(log).toContain('There were failed tests in the initial test run.');
  expect(log).toContain('10 fails');
  // Stryker's sandbox is inside the project it was given, never the repository or the system temp folder.
  expect(log).toContain(path.join(fs.realpathSync(root), '.tmp/stryker-tmp/unchecked-lib__grade/sandbox-'));
  // No fingerprint of the failed pass, and the checked report is untouched.
  expect(read(`${UNCHECKED.incremental}.tests`)).toBe(fingerprint);
  expect(read('.tmp/mutation/report.json')).toBe(report);
});
