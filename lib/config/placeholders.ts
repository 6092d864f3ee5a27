/**
 * The placeholder values the shipped config holds until a user puts in their own: the example
 * accounts, the example GitHub repository and the example CodeStar (CodeConnections) connection.
 * lib/config/environments.ts and lib/config/pipeline.ts use them by these names; everything that
 * must tell a placeholder from a real value (the deploy guard, lib/config/placeholder-uses.ts)
 * asks the recognizers below, which compare values, so a placeholder typed literally is still
 * recognised.
 *
 * Synth works with every placeholder (their availability zones are in cdk.context.json); a deploy
 * of a stack that still holds one fails before CloudFormation creates anything
 * (lib/constructs/placeholder-guard.ts).
 */

/** The example account of each shipped environment, and of the pipeline's tooling account. */
export const PLACEHOLDER_ACCOUNTS = {
  dev: '111111111111',
  staging: '222222222222',
  prod: '333333333333',
  pipeline: '444444444444',
} as const;

/** The example GitHub repository (`owner/name`) of the pipeline's source and the pull-request review. */
export const PLACEHOLDER_GITHUB_REPOSITORY = 'example-org/eks-access';

/** The connection id of the example connection: a UUID no connection is given. */
const PLACEHOLDER_CONNECTION_ID = '00000000-0000-4000-8000-000000000000';

/** The example connection ARN: in the placeholder tooling account and the pipeline's region. */
export const PLACEHOLDER_CONNECTION_ARN =
  `arn:aws:codeconnections:eu-west-1:${PLACEHOLDER_ACCOUNTS.pipeline}:connection/${PLACEHOLDER_CONNECTION_ID}`;

const ACCOUNTS: ReadonlySet<string> = new Set(Object.values(PLACEHOLDER_ACCOUNTS));

/** True for any of the placeholder account ids, whichever environment it stands in. */
export function isPlaceholderAccount(value: unknown): boolean {
  return typeof value === 'string' && ACCOUNTS.has(value);
}

/** True for the example repository (GitHub compares owner and name case-insensitively). */
export function isPlaceholderRepository(value: unknown): boolean {
  return typeof value === 'string' && value.toLowerCase() === PLACEHOLDER_GITHUB_REPOSITORY.toLowerCase();
}

/**
 * True for the example connection, and for any connection ARN in a placeholder account or with
 * the example connection id: none of them can be a connection the user created.
 */
export function isPlaceholderConnectionArn(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const m = /^arn:[^:]+:(?:codeconnections|codestar-connections):[^:]*:([^:]*):connection\/(.*)$/.exec(value);
  return value === PLACEHOLDER_CONNECTION_ARN || (m !== null && (isPlaceholderAccount(m[1]) || m[2] === PLACEHOLDER_CONNECTION_ID));
}
