/** planOwner: each kind of drift with its exact item, the order of items, and which kinds are looked at. */
import { OWNERS_ANNOTATION } from '../../../../lambda/aws-auth/api';
import { AwsAuthInputError } from '../../../../lambda/aws-auth/core/errors';
import { applyOwner } from '../../../../lambda/aws-auth/core/merge';
import { parseOwnersRecord } from '../../../../lambda/aws-auth/core/owners';
import { planOwner } from '../../../../lambda/aws-auth/core/plan';
import type { ConfigMapState } from '../../../../lambda/aws-auth/core/types';
import { STRICT, desired, role } from './fixtures';

const EMPTY: ConfigMapState = { data: {}, annotations: {} };
const ARN = 'arn:aws:iam::111122223333';
const roleEntry = (name: string, username = name, groups = [`${name}:group`]) => ({ rolearn: `${ARN}:role/${name}`, username, groups });
const roleYaml = (name: string, username = name) => `- rolearn: ${ARN}:role/${name}\n  username: ${username}\n  groups:\n  - ${name}:group\n`;
const user = (name: string) => ({ userarn: `${ARN}:user/${name}`, username: name.toLowerCase(), groups: ['view'] });
const userYaml = (name: string) => `- userarn: ${ARN}:user/${name}\n  username: ${name.toLowerCase()}\n  groups:\n  - view\n`;

/** The state after owner `a` applied `d` to `base`, with its data keys then replaced by hand. */
function handEdited(base: ConfigMapState, d: ReturnType<typeof desired>, data: Record<string, string>): ConfigMapState {
  const s = applyOwner(base, 'a', d, STRICT).state;
  return { data: { ...s.data, ...data }, annotations: s.annotations };
}

describe('planOwner: drift items', () => {
  test('nothing drifted: no changes, no drift', () => {
    const d = desired({ mapRoles: [role('x'), role('yy')], mapUsers: [user('bob')], mapAccounts: ['444455556666'] });
    const s = applyOwner(EMPTY, 'a', d, STRICT).state;
    expect(planOwner(s, 'a', d, STRICT)).toEqual({ changes: [], drift: [] });
  });

  test('an owned role deleted by hand is drift "deleted" with nothing actual, and the plan adds it back', () => {
    const d = desired({ mapRoles: [role('x'), role('yy')] });
    const s = handEdited(EMPTY, d, { mapRoles: roleYaml('x') });
    expect(planOwner(s, 'a', d, STRICT)).toEqual({
      changes: [{ kind: 'role', key: `${ARN}:role/yy`, action: 'added', after: roleEntry('yy') }],
      drift: [{ kind: 'role', key: `${ARN}:role/yy`, drift: 'deleted', owners: ['a'], expected: roleEntry('yy'), actual: [] }],
    });
  });

  test('an owned account deleted by hand is drift "deleted"', () => {
    const d = desired({ mapAccounts: ['444455556666', '777788889999'] });
    const s = handEdited(EMPTY, d, { mapAccounts: '- "777788889999"\n' });
    expect(planOwner(s, 'a', d, STRICT).drift).toEqual([
      { kind: 'account', key: '444455556666', drift: 'deleted', owners: ['a'], expected: '444455556666', actual: [] },
    ]);
  });

  test('an owned role kept as recorded and a hand-edited copy after it: edited (one copy differs) and duplicate', () => {
    const d = desired({ mapRoles: [role('x')] });
    const s = handEdited(EMPTY, d, { mapRoles: roleYaml('x') + roleYaml('x', 'hacked') });
    const actual = [roleEntry('x'), roleEntry('x', 'hacked')];
    expect(planOwner(s, 'a', d, STRICT)).toEqual({
      changes: [{ kind: 'role', key: `${ARN}:role/x`, action: 'collapsed', before: roleEntry('x', 'hacked'), after: roleEntry('x') }],
      drift: [
        { kind: 'role', key: `${ARN}:role/x`, drift: 'edited', owners: ['a'], expected: roleEntry('x'), actual },
        { kind: 'role', key: `${ARN}:role/x`, drift: 'duplicate', owners: ['a'], expected: roleEntry('x'), actual },
      ],
    });
  });

  test('an owned entry rewritten with the same meaning (JSON, other field order) is not drift', () => {
    const d = desired({ mapRoles: [role('x')] });
    const s = handEdited(EMPTY, d, { mapRoles: JSON.stringify([{ groups: ['x:group'], username: 'x', rolearn: `${ARN}:role/x` }]) });
    expect(planOwner(s, 'a', d, STRICT)).toEqual({ changes: [], drift: [] });
  });

  test('an sso entry (no principal we key) is neither drift nor a duplicate', () => {
    const sso = '- sso:\n    permissionSetName: ReadOnly\n    accountID: "111122223333"\n  username: a\n  groups:\n  - view\n';
    const d = desired({ mapRoles: [role('x')] });
    const s = handEdited(EMPTY, d, { mapRoles: sso + sso + roleYaml('x') });
    expect(planOwner(s, 'a', d, STRICT).drift).toEqual([]);
  });
});

describe('planOwner: order of drift items', () => {
  test('owned items come sorted by key (lower-cased user ARN), not in record order (user/Bob sorts before user/alice as written)', () => {
    const d = desired({ mapUsers: [user('Bob'), user('alice'), user('carol')] });
    const s = handEdited(EMPTY, d, { mapUsers: userYaml('carol') });
    expect(parseOwnersRecord(s.annotations[OWNERS_ANNOTATION]).owners.a.mapUsers.map((u) => u.userarn))
      .toEqual([`${ARN}:user/Bob`, `${ARN}:user/alice`, `${ARN}:user/carol`]);
    expect(planOwner(s, 'a', d, STRICT).drift.map((x) => `${x.key}:${x.drift}`)).toEqual([`${ARN}:user/alice:deleted`, `${ARN}:user/bob:deleted`]);
  });

  test('duplicates come sorted by key, after the owned items, whatever their order in aws-auth', () => {
    const mapRoles = ['zz', 'zz', 'mm', 'aa', 'mm', 'aa', 'bb', 'bb', 'qq'].map((n) => roleYaml(n)).join('');
    const d = desired({ mapRoles: [role('qq'), role('yy')] });
    const s = handEdited(EMPTY, d, { mapRoles });
    expect(planOwner(s, 'a', d, STRICT).drift.map((x) => `${x.key.split('/')[1]}:${x.drift}:${x.owners.join(',')}`))
      .toEqual(['yy:deleted:a', 'aa:duplicate:', 'bb:duplicate:', 'mm:duplicate:', 'zz:duplicate:']);
  });
});

describe('planOwner: kinds looked at', () => {
  const dupUsers = userYaml('bob') + userYaml('bob');
  const dupAccounts = '- "444455556666"\n- "444455556666"\n';
  const dupRoles = roleYaml('dup') + roleYaml('dup');

  test('a recorded owner with roles only, wanting roles only: duplicates among users and accounts are not its drift', () => {
    const d = desired({ mapRoles: [role('x')] });
    const s = handEdited(EMPTY, d, { mapUsers: dupUsers, mapAccounts: dupAccounts });
    expect(planOwner(s, 'a', d, STRICT)).toEqual({ changes: [], drift: [] });
  });

  test('a new owner wanting users only: user duplicates are reported, role and account duplicates are not', () => {
    const s: ConfigMapState = { data: { mapRoles: dupRoles, mapUsers: dupUsers, mapAccounts: dupAccounts }, annotations: {} };
    const plan = planOwner(s, 'a', desired({ mapUsers: [user('carol')] }), STRICT);
    expect(plan.drift).toEqual([{ kind: 'user', key: `${ARN}:user/bob`, drift: 'duplicate', owners: [], expected: undefined, actual: [user('bob'), user('bob')] }]);
    expect(plan.changes).toEqual([{ kind: 'user', key: `${ARN}:user/carol`, action: 'added', after: user('carol') }]);
  });

  test('a kind the owner had but no longer wants is still looked at (its deleted entry is drift)', () => {
    const s = handEdited(EMPTY, desired({ mapRoles: [role('x')], mapUsers: [user('bob')] }), { mapUsers: '[]' });
    const plan = planOwner(s, 'a', desired({ mapRoles: [role('x')] }), STRICT);
    expect(plan.changes).toEqual([]);
    expect(plan.drift).toEqual([{ kind: 'user', key: `${ARN}:user/bob`, drift: 'deleted', owners: ['a'], expected: user('bob'), actual: [] }]);
  });

  test('another owner\'s entries are not this owner\'s drift, only shown as owners of a duplicate', () => {
    const other = applyOwner(EMPTY, 'b', desired({ mapRoles: [role('yy')] }), STRICT).state;
    const s = handEdited(other, desired({ mapRoles: [role('x')] }), { mapRoles: roleYaml('x') + roleYaml('yy') + roleYaml('yy') });
    expect(planOwner({ ...s, data: { mapRoles: roleYaml('x') } }, 'a', desired({ mapRoles: [role('x')] }), STRICT).drift).toEqual([]);
    expect(planOwner(s, 'a', desired({ mapRoles: [role('x')] }), STRICT).drift).toEqual([
      { kind: 'role', key: `${ARN}:role/yy`, drift: 'duplicate', owners: ['b'], expected: roleEntry('yy'), actual: [roleEntry('yy'), roleEntry('yy')] },
    ]);
  });
});

describe('planOwner: input checks', () => {
  test('an invalid owner id is refused before anything is read', () => {
    const run = (): unknown => planOwner({ data: {}, annotations: { [OWNERS_ANNOTATION]: '{broken' } }, 'no spaces', desired({ mapRoles: [role('x')] }), STRICT);
    expect(run).toThrow(AwsAuthInputError);
    expect(run).toThrow('owner must be 1 to 256 letters, digits and ._:/@- starting with a letter or digit, got "no spaces"; use a stable id unique per cluster, such as the stack name');
  });
});
