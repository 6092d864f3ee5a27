/** The dry-run plan and drift, with principals compared as the authenticator compares them. */
import { applyOwner, planOwner } from '../../../../lambda/aws-auth/core';
import { STRICT, desired } from './fixtures';

const ALICE = 'arn:aws:iam::111122223333:user/Alice';
const alice = 'arn:aws:iam::111122223333:user/alice';
const user = (userarn: string, username = 'alice') => ({ userarn, username, groups: ['view'] });

describe('planOwner: users in two cases are one principal', () => {
  test('an owned user entry edited by hand to another case is drift (edited), and the plan rewrites it', () => {
    const d = desired({ mapUsers: [user(ALICE)] });
    const s1 = applyOwner({ data: {}, annotations: {} }, 'a', d, STRICT).state;
    const edited = { ...s1, data: { mapUsers: s1.data.mapUsers.replace(ALICE, alice) } };
    const plan = planOwner(edited, 'a', d, STRICT);
    expect(plan.changes).toEqual([{ kind: 'user', key: alice, action: 'changed', before: user(alice), after: user(ALICE) }]);
    expect(plan.drift).toEqual([{ kind: 'user', key: alice, drift: 'edited', owners: ['a'], expected: user(ALICE), actual: [user(alice)] }]);
  });

  test('a user appearing in two cases is a duplicate (unowned), and the owned one collapses it', () => {
    const mapUsers = `- userarn: ${ALICE}\n  username: alice\n  groups:\n  - view\n- userarn: ${alice}\n  username: alice\n  groups:\n  - view\n`;
    const plan = planOwner({ data: { mapUsers }, annotations: {} }, 'a', desired({ mapUsers: [user(alice)] }), STRICT);
    expect(plan.changes.map((c) => c.action)).toEqual(['adopted', 'collapsed']);
    expect(plan.drift).toEqual([{ kind: 'user', key: alice, drift: 'duplicate', owners: [], expected: undefined, actual: [user(ALICE), user(alice)] }]);
  });
});
