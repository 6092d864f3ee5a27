import { SYNTH_PATH, synthPathChanges } from '../../../lib/ci/synth-path';

test.each([
  [['lib/config/environments.ts', 'README.md'], []],
  [['.github/workflows/pr-synth.yml', 'lib/app.ts'], ['.github/workflows/pr-synth.yml']],
  [['.github/CODEOWNERS'], ['.github/CODEOWNERS']],
  [['cdk.json', 'package.json', 'package-lock.json', '.npmrc'], ['cdk.json', 'package.json', 'package-lock.json', '.npmrc']],
  // Only the root files: a package.json elsewhere is not the one npm ci reads.
  [['lambda/package.json', 'docs/cdk.json', 'x.github/y'], []],
])('%j -> %j', (files, expected) => {
  expect(synthPathChanges(files)).toEqual(expected);
});

test('covers the workflows, the CLI config and the dependencies', () => {
  expect(SYNTH_PATH).toEqual(['.github/', 'cdk.json', 'package.json', 'package-lock.json', '.npmrc']);
});
