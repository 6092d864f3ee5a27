import { newKubernetesWriter } from '../../../../lib/report/rules/new-kubernetes-writer';
import { awsAuthWriter, check, env } from './environment';

describe('new-kubernetes-writer', () => {
  test('compliant: the writer binding was in base; a read-only binding is no writer', () => {
    const writer = env(awsAuthWriter());
    expect(check(newKubernetesWriter, writer, writer)).toEqual([]);
    const readOnly = awsAuthWriter();
    const reader = env({ ...readOnly, rbacRoles: [{ ...(readOnly.rbacRoles ?? [])[0], rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'], resourceNames: [], nonResourceURLs: [] }] }] });
    expect(check(newKubernetesWriter, env(), reader)).toEqual([]);
  });

  test('non-compliant: a principal newly bound to a Role that writes kube-system/aws-auth', () => {
    expect(check(newKubernetesWriter, env(), env(awsAuthWriter()))).toEqual([
      expect.objectContaining({ principal: 'role:handler', grant: 'writes-aws-auth RoleBinding kube-system/writer Role writer Group eks-access:aws-auth-writer' }),
    ]);
  });
});
