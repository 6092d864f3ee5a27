import type { AwsEdge, ClusterInfo } from './aws';
import type { KubeClient, KubeClientOptions, KubeTarget } from './kube';
import { buildEksToken } from './token';

/** How to reach a cluster's Kubernetes API. */
export interface ConnectOptions {
  readonly clusterName: string;
  readonly region: string;
  /** Calls EKS (DescribeCluster). */
  readonly edge: AwsEdge;
  /** Whose credentials sign the EKS token (the edge itself, or an assumed role). */
  readonly identity: AwsEdge;
  readonly kube: (target: KubeTarget, options: KubeClientOptions) => KubeClient;
  readonly kubeOptions: KubeClientOptions;
  readonly now: () => number;
}

/** A connected cluster. */
export interface ClusterConnection {
  readonly cluster: ClusterInfo;
  readonly kube: KubeClient;
}

/**
 * DescribeCluster for endpoint and CA, then a Kubernetes client whose bearer token is built
 * fresh for every attempt from the identity's credentials (tokens live 15 minutes).
 * Shared by the custom-resource handlers and the `plan` / `verify` commands.
 */
export async function connectToCluster(o: ConnectOptions): Promise<ClusterConnection> {
  const cluster = await o.edge.describeCluster(o.clusterName);
  const kube = o.kube({
    endpoint: cluster.endpoint,
    caData: cluster.caData,
    token: async () => buildEksToken({
      clusterName: o.clusterName, region: o.region, credentials: await o.identity.resolveCredentials(), now: new Date(o.now()),
    }),
  }, o.kubeOptions);
  return { cluster, kube };
}
