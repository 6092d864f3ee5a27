/**
 * The "add an environment" path is the README's annotated config example (there is no
 * generator): whoever copies it gets an environment that validates as it stands and creates its
 * cluster with `bootstrapCreatorAdmin: false`, so nobody holds undeclared cluster admin.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { EnvironmentConfig } from '../../../lib/config/types';
import { validateEnvironment } from '../../../lib/config/validate';
import { Groups } from '../../../lib/k8s/groups';

/** The code block that follows "An annotated example:" in README.md. */
function readmeExample(): string {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
  const match = /An annotated example:\s*```ts\n([\s\S]*?)\n```/.exec(readme);
  if (!match) throw new Error('README.md has no "An annotated example:" ```ts block');
  return match[1];
}

/** The example as a value: a plain object literal whose only free name is `Groups`. */
function evaluate(source: string): EnvironmentConfig {
  return new Function('Groups', `"use strict"; return (${source});`)(Groups) as EnvironmentConfig;
}

test('the README example is a new environment: bootstrapCreatorAdmin is written, and false', () => {
  const source = readmeExample();
  expect(source).toMatch(/^\s*bootstrapCreatorAdmin: false,/m);
  expect(evaluate(source).bootstrapCreatorAdmin).toBe(false);
});

test('the README example validates as written (admin roles trust explicit principals)', () => {
  expect(() => validateEnvironment(evaluate(readmeExample()))).not.toThrow();
});
