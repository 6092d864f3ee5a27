/** The `eks-access verify` identity's RBAC: create SubjectAccessReviews, get two named ConfigMaps, nothing else. */
import { Groups } from '../../../lib/k8s/groups';
import { VERIFIER_RBAC_NAME, verifierRbac } from '../../../lib/k8s/rbac';

const RBAC_API_VERSION = 'rbac.authorization.k8s.io/v1';
const MANAGED = { 'app.kubernetes.io/managed-by': 'eks-access' };
const verifierSubject = [{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'eks-access:verifier' }];

test('the verifier objects are all named eks-access-verifier', () => {
  expect(VERIFIER_RBAC_NAME).toBe('eks-access-verifier');
  expect(verifierRbac().map((o) => `${o.kind} ${o.metadata.namespace ?? '(cluster)'}/${o.metadata.name}`)).toEqual([
    'ClusterRole (cluster)/eks-access-verifier',
    'ClusterRoleBinding (cluster)/eks-access-verifier',
    'Role kube-system/eks-access-verifier',
    'RoleBinding kube-system/eks-access-verifier',
  ]);
});

test('ClusterRole: only create on subjectaccessreviews, cluster-scoped (no namespace field)', () => {
  const [reviews] = verifierRbac();
  expect(reviews).toStrictEqual({
    apiVersion: RBAC_API_VERSION,
    kind: 'ClusterRole',
    metadata: { name: 'eks-access-verifier', labels: MANAGED },
    rules: [{ apiGroups: ['authorization.k8s.io'], resources: ['subjectaccessreviews'], verbs: ['create'] }],
  });
});

test('ClusterRoleBinding: the ClusterRole to the verifier group', () => {
  const [, binding] = verifierRbac();
  expect(binding).toStrictEqual({
    apiVersion: RBAC_API_VERSION,
    kind: 'ClusterRoleBinding',
    metadata: { name: 'eks-access-verifier', labels: MANAGED },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'eks-access-verifier' },
    subjects: verifierSubject,
  });
});

test('kube-system Role: only get, on aws-auth and the VPC CNI ConfigMap by name', () => {
  const [, , readAwsAuth] = verifierRbac();
  expect(readAwsAuth).toStrictEqual({
    apiVersion: RBAC_API_VERSION,
    kind: 'Role',
    metadata: { name: 'eks-access-verifier', namespace: 'kube-system', labels: MANAGED },
    rules: [{ apiGroups: [''], resources: ['configmaps'], resourceNames: ['aws-auth', 'amazon-vpc-cni'], verbs: ['get'] }],
  });
});

test('kube-system RoleBinding: the Role to the verifier group, in kube-system', () => {
  const [, , , binding] = verifierRbac();
  expect(binding).toStrictEqual({
    apiVersion: RBAC_API_VERSION,
    kind: 'RoleBinding',
    metadata: { name: 'eks-access-verifier', namespace: 'kube-system', labels: MANAGED },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'eks-access-verifier' },
    subjects: verifierSubject,
  });
});

test('both bindings name the group Groups.verifier', () => {
  const [, clusterBinding, , binding] = verifierRbac();
  expect([clusterBinding.subjects[0].name, binding.subjects[0].name]).toEqual([Groups.verifier, Groups.verifier]);
});
