/** Runs a script of scripts/ as a process, as npm runs it, with only PATH and HOME in its environment. */
import { spawnSync } from 'child_process';
import type { SpawnSyncReturns } from 'child_process';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');

/** `tsx scripts/<script>.ts ...args` in the repository root. */
export function runScript(script: string, ...args: string[]): SpawnSyncReturns<string> {
  return spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [`scripts/${script}.ts`, ...args], {
    cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
  });
}
