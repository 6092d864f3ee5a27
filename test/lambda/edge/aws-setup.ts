/** Starts the AWS stand-in and points the SDK (through process.env) at it for one test file. */
import type { AwsEndpointsHandle, AwsEndpointsOptions } from '../../support/aws-endpoints';
import { awsEndpointEnv, startAwsEndpoints } from '../../support/aws-endpoints';
import type { TestIdentity } from '../../support/identities';
import { TEST_IDENTITIES } from '../../support/identities';

export const ACCOUNT = '111122223333';
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/platform/admins/cluster-admin`;
export const USER_ARN = `arn:aws:iam::${ACCOUNT}:user/alice`;
export const HANDLER_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/aws-auth-kube-writer`;

/** The stand-in and a restore function for the environment it changed. */
export interface AwsSetup {
  readonly server: AwsEndpointsHandle;
  readonly identities: TestIdentity[];
  close(): Promise<void>;
}

/** Starts the stand-in with one cluster, two roles and a user; sets the SDK env for `region`. */
export async function startAwsSetup(region: string, extra: Partial<AwsEndpointsOptions> = {}): Promise<AwsSetup> {
  const identities: TestIdentity[] = [TEST_IDENTITIES.deployer, TEST_IDENTITIES.handler];
  const server = await startAwsEndpoints({
    region,
    identities,
    roles: [ROLE_ARN, HANDLER_ROLE_ARN],
    users: [USER_ARN],
    ...extra,
  });
  const env = awsEndpointEnv(server.url, region, TEST_IDENTITIES.deployer);
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  return {
    server,
    identities,
    async close() {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) {
          delete process.env[k];
        } else {
          process.env[k] = v;
        }
      }
      await server.close();
    },
  };
}
