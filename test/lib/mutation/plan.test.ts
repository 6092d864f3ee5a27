/**
 * The passes of `npm run mutation`: which files are mutated, which tests pin each, and the
 * Stryker options and TypeScript program of a pass.
 */
import { groupConfig, groupPaths, groupSlug, groupTsconfig, mirrorTests, planGroups, selectMutated } from '../../../lib/mutation/plan';
import type { StrykerBaseConfig } from '../../../lib/mutation/plan';

const FILES = [
  'lambda/aws-auth/core/arn.ts', 'lambda/aws-auth/core/index.ts', 'lambda/aws-auth/core/types.ts',
  'lambda/aws-auth/core/deep/x.ts', 'lambda/aws-auth/core/notes.md', 'lambda/aws-auth/index.ts',
  'lib/config/validate.ts', 'lib/config/validate-extra.ts', 'lib/k8s/rbac.ts',
];

describe('selectMutated', () => {
  test('a dir/**/*.ts pattern takes every .ts below the folder; ! leaves out; a path takes that file; sorted', () => {
    expect(selectMutated(['lib/k8s/**/*.ts', 'lambda/aws-auth/core/**/*.ts', '!lambda/aws-auth/core/index.ts', '!lambda/aws-auth/core/types.ts', 'lib/config/validate.ts'], FILES))
      .toEqual(['lambda/aws-auth/core/arn.ts', 'lambda/aws-auth/core/deep/x.ts', 'lib/config/validate.ts', 'lib/k8s/rbac.ts']);
  });

  test('an exclusion can be a folder pattern; Windows separators are read as /', () => {
    expect(selectMutated(['lambda/**/*.ts', '!lambda/aws-auth/core/**/*.ts'], FILES.map((f) => f.split('/').join('\\'))))
      .toEqual(['lambda/aws-auth/index.ts']);
  });

  test('a glob the runner cannot read is an error naming it and the forms it reads', () => {
    expect(() => selectMutated(['lib/*.ts'], FILES)).toThrow('stryker.config.json mutate pattern "lib/*.ts" is not supported by npm run mutation; use a file path, "dir/**/*.ts" or "!file"');
    expect(() => selectMutated(['lib/{a,b}.ts'], FILES)).toThrow('"lib/{a,b}.ts" is not supported');
  });
});

describe('mirrorTests', () => {
  const TESTS = [
    'test/lib/k8s/rbac.test.ts', 'test/lib/k8s/rbac-verbs.test.ts', 'test/lib/k8s/rbacish.test.ts',
    'test/lib/k8s/rbac-x/deep.test.ts', 'test/lib/k8s/rbac-fixture.ts', 'test/lib/rbac.test.ts',
  ];

  test('the file\'s test and its -topic tests in the mirrored folder, nothing that only shares a prefix', () => {
    expect(mirrorTests('lib/k8s/rbac.ts', TESTS)).toEqual(['test/lib/k8s/rbac.test.ts', 'test/lib/k8s/rbac-verbs.test.ts']);
  });

  test('no mirrored test, no tests', () => {
    expect(mirrorTests('lib/k8s/groups.ts', TESTS)).toEqual([]);
  });
});

describe('planGroups', () => {
  const TESTS = ['test/lib/k8s/rbac.test.ts', 'test/lib/k8s/invariants.test.ts', 'test/lambda/aws-auth/core/arn.test.ts', 'test/lambda/aws-auth/core/arn-authenticator-oracle.test.ts'];

  test('mirrored tests plus the listed extras, once each, sorted; oracle tests never pin a file', () => {
    expect(planGroups(['lambda/aws-auth/core/arn.ts', 'lib/k8s/rbac.ts'], TESTS, { 'lib/k8s/rbac.ts': ['test/lib/k8s/invariants.test.ts', 'test/lib/k8s/rbac.test.ts'] })).toEqual([
      { file: 'lambda/aws-auth/core/arn.ts', slug: 'lambda__aws-auth__core__arn', tests: ['test/lambda/aws-auth/core/arn.test.ts'] },
      { file: 'lib/k8s/rbac.ts', slug: 'lib__k8s__rbac', tests: ['test/lib/k8s/invariants.test.ts', 'test/lib/k8s/rbac.test.ts'] },
    ]);
  });

  test('every file without a test is named in one error with the fix', () => {
    expect(() => planGroups(['lib/k8s/groups.ts', 'lib/k8s/rbac.ts', 'lib/k8s/manifest.ts'], TESTS, {}))
      .toThrow('2 mutated files have no test: lib/k8s/groups.ts, lib/k8s/manifest.ts; write test/<same path>.test.ts for each, or list the tests that pin it in test/mutation/extra-tests.json');
    expect(() => planGroups(['lib/k8s/groups.ts'], TESTS, {})).toThrow(/^a mutated file has no test: lib\/k8s\/groups.ts;/);
  });

  test('an extra for a file that is not mutated, or a test that does not exist, is an error naming it', () => {
    expect(() => planGroups(['lib/k8s/rbac.ts'], TESTS, { 'lib/k8s/gone.ts': ['test/lib/k8s/rbac.test.ts'] }))
      .toThrow('test/mutation/extra-tests.json lists "lib/k8s/gone.ts", which is not a mutated file; remove it or fix the path');
    expect(() => planGroups(['lib/k8s/rbac.ts'], TESTS, { 'lib/k8s/rbac.ts': ['test/lib/k8s/typo.test.ts'] }))
      .toThrow('test/mutation/extra-tests.json lists test "test/lib/k8s/typo.test.ts" for lib/k8s/rbac.ts, which does not exist; fix the path');
  });
});

describe('a pass', () => {
  const group = { file: 'lib/k8s/rbac.ts', slug: groupSlug('lib/k8s/rbac.ts'), tests: ['test/lib/k8s/rbac.test.ts'] };
  const base: StrykerBaseConfig = {
    $schema: 'x', _comment: 'y', mutate: ['lib/**/*.ts'], testRunner: 'jest', timeoutMS: 10000, checkers: ['typescript'],
    jest: { projectType: 'custom', config: { testPathIgnorePatterns: ['/node_modules/'] } },
  };

  test('the checker compiles only the file and its tests, relative to the pass folder', () => {
    expect(groupTsconfig(group, 'tsconfig.json', groupPaths(group).dir)).toEqual({
      extends: '../../../../tsconfig.json', include: [], files: ['../../../../lib/k8s/rbac.ts', '../../../../test/lib/k8s/rbac.test.ts'],
    });
  });

  test('checked: the base settings, this file, these tests, its own program, incremental file and report', () => {
    expect(groupConfig(base, group, { concurrency: 4, verbose: false, check: true })).toEqual({
      testRunner: 'jest', timeoutMS: 10000, checkers: ['typescript'],
      mutate: ['lib/k8s/rbac.ts'],
      jest: { projectType: 'custom', config: { testPathIgnorePatterns: ['/node_modules/'], testMatch: ['<rootDir>/test/lib/k8s/rbac.test.ts'] } },
      tsconfigFile: '.tmp/mutation/passes/lib__k8s__rbac/tsconfig.json',
      incremental: true,
      incrementalFile: '.tmp/mutation/incremental/lib__k8s__rbac.json',
      tempDirName: '.tmp/stryker-tmp/lib__k8s__rbac',
      reporters: ['json'],
      jsonReporter: { fileName: '.tmp/mutation/passes/lib__k8s__rbac/report.json' },
      concurrency: 4,
      logLevel: 'warn',
    });
  });

  test('unchecked: no checker, and every output path apart from the checked ones', () => {
    const checked = groupConfig(base, group, { concurrency: 2, verbose: true, check: true });
    const unchecked = groupConfig(base, group, { concurrency: 2, verbose: true, check: false });
    expect(unchecked).toMatchObject({ checkers: [], reporters: ['clear-text', 'progress', 'json'], logLevel: 'info', concurrency: 2 });
    for (const key of ['incrementalFile', 'tempDirName'] as const) expect(unchecked[key]).not.toEqual(checked[key]);
    expect(unchecked.jsonReporter).not.toEqual(checked.jsonReporter);
    expect(groupPaths(group, false).report).toBe('.tmp/mutation/unchecked/lib__k8s__rbac/report.json');
  });
});
