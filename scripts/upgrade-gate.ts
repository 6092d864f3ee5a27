/**
 * `npm run upgrade-gate [-- --update]`: fails when the app would replace or remove a guarded
 * resource of a deployed environment. See lib/upgrade/cli.ts.
 */
import { runEntryPoint } from '../lib/cli/entry-point';

void runEntryPoint('upgrade-gate', async () => {
  const { GATE_USAGE, GateExit, runUpgradeGate } = await import('../lib/upgrade/cli');
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${GATE_USAGE}\n`);
    return GateExit.passed;
  }
  return runUpgradeGate(args, {
    root: process.cwd(),
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
  });
});
