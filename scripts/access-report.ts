/**
 * `npm run access-report -- --base <git ref | cloud assembly dir> [--head <dir>]`: the access
 * changes between two synthesized cloud assemblies, as Markdown. See lib/report/cli.ts.
 */
import { runCli } from '../lib/report/cli';

process.exitCode = runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
