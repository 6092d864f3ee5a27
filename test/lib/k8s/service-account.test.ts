import { IRSA_ROLE_ARN_ANNOTATION, serviceAccountManifest } from '../../../lib/k8s/service-account';
import { ROLE_ARN } from './fixtures';

test('serviceAccountManifest: a namespaced ServiceAccount annotated with the role ARN', () => {
  expect(serviceAccountManifest('payments', 'payments-api', ROLE_ARN)).toEqual({
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: {
      name: 'payments-api',
      namespace: 'payments',
      labels: { 'app.kubernetes.io/managed-by': 'eks-access' },
      annotations: { 'eks.amazonaws.com/role-arn': ROLE_ARN },
    },
  });
});

test('the annotation key is the one the EKS pod identity webhook reads', () => {
  expect(IRSA_ROLE_ARN_ANNOTATION).toBe('eks.amazonaws.com/role-arn');
});

test('an unresolved CDK token passes through unchanged', () => {
  const token = '${Token[TOKEN.123]}';
  expect(serviceAccountManifest('ns', 'sa', token).metadata.annotations).toEqual({ [IRSA_ROLE_ARN_ANNOTATION]: token });
});
