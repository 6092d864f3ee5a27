import { newMastersMapping } from '../../../../lib/report/rules/new-masters-mapping';
import { check, env } from './environment';

const mapping = (groups: string[]) => ({ list: 'mapRoles' as const, owner: 'o', principal: 'role:admin', username: 'admin', groups });

describe('new-masters-mapping', () => {
  test('compliant: the mapping to system:masters was already in base', () => {
    expect(check(newMastersMapping, env({ mappings: [mapping(['system:masters'])] }), env({ mappings: [mapping(['system:masters'])] }))).toEqual([]);
  });

  test('non-compliant: a new mapping, and system:masters added to an existing one', () => {
    expect(check(newMastersMapping, env(), env({ mappings: [mapping(['system:masters'])] }))).toEqual([expect.objectContaining({
      principal: 'role:admin', grant: 'mapRoles username=admin groups=system:masters',
    })]);
    const [finding] = check(newMastersMapping, env({ mappings: [mapping(['developer'])] }), env({ mappings: [mapping(['developer', 'system:masters'])] }));
    expect(finding.grant).toBe('mapRoles username=admin groups=developer,system:masters');
    expect(newMastersMapping.severity).toBe('critical');
  });
});
