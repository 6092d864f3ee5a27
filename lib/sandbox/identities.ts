/**
 * AWS identities the stand-ins know: access key, secret, optional session token and the ARN
 * GetCallerIdentity reports. One array can be shared by both stand-ins; STS AssumeRole on the
 * AWS stand-in appends the issued session credentials to it, so they work on the kube stand-in.
 */
export interface TestIdentity {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  /** IAM user/role ARN or STS assumed-role ARN. */
  readonly arn: string;
  /** GetCallerIdentity UserId. @default - derived from the access key */
  readonly userId?: string;
}

/** Account id of an identity (the ARN's fifth field). */
export function accountOf(identity: TestIdentity): string {
  return identity.arn.split(':')[4];
}

/** GetCallerIdentity UserId of an identity. */
export function userIdOf(identity: TestIdentity): string {
  if (identity.userId) {
    return identity.userId;
  }
  const session = /:assumed-role\/[^/]+\/(.+)$/.exec(identity.arn);
  const base = `AIDA${identity.accessKeyId.slice(-12).toUpperCase()}`;
  return session ? `AROA${identity.accessKeyId.slice(-12).toUpperCase()}:${session[1]}` : base;
}

/** Fixed fake identities used across tests (the AWS documentation example key pair style). */
export const TEST_IDENTITIES = {
  deployer: {
    accessKeyId: 'AKIDDEPLOYER00000001',
    secretAccessKey: 'deployer/secret+KEY/0000000000000000000001',
    arn: 'arn:aws:iam::111122223333:user/deployer',
  },
  handler: {
    accessKeyId: 'ASIAHANDLER000000001',
    secretAccessKey: 'handler/secret+KEY/00000000000000000000001',
    sessionToken: 'IQoJb3JpZ2luX2VjEHANDLER/+session=token',
    arn: 'arn:aws:sts::111122223333:assumed-role/aws-auth-handler/lambda-session',
  },
} satisfies Record<string, TestIdentity>;
