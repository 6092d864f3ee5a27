import { AwsAuthFunctionEnv } from '../../../../lambda/aws-auth/api';
import { messageText } from '../../../../lib/report/markdown';
import { newAdminFunction } from '../../../../lib/report/rules/new-admin-function';
import { awsAuthWriter, check, env, expectRule } from './environment';

const WRITES = 'can write aws-auth (writes `kube-system/aws-auth` as `Group eks-access:aws-auth-writer`, bound by `RoleBinding kube-system/writer` to `Role writer` (in namespace `kube-system`))';

describe('new-admin-function', () => {
  test('id, severity and description', () => {
    expectRule(newAdminFunction, 'new-admin-function', 'critical');
  });

  test('compliant: the same function in base; a function whose role has no Kubernetes identity', () => {
    expect(check(newAdminFunction, env(awsAuthWriter()), env(awsAuthWriter()))).toEqual([]);
    expect(check(newAdminFunction, env(), env({ functions: [{ label: 'function:Other', role: 'role:other', environment: {} }] }))).toEqual([]);
  });

  test('compliant: the writer identity alone (no function) is another rule\'s path', () => {
    expect(check(newAdminFunction, env(), env({ ...awsAuthWriter(), functions: [] }))).toEqual([]);
  });

  test('non-compliant: a function running as the aws-auth writer, in full', () => {
    const findings = check(newAdminFunction, env(), env(awsAuthWriter()));
    expect(findings).toEqual([{
      label: 'function', id: 'function:Access/Handler', principal: 'function:Access/Handler', grant: 'role:handler runs as role:handler', message: expect.any(String),
    }]);
    expect(messageText(findings[0].message)).toBe(`function runs as \`role:handler\`, which ${WRITES}`);
  });

  test('non-compliant: an owner added to the handler\'s own list of owners allowed cluster admin', () => {
    const owners = (value: string) => {
      const writer = awsAuthWriter();
      return env({ ...writer, functions: [{ label: 'function:Access/Handler', role: 'role:handler', environment: { [AwsAuthFunctionEnv.clusterAdminOwners]: value } }] });
    };
    expect(check(newAdminFunction, owners('a'), owners('a'))).toEqual([]);
    const [finding] = check(newAdminFunction, owners(''), owners('a'));
    expect(finding.grant).toBe(`role:handler runs as role:handler ${AwsAuthFunctionEnv.clusterAdminOwners}=a`);
    expect(messageText(finding.message)).toMatch(/\(changed: was `runs as role:handler EKS_ACCESS_CLUSTER_ADMIN_OWNERS=`, now `runs as role:handler EKS_ACCESS_CLUSTER_ADMIN_OWNERS=a`\)$/);
  });
});
