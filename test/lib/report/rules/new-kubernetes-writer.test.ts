import { messageText } from '../../../../lib/report/markdown';
import { newKubernetesWriter } from '../../../../lib/report/rules/new-kubernetes-writer';
import { awsAuthWriter, check, env, expectRule } from './environment';

const masters = env({ mappings: [{ list: 'mapRoles', owner: 'o', principal: 'role:admin', username: 'admin', groups: ['system:masters'] }] });

describe('new-kubernetes-writer', () => {
  test('id, severity and description', () => {
    expectRule(newKubernetesWriter, 'new-kubernetes-writer', 'critical');
  });

  test('compliant: the writer binding was in base; a read-only binding is no writer', () => {
    const writer = env(awsAuthWriter());
    expect(check(newKubernetesWriter, writer, writer)).toEqual([]);
    const readOnly = awsAuthWriter();
    const reader = env({ ...readOnly, rbacRoles: [{ ...(readOnly.rbacRoles ?? [])[0], rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'], resourceNames: [], nonResourceURLs: [] }] }] });
    expect(check(newKubernetesWriter, env(), reader)).toEqual([]);
  });

  test('compliant: admin through a group mapping (system:masters) is not RBAC, and has its own rule', () => {
    expect(check(newKubernetesWriter, env(), masters)).toEqual([]);
  });

  test('non-compliant: a principal newly bound to a Role that writes kube-system/aws-auth, in full', () => {
    const findings = check(newKubernetesWriter, env(), env(awsAuthWriter()));
    expect(findings).toEqual([{
      label: 'kubernetes identity', id: 'role:handler', principal: 'role:handler',
      grant: 'writes-aws-auth RoleBinding kube-system/writer Role writer Group eks-access:aws-auth-writer', message: expect.any(String),
    }]);
    expect(messageText(findings[0].message)).toBe('new path to cluster admin: can write aws-auth: writes `kube-system/aws-auth` as `Group eks-access:aws-auth-writer`, bound by `RoleBinding kube-system/writer` to `Role writer` (in namespace `kube-system`)');
  });
});
