import { AdminPathKinds } from '../../../../lib/report/admin-paths';
import type { AdminPath } from '../../../../lib/report/admin-paths';
import { code } from '../../../../lib/report/markdown';
import { newPaths, pathFinding } from '../../../../lib/report/rules/admin-path-diff';
import type { RuleInput } from '../../../../lib/report/rules/types';
import { env } from './environment';

const path = (parts: Partial<AdminPath> = {}): AdminPath => ({
  kind: AdminPathKinds.roleAssumer, principal: 'role:ci', target: 'role:admin', how: 'may assume it', grant: 'policy sts:AssumeRole *', ...parts,
});

const input = (basePaths: AdminPath[], headPaths: AdminPath[]): RuleInput => ({ base: env(), head: env(), basePaths, headPaths });

describe('newPaths', () => {
  test('every head path of the kind when base has none, in head order', () => {
    const a = path({ principal: 'role:a' });
    const b = path({ principal: 'role:b' });
    expect(newPaths(input([], [a, b]), AdminPathKinds.roleAssumer)).toEqual([a, b]);
  });

  test('only paths of the kind asked for', () => {
    const assumer = path();
    const eks = path({ kind: AdminPathKinds.eksAccessApi });
    expect(newPaths(input([], [assumer, eks]), AdminPathKinds.eksAccessApi)).toEqual([eks]);
    expect(newPaths(input([], [assumer, eks]), AdminPathKinds.roleAssumer)).toEqual([assumer]);
  });

  test('a path base had (same kind, principal, target and grant) is not new, whatever its how', () => {
    expect(newPaths(input([path({ how: 'said differently' })], [path()]), AdminPathKinds.roleAssumer)).toEqual([]);
  });

  test.each<[string, Partial<AdminPath>]>([
    ['kind', { kind: AdminPathKinds.eksAccessApi }],
    ['principal', { principal: 'role:other' }],
    ['target', { target: 'role:other' }],
    ['grant', { grant: 'trust sts:AssumeRole ' }],
  ])('a base path that differs in its %s does not hide the head path', (_, differs) => {
    const head = path();
    expect(newPaths(input([path(differs)], [head]), AdminPathKinds.roleAssumer)).toEqual([head]);
  });

  test('the key does not run fields together: principal "a b" target "c" is not principal "a" target "b c"', () => {
    const head = path({ principal: 'a b', target: 'c' });
    expect(newPaths(input([path({ principal: 'a', target: 'b c' })], [head]), AdminPathKinds.roleAssumer)).toEqual([head]);
  });

  test('the filter drops paths; without one, every new path of the kind', () => {
    const rbac = path({ kind: AdminPathKinds.kubernetesAdmin, principal: 'role:a', origin: 'rbac' });
    const masters = path({ kind: AdminPathKinds.kubernetesAdmin, principal: 'role:b', origin: 'group' });
    expect(newPaths(input([], [rbac, masters]), AdminPathKinds.kubernetesAdmin, (p) => p.origin === 'rbac')).toEqual([rbac]);
    expect(newPaths(input([], [rbac, masters]), AdminPathKinds.kubernetesAdmin, (p) => p.origin !== 'rbac')).toEqual([masters]);
    expect(newPaths(input([], [rbac, masters]), AdminPathKinds.kubernetesAdmin)).toEqual([rbac, masters]);
  });
});

describe('pathFinding', () => {
  test('a path with no earlier version: label is the kind, id and principal the principal, grant target and grant', () => {
    expect(pathFinding(input([], [path()]), path(), 'can assume a role')).toEqual({
      label: 'assume a role', id: 'role:ci', principal: 'role:ci', grant: 'role:admin policy sts:AssumeRole *', message: 'can assume a role',
    });
  });

  test('base had the same kind, principal and target with another grant: the message says what changed', () => {
    const before = path({ grant: 'trust sts:AssumeRole ' });
    expect(pathFinding(input([before], [path()]), path(), 'can assume a role').message)
      .toBe(`can assume a role (changed: was ${code('trust sts:AssumeRole ')}, now ${code('policy sts:AssumeRole *')})`);
  });

  test('the first matching base path is the one quoted', () => {
    const first = path({ grant: 'first' });
    const second = path({ grant: 'second' });
    expect(pathFinding(input([first, second], [path()]), path(), 'm').message).toBe(`m (changed: was ${code('first')}, now ${code('policy sts:AssumeRole *')})`);
  });

  test.each<[string, Partial<AdminPath>]>([
    ['kind', { kind: AdminPathKinds.eksAccessApi }],
    ['principal', { principal: 'role:other' }],
    ['target', { target: 'role:other' }],
  ])('a base path with another %s is no earlier version', (_, differs) => {
    expect(pathFinding(input([path({ ...differs, grant: 'old' })], [path()]), path(), 'm').message).toBe('m');
  });
});
