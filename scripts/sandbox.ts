/**
 * `npm run sandbox`: local stand-ins of one environment's EKS cluster, to try `plan`, `verify`
 * and the aws-auth handler without AWS (lib/sandbox/). Thin entry point: arguments and exit code.
 */
import { runSandboxCli } from '../lib/sandbox/cli';

runSandboxCli(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 1;
});
