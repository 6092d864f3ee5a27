/**
 * Every test file synthesizes quietly: CDK's `Bundling asset <path>...` line, which aws-cdk-lib
 * writes straight to stderr for each bundled asset (jest does not capture it), is dropped as
 * `cdk synth --quiet` drops it (lib/synth/quiet.ts). Anything else a test prints still shows.
 */
import { silenceBundlingLines } from '../../lib/synth/quiet';

silenceBundlingLines(process.stderr);
