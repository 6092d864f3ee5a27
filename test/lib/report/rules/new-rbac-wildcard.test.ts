import { messageText } from '../../../../lib/report/markdown';
import type { RbacRole, RbacRule } from '../../../../lib/report/model';
import { isWildcardRule, newRbacWildcard } from '../../../../lib/report/rules/new-rbac-wildcard';
import { check, env, expectRule } from './environment';

const rule = (parts: Partial<RbacRule> = {}): RbacRule => ({ apiGroups: [''], resources: ['pods'], verbs: ['get'], resourceNames: [], nonResourceURLs: [], ...parts });
const role = (verbs: string[], name = 'dev'): RbacRole => ({ kind: 'Role', name, namespace: 'payments', rules: [rule({ verbs })] });

describe('isWildcardRule', () => {
  test.each<[string, Partial<RbacRule>, boolean]>([
    ['exact', {}, false],
    ['* verb', { verbs: ['get', '*'] }, true],
    ['* resource', { resources: ['*'] }, true],
    ['* API group', { apiGroups: ['*'] }, true],
    ['* URL', { resources: [], apiGroups: [], nonResourceURLs: ['*'] }, true],
    ['* resource name is not a wildcard rule', { resourceNames: ['*'] }, false],
    ['a pattern is not *', { resources: ['pods/*'], nonResourceURLs: ['/api/*'] }, false],
  ])('%s', (_, parts, wildcard) => {
    expect(isWildcardRule(rule(parts))).toBe(wildcard);
  });
});

describe('new-rbac-wildcard', () => {
  test('id, severity and description', () => {
    expectRule(newRbacWildcard, 'new-rbac-wildcard', 'high');
  });

  test('compliant: exact verbs; the same wildcard in base', () => {
    expect(check(newRbacWildcard, env(), env({ rbacRoles: [role(['get'])] }))).toEqual([]);
    expect(check(newRbacWildcard, env({ rbacRoles: [role(['*'])] }), env({ rbacRoles: [role(['*'])] }))).toEqual([]);
  });

  test('non-compliant: a wildcard verb, in full', () => {
    const findings = check(newRbacWildcard, env({ rbacRoles: [role(['get'])] }), env({ rbacRoles: [role(['*'])] }));
    expect(findings).toEqual([{ label: 'RBAC role', id: 'Role payments/dev', principal: 'Role payments/dev', grant: '* on pods (core)', message: expect.any(String) }]);
    expect(messageText(findings[0].message)).toBe('wildcard rule `* on pods (core)`');
  });

  test('only the wildcard rules base did not have, in order; roles matched by kind, namespace and name', () => {
    const head: RbacRole = { kind: 'ClusterRole', name: 'ops', rules: [rule({ verbs: ['*'] }), rule(), rule({ resources: ['*'] }), rule({ apiGroups: ['*'] })] };
    const base: RbacRole = { ...head, rules: [rule({ resources: ['*'] })] };
    expect(check(newRbacWildcard, env({ rbacRoles: [base] }), env({ rbacRoles: [head] })).map((f) => [f.id, f.grant])).toEqual([
      ['ClusterRole ops', '* on pods (core)'],
      ['ClusterRole ops', 'get on pods (*)'],
    ]);
    expect(check(newRbacWildcard, env({ rbacRoles: [role(['*'], 'other')] }), env({ rbacRoles: [role(['*'])] })).map((f) => f.id)).toEqual(['Role payments/dev']);
  });
});
