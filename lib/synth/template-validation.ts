/**
 * Where CDK's CloudFormation template validation (its resource-schema checks, strict in this app
 * through the `@aws-cdk/core:validateAgainstDefaultRules` flag of cdk.json) runs: wherever a
 * template can reach CloudFormation, not in every synth. It takes about 1.3 s of this app's synth
 * on top of the 1.2 s its engine takes to start, for templates that only this app's code writes.
 * - `cdk deploy` (and any CLI command other than the ones below) validates, as does a synth
 *   outside the CLI (tests, `npm test`, which CI and the pipeline's synth step run before they
 *   synthesize);
 * - `cdk synth`, `cdk diff` and `cdk ls`, the commands people repeat while they edit config, skip it;
 * - `-c eks-access:validate-templates=true` (or `=false`) decides for any command.
 */

/** Context key that turns the validation on (`true`) or off (`false`) for one CLI run. */
export const VALIDATE_TEMPLATES_CONTEXT = 'eks-access:validate-templates';

/** CLI commands that synthesize without validating the templates. */
export const UNVALIDATED_COMMANDS: readonly string[] = ['synth', 'synthesize', 'diff', 'ls', 'list'];

/** A context value the synth cannot use; printed as its sentence (lib/synth/errors.ts). */
export class SynthOptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SynthOptionError';
  }
}

/**
 * Whether this synth validates its templates: the context value when set (`true`/`false`, as a
 * boolean or the CLI's string), else by the CLI command in `cliArgs` (the CLI's arguments after
 * its entry, undefined outside the CLI: then it validates). The command is the first argument
 * that is not an option, so an option's value before it (`--profile x synth`) validates: the
 * safe side.
 * @throws SynthOptionError naming the key and the value when the context holds anything else.
 */
export function validatesTemplates(context: unknown, cliArgs: readonly string[] | undefined): boolean {
  if (context === true || context === 'true') return true;
  if (context === false || context === 'false') return false;
  if (context !== undefined) {
    throw new SynthOptionError(`Context ${VALIDATE_TEMPLATES_CONTEXT} is ${JSON.stringify(context)}: use true or false (cdk synth -c ${VALIDATE_TEMPLATES_CONTEXT}=true), or leave it out to validate on deploy only.`);
  }
  const command = cliArgs?.find((a) => !a.startsWith('-'));
  return command === undefined || !UNVALIDATED_COMMANDS.includes(command);
}
