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
});
