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
