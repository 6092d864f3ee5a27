/** Errors of the AWS edge whose messages say what to fix. */

/** DescribeCluster answered ResourceNotFoundException. */
export class ClusterNotFoundError extends Error {
  readonly clusterName: string;
  readonly region: string;

  constructor(clusterName: string, region: string) {
    super(`EKS cluster "${clusterName}" was not found in region ${region}; check the ClusterName property and that the stack deploys to the cluster's region`);
    this.name = 'ClusterNotFoundError';
    this.clusterName = clusterName;
    this.region = region;
  }
}

/**
 * EKS answered ResourceNotFoundException for a principal's access entry (the cluster exists):
 * AssociateAccessPolicy or ListAssociatedAccessPolicies of a principal with no access entry.
 */
export class AccessEntryNotFoundError extends Error {
  readonly clusterName: string;
  readonly principalArn: string;

  constructor(clusterName: string, principalArn: string) {
    super(`EKS cluster "${clusterName}" has no access entry for ${principalArn}; create the access entry first (the construct creates it before the RBAC bootstrap), or check the PrincipalArn property`);
    this.name = 'AccessEntryNotFoundError';
    this.clusterName = clusterName;
    this.principalArn = principalArn;
  }
}

/** Error names of the AWS SDK v3 that mean "slow down", although their fault is the client's. */
const THROTTLING = new Set(['ThrottlingException', 'TooManyRequestsException', 'Throttling', 'RequestLimitExceeded', 'SlowDown']);

/**
 * Whether an error of an AWS call may succeed when the call is repeated: a server fault,
 * throttling, or no answer at all (a dropped connection, a timeout). A client fault the service
 * answered (`$fault: 'client'`: access denied, invalid parameter, not found) and the edge's own
 * errors are not.
 */
export function isTransientAwsError(e: unknown): boolean {
  if (e instanceof ClusterNotFoundError || e instanceof AccessEntryNotFoundError) return false;
  const fault = typeof e === 'object' && e !== null ? (e as { $fault?: unknown; name?: unknown }) : {};
  return fault.$fault !== 'client' || THROTTLING.has(String(fault.name));
}
