/**
 * The IAM part of the AWS edge: GetRole/GetUser, which only the aws-auth handler needs (it
 * checks that the principals it maps exist). In a module of its own so that a handler that does
 * not import it (the manifests handler) does not bundle the IAM client: esbuild bundles what is
 * imported, and the IAM SDK client is about 120 KB of a minified bundle.
 */
import { GetRoleCommand, GetUserCommand, IAMClient, NoSuchEntityException } from '@aws-sdk/client-iam';
import type { AwsCredentialsProvider, AwsEdge } from './aws';
import { createAwsEdge } from './aws';

/** The IAM calls of a handler. */
export interface IamEdge {
  /**
   * IAM GetRole/GetUser by name (the last segment of the ARN: GetRole ignores the path);
   * `false` on NoSuchEntity, other errors thrown. The caller parses the ARN.
   */
  principalExists(name: string, kind: 'role' | 'user'): Promise<boolean>;
}

/** The AWS edge with its IAM calls: what the aws-auth handler reaches. */
export type AwsEdgeWithIam = AwsEdge & IamEdge;

/** Builds the IAM edge for `region`, with `credentials` or the SDK default chain (the client made on first use). */
export function createIamEdge(region: string, credentials?: AwsCredentialsProvider): IamEdge {
  let iam: IAMClient | undefined;
  const client = (): IAMClient => (iam ??= new IAMClient({ region, ...(credentials ? { credentials } : {}) }));
  return {
    async principalExists(name, kind) {
      try {
        if (kind === 'role') {
          await client().send(new GetRoleCommand({ RoleName: name }));
        } else {
          await client().send(new GetUserCommand({ UserName: name }));
        }
        return true;
      } catch (e) {
        if (e instanceof NoSuchEntityException) {
          return false;
        }
        throw e;
      }
    },
  };
}

/** {@link createAwsEdge} and {@link createIamEdge} for `region` with the same credentials. */
export function createAwsEdgeWithIam(region: string, credentials?: AwsCredentialsProvider): AwsEdgeWithIam {
  return { ...createAwsEdge(region, credentials), ...createIamEdge(region, credentials) };
}
