import { allowsEverything, managesRbac, writesAwsAuth } from '../../../lib/report/kubernetes-power';
import type { RbacRule } from '../../../lib/report/model';

const rule = (apiGroups: string[], resources: string[], verbs: string[], resourceNames: string[] = []): RbacRule => ({ apiGroups, resources, verbs, resourceNames, nonResourceURLs: [] });

describe('writesAwsAuth', () => {
  test.each([
    [rule([''], ['configmaps'], ['update'], ['aws-auth']), true],
    [rule([''], ['configmaps'], ['patch']), true],
    [rule([''], ['configmaps'], ['create'], ['other']), true],
    [rule(['*'], ['*'], ['*']), true],
    [rule([''], ['configmaps'], ['update'], ['other']), false],
    [rule([''], ['configmaps'], ['get', 'list']), false],
    [rule(['apps'], ['configmaps'], ['update']), false],
  ])('%j: %s', (r, expected) => {
    expect(writesAwsAuth(r)).toBe(expected);
  });
});

describe('managesRbac', () => {
  test.each([
    [rule(['rbac.authorization.k8s.io'], ['rolebindings'], ['create']), true],
    [rule(['rbac.authorization.k8s.io'], ['clusterroles'], ['bind'], ['view']), true],
    [rule(['rbac.authorization.k8s.io'], ['roles'], ['get', 'list']), false],
    [rule([''], ['pods'], ['*']), false],
  ])('%j: %s', (r, expected) => {
    expect(managesRbac(r)).toBe(expected);
  });
});

test('allowsEverything', () => {
  expect(allowsEverything(rule(['*'], ['*'], ['*']))).toBe(true);
  expect(allowsEverything(rule(['*'], ['pods'], ['*']))).toBe(false);
});
