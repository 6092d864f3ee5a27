/**
 * `npm run mutation`: StrykerJS, one pass per mutated file with that file's own tests, then the
 * per-file score table (lib/mutation/run.ts). See README "Mutation testing".
 *
 *   npm run mutation [-- --only <path part>...] [--concurrency N] [--no-check] [--force] [--verbose] [--strict]
 */
import { runEntryPoint } from '../lib/cli/entry-point';
import { parseMutationArgs, runMutation } from '../lib/mutation/run';

void runEntryPoint('mutation', async () => runMutation(process.cwd(), parseMutationArgs(process.argv.slice(2))));
