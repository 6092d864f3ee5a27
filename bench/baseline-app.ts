/**
 * The synth baseline: a minimal CDK app of three trivial stacks (one SQS queue each, as in the
 * `cdk init` sample app). `npm run bench -- synth` synthesizes it through the same CLI, the same
 * `npx tsx` process model and the same `cdk.json` context as the real app, interleaved with it,
 * so the whole-app synth is reported as a ratio that survives a slow or busy machine.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';

/** Names of the baseline's stacks. */
export const BASELINE_STACKS = ['BaselineOne', 'BaselineTwo', 'BaselineThree'] as const;

/** The baseline app: three environment-agnostic stacks of one queue each (no lookups, no assets). */
export function buildBaselineApp(app = new App()): App {
  for (const name of BASELINE_STACKS) {
    new Queue(new Stack(app, name), 'Queue');
  }
  return app;
}

if (require.main === module) {
  buildBaselineApp().synth();
}
