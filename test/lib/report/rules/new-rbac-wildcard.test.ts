import { newRbacWildcard } from '../../../../lib/report/rules/new-rbac-wildcard';
import type { RbacRole } from '../../../../lib/report/model';
import { check, env } from './environment';

const role = (verbs: string[]): RbacRole => ({ kind: 'Role', name: 'dev', namespace: 'payments', rules: [{ apiGroups: [''], resources: ['pods'], verbs, resourceNames: [], nonResourceURLs: [] }] });

describe('new-rbac-wildcard', () => {
  test('compliant: exact verbs; the same wildcard in base', () => {
    expect(check(newRbacWildcard, env(), env({ rbacRoles: [role(['get'])] }))).toEqual([]);
    expect(check(newRbacWildcard, env({ rbacRoles: [role(['*'])] }), env({ rbacRoles: [role(['*'])] }))).toEqual([]);
  });

  test('non-compliant: a wildcard verb', () => {
    expect(check(newRbacWildcard, env({ rbacRoles: [role(['get'])] }), env({ rbacRoles: [role(['*'])] }))).toEqual([expect.objectContaining({ principal: 'Role payments/dev', grant: '* on pods (core)' })]);
  });
});
