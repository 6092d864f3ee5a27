/**
 * A pass starts over when anything but its mutated file changed: a test, a helper a test
 * imports (transitively), a module the code imports, or the list of its tests.
 */
import { relativeImports, testSideFiles, testSideFingerprint } from '../../../lib/mutation/fingerprint';

const PROJECT: Record<string, string> = {
  'test/lib/a.test.ts': "import { x } from '../../lib/a';\nimport { f } from './fixtures';\nimport * as fs from 'fs';\n",
  'test/lib/fixtures.ts': "export { g } from '../support/deep';\nconst j = require('./data.json');\n",
  'test/support/deep.ts': "import '../../lib/side-effect';\nexport const g = 1;\n",
  'test/lib/data.json': '{}',
  'lib/a.ts': "import { b } from './b';\nexport const x = b;\n",
  'lib/b.ts': 'export const b = 1;\n',
  'lib/side-effect.ts': "import { y } from '../../outside/y';\n",
};
const read = (project: Record<string, string>) => (f: string): string | undefined => project[f];

test('relative imports, re-exports, requires and side-effect imports; package imports are not followed', () => {
  expect(relativeImports("import a from './a';\nimport type { B } from \"../b\";\nexport * from './c';\nimport './d';\nconst e = require('./e.json');\nawait import('./f');\nimport * as fs from 'fs';"))
    .toEqual(['./a', '../b', './c', './d', './e.json', './f']);
});

test('the files of a pass: its tests and everything they reach inside the project, sorted', () => {
  expect(testSideFiles(['test/lib/a.test.ts'], read(PROJECT))).toEqual([
    'lib/a.ts', 'lib/b.ts', 'lib/side-effect.ts', 'test/lib/a.test.ts', 'test/lib/data.json', 'test/lib/fixtures.ts', 'test/support/deep.ts',
  ]);
});

test('the fingerprint changes with a test, a helper, a dependency or the list of tests, not with the mutated file', () => {
  const base = testSideFingerprint('lib/a.ts', ['test/lib/a.test.ts'], read(PROJECT));
  expect(testSideFingerprint('lib/a.ts', ['test/lib/a.test.ts'], read(PROJECT))).toBe(base);
  expect(testSideFingerprint('lib/a.ts', ['test/lib/a.test.ts'], read({ ...PROJECT, 'lib/a.ts': "import { b } from './b';\nexport const x = b + 1;\n" }))).toBe(base);
  for (const file of ['test/lib/a.test.ts', 'test/support/deep.ts', 'test/lib/data.json', 'lib/b.ts']) {
    expect(testSideFingerprint('lib/a.ts', ['test/lib/a.test.ts'], read({ ...PROJECT, [file]: `${PROJECT[file]} ` }))).not.toBe(base);
  }
  expect(testSideFingerprint('lib/a.ts', ['test/lib/a.test.ts', 'test/lib/none.test.ts'], read(PROJECT))).not.toBe(base);
});
