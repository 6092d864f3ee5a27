/**
 * When a pass's incremental results can no longer be trusted. Stryker's incremental mode diffs
 * the mutated file and the tests that cover each mutant, but a static mutant (one in a module-level
 * constant) has no per-test coverage, so Stryker keeps its old "Survived" even after a new test
 * kills it; and a change in a test helper, or in a module the mutated file imports, is no change
 * Stryker looks at. So each pass records a fingerprint of everything but the mutated file itself
 * (which Stryker diffs mutant by mutant): the list of its test files and the content of every
 * project file they reach through relative imports, transitively. A different fingerprint drops
 * the pass's incremental file. Pure but for the `read` it is given.
 */
import { createHash } from 'crypto';
import * as path from 'path';

/** The relative module specifiers a TypeScript file imports or re-exports (static forms only). */
export function relativeImports(text: string): string[] {
  const out: string[] = [];
  const re = /(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|(?:^|[\s;(])(?:import|require)\s*\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)|(?:^|[\s;])import\s*['"](\.{1,2}\/[^'"]+)['"]/g;
  for (const m of text.matchAll(re)) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

/**
 * The files a pass depends on: its tests and every project file they reach through relative
 * imports (never outside the project), sorted. `read` returns a file's text, or undefined when
 * it does not exist.
 */
export function testSideFiles(tests: readonly string[], read: (file: string) => string | undefined): string[] {
  const seen = new Set<string>();
  const queue = [...tests];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    const text = read(file);
    if (text === undefined) continue;
    seen.add(file);
    for (const spec of relativeImports(text)) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
      if (target.startsWith('../') || target === '..') continue;
      const found = [target, `${target}.ts`, `${target}/index.ts`].find((c) => /\.(ts|json)$/.test(c) && read(c) !== undefined);
      if (found) queue.push(found);
    }
  }
  return [...seen].sort();
}

/** The fingerprint of a pass: sha256 over each file's name and content, `mutated` left out. */
export function testSideFingerprint(mutated: string, tests: readonly string[], read: (file: string) => string | undefined): string {
  const hash = createHash('sha256');
  hash.update(`tests:${[...tests].sort().join('\n')}\n`);
  for (const file of testSideFiles(tests, read)) if (file !== mutated) hash.update(`${file}\n${read(file) ?? ''}\n`);
  return hash.digest('hex');
}
