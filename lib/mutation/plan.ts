/**
 * Which tests pin which file in `npm run mutation`, and the Stryker pass of each file. Pure.
 *
 * One Stryker pass per mutated file, with only that file's own tests: the tests that mirror it
 * (`test/<dir>/<name>.test.ts` and `test/<dir>/<name>-*.test.ts`) plus the ones
 * `test/mutation/extra-tests.json` adds. A mutant then runs a handful of small test files
 * instead of every test that happens to reach it (the first full run, with all tests, took
 * 6.5 s per mutant: the property tests load for every ARN mutant), and the TypeScript checker
 * compiles a program of that file and its tests, not the whole project of 500 files.
 */

/** The settings of stryker.config.json that a per-file pass starts from. */
export interface StrykerBaseConfig {
  readonly mutate: readonly string[];
  readonly jest?: { readonly config?: Record<string, unknown> } & Record<string, unknown>;
  readonly [key: string]: unknown;
}

/** One Stryker pass: a mutated file and the test files that must kill its mutants. */
export interface MutationGroup {
  readonly file: string;
  /** File-system-safe name of the pass (its config, log, report and incremental file). */
  readonly slug: string;
  readonly tests: readonly string[];
}

/** Tests never used to kill mutants: they run a subprocess (the Go oracle), not the mutated code. */
export const NEVER_MUTATION_TESTS = /authenticator-oracle/;

/** Where a pass writes, under the project's `.tmp`. */
export const MUTATION_DIR = '.tmp/mutation';

function posix(p: string): string {
  return p.split('\\').join('/');
}

function matches(pattern: string, file: string): boolean {
  const star = pattern.indexOf('/**/*');
  if (star >= 0) {
    const dir = pattern.slice(0, star + 1);
    const ext = pattern.slice(star + '/**/*'.length);
    return file.startsWith(dir) && file.endsWith(ext);
  }
  if (/[*?[{]/.test(pattern)) throw new Error(`stryker.config.json mutate pattern "${pattern}" is not supported by npm run mutation; use a file path, "dir/**/*.ts" or "!file"`);
  return file === pattern;
}

/**
 * The files of `allFiles` (project-relative, `/`-separated) that the `mutate` patterns select:
 * a path, `dir/**\/*.ext`, or `!` before either to leave files out. Sorted.
 */
export function selectMutated(patterns: readonly string[], allFiles: readonly string[]): string[] {
  const include = patterns.filter((p) => !p.startsWith('!'));
  const exclude = patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1));
  return allFiles.map(posix)
    .filter((f) => include.some((p) => matches(p, f)) && !exclude.some((p) => matches(p, f)))
    .sort();
}

/** The test files that mirror `file`: `test/<dir>/<name>.test.ts` and `test/<dir>/<name>-*.test.ts`. */
export function mirrorTests(file: string, testFiles: readonly string[]): string[] {
  const withoutExt = posix(file).replace(/\.ts$/, '');
  const exact = `test/${withoutExt}.test.ts`;
  const prefix = `test/${withoutExt}-`;
  return testFiles.map(posix).filter((t) => t === exact || (t.startsWith(prefix) && t.endsWith('.test.ts') && !t.slice(prefix.length).includes('/')));
}

/** `lib/k8s/rbac.ts` -> `lib__k8s__rbac`. */
export function groupSlug(file: string): string {
  return posix(file).replace(/\.ts$/, '').split('/').join('__');
}

/**
 * The pass of every mutated file. `extraTests` maps a file to more test files that pin it; each
 * must exist. A file with no test at all is an error that names it and the fix.
 */
export function planGroups(mutated: readonly string[], testFiles: readonly string[], extraTests: Readonly<Record<string, readonly string[]>>): MutationGroup[] {
  const known = new Set(testFiles.map(posix));
  for (const [file, extras] of Object.entries(extraTests)) {
    if (!mutated.includes(file)) throw new Error(`test/mutation/extra-tests.json lists "${file}", which is not a mutated file; remove it or fix the path`);
    for (const t of extras) if (!known.has(t)) throw new Error(`test/mutation/extra-tests.json lists test "${t}" for ${file}, which does not exist; fix the path`);
  }
  const groups = mutated.map((file) => {
    const tests = [...new Set([...mirrorTests(file, testFiles), ...(extraTests[file] ?? [])])]
      .filter((t) => !NEVER_MUTATION_TESTS.test(t)).sort();
    return { file, slug: groupSlug(file), tests };
  });
  const untested = groups.filter((g) => g.tests.length === 0).map((g) => g.file);
  if (untested.length > 0) throw new Error(`${untested.length === 1 ? 'a mutated file has' : `${untested.length} mutated files have`} no test: ${untested.join(', ')}; write test/<same path>.test.ts for each, or list the tests that pin it in test/mutation/extra-tests.json`);
  return groups;
}

/** The TypeScript project the checker compiles for a pass: the file and its tests, nothing else. */
export function groupTsconfig(group: MutationGroup, baseTsconfig: string, fromDir: string): Record<string, unknown> {
  const up = fromDir.split('/').filter(Boolean).map(() => '..').join('/');
  return { extends: `${up}/${baseTsconfig}`, include: [], files: [group.file, ...group.tests].map((f) => `${up}/${f}`) };
}

/**
 * Where the pass of `group` keeps its files. A pass without the type checker (`check` false, for
 * a quick look while writing tests) keeps its own, so its results never mix with a checked run's.
 */
export function groupPaths(group: MutationGroup, check = true): { dir: string; config: string; tsconfig: string; report: string; incremental: string; log: string } {
  const dir = `${MUTATION_DIR}/${check ? 'passes' : 'unchecked'}/${group.slug}`;
  return {
    dir,
    config: `${dir}/stryker.config.json`,
    tsconfig: `${dir}/tsconfig.json`,
    report: `${dir}/report.json`,
    incremental: `${MUTATION_DIR}/${check ? 'incremental' : 'unchecked-incremental'}/${group.slug}.json`,
    log: `${dir}/stryker.log`,
  };
}

/** The Stryker options of the pass of `group`, from the base config. */
export function groupConfig(base: StrykerBaseConfig, group: MutationGroup, options: { readonly concurrency: number; readonly verbose: boolean; readonly check: boolean }): Record<string, unknown> {
  const paths = groupPaths(group, options.check);
  const rest = Object.fromEntries(Object.entries(base).filter(([k]) => !['$schema', '_comment', 'mutate'].includes(k)));
  const jest = (base.jest ?? {}) as Record<string, unknown>;
  const jestConfig = (jest.config ?? {}) as Record<string, unknown>;
  return {
    ...rest,
    mutate: [group.file],
    jest: { ...jest, config: { ...jestConfig, testMatch: group.tests.map((t) => `<rootDir>/${t}`) } },
    tsconfigFile: paths.tsconfig,
    ...(options.check ? {} : { checkers: [] }),
    incremental: true,
    incrementalFile: paths.incremental,
    tempDirName: `.tmp/stryker-tmp/${options.check ? '' : 'unchecked-'}${group.slug}`,
    reporters: options.verbose ? ['clear-text', 'progress', 'json'] : ['json'],
    jsonReporter: { fileName: paths.report },
    concurrency: options.concurrency,
    logLevel: options.verbose ? 'info' : 'warn',
  };
}
