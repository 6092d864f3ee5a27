/** A pipeline config of the user's own, without a single placeholder: shared by the placeholder tests. */
import { PIPELINE } from '../../../lib/config/pipeline';
import type { PipelineConfig } from '../../../lib/config/pipeline';

/** The user's own tooling account (not the test environment's: the pipeline is cross-account as shipped). */
export const OWN_TOOLING_ACCOUNT = '210987654321';

/** A connection in the own tooling account, with an id of its own. */
export const OWN_CONNECTION_ARN = `arn:aws:codeconnections:eu-west-1:${OWN_TOOLING_ACCOUNT}:connection/3f2c1d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f`;

/** The shipped pipeline with own tooling account, repository, connection and review repository. */
export const OWN_PIPELINE: PipelineConfig = {
  ...PIPELINE,
  account: OWN_TOOLING_ACCOUNT,
  source: { kind: 'connection', repository: 'acme/platform', branch: 'main', connectionArn: OWN_CONNECTION_ARN },
  pullRequestDiff: { githubRepository: 'acme/platform' },
};
