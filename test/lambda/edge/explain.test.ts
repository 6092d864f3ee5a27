import { accessEntryGrantee, explainEdgeError } from '../../../lambda/edge/explain';
import { KubeApiError, KubeTransportError } from '../../../lambda/edge/kube-errors';

const TARGET = 'ConfigMap kube-system/aws-auth of cluster prod (eu-west-1)';

describe('explainEdgeError', () => {
  test.each<[string, unknown, string]>([
    [
      'a Kubernetes API error names the request and the server answer',
      new KubeApiError('GET /api/v1/namespaces/kube-system/configmaps/aws-auth', 500, { kind: 'Status', apiVersion: 'v1', reason: 'InternalError', message: 'etcd timeout' }),
      `Kubernetes API error while editing ${TARGET}: Kubernetes API GET /api/v1/namespaces/kube-system/configmaps/aws-auth failed: HTTP 500 InternalError: etcd timeout`,
    ],
    [
      'a transport failure says how to reach the endpoint',
      new KubeTransportError('GET /api/v1/namespaces/kube-system/configmaps/aws-auth', Object.assign(new Error('connect timed out'), { code: 'ETIMEDOUT' })),
      `the Kubernetes API did not answer while editing ${TARGET}: Kubernetes API GET /api/v1/namespaces/kube-system/configmaps/aws-auth failed without an HTTP response: ETIMEDOUT: connect timed out; check that the handler can reach the cluster endpoint (public endpoint enabled, or the handler placed in the cluster VPC for a private endpoint).`,
    ],
    ['our own errors already are sentences', new Error('EKS cluster "prod" was not found'), 'EKS cluster "prod" was not found'],
    ['anything else is printed as it is', 'plain text', 'plain text'],
  ])('%s', (_name, error, expected) => {
    expect(explainEdgeError(error, TARGET)).toBe(expected);
  });
});

describe('accessEntryGrantee', () => {
  test.each<[string, string | undefined, string | undefined]>([
    ['an STS session becomes its IAM role', 'arn:aws:sts::111122223333:assumed-role/deployer/session-1', 'its IAM role arn:aws:iam::111122223333:role/deployer'],
    ['in its own partition', 'arn:aws-cn:sts::111122223333:assumed-role/deployer/s', 'its IAM role arn:aws-cn:iam::111122223333:role/deployer'],
    ['a role stays as it is', 'arn:aws:iam::111122223333:role/deployer', 'arn:aws:iam::111122223333:role/deployer'],
    ['a user stays as it is', 'arn:aws:iam::111122223333:user/alice', 'arn:aws:iam::111122223333:user/alice'],
    ['a session ARN without a session name is not rewritten', 'arn:aws:sts::111122223333:assumed-role/deployer', 'arn:aws:sts::111122223333:assumed-role/deployer'],
    ['an unknown identity stays unknown', undefined, undefined],
  ])('%s', (_name, identity, expected) => {
    expect(accessEntryGrantee(identity)).toBe(expected);
  });
});
