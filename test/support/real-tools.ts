/**
 * Gate for tests that drive real clients (kubectl, awscli). In CI (CI=true) a missing tool is
 * an error, so the suite cannot pass without running them; elsewhere the block is skipped
 * with a message naming the Debian package to install.
 */
import { spawnSync } from 'node:child_process';

/** Whether `command` is on PATH; throws in CI when it is not. */
export function requireTool(command: string, debianPackage: string): boolean {
  const found = spawnSync('sh', ['-c', 'command -v "$1"', 'sh', command], { stdio: 'ignore' }).status === 0;
  if (found) {
    return true;
  }
  const message = `${command} not found on PATH (Debian package: ${debianPackage})`;
  if (process.env.CI === 'true') {
    throw new Error(`${message}; CI must install it, these tests may not be skipped there`);
  }
  console.warn(`SKIPPING real-client tests: ${message}`);
  return false;
}

/** `describe` when the tool is present, `describe.skip` otherwise (never skipped in CI). */
export function describeWithTool(command: string, debianPackage: string): jest.Describe {
  return requireTool(command, debianPackage) ? describe : describe.skip;
}
