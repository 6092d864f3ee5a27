/**
 * A kubeconfig for the sandbox cluster, so that kubectl (optional) can read what the handler
 * wrote: the API stand-in's address and CA (as `aws eks update-kubeconfig` writes them from
 * DescribeCluster) and a token from `aws eks get-token` run with the shell's credentials. Pure.
 */
import { stringify } from 'yaml';

/** What the kubeconfig names. */
export interface KubeconfigTarget {
  readonly clusterName: string;
  readonly region: string;
  /** `https://127.0.0.1:<port>` */
  readonly server: string;
  /** Base64 PEM of the cluster CA (DescribeCluster's certificateAuthority.data). */
  readonly caData: string;
}

/**
 * Variables `aws eks get-token` runs with. An EKS token presigns a GetCallerIdentity URL of the
 * partition's regional STS host, which the API server insists on; so get-token must ignore the
 * shell's AWS_ENDPOINT_URL_STS (pointing at the sandbox) and must not use the global STS host,
 * the default of older AWS CLI v1 releases. get-token calls no endpoint: it only signs.
 */
export const GET_TOKEN_ENVIRONMENT: Readonly<Record<string, string>> = {
  AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true',
  AWS_STS_REGIONAL_ENDPOINTS: 'regional',
};

/** The kubeconfig YAML (one cluster, user and context, all named after the cluster). */
export function renderKubeconfig(t: KubeconfigTarget): string {
  const name = `sandbox-${t.clusterName}`;
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster: { server: t.server, 'certificate-authority-data': t.caData } }],
    users: [{
      name,
      user: {
        exec: {
          apiVersion: 'client.authentication.k8s.io/v1beta1',
          command: 'aws',
          args: ['eks', 'get-token', '--cluster-name', t.clusterName, '--region', t.region, '--output', 'json'],
          env: Object.entries(GET_TOKEN_ENVIRONMENT).map(([k, value]) => ({ name: k, value })),
          interactiveMode: 'Never',
        },
      },
    }],
    contexts: [{ name, context: { cluster: name, user: name } }],
    'current-context': name,
  });
}
