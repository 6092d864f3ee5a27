import { AwsAuthFunctionEnv } from '../../../../lambda/aws-auth/api';
import { messageText } from '../../../../lib/report/markdown';
import { newAdminFunction } from '../../../../lib/report/rules/new-admin-function';
import { awsAuthWriter, check, env } from './environment';

describe('new-admin-function', () => {
  test('compliant: the same function in base; a function whose role has no Kubernetes identity', () => {
    expect(check(newAdminFunction, env(awsAuthWriter()), env(awsAuthWriter()))).toEqual([]);
    expect(check(newAdminFunction, env(), env({ functions: [{ label: 'function:Other', role: 'role:other', environment: {} }] }))).toEqual([]);
  });

  test('non-compliant: a function running as the aws-auth writer', () => {
    expect(check(newAdminFunction, env(), env(awsAuthWriter()))).toEqual([
      expect.objectContaining({ principal: 'function:Access/Handler', grant: 'role:handler runs as role:handler' }),
    ]);
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
