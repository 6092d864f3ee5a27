import { NAG_WILDCARD_RULE, isIamPattern } from './wildcards';

/** ARN services whose resource part carries no resource type (`arn:aws:s3:::bucket/key`). */
const BUCKET_SERVICES = ['s3'];

const FIX = 'end the ARN in one "*" after a literal name prefix, for example arn:aws:s3:::my-bucket/uploads/* or '
  + 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:my-app/*, or list the exact ARNs';

/**
 * Rule: a wildcard IRSA resource is scoped by a literal name. It may hold one `*`, as its last
 * character, after a non-empty name prefix below the resource type: `bucket/uploads/*`,
 * `secret:dev/*`, `table/orders*`; never a bare `*`, `secret:*`, `role/*`, `key/*`, a `*` in the
 * partition, service, region or account, or a `?`. An S3 bucket name (S3 ARNs have no account)
 * must be written out: `my-*` would match buckets of every account.
 * Only such resources are acknowledged for cdk-nag (lib/nag/workloads.ts).
 * @returns what is wrong and the fix, or undefined when the resource is compliant
 */
export function irsaResourceWildcard(resource: string): string | undefined {
  if (!isIamPattern(resource)) return undefined;
  const nag = `cdk-nag (${NAG_WILDCARD_RULE}) fails synth on it and this app acknowledges only a "*" after a literal name prefix`;
  if (resource === '*') {
    return `is every resource of the actions; ${nag}; name the resources, for example arn:aws:s3:::my-bucket/uploads/*; for an action without resource-level permissions, give the service account an existing role (roleArn) whose policy its owner reviews`;
  }
  if (resource.includes('?')) return `uses "?", an IAM wildcard that cdk-nag does not see; ${FIX}`;
  const fields = resource.split(':');
  if (fields.length < 6 || fields[0] !== 'arn') return `is not an ARN; ${FIX}`;
  const [, partition, service, region, account] = fields;
  const name = fields.slice(5).join(':');
  if ([partition, service, region, account].some((f) => f.includes('*'))) {
    return `has a "*" in its partition, service, region or account, so it matches other services or accounts; ${nag}; write those fields out and ${FIX}`;
  }
  if (name.indexOf('*') !== name.length - 1) return `may hold one "*", as its last character; ${nag}; ${FIX}`;
  const prefix = name.slice(0, -1);
  if (BUCKET_SERVICES.includes(service)) {
    const slash = prefix.indexOf('/');
    if (slash <= 0) return `has a "*" in the bucket name, which matches buckets of every AWS account; ${nag}; write the bucket name out and ${FIX}`;
    return undefined;
  }
  const typed = /^([^/:]+)[/:]/.exec(prefix);
  const literal = typed ? prefix.slice(typed[0].length) : prefix;
  if (literal === '') {
    const what = typed ? `every ${typed[1]} of the account` : 'every resource of the service in the account';
    return `has no literal name before the "*", so it matches ${what}; ${nag}; ${FIX}`;
  }
  return undefined;
}
