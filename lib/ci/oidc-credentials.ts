/**
 * Credentials for one environment's diff role: an OIDC token from the Actions runtime
 * (`ACTIONS_ID_TOKEN_REQUEST_URL` / `_TOKEN`, present only in jobs with `id-token: write`) for
 * STS's audience, exchanged with `AssumeRoleWithWebIdentity` (an unsigned call; the SDK honours
 * `AWS_ENDPOINT_URL_STS`). Done here rather than with configure-aws-credentials because the
 * environments come from config at run time, one role each, in one step.
 * @see https://docs.github.com/en/actions/reference/security/oidc
 */
import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { GITHUB_OIDC_AUDIENCE } from '../config/pipeline';

/** Environment variables the CLI reads credentials and region from. */
export type CredentialEnv = Record<'AWS_ACCESS_KEY_ID' | 'AWS_SECRET_ACCESS_KEY' | 'AWS_SESSION_TOKEN' | 'AWS_REGION' | 'AWS_DEFAULT_REGION', string>;

/** The runtime variables that let a step mint tokens; removed from what child processes see. */
export const ID_TOKEN_VARIABLES = ['ACTIONS_ID_TOKEN_REQUEST_URL', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN'] as const;

/** Asks the Actions runtime for an ID token with STS's audience. */
export async function requestIdToken(env: NodeJS.ProcessEnv): Promise<string> {
  const url = env.ACTIONS_ID_TOKEN_REQUEST_URL;
  const bearer = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
  if (!url || !bearer) throw new Error('ACTIONS_ID_TOKEN_REQUEST_URL / ACTIONS_ID_TOKEN_REQUEST_TOKEN are not set: the job needs "permissions: id-token: write"');
  const target = new URL(url);
  target.searchParams.set('audience', GITHUB_OIDC_AUDIENCE);
  const res = await fetch(target, { headers: { authorization: `Bearer ${bearer}`, accept: 'application/json' } });
  if (!res.ok) throw new Error(`the Actions runtime refused an ID token (HTTP ${res.status})`);
  const value = ((await res.json()) as { value?: unknown }).value;
  if (typeof value !== 'string' || value === '') throw new Error('the Actions runtime answered without a token');
  return value;
}

/** Exchanges the token for the role's credentials (15 minutes). */
export async function assumeRoleWithToken(roleArn: string, region: string, token: string, sessionName: string): Promise<CredentialEnv> {
  const sts = new STSClient({ region });
  try {
    const out = await sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: roleArn, RoleSessionName: sessionName, WebIdentityToken: token, DurationSeconds: 900 }));
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) throw new Error('STS answered without credentials');
    return { AWS_ACCESS_KEY_ID: c.AccessKeyId, AWS_SECRET_ACCESS_KEY: c.SecretAccessKey, AWS_SESSION_TOKEN: c.SessionToken, AWS_REGION: region, AWS_DEFAULT_REGION: region };
  } catch (e) {
    throw new Error(`could not assume ${roleArn} with the workflow's OIDC token: ${(e as Error).message}. Check that <env>/CiDiff is deployed and that the repository's OIDC sub template is set (README, "How a pull request is reviewed").`);
  } finally {
    sts.destroy();
  }
}
