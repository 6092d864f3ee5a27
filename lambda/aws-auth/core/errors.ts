/**
 * Errors of the pure aws-auth merge core. Each message says what was wrong, the value given
 * and how to fix it; the handler reports the message as the CloudFormation failure reason.
 */

/** The stored aws-auth (or its owners annotation) does not parse; nothing may be written. */
export class AwsAuthParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AwsAuthParseError';
  }
}

/** Two owners, or an owner and an unowned entry, map the same principal differently. */
export class AwsAuthConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AwsAuthConflictError';
  }
}

/** The desired entries (resource properties) are invalid. */
export class AwsAuthInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AwsAuthInputError';
  }
}

/** The merged aws-auth would exceed a Kubernetes size limit. */
export class AwsAuthSizeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AwsAuthSizeError';
  }
}
