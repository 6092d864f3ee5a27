import { parse } from 'yaml';
import { GET_TOKEN_ENVIRONMENT, renderKubeconfig } from '../../../lib/sandbox/kubeconfig';

test('one cluster with the CA data, a user whose token comes from aws eks get-token ignoring the sandbox endpoints, one context in use', () => {
  const config = parse(renderKubeconfig({ clusterName: 'eks-access-dev', region: 'eu-west-1', server: 'https://127.0.0.1:4443', caData: 'Q0E=' }));
  expect(config).toEqual({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'sandbox-eks-access-dev', cluster: { server: 'https://127.0.0.1:4443', 'certificate-authority-data': 'Q0E=' } }],
    users: [{
      name: 'sandbox-eks-access-dev',
      user: {
        exec: {
          apiVersion: 'client.authentication.k8s.io/v1beta1',
          command: 'aws',
          args: ['eks', 'get-token', '--cluster-name', 'eks-access-dev', '--region', 'eu-west-1', '--output', 'json'],
          env: [{ name: 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', value: 'true' }, { name: 'AWS_STS_REGIONAL_ENDPOINTS', value: 'regional' }],
          interactiveMode: 'Never',
        },
      },
    }],
    contexts: [{ name: 'sandbox-eks-access-dev', context: { cluster: 'sandbox-eks-access-dev', user: 'sandbox-eks-access-dev' } }],
    'current-context': 'sandbox-eks-access-dev',
  });
  expect(Object.keys(GET_TOKEN_ENVIRONMENT)).toEqual(['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', 'AWS_STS_REGIONAL_ENDPOINTS']);
});
