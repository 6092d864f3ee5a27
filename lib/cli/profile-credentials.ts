/**
 * `--profile NAME`: the SDK's default credential chain for a named profile of ~/.aws/config and
 * ~/.aws/credentials (SSO, role and key profiles alike), as `AWS_PROFILE=NAME` selects it. Keys
 * in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY still come first, as in every SDK client.
 */
import { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialsProvider } from '../../lambda/edge/aws';

/** The credentials of profile `profile`, resolved when first asked (and as the SDK caches them). */
export function profileCredentials(region: string, profile: string): AwsCredentialsProvider {
  // A client's resolved config holds the default chain for its profile; nothing is sent.
  const client = new STSClient({ region, profile });
  return async () => {
    const c = await client.config.credentials();
    return {
      accessKeyId: c.accessKeyId,
      secretAccessKey: c.secretAccessKey,
      ...(c.sessionToken ? { sessionToken: c.sessionToken } : {}),
      ...(c.expiration ? { expiration: c.expiration } : {}),
    };
  };
}
