/**
 * `npm run access-report -- --base <git ref | cloud assembly dir> [--head <dir>]`: the access
 * changes between two synthesized cloud assemblies, as Markdown or JSON. See lib/report/cli.ts.
 */
import { runEntryPoint } from '../lib/cli/entry-point';

void runEntryPoint('access-report', async () => (await import('../lib/report/cli')).runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}));
