/**
 * mergeOwner's placement and changes, case by case: where each entry ends up, the exact change
 * reported, what the owners record keeps, and when nothing is written.
 */
import { OWNERS_ANNOTATION } from '../../../../lambda/aws-auth/api';
import { AwsAuthConflictError } from '../../../../lambda/aws-auth/core/errors';
import { applyOwner, removeOwner } from '../../../../lambda/aws-auth/core/merge';
import { parseOwnersRecord } from '../../../../lambda/aws-auth/core/owners';
import type { ConfigMapState } from '../../../../lambda/aws-auth/core/types';
import { CDK_JSON_MAP_ROLES, EKS_MAP_ROLES, NODE_ROLE, STRICT, desired, eksAwsAuth, role } from './fixtures';

const EMPTY: ConfigMapState = { data: {}, annotations: {} };
const TAKE_OVER = { ...STRICT, takeOverUnowned: true };
const ARN = 'arn:aws:iam::111122223333';
const KEY = (name: string): string => `${ARN}:role/${name}`.toLowerCase();
const entry = (name: string, username = name, groups = [`${name}:group`]) => ({ rolearn: `${ARN}:role/${name}`, username, groups });
const text = (name: string, username = name, groups = [`${name}:group`]): string => `- rolearn: ${ARN}:role/${name}\n  username: ${username}\n  groups:\n${groups.map((g) => `  - ${g}\n`).join('')}`;
const user = (name: string) => ({ userarn: `${ARN}:user/${name}`, username: name.toLowerCase(), groups: ['view'] });
const userText = (name: string): string => `- userarn: ${ARN}:user/${name}\n  username: ${name.toLowerCase()}\n  groups:\n  - view\n`;
const withRoles = (mapRoles: string, annotations: Record<string, string> = {}): ConfigMapState => ({ data: { mapRoles }, annotations });
const recordOf = (s: ConfigMapState) => parseOwnersRecord(s.annotations[OWNERS_ANNOTATION]);

describe('new principals', () => {
  test('are appended in key order (lower-cased user ARN), not in declaration order', () => {
    const r = applyOwner(EMPTY, 'a', desired({ mapUsers: [user('Bob'), user('alice')] }), STRICT);
    expect(r.state.data.mapUsers).toBe(userText('alice') + userText('Bob'));
    expect(r.changes).toEqual([
      { kind: 'user', key: `${ARN}:user/alice`, action: 'added', after: user('alice') },
      { kind: 'user', key: `${ARN}:user/bob`, action: 'added', after: user('Bob') },
    ]);
    expect(r.owned).toEqual({ roles: 0, users: 2, accounts: 0 });
  });

  test('owned entries deleted by hand and new ones are appended together in key order', () => {
    const s1 = applyOwner(EMPTY, 'a', desired({ mapRoles: [role('zz')] }), STRICT).state;
    const r = applyOwner({ ...s1, data: { mapRoles: '[]' } }, 'a', desired({ mapRoles: [role('aa'), role('zz')] }), STRICT);
    expect(r.state.data.mapRoles).toBe(text('aa') + text('zz'));
    expect(r.changes.map((c) => `${c.key}:${c.action}`)).toEqual([`${KEY('aa')}:added`, `${KEY('zz')}:added`]);
  });

  test('changes come in key order over old and new entries; a changed entry keeps its place', () => {
    const s1 = applyOwner(EMPTY, 'a', desired({ mapRoles: [role('bb')] }), STRICT).state;
    const r = applyOwner(s1, 'a', desired({ mapRoles: [role('aa'), role('bb', 'bb2')] }), STRICT);
    expect(r.changes).toEqual([
      { kind: 'role', key: KEY('aa'), action: 'added', after: entry('aa') },
      { kind: 'role', key: KEY('bb'), action: 'changed', before: entry('bb'), after: entry('bb', 'bb2') },
    ]);
    expect(r.state.data.mapRoles).toBe(text('bb', 'bb2') + text('aa'));
  });
});

describe('owned entries edited by hand', () => {
  test('are rewritten in place with the record unchanged, and that is a change to write', () => {
    const d = desired({ mapRoles: [role('xx'), role('yy')] });
    const s1 = applyOwner(EMPTY, 'a', d, STRICT).state;
    const edited = { ...s1, data: { mapRoles: text('xx', 'hacked') + text('yy') } };
    const r = applyOwner(edited, 'a', d, STRICT);
    expect(r.changed).toBe(true);
    expect(r.changes).toEqual([{ kind: 'role', key: KEY('xx'), action: 'changed', before: entry('xx', 'hacked'), after: entry('xx') }]);
    expect(r.state).toEqual(s1);
  });
});

describe('unowned entries claimed by an owner', () => {
  test('an identical one is adopted where it stands: the data keeps its text (even JSON), the record changes', () => {
    const admin = role('Admin', 'admin', ['admins']);
    const r = applyOwner(withRoles(CDK_JSON_MAP_ROLES), 'a', desired({ mapRoles: [admin] }), STRICT);
    expect(r.changed).toBe(true);
    expect(r.state.data.mapRoles).toBe(CDK_JSON_MAP_ROLES);
    expect(r.changes).toEqual([{ kind: 'role', key: KEY('Admin'), action: 'adopted', before: entry('Admin', 'admin', ['admins']), after: entry('Admin', 'admin', ['admins']) }]);
    expect(recordOf(r.state).adopted.role).toEqual({ [KEY('Admin')]: [entry('Admin', 'admin', ['admins'])] });
  });

  test('taken over: the change shows the last of them, the later ones collapse; all are kept for removal', () => {
    const stored = text('xx', 'u1') + text('mid') + text('xx', 'u2') + text('xx', 'u3');
    const r = applyOwner(withRoles(stored), 'a', desired({ mapRoles: [role('xx')] }), TAKE_OVER);
    expect(r.changes).toEqual([
      { kind: 'role', key: KEY('xx'), action: 'changed', before: entry('xx', 'u3'), after: entry('xx') },
      { kind: 'role', key: KEY('xx'), action: 'collapsed', before: entry('xx', 'u2'), after: entry('xx') },
      { kind: 'role', key: KEY('xx'), action: 'collapsed', before: entry('xx', 'u3'), after: entry('xx') },
    ]);
    expect(r.state.data.mapRoles).toBe(text('xx') + text('mid'));
    expect(recordOf(r.state).adopted.role).toEqual({ [KEY('xx')]: [entry('xx', 'u1'), entry('xx', 'u2'), entry('xx', 'u3')] });
    const back = removeOwner(r.state, 'a');
    expect(back.state.data.mapRoles).toBe(text('xx', 'u1') + text('xx', 'u2') + text('xx', 'u3') + text('mid'));
    expect(back.changes).toEqual([{ kind: 'role', key: KEY('xx'), action: 'changed', before: entry('xx'), after: entry('xx', 'u3') }]);
    expect(back.state.annotations).toEqual({});
  });

  test('a node-role entry is refused with its own message, with or without takeOverUnowned', () => {
    const node = text('eks-node', 'system:node:{{EC2PrivateDNSName}}', ['system:bootstrappers', 'system:nodes']);
    for (const options of [STRICT, TAKE_OVER]) {
      const run = (): unknown => applyOwner(withRoles(node), 'team-a', desired({ mapRoles: [role('eks-node', 'me', ['x'])] }), options);
      expect(run).toThrow(AwsAuthConflictError);
      expect(run).toThrow(`aws-auth role ${ARN}:role/eks-node is mapped by an unowned node-role entry {"rolearn":"${ARN}:role/eks-node","username":"system:node:{{EC2PrivateDNSName}}","groups":["system:bootstrappers","system:nodes"]} (groups include system:nodes); owner "team-a" wants {"username":"me","groups":["x"]}; node-role entries are never rewritten`);
    }
  });

  test('an identical entry and a different one for the same principal: the different one needs takeOverUnowned', () => {
    const stored = text('xx') + text('xx', 'other');
    expect(() => applyOwner(withRoles(stored), 'a', desired({ mapRoles: [role('xx')] }), STRICT))
      .toThrow(`aws-auth role ${ARN}:role/xx is already mapped by an unowned entry {"rolearn":"${ARN}:role/xx","username":"other","groups":["xx:group"]}; owner "a" wants {"username":"xx","groups":["xx:group"]}`);
    const r = applyOwner(withRoles(stored), 'a', desired({ mapRoles: [role('xx')] }), TAKE_OVER);
    expect(r.changes.map((c) => c.action)).toEqual(['changed', 'collapsed']);
    expect(r.state.data.mapRoles).toBe(text('xx'));
  });
});

describe('adopted entries while owned', () => {
  const original = text('dev', 'dev', ['dev']);

  test('changing the mapping of an adopted entry is taking it over: refused without takeOverUnowned', () => {
    const s1 = applyOwner(withRoles(original), 'a', desired({ mapRoles: [role('dev', 'dev', ['dev'])] }), STRICT).state;
    const run = (): unknown => applyOwner(s1, 'a', desired({ mapRoles: [role('dev', 'developer', ['dev'])] }), STRICT);
    expect(run).toThrow(AwsAuthConflictError);
    expect(run).toThrow(`aws-auth role ${ARN}:role/dev is already mapped by an unowned entry {"rolearn":"${ARN}:role/dev","username":"dev","groups":["dev"]}; owner "a" wants {"username":"developer","groups":["dev"]}; change or remove that entry by hand, declare the same mapping to adopt it, or set takeOverUnowned to replace it`);
  });

  test('with takeOverUnowned it changes, the original stays recorded and comes back on removal', () => {
    const s1 = applyOwner(withRoles(original), 'a', desired({ mapRoles: [role('dev', 'dev', ['dev'])] }), STRICT).state;
    const r = applyOwner(s1, 'a', desired({ mapRoles: [role('dev', 'developer', ['dev'])] }), TAKE_OVER);
    expect(r.changes).toEqual([{ kind: 'role', key: KEY('dev'), action: 'changed', before: entry('dev', 'dev', ['dev']), after: entry('dev', 'developer', ['dev']) }]);
    expect(recordOf(r.state).adopted.role).toEqual({ [KEY('dev')]: [entry('dev', 'dev', ['dev'])] });
    expect(removeOwner(r.state, 'a').state.data.mapRoles).toBe(original);
  });

  test('re-applying the same mapping keeps the adopted original without asking again', () => {
    const s1 = applyOwner(withRoles(text('dev', 'old', ['dev'])), 'a', desired({ mapRoles: [role('dev', 'new', ['dev'])] }), TAKE_OVER).state;
    const r = applyOwner(s1, 'a', desired({ mapRoles: [role('dev', 'new', ['dev'])] }), STRICT);
    expect(r.changed).toBe(false);
    expect(r.state).toBe(s1);
  });

  test('an adopted node-role entry cannot be remapped later, not even with takeOverUnowned', () => {
    const node = role(NODE_ROLE, 'system:node:{{EC2PrivateDNSName}}', ['system:bootstrappers', 'system:nodes']);
    const s1 = applyOwner(eksAwsAuth(), 'a', desired({ mapRoles: [node] }), STRICT).state;
    expect(() => applyOwner(s1, 'a', desired({ mapRoles: [role(NODE_ROLE, 'me', ['x'])] }), TAKE_OVER)).toThrow(/is mapped by an unowned node-role entry/);
  });
});

describe('released principals (no owner declares them any more)', () => {
  test('an adopted entry and its identical duplicate both come back, at the first one\'s place', () => {
    const dev = role('dev', 'dev', ['dev']);
    const s1 = applyOwner(eksAwsAuth(), 'a', desired({ mapRoles: [dev] }), STRICT);
    expect(s1.changes.map((c) => c.action)).toEqual(['adopted', 'collapsed']);
    const r = removeOwner(s1.state, 'a');
    expect(r.state.data.mapRoles).toBe(EKS_MAP_ROLES);
    expect(r.changes).toEqual([{ kind: 'role', key: KEY('dev'), action: 'changed', before: entry('dev', 'dev', ['dev']), after: entry('dev', 'dev', ['dev']) }]);
  });

  test('an adopted entry deleted by hand is appended back; the change has no before', () => {
    const s1 = applyOwner(withRoles(text('keep') + text('dev')), 'a', desired({ mapRoles: [role('dev')] }), STRICT).state;
    const r = removeOwner({ ...s1, data: { mapRoles: text('keep') } }, 'a');
    expect(r.state.data.mapRoles).toBe(text('keep') + text('dev'));
    expect(r.changes).toEqual([{ kind: 'role', key: KEY('dev'), action: 'changed', before: undefined, after: entry('dev') }]);
    expect(r.changes[0]).toHaveProperty('before', undefined);
  });

  test('an adopted entry that is back as it was already: nothing to change in the data', () => {
    const s1 = applyOwner(withRoles(text('dev')), 'a', desired({ mapRoles: [role('dev')] }), STRICT).state;
    const r = removeOwner(s1, 'a');
    expect(r.changes).toEqual([]);
    expect(r.changed).toBe(true);
    expect(r.state).toEqual({ data: { mapRoles: text('dev') }, annotations: {} });
  });

  test('an owned entry present twice is removed twice', () => {
    const s1 = applyOwner(EMPTY, 'a', desired({ mapRoles: [role('xx')] }), STRICT).state;
    const r = removeOwner({ ...s1, data: { mapRoles: text('xx') + text('keep') + text('xx') } }, 'a');
    expect(r.changes).toEqual([
      { kind: 'role', key: KEY('xx'), action: 'removed', before: entry('xx') },
      { kind: 'role', key: KEY('xx'), action: 'removed', before: entry('xx') },
    ]);
    expect(r.state.data.mapRoles).toBe(text('keep'));
  });

  test('a kind the owner no longer wants is still merged: its entries are removed', () => {
    const s1 = applyOwner({ data: { mapUsers: userText('foreign') }, annotations: {} }, 'a', desired({ mapRoles: [role('xx')], mapUsers: [user('bob')] }), STRICT).state;
    const r = applyOwner(s1, 'a', desired({ mapRoles: [role('xx')] }), STRICT);
    expect(r.changes).toEqual([{ kind: 'user', key: `${ARN}:user/bob`, action: 'removed', before: user('bob') }]);
    expect(r.state.data).toEqual({ mapRoles: text('xx'), mapUsers: userText('foreign') });
    expect(r.owned).toEqual({ roles: 1, users: 0, accounts: 0 });
  });

  test('an owner that now wants nothing leaves the record, as if removed', () => {
    const s1 = applyOwner(EMPTY, 'a', desired({ mapRoles: [role('xx')], mapAccounts: ['444455556666'] }), STRICT).state;
    const r = applyOwner(s1, 'a', desired({}), STRICT);
    expect(r).toEqual({
      changed: true,
      state: { data: { mapRoles: '[]\n', mapAccounts: '[]\n' }, annotations: {} },
      changes: [
        { kind: 'role', key: KEY('xx'), action: 'removed', before: entry('xx') },
        { kind: 'account', key: '444455556666', action: 'removed', before: '444455556666' },
      ],
      owned: { roles: 0, users: 0, accounts: 0 },
    });
  });
});

describe('a record edited by hand: an adopted entry no owner holds', () => {
  const orphan = (mapRoles: string): ConfigMapState => withRoles(mapRoles, {
    [OWNERS_ANNOTATION]: JSON.stringify({ version: 1, owners: {}, adopted: { mapRoles: { [KEY('orph')]: [entry('orph', 'original')] } } }),
  });

  test('is put back in place of what stands there at the next merge of its kind, and leaves the record', () => {
    const r = applyOwner(orphan(text('orph', 'now') + text('keep')), 'a', desired({ mapRoles: [role('xx')] }), STRICT);
    expect(r.changes).toEqual([
      { kind: 'role', key: KEY('orph'), action: 'changed', before: entry('orph', 'now'), after: entry('orph', 'original') },
      { kind: 'role', key: KEY('xx'), action: 'added', after: entry('xx') },
    ]);
    expect(r.state.data.mapRoles).toBe(text('orph', 'original') + text('keep') + text('xx'));
    expect(recordOf(r.state).adopted.role).toEqual({});
  });

  test('is appended when nothing stands there', () => {
    const r = applyOwner(orphan(text('keep')), 'a', desired({ mapRoles: [role('xx')] }), STRICT);
    expect(r.state.data.mapRoles).toBe(text('keep') + text('orph', 'original') + text('xx'));
    expect(r.changes[0]).toEqual({ kind: 'role', key: KEY('orph'), action: 'changed', before: undefined, after: entry('orph', 'original') });
  });

  test('claimed by an owner: checked together with what stands there, and kept (not what stands there) for removal', () => {
    const state = orphan(text('orph', 'now'));
    expect(() => applyOwner(state, 'a', desired({ mapRoles: [role('orph', 'original')] }), STRICT))
      .toThrow(`aws-auth role ${ARN}:role/orph is already mapped by an unowned entry {"rolearn":"${ARN}:role/orph","username":"now","groups":["orph:group"]}`);
    expect(() => applyOwner(state, 'a', desired({ mapRoles: [role('orph', 'mine')] }), STRICT))
      .toThrow(`aws-auth role ${ARN}:role/orph is already mapped by an unowned entry {"rolearn":"${ARN}:role/orph","username":"original","groups":["orph:group"]}`);
    const r = applyOwner(state, 'a', desired({ mapRoles: [role('orph', 'mine')] }), TAKE_OVER);
    expect(r.changes).toEqual([{ kind: 'role', key: KEY('orph'), action: 'changed', before: entry('orph', 'now'), after: entry('orph', 'mine') }]);
    expect(recordOf(r.state).adopted.role).toEqual({ [KEY('orph')]: [entry('orph', 'original')] });
    expect(removeOwner(r.state, 'a').state.data.mapRoles).toBe(text('orph', 'original'));
  });

  test('claimed while nothing stands there: added, the recorded entry kept', () => {
    const r = applyOwner(orphan('[]'), 'a', desired({ mapRoles: [role('orph', 'original')] }), STRICT);
    expect(r.changes).toEqual([{ kind: 'role', key: KEY('orph'), action: 'added', after: entry('orph', 'original') }]);
    expect(recordOf(r.state).adopted.role).toEqual({ [KEY('orph')]: [entry('orph', 'original')] });
  });
});

describe('the owners record across kinds and owners', () => {
  test('entries one owner adopted in a kind another owner does not touch stay recorded', () => {
    const s1 = applyOwner({ data: { mapUsers: userText('bob') }, annotations: {} }, 'a', desired({ mapUsers: [user('bob')] }), STRICT).state;
    const s2 = applyOwner(s1, 'b', desired({ mapRoles: [role('xx')] }), STRICT).state;
    expect(recordOf(s2).adopted.user).toEqual({ [`${ARN}:user/bob`]: [user('bob')] });
    expect(removeOwner(removeOwner(s2, 'a').state, 'b').state).toEqual({ data: { mapUsers: userText('bob'), mapRoles: '[]\n' }, annotations: {} });
  });

  test('owner ids that name Object.prototype members are owners like any other', () => {
    const s1 = applyOwner(EMPTY, 'constructor', desired({ mapRoles: [role('xx')] }), STRICT);
    expect(s1.changes.map((c) => c.action)).toEqual(['added']);
    expect(removeOwner(EMPTY, 'toString')).toEqual({ changed: false, state: EMPTY, changes: [], owned: { roles: 0, users: 0, accounts: 0 } });
    expect(applyOwner(s1.state, 'hasOwnProperty', desired({ mapRoles: [role('xx')] }), STRICT).owned).toEqual({ roles: 1, users: 0, accounts: 0 });
    expect(removeOwner(s1.state, 'constructor').state).toEqual({ data: { mapRoles: '[]\n' }, annotations: {} });
  });

  test('the owned counts of each kind', () => {
    const r = applyOwner(EMPTY, 'a', desired({ mapRoles: [role('r1'), role('r2')], mapUsers: [user('u')], mapAccounts: ['444455556666', '777788889999', '012345678901'] }), STRICT);
    expect(r.owned).toEqual({ roles: 2, users: 1, accounts: 3 });
  });
});

describe('an older record where two owners map one user (in two cases) differently', () => {
  const ALICE = `${ARN}:user/Alice`;
  const alice = `${ARN}:user/alice`;
  const u = (userarn: string, username: string, groups: string[]) => ({ userarn, username, groups });
  const state = (): ConfigMapState => ({
    data: { mapUsers: `- userarn: ${ALICE}\n  username: alice\n  groups:\n  - admins\n` },
    annotations: {
      [OWNERS_ANNOTATION]: JSON.stringify({
        version: 1,
        owners: { a: { mapUsers: [u(ALICE, 'alice', ['admins'])] }, b: { mapUsers: [u(alice, 'alice', ['view'])] } },
        adopted: { mapUsers: { [alice]: [u(alice, 'old', ['view'])] } },
      }),
    },
  });

  test('removing the owner whose mapping stands would put the other\'s over the adopted original: refused, naming the other owner', () => {
    const run = (): unknown => removeOwner(state(), 'a');
    expect(run).toThrow(AwsAuthConflictError);
    expect(run).toThrow(`aws-auth user ${alice} is already mapped by an unowned entry {"userarn":"${alice}","username":"old","groups":["view"]}; owner "b" wants {"username":"alice","groups":["view"]}; change or remove that entry by hand, declare the same mapping to adopt it, or set takeOverUnowned to replace it`);
  });

  test('removing the other owner leaves the standing entry as it is', () => {
    const r = removeOwner(state(), 'b');
    expect(r.changes).toEqual([]);
    expect(r.state.data).toEqual(state().data);
    expect(Object.keys(recordOf(r.state).owners)).toEqual(['a']);
  });
});

describe('the owners annotation as it was written', () => {
  test('is kept byte for byte when the record does not change, even while the data is rewritten', () => {
    const d = desired({ mapRoles: [role('xx')] });
    const s1 = applyOwner(EMPTY, 'a', d, STRICT).state;
    const pretty = JSON.stringify(JSON.parse(s1.annotations[OWNERS_ANNOTATION]), null, 2);
    const r = applyOwner({ data: { mapRoles: text('xx', 'hacked') }, annotations: { [OWNERS_ANNOTATION]: pretty } }, 'a', d, STRICT);
    expect(r.changed).toBe(true);
    expect(r.state).toEqual({ data: { mapRoles: text('xx') }, annotations: { [OWNERS_ANNOTATION]: pretty } });
  });

  test('an owner not recorded: removal reads nothing else and returns the input', () => {
    const state = { data: { mapRoles: '- [broken' }, annotations: { [OWNERS_ANNOTATION]: '{"version":1,"owners":{"b":{"mapUsers":[]}}}' } };
    const r = removeOwner(state, 'a');
    expect(r).toEqual({ changed: false, state, changes: [], owned: { roles: 0, users: 0, accounts: 0 } });
    expect(r.state).toBe(state);
  });
});

describe('owner ids are checked first', () => {
  const message = 'owner must be 1 to 256 letters, digits and ._:/@- starting with a letter or digit, got "no spaces"; use a stable id unique per cluster, such as the stack name';
  test('by applyOwner', () => {
    expect(() => applyOwner(EMPTY, 'no spaces', desired({ mapRoles: [role('xx')] }), STRICT)).toThrow(message);
  });
  test('by removeOwner', () => {
    expect(() => removeOwner(EMPTY, 'no spaces')).toThrow(message);
  });
});

describe('data keys read and written', () => {
  test('a recorded owner re-applying one kind leaves the other kinds alone, even broken or drifted ones', () => {
    const s1 = applyOwner(EMPTY, 'b', desired({ mapUsers: [user('bob')] }), STRICT).state;
    const s2 = applyOwner(s1, 'a', desired({ mapRoles: [role('xx')] }), STRICT).state;
    for (const mapUsers of ['- [broken', userText('Bob')]) {
      const state = { ...s2, data: { ...s2.data, mapUsers } };
      const r = applyOwner(state, 'a', desired({ mapRoles: [role('xx'), role('yy')] }), STRICT);
      expect(r.state.data.mapUsers).toBe(mapUsers);
      expect(r.changes.map((c) => `${c.kind}:${c.action}`)).toEqual(['role:added']);
    }
  });
});
