import { messageText } from '../../../../lib/report/markdown';
import type { AwsAuthMapping } from '../../../../lib/report/model';
import { mappingGrant, mappingSection, newMastersMapping } from '../../../../lib/report/rules/new-masters-mapping';
import { check, env, expectRule } from './environment';

const mapping = (groups: string[], list: AwsAuthMapping['list'] = 'mapRoles', principal = 'role:admin'): AwsAuthMapping => ({ list, owner: 'o', principal, username: 'admin', groups });

describe('mappingSection and mappingGrant', () => {
  test('the section of each list', () => {
    expect(mappingSection({ list: 'mapRoles' })).toBe('aws-auth mapRoles');
    expect(mappingSection({ list: 'mapUsers' })).toBe('aws-auth mapUsers');
  });

  test('list, username and sorted groups, so group order is no change', () => {
    expect(mappingGrant(mapping(['system:masters', 'b', 'a'], 'mapUsers'))).toBe('mapUsers username=admin groups=a,b,system:masters');
    expect(mappingGrant(mapping([]))).toBe('mapRoles username=admin groups=');
  });

  test('does not reorder the mapping itself', () => {
    const m = mapping(['b', 'a']);
    mappingGrant(m);
    expect(m.groups).toEqual(['b', 'a']);
  });
});

describe('new-masters-mapping', () => {
  test('id, severity and description', () => {
    expectRule(newMastersMapping, 'new-masters-mapping', 'critical');
    expect(newMastersMapping.description).toContain(' system:masters ');
  });

  test('compliant: the mapping to system:masters was already in base; a mapping to other groups', () => {
    expect(check(newMastersMapping, env({ mappings: [mapping(['system:masters'])] }), env({ mappings: [mapping(['system:masters'])] }))).toEqual([]);
    expect(check(newMastersMapping, env(), env({ mappings: [mapping(['developer'])] }))).toEqual([]);
  });

  test('non-compliant: a new mapping, in full', () => {
    const findings = check(newMastersMapping, env(), env({ mappings: [mapping(['system:masters'])] }));
    expect(findings).toEqual([{
      label: 'aws-auth mapRoles', id: 'role:admin', principal: 'role:admin', grant: 'mapRoles username=admin groups=system:masters', message: expect.any(String),
    }]);
    expect(messageText(findings[0].message)).toBe('mapped to `system:masters` (cluster admin; new mapping)');
  });

  test('non-compliant: system:masters added to an existing mapping, with its groups before', () => {
    const [finding] = check(newMastersMapping, env({ mappings: [mapping(['developer', 'reader'])] }), env({ mappings: [mapping(['developer', 'system:masters'])] }));
    expect(finding.grant).toBe('mapRoles username=admin groups=developer,system:masters');
    expect(messageText(finding.message)).toBe('mapped to `system:masters` (cluster admin; groups were `developer, reader`)');
    const [fromNone] = check(newMastersMapping, env({ mappings: [mapping([])] }), env({ mappings: [mapping(['system:masters'])] }));
    expect(messageText(fromNone.message)).toBe('mapped to `system:masters` (cluster admin; groups were `(none)`)');
  });

  test('mappings are matched by list and principal', () => {
    const head = env({ mappings: [mapping(['system:masters'], 'mapUsers')] });
    const [otherList] = check(newMastersMapping, env({ mappings: [mapping(['system:masters'], 'mapRoles')] }), head);
    expect([otherList.label, messageText(otherList.message)]).toEqual(['aws-auth mapUsers', 'mapped to `system:masters` (cluster admin; new mapping)']);
    const [otherPrincipal] = check(newMastersMapping, env({ mappings: [mapping(['system:masters'], 'mapUsers', 'user:x')] }), head);
    expect(messageText(otherPrincipal.message)).toBe('mapped to `system:masters` (cluster admin; new mapping)');
  });
});
