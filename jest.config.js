/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // Type checking is done once by `npm run typecheck`; jest only transpiles, file by file
    // (ts-jest transpiles each file alone because tsconfig.json sets isolatedModules).
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
  },
  testTimeout: 60000,
  // Temp files of a run go to .tmp/jest-tmp/run-*, removed at the end (test/support/jest-temp.ts);
  // jest's own cache lives there too, so a run leaves nothing in the system temp folder.
  globalSetup: '<rootDir>/test/support/jest-global-setup.ts',
  globalTeardown: '<rootDir>/test/support/jest-global-teardown.ts',
  cacheDirectory: '<rootDir>/.tmp/jest-cache',
  // Synth in tests prints no per-asset bundling lines (test/support/jest-setup-quiet.ts).
  setupFiles: ['<rootDir>/test/support/jest-setup-quiet.ts'],
};
