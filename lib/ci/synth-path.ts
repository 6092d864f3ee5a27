/**
 * The files that decide what the unprivileged synth workflow uploads, other than the app's own
 * code: the workflows (a pull request's copy of pr-synth.yml is the one that runs for it), the
 * CLI config (`cdk.json` names the command `cdk synth` runs) and the dependencies. A pull
 * request that changes one of them produced its artifact by its own rules, so the review
 * cannot vouch for it: the status is an error that a code owner's review and an administrator
 * must overrule. (Code under lib/ and bin/ can also behave differently in CI; that is what the
 * review of the code itself, CODEOWNERS and the pipeline's own synth on the default branch are for.) Pure.
 */

/** Paths (a trailing `/` means everything below) of the synth path. */
export const SYNTH_PATH = ['.github/', 'cdk.json', 'package.json', 'package-lock.json', '.npmrc'] as const;

/** The changed files that are on the synth path. */
export function synthPathChanges(files: readonly string[]): string[] {
  return files.filter((f) => SYNTH_PATH.some((p) => (p.endsWith('/') ? f.startsWith(p) : f === p)));
}
