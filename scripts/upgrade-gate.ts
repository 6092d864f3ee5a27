/**
 * `npm run upgrade-gate [-- --update]`: fails when the app would replace or remove a guarded
 * resource of a deployed environment. See lib/upgrade/cli.ts.
 */
import { runUpgradeGate } from '../lib/upgrade/cli';

process.exitCode = runUpgradeGate(process.argv.slice(2), {
  root: process.cwd(),
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
});
