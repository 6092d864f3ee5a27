import { newClusterWideGroupMapping } from '../../../../lib/report/rules/new-cluster-wide-group-mapping';
import type { AwsAuthMapping, RbacBinding } from '../../../../lib/report/model';
import { check, env } from './environment';

const reader: RbacBinding = { kind: 'ClusterRoleBinding', name: 'reader', roleRef: { kind: 'ClusterRole', name: 'reader' }, subjects: ['Group reader'] };
const mapping = (groups: string[]): AwsAuthMapping => ({ list: 'mapRoles', owner: 'o', principal: 'role:dev', username: 'dev', groups });

describe('new-cluster-wide-group-mapping', () => {
  test('compliant: a namespaced group; the same group in base', () => {
    expect(check(newClusterWideGroupMapping, env({ bindings: [reader] }), env({ bindings: [reader], mappings: [mapping(['developer'])] }))).toEqual([]);
    const head = env({ bindings: [reader], mappings: [mapping(['reader'])] });
    expect(check(newClusterWideGroupMapping, head, head)).toEqual([]);
  });

  test('non-compliant: a principal moved into a group bound cluster-wide', () => {
    expect(check(newClusterWideGroupMapping, env({ bindings: [reader], mappings: [mapping(['developer'])] }), env({ bindings: [reader], mappings: [mapping(['reader'])] })))
      .toEqual([expect.objectContaining({ principal: 'role:dev', grant: 'aws-auth mapRoles group=reader' })]);
  });
});
