import { OWNERS_ANNOTATION } from '../../../../lambda/aws-auth/api';
import {
  AwsAuthConflictError, AwsAuthParseError, AwsAuthSizeError, applyOwner, planOwner, removeOwner,
} from '../../../../lambda/aws-auth/core';
import type { ConfigMapState } from '../../../../lambda/aws-auth/core';
import {
  CDK_JSON_MAP_ROLES, EKS_MAP_ROLES, EKS_MAP_USERS, NODE_ROLE, SSO_ROLE, STRICT, desired, eksAwsAuth, role, yaml11,
} from './fixtures';

const EMPTY: ConfigMapState = { data: {}, annotations: {} };

describe('applyOwner: parse (rule 1)', () => {
  test.each([
    ['syntax error', '- rolearn: a\n username: b\n', 'aws-auth data key "mapRoles" is not valid YAML: Sequence item without - indicator at line 2, column 1; nothing was written; fix mapRoles in kube-system/aws-auth by hand (kubectl -n kube-system edit configmap aws-auth) and deploy again'],
    ['a mapping, not a list', 'rolearn: x\n', 'aws-auth data key "mapRoles" must be a YAML list, got a mapping; nothing was written; fix mapRoles in kube-system/aws-auth by hand (kubectl -n kube-system edit configmap aws-auth) and deploy again'],
    ['a list of strings', '- a\n- b\n', 'aws-auth data key "mapRoles" item 1 must be a mapping, got the string "a"; nothing was written; fix mapRoles in kube-system/aws-auth by hand (kubectl -n kube-system edit configmap aws-auth) and deploy again'],
    ['two documents', '- a: b\n---\n- c: d\n', 'aws-auth data key "mapRoles" is not valid YAML: Source contains multiple documents; please use YAML.parseAllDocuments() at line 2, column 1; nothing was written; fix mapRoles in kube-system/aws-auth by hand (kubectl -n kube-system edit configmap aws-auth) and deploy again'],
  ])('%s in mapRoles fails closed', (_name, mapRoles, message) => {
    const run = (): unknown => applyOwner({ data: { mapRoles }, annotations: {} }, 'a', desired({ mapRoles: [role('x')] }), STRICT);
    expect(run).toThrow(AwsAuthParseError);
    expect(run).toThrow(message);
  });

  test('a broken key the merge does not touch is left alone', () => {
    const state = { data: { mapRoles: '- [oops', mapUsers: EKS_MAP_USERS }, annotations: {} };
    const r = applyOwner(state, 'a', desired({ mapUsers: [{ userarn: 'arn:aws:iam::111122223333:user/bob', username: 'bob', groups: [] }] }), STRICT);
    expect(r.state.data.mapRoles).toBe('- [oops');
    expect(r.changed).toBe(true);
  });

  test.each([
    ['absent', undefined],
    ['empty', ''],
    ['blank', '  \n'],
    ['null', 'null\n'],
    ['empty list', '[]'],
  ])('%s mapRoles means no entries', (_n, mapRoles) => {
    const data: Record<string, string> = mapRoles === undefined ? {} : { mapRoles };
    const r = applyOwner({ data, annotations: {} }, 'a', desired({ mapRoles: [role('x')] }), STRICT);
    expect(yaml11(r.state.data.mapRoles)).toEqual([{ rolearn: 'arn:aws:iam::111122223333:role/x', username: 'x', groups: ['x:group'] }]);
  });

  test('keys inside an entry are case-insensitive (RoleARN, UserName, Groups)', () => {
    const mapRoles = '- RoleARN: arn:aws:iam::111122223333:role/x\n  UserName: x\n  Groups:\n  - x:group\n';
    const r = applyOwner({ data: { mapRoles }, annotations: {} }, 'a', desired({ mapRoles: [role('x')] }), STRICT);
    expect(r.changes).toEqual([expect.objectContaining({ kind: 'role', key: 'arn:aws:iam::111122223333:role/x', action: 'adopted' })]);
    expect(r.state.data.mapRoles).toBe(mapRoles);
  });

  test('a JSON-rendered mapRoles (as CDK writes it) is read and re-rendered as block YAML', () => {
    const r = applyOwner({ data: { mapRoles: CDK_JSON_MAP_ROLES }, annotations: {} }, 'a', desired({ mapRoles: [role('x')] }), STRICT);
    expect(r.state.data.mapRoles).toBe(`- rolearn: ${NODE_ROLE}
  username: system:node:{{EC2PrivateDNSName}}
  groups:
  - system:bootstrappers
  - system:nodes
- rolearn: arn:aws:iam::111122223333:role/Admin
  username: admin
  groups:
  - admins
- rolearn: arn:aws:iam::111122223333:role/x
  username: x
  groups:
  - x:group
`);
  });
});

describe('applyOwner: keys, ownership record, replace (rules 2-4)', () => {
  test('a pathed role is written without its path; the key is lower-cased', () => {
    const r = applyOwner(EMPTY, 'a', desired({ mapRoles: [role(SSO_ROLE, 'admin:{{SessionName}}', ['admins'])] }), STRICT);
    expect(r.changes).toEqual([{
      kind: 'role', key: 'arn:aws:iam::111122223333:role/awsreservedsso_admin_0123abcd', action: 'added',
      after: { rolearn: 'arn:aws:iam::111122223333:role/AWSReservedSSO_Admin_0123abcd', username: 'admin:{{SessionName}}', groups: ['admins'] },
    }]);
    expect(r.state.data.mapRoles).toBe('- rolearn: arn:aws:iam::111122223333:role/AWSReservedSSO_Admin_0123abcd\n  username: admin:{{SessionName}}\n  groups:\n  - admins\n');
  });

  test('the owners annotation records each owner, sorted, as JSON', () => {
    const s1 = applyOwner(EMPTY, 'zeta', desired({ mapRoles: [role('z')] }), STRICT).state;
    const s2 = applyOwner(s1, 'alpha', desired({ mapAccounts: ['012345678901'] }), STRICT).state;
    expect(s2.annotations[OWNERS_ANNOTATION]).toBe(
      '{"version":1,"owners":{"alpha":{"mapAccounts":["012345678901"]},"zeta":{"mapRoles":[{"rolearn":"arn:aws:iam::111122223333:role/z","username":"z","groups":["z:group"]}]}}}',
    );
  });

  test('entries no longer declared are removed, new ones added, changed ones changed', () => {
    const s1 = applyOwner(eksAwsAuth(), 'a', desired({ mapRoles: [role('keep'), role('drop'), role('edit')] }), STRICT).state;
    const r = applyOwner(s1, 'a', desired({ mapRoles: [role('keep'), role('edit', 'edited'), role('new')] }), STRICT);
    expect(r.changes.map((c) => [c.key.split('/')[1], c.action])).toEqual([['drop', 'removed'], ['edit', 'changed'], ['new', 'added']]);
    const roles = yaml11(r.state.data.mapRoles) as { rolearn?: string; username: string }[];
    expect(roles.map((e) => e.username)).toEqual(['system:node:{{EC2PrivateDNSName}}', 'system:node:{{SessionName}}', 'sso-ro:{{SessionName}}', 'ci', 'dev', 'dev', 'edited', 'keep', 'new']);
    expect(r.owned).toEqual({ roles: 3, users: 0, accounts: 0 });
  });
});

describe('applyOwner: idempotence (rule 5)', () => {
  test('re-applying returns the input object untouched', () => {
    const d = desired({ mapRoles: [role('x')], mapUsers: [{ userarn: 'arn:aws:iam::111122223333:user/bob', username: 'bob', groups: ['g'] }], mapAccounts: ['111122223333'] });
    const s1 = applyOwner(eksAwsAuth(), 'a', d, STRICT).state;
    const r = applyOwner(s1, 'a', d, STRICT);
    expect(r).toEqual({ changed: false, state: s1, changes: [], owned: { roles: 1, users: 1, accounts: 1 } });
    expect(r.state).toBe(s1);
  });

  test('an unchanged data key keeps its original string byte for byte', () => {
    const state = eksAwsAuth();
    const r = applyOwner(state, 'a', desired({ mapUsers: [{ userarn: 'arn:aws:iam::111122223333:user/bob', username: 'bob', groups: [] }] }), STRICT);
    expect(r.state.data.mapRoles).toBe(EKS_MAP_ROLES);
    expect(r.state.data.mapAccounts).toBe('- "444455556666"\n');
    expect(r.state.data.other).toBe('keep: me\n');
    expect(r.state.data.mapUsers).toBe(`${EKS_MAP_USERS}- userarn: arn:aws:iam::111122223333:user/bob\n  username: bob\n  groups: []\n`);
  });

  test('declaration order does not matter', () => {
    const s1 = applyOwner(EMPTY, 'a', desired({ mapRoles: [role('x'), role('y')] }), STRICT).state;
    expect(applyOwner(s1, 'a', desired({ mapRoles: [role('y'), role('x')] }), STRICT).changed).toBe(false);
  });
});

describe('applyOwner: unowned entries (rule 6)', () => {
  const dev = role('dev', 'dev', ['dev']);

  test('an identical unowned entry is adopted, its duplicate collapsed', () => {
    const r = applyOwner(eksAwsAuth(), 'a', desired({ mapRoles: [dev] }), STRICT);
    expect(r.changes.map((c) => c.action)).toEqual(['adopted', 'collapsed']);
    const roles = yaml11(r.state.data.mapRoles) as unknown[];
    expect(roles).toHaveLength(5);
    expect(roles[4]).toEqual({ rolearn: 'arn:aws:iam::111122223333:role/dev', username: 'dev', groups: ['dev'] });
  });

  test('an adopted node-role entry survives the owner\'s removal', () => {
    const node = role(NODE_ROLE, 'system:node:{{EC2PrivateDNSName}}', ['system:bootstrappers', 'system:nodes']);
    const state = eksAwsAuth();
    const s1 = applyOwner(state, 'a', desired({ mapRoles: [node] }), STRICT);
    expect(s1.changes).toEqual([expect.objectContaining({ action: 'adopted' })]);
    expect(s1.state.data.mapRoles).toBe(EKS_MAP_ROLES);
    const s2 = removeOwner(s1.state, 'a');
    expect(s2.state.data).toEqual(state.data);
    expect(s2.state.annotations).toEqual(state.annotations);
  });

  test('a different unowned entry is a conflict naming the principal and both mappings', () => {
    const run = (): unknown => applyOwner(eksAwsAuth(), 'team-a', desired({ mapRoles: [role('dev', 'developer', ['dev'])] }), STRICT);
    expect(run).toThrow(AwsAuthConflictError);
    expect(run).toThrow('aws-auth role arn:aws:iam::111122223333:role/dev is already mapped by an unowned entry {"rolearn":"arn:aws:iam::111122223333:role/dev","username":"dev","groups":["dev"]}; owner "team-a" wants {"username":"developer","groups":["dev"]}; change or remove that entry by hand, declare the same mapping to adopt it, or set takeOverUnowned to replace it');
  });

  test('an unowned entry with userid is not identical (the field would be lost)', () => {
    expect(() => applyOwner(eksAwsAuth(), 'a', desired({ mapRoles: [role('ci', 'ci', ['ci:deployers'])] }), STRICT)).toThrow(AwsAuthConflictError);
  });

  test('takeOverUnowned replaces it (changed) and removal puts it back', () => {
    const state = eksAwsAuth();
    const r = applyOwner(state, 'a', desired({ mapRoles: [role('dev', 'developer', ['dev'])] }), { ...STRICT, takeOverUnowned: true });
    expect(r.changes.map((c) => c.action)).toEqual(['changed', 'collapsed']);
    expect((yaml11(r.state.data.mapRoles) as { username: string }[]).map((e) => e.username)).toContain('developer');
    const back = removeOwner(r.state, 'a');
    expect(yaml11(back.state.data.mapRoles)).toEqual(yaml11(state.data.mapRoles));
  });

  test('node-role entries are never taken over', () => {
    const run = (): unknown => applyOwner(eksAwsAuth(), 'a', desired({ mapRoles: [role(NODE_ROLE, 'me', ['x'])] }), { ...STRICT, takeOverUnowned: true });
    expect(run).toThrow(`aws-auth role ${NODE_ROLE} is mapped by an unowned node-role entry {"groups":["system:bootstrappers","system:nodes"],"rolearn":"${NODE_ROLE}","username":"system:node:{{EC2PrivateDNSName}}"} (groups include system:nodes); owner "a" wants {"username":"me","groups":["x"]}; node-role entries are never rewritten, not even with takeOverUnowned, because the nodes would lose access; declare exactly that mapping to adopt it, or map a different role`);
  });

  test('duplicates of an owned key appended later (eksctl re-run) are collapsed', () => {
    const s1 = applyOwner(EMPTY, 'a', desired({ mapRoles: [role('x')] }), STRICT).state;
    const dup = { ...s1, data: { mapRoles: s1.data.mapRoles + s1.data.mapRoles } };
    const r = applyOwner(dup, 'a', desired({ mapRoles: [role('x')] }), STRICT);
    expect(r.changes.map((c) => c.action)).toEqual(['collapsed']);
    expect(r.state.data.mapRoles).toBe(s1.data.mapRoles);
  });

  test('a pathed unowned entry for the same role is adopted and written without path', () => {
    const mapRoles = `- rolearn: ${SSO_ROLE}\n  username: admin\n  groups:\n  - admins\n`;
    const r = applyOwner({ data: { mapRoles }, annotations: {} }, 'a', desired({ mapRoles: [role(SSO_ROLE, 'admin', ['admins'])] }), STRICT);
    expect(r.changes.map((c) => c.action)).toEqual(['adopted']);
    expect(r.state.data.mapRoles).toBe('- rolearn: arn:aws:iam::111122223333:role/AWSReservedSSO_Admin_0123abcd\n  username: admin\n  groups:\n  - admins\n');
  });

  test('an identical unowned account id is adopted', () => {
    const r = applyOwner(eksAwsAuth(), 'a', desired({ mapAccounts: ['444455556666'] }), STRICT);
    expect(r.changes).toEqual([{ kind: 'account', key: '444455556666', action: 'adopted', before: '444455556666', after: '444455556666' }]);
    expect(r.state.data.mapAccounts).toBe('- "444455556666"\n');
  });
});

describe('applyOwner: several owners (rule 7)', () => {
  test('two owners with different mappings for one principal conflict, naming both', () => {
    const s1 = applyOwner(EMPTY, 'team-a', desired({ mapRoles: [role('x', 'x', ['a'])] }), STRICT).state;
    const run = (): unknown => applyOwner(s1, 'team-b', desired({ mapRoles: [role('x', 'x', ['b'])] }), STRICT);
    expect(run).toThrow(AwsAuthConflictError);
    expect(run).toThrow('aws-auth role arn:aws:iam::111122223333:role/x is claimed by two owners with different mappings: owner "team-a" maps it as {"username":"x","groups":["a"]}, owner "team-b" as {"username":"x","groups":["b"]}; declare the same username and groups in both, or map it in one owner only');
  });

  test('the same mapping from two owners is one entry, kept until neither declares it', () => {
    const d = desired({ mapRoles: [role('x')] });
    const s1 = applyOwner(EMPTY, 'a', d, STRICT).state;
    const s2 = applyOwner(s1, 'b', d, STRICT);
    expect(s2.changes).toEqual([]);
    expect(s2.state.data.mapRoles).toBe(s1.data.mapRoles);
    const s3 = removeOwner(s2.state, 'a');
    expect(s3.state.data.mapRoles).toBe(s1.data.mapRoles);
    const s4 = removeOwner(s3.state, 'b');
    expect(s4.changes.map((c) => c.action)).toEqual(['removed']);
    expect(s4.state.data.mapRoles).toBe('[]\n');
    expect(s4.state.annotations).toEqual({});
  });
});

describe('applyOwner: preservation (rule 8)', () => {
  test('foreign entries keep order and every field; other keys and annotations untouched', () => {
    const state = eksAwsAuth();
    const r = applyOwner(state, 'a', desired({ mapRoles: [role('x')] }), STRICT);
    expect(r.state.data.mapRoles.startsWith(EKS_MAP_ROLES)).toBe(true);
    expect(r.state.data.mapUsers).toBe(EKS_MAP_USERS);
    expect(r.state.data.other).toBe('keep: me\n');
    expect(r.state.annotations['example.com/note']).toBe('hand edited');
    const roles = yaml11(r.state.data.mapRoles) as Record<string, unknown>[];
    expect(roles[2]).toEqual({ sso: { permissionSetName: 'ReadOnly', accountID: '111122223333' }, username: 'sso-ro:{{SessionName}}', groups: ['view'] });
    expect(roles[3]).toEqual({ rolearn: 'arn:aws:iam::111122223333:role/ci', username: 'ci', userid: 'AROAEXAMPLEID', groups: ['ci:deployers'] });
  });

  test('re-rendered foreign entries keep unknown fields and types', () => {
    const mapRoles = JSON.stringify([{ rolearn: 'arn:aws:iam::111122223333:role/f', username: 'f', groups: ['NO', 'yes'], extra: { nested: [true, null] } }]);
    const r = applyOwner({ data: { mapRoles }, annotations: {} }, 'a', desired({ mapRoles: [role('x')] }), STRICT);
    expect((yaml11(r.state.data.mapRoles) as unknown[])[0]).toEqual(JSON.parse(mapRoles)[0]);
  });
});

describe('guards (rule 9)', () => {
  test('the result over 1 MiB is refused', () => {
    const big = `- rolearn: arn:aws:iam::111122223333:role/big\n  username: ${'u'.repeat(1048400)}\n  groups: []\n`;
    const run = (): unknown => applyOwner({ data: { mapRoles: big }, annotations: {} }, 'a', desired({ mapRoles: [role('x')] }), STRICT);
    expect(run).toThrow(AwsAuthSizeError);
    expect(run).toThrow(/^aws-auth would be \d+ bytes \(data plus annotations\), over the 1048576-byte \(1 MiB\) limit; nothing was written/);
  });

  test('an owners annotation over 256 KiB is refused', () => {
    const roles = Array.from({ length: 2500 }, (_, i) => role(`r${i}`, `user-${'x'.repeat(60)}-${i}`, ['g']));
    const run = (): unknown => applyOwner(EMPTY, 'a', desired({ mapRoles: roles }), STRICT);
    expect(run).toThrow(AwsAuthSizeError);
    expect(run).toThrow(/^the eks-access.io\/owners annotation would be \d+ bytes, over the 262144-byte Kubernetes annotation limit/);
  });

  test('a corrupt owners annotation fails closed', () => {
    const run = (): unknown => applyOwner({ data: {}, annotations: { [OWNERS_ANNOTATION]: '{not json' } }, 'a', desired({ mapRoles: [role('x')] }), STRICT);
    expect(run).toThrow(AwsAuthParseError);
    expect(run).toThrow(/^annotation eks-access.io\/owners on kube-system\/aws-auth is not valid JSON/);
  });
});

describe('rendering is YAML 1.1 safe (rule 10)', () => {
  test('a group NO, account 012345678901 and username {{SessionName}} are quoted', () => {
    const r = applyOwner(EMPTY, 'a', desired({ mapRoles: [role('x', '{{SessionName}}', ['NO', 'on', '123', 'null', '~'])], mapAccounts: ['012345678901'] }), STRICT);
    expect(r.state.data.mapRoles).toBe('- rolearn: arn:aws:iam::111122223333:role/x\n  username: "{{SessionName}}"\n  groups:\n  - "NO"\n  - "on"\n  - "123"\n  - "null"\n  - "~"\n');
    expect(r.state.data.mapAccounts).toBe('- "012345678901"\n');
    expect(yaml11(r.state.data.mapRoles)).toEqual([{ rolearn: 'arn:aws:iam::111122223333:role/x', username: '{{SessionName}}', groups: ['NO', 'on', '123', 'null', '~'] }]);
    expect(yaml11(r.state.data.mapAccounts)).toEqual(['012345678901']);
  });

  test('an unquoted foreign account id keeps its digits (Go yaml.v2 reads it into a string)', () => {
    const r = applyOwner({ data: { mapAccounts: '- 012345678901\n' }, annotations: {} }, 'a', desired({ mapAccounts: ['111122223333'] }), STRICT);
    expect(r.state.data.mapAccounts).toBe('- 012345678901\n- "111122223333"\n');
  });
});

describe('determinism (rule 11)', () => {
  test('owners applied in either order give the same entries and owners record', () => {
    const a = desired({ mapRoles: [role('x'), role('shared')] });
    const b = desired({ mapRoles: [role('y'), role('shared')], mapAccounts: ['111122223333'] });
    const ab = applyOwner(applyOwner(eksAwsAuth(), 'a', a, STRICT).state, 'b', b, STRICT).state;
    const ba = applyOwner(applyOwner(eksAwsAuth(), 'b', b, STRICT).state, 'a', a, STRICT).state;
    expect(ab.annotations).toEqual(ba.annotations);
    const byKey = (s: ConfigMapState): Map<string, unknown> => new Map((yaml11(s.data.mapRoles) as Record<string, unknown>[]).map((e) => [JSON.stringify(e.rolearn ?? e.sso), e]));
    expect(byKey(ab)).toEqual(byKey(ba));
  });
});

describe('removeOwner (rule 12)', () => {
  test('removes only that owner\'s entries', () => {
    const state = eksAwsAuth();
    const s1 = applyOwner(state, 'a', desired({ mapRoles: [role('x')], mapAccounts: ['111122223333'] }), STRICT).state;
    const r = removeOwner(s1, 'a');
    expect(r.changes.map((c) => `${c.kind}:${c.action}`)).toEqual(['role:removed', 'account:removed']);
    expect(r.state.data).toEqual(state.data);
    expect(r.state.annotations).toEqual(state.annotations);
  });

  test('an owner that is not recorded is a no-op', () => {
    const state = eksAwsAuth();
    expect(removeOwner(state, 'nobody')).toEqual({ changed: false, state, changes: [], owned: { roles: 0, users: 0, accounts: 0 } });
    expect(removeOwner(state, 'nobody').state).toBe(state);
  });

  test('removing twice is safe', () => {
    const s1 = applyOwner(EMPTY, 'a', desired({ mapRoles: [role('x')] }), STRICT).state;
    const s2 = removeOwner(s1, 'a').state;
    expect(removeOwner(s2, 'a').changed).toBe(false);
  });
});

describe('planOwner', () => {
  test('reports the changes and drift: edited, deleted, duplicate', () => {
    const d = desired({ mapRoles: [role('xa'), role('yb'), role('zc')] });
    const s1 = applyOwner(EMPTY, 'a', d, STRICT).state;
    const edited = s1.data.mapRoles
      .replace('username: xa\n', 'username: hacked\n')
      .replace('- rolearn: arn:aws:iam::111122223333:role/yb\n  username: yb\n  groups:\n  - yb:group\n', '')
      + '- rolearn: arn:aws:iam::111122223333:role/zc\n  username: zc\n  groups:\n  - zc:group\n';
    const plan = planOwner({ ...s1, data: { mapRoles: edited } }, 'a', d, STRICT);
    expect(plan.changes.map((c) => `${c.key.split('/')[1]}:${c.action}`)).toEqual(['xa:changed', 'yb:added', 'zc:collapsed']);
    expect(plan.drift.map((x) => `${x.key.split('/')[1]}:${x.drift}`)).toEqual(['xa:edited', 'yb:deleted', 'zc:duplicate']);
  });

  test('reports unowned duplicates', () => {
    const plan = planOwner(eksAwsAuth(), 'a', desired({ mapRoles: [role('x')] }), STRICT);
    expect(plan.drift).toEqual([{ kind: 'role', key: 'arn:aws:iam::111122223333:role/dev', drift: 'duplicate', owners: [], expected: undefined, actual: [
      { rolearn: 'arn:aws:iam::111122223333:role/dev', username: 'dev', groups: ['dev'] },
      { rolearn: 'arn:aws:iam::111122223333:role/dev', username: 'dev', groups: ['dev'] },
    ] }]);
  });
});

describe('user ARNs are compared as the authenticator compares them (ignoring case)', () => {
  const ALICE = 'arn:aws:iam::111122223333:user/Alice';
  const alice = 'arn:aws:iam::111122223333:user/alice';
  const user = (userarn: string, username = 'alice', groups = ['view']) => ({ userarn, username, groups });
  /** mapUsers with a hand-written entry for `alice` and one for another user. */
  const FOREIGN = `- userarn: ${alice}\n  username: alice\n  groups:\n  - view\n- userarn: arn:aws:iam::111122223333:user/bob\n  username: bob\n  groups:\n  - view\n`;
  const withUsers = (mapUsers: string): ConfigMapState => ({ data: { mapUsers }, annotations: {} });

  test('two owners mapping one user spelled in two cases differently conflict, naming both spellings', () => {
    const s1 = applyOwner(EMPTY, 'team-a', desired({ mapUsers: [user(ALICE, 'alice', ['admins'])] }), STRICT).state;
    const run = (): unknown => applyOwner(s1, 'team-b', desired({ mapUsers: [user(alice, 'alice', ['view'])] }), STRICT);
    expect(run).toThrow(AwsAuthConflictError);
    expect(run).toThrow(`aws-auth user ${alice} is claimed by two owners (as ${ALICE} and as ${alice}, one principal to the authenticator, which compares ARNs ignoring case) with different mappings: owner "team-a" maps it as {"username":"alice","groups":["admins"]}, owner "team-b" as {"username":"alice","groups":["view"]}; declare the same username and groups in both, or map it in one owner only`);
  });

  test('two owners mapping it alike in two cases share one entry (the first owner\'s spelling)', () => {
    const s1 = applyOwner(EMPTY, 'team-a', desired({ mapUsers: [user(ALICE)] }), STRICT).state;
    const s2 = applyOwner(s1, 'team-b', desired({ mapUsers: [user(alice)] }), STRICT);
    expect(s2.changes).toEqual([]);
    expect(yaml11(s2.state.data.mapUsers)).toEqual([user(ALICE)]);
    const s3 = removeOwner(s2.state, 'team-a');
    expect(s3.changes).toEqual([{ kind: 'user', key: alice, action: 'changed', before: user(ALICE), after: user(alice) }]);
    expect(yaml11(s3.state.data.mapUsers)).toEqual([user(alice)]);
  });

  test('an unowned entry for the user in another case with a different mapping is a conflict', () => {
    const run = (): unknown => applyOwner(withUsers(FOREIGN), 'a', desired({ mapUsers: [user(ALICE, 'alice', ['admins'])] }), STRICT);
    expect(run).toThrow(AwsAuthConflictError);
    expect(run).toThrow(`aws-auth user ${ALICE} is already mapped by an unowned entry {"userarn":"${alice}","username":"alice","groups":["view"]}; owner "a" wants {"username":"alice","groups":["admins"]}; change or remove that entry by hand, declare the same mapping to adopt it, or set takeOverUnowned to replace it`);
  });

  test('an identical unowned entry in another case is adopted in place and put back byte for byte', () => {
    const r = applyOwner(withUsers(FOREIGN), 'a', desired({ mapUsers: [user(ALICE)] }), STRICT);
    expect(r.changes).toEqual([{ kind: 'user', key: alice, action: 'adopted', before: user(alice), after: user(ALICE) }]);
    expect(yaml11(r.state.data.mapUsers)).toEqual([user(ALICE), user('arn:aws:iam::111122223333:user/bob', 'bob')]);
    expect(removeOwner(r.state, 'a').state.data.mapUsers).toBe(FOREIGN);
  });

  test('takeOverUnowned replaces the other-case entry in place; removal restores it byte for byte', () => {
    const r = applyOwner(withUsers(FOREIGN), 'a', desired({ mapUsers: [user(ALICE, 'alice', ['admins'])] }), { ...STRICT, takeOverUnowned: true });
    expect(r.changes.map((c) => `${c.key}:${c.action}`)).toEqual([`${alice}:changed`]);
    expect(yaml11(r.state.data.mapUsers)).toEqual([user(ALICE, 'alice', ['admins']), user('arn:aws:iam::111122223333:user/bob', 'bob')]);
    expect(removeOwner(r.state, 'a').state.data.mapUsers).toBe(FOREIGN);
  });

  test('unowned duplicates in several cases collapse into the owned entry, and come back (at the first one\'s place) on removal', () => {
    const upper = 'arn:aws:iam::111122223333:user/ALICE';
    const dupes = `${FOREIGN}- userarn: ${upper}\n  username: alice\n  groups:\n  - view\n`;
    const r = applyOwner(withUsers(dupes), 'a', desired({ mapUsers: [user(ALICE)] }), STRICT);
    expect(r.changes.map((c) => c.action)).toEqual(['adopted', 'collapsed']);
    expect(yaml11(r.state.data.mapUsers)).toEqual([user(ALICE), user('arn:aws:iam::111122223333:user/bob', 'bob')]);
    expect(yaml11(removeOwner(r.state, 'a').state.data.mapUsers)).toEqual([user(alice), user(upper), user('arn:aws:iam::111122223333:user/bob', 'bob')]);
  });

  test('foreign entries of other users keep their bytes while the owned user is rewritten', () => {
    const r = applyOwner(withUsers(FOREIGN), 'a', desired({ mapUsers: [user(ALICE)] }), STRICT);
    expect(r.state.data.mapUsers.endsWith('- userarn: arn:aws:iam::111122223333:user/bob\n  username: bob\n  groups:\n  - view\n')).toBe(true);
  });

  test('one owner declaring a user twice in two cases is refused, naming both', () => {
    const run = (): unknown => applyOwner(EMPTY, 'a', desired({ mapUsers: [user(ALICE), user(alice, 'other')] }), STRICT);
    expect(run).toThrow(`mapUsers maps ${ALICE} and ${alice}, which differ only in case; the authenticator compares ARNs ignoring case, so they are one principal; declare it once`);
    expect(() => planOwner(EMPTY, 'a', desired({ mapUsers: [user(ALICE), user(alice)] }), STRICT)).toThrow(/which differ only in case/);
  });

  test('a record written before (two owners, one user in two cases, different mappings): an unrelated owner and either of them can still be removed', () => {
    const record = JSON.stringify({
      version: 1,
      owners: {
        'team-a': { mapUsers: [user(ALICE, 'alice', ['admins'])] },
        'team-b': { mapUsers: [user(alice, 'alice', ['view'])] },
        'team-c': { mapUsers: [user('arn:aws:iam::111122223333:user/carol', 'carol')] },
      },
    });
    const mapUsers = `- userarn: ${ALICE}\n  username: alice\n  groups:\n  - admins\n- userarn: ${alice}\n  username: alice\n  groups:\n  - view\n- userarn: arn:aws:iam::111122223333:user/carol\n  username: carol\n  groups:\n  - view\n`;
    const legacy: ConfigMapState = { data: { mapUsers }, annotations: { [OWNERS_ANNOTATION]: record } };
    // Re-applying a party to the conflict fails, naming it.
    expect(() => applyOwner(legacy, 'team-b', desired({ mapUsers: [user(alice, 'alice', ['view'])] }), STRICT)).toThrow(/is claimed by two owners .* owner "team-a" maps it as \{"username":"alice","groups":\["admins"\]\}, owner "team-b"/);
    // Removing the unrelated owner works; the conflicting entries resolve to the first owner's.
    const c = removeOwner(legacy, 'team-c');
    expect(yaml11(c.state.data.mapUsers)).toEqual([user(ALICE, 'alice', ['admins'])]);
    // Removing a party works and leaves the other's entry.
    const b = removeOwner(legacy, 'team-b');
    expect(yaml11(b.state.data.mapUsers)).toEqual([user(ALICE, 'alice', ['admins']), user('arn:aws:iam::111122223333:user/carol', 'carol')]);
  });
});
