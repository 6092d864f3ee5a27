/**
 * jest.config.js: ts-jest only transpiles, each file alone (tsconfig.json's isolatedModules; type
 * checking is `npm run typecheck`), and is configured without deprecated options, so a run prints
 * no ts-jest deprecation warning.
 */
import * as path from 'path';
import { ConfigSet } from 'ts-jest';

const ROOT = path.join(__dirname, '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const jestConfig = require(path.join(ROOT, 'jest.config.js')) as { transform: Record<string, [string, Record<string, unknown>]> };
const [transformer, tsJestOptions] = jestConfig.transform['^.+\\.ts$'];

/** ts-jest's resolved config for `options`, and what it wrote to stderr while resolving it. */
function resolve(options: Record<string, unknown>): { configSet: ConfigSet; stderr: string } {
  const written: string[] = [];
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  try {
    const configSet = new ConfigSet({ rootDir: ROOT, cwd: ROOT, globals: { 'ts-jest': options }, testMatch: [], testRegex: [], moduleFileExtensions: ['ts', 'js'], extensionsToTreatAsEsm: [] } as never);
    return { configSet, stderr: written.join('') };
  } finally {
    spy.mockRestore();
  }
}

test('ts-jest transpiles file by file, without type checking, because tsconfig.json sets isolatedModules', () => {
  expect(transformer).toBe('ts-jest');
  const { configSet } = resolve(tsJestOptions);
  expect(configSet.isolatedModules).toBe(true);
  expect(configSet.parsedTsConfig.options.isolatedModules).toBe(true);
  expect(tsJestOptions).toEqual({ diagnostics: false });
});

test('resolving the config prints no deprecation warning (the deprecated ts-jest option would)', () => {
  expect(resolve(tsJestOptions).stderr).toBe('');
  expect(resolve({ ...tsJestOptions, isolatedModules: true }).stderr).toMatch(/"isolatedModules" is deprecated/);
});

test('every test file synthesizes without the per-asset bundling lines (setupFiles)', () => {
  expect((jestConfig as { setupFiles?: string[] }).setupFiles).toContain('<rootDir>/test/support/jest-setup-quiet.ts');
});
