/** The owners record: principal keys as the authenticator compares them. */
import { OWNERS_ANNOTATION } from '../../../../lambda/aws-auth/api';
import { applyOwner, parseOwnersRecord, removeOwner, renderOwnersRecord } from '../../../../lambda/aws-auth/core';
import { STRICT, desired } from './fixtures';

const ALICE = 'arn:aws:iam::111122223333:user/Alice';
const alice = 'arn:aws:iam::111122223333:user/alice';
const entry = (userarn: string, username: string) => ({ userarn, username, groups: ['view'] });

describe('adopted user entries are keyed by the lower-cased ARN', () => {
  test('a record written by us keys adopted users lower-cased', () => {
    const state = { data: { mapUsers: `- userarn: ${ALICE}\n  username: old\n  groups:\n  - view\n` }, annotations: {} };
    const r = applyOwner(state, 'a', desired({ mapUsers: [entry(ALICE, 'new')] }), { ...STRICT, takeOverUnowned: true });
    const rec = JSON.parse(r.state.annotations[OWNERS_ANNOTATION]) as { adopted: { mapUsers: Record<string, unknown> } };
    expect(Object.keys(rec.adopted.mapUsers)).toEqual([alice]);
  });

  test.each<[string, Record<string, unknown[]>, Record<string, unknown[]>]>([
    ['a key written in capitals is folded', { [ALICE]: [entry(ALICE, 'old')] }, { [alice]: [entry(ALICE, 'old')] }],
    ['two keys that fold together keep both entries, in key order',
      { [alice]: [entry(alice, 'two')], [ALICE]: [entry(ALICE, 'one')] },
      { [alice]: [entry(ALICE, 'one'), entry(alice, 'two')] }],
  ])('an older record: %s', (_name, adoptedUsers, expected) => {
    const rec = parseOwnersRecord(JSON.stringify({ version: 1, owners: {}, adopted: { mapUsers: adoptedUsers } }));
    expect(rec.adopted.user).toEqual(expected);
    expect(JSON.parse(renderOwnersRecord(rec)).adopted.mapUsers).toEqual(expected);
  });

  test('an older record\'s adopted entry is put back when its owner (declaring another case) is removed', () => {
    const original = `- userarn: ${ALICE}\n  username: old\n  groups:\n  - view\n`;
    const record = JSON.stringify({ version: 1, owners: { a: { mapUsers: [entry(alice, 'new')] } }, adopted: { mapUsers: { [ALICE]: [entry(ALICE, 'old')] } } });
    const state = { data: { mapUsers: `- userarn: ${alice}\n  username: new\n  groups:\n  - view\n` }, annotations: { [OWNERS_ANNOTATION]: record } };
    const r = removeOwner(state, 'a');
    expect(r.state.data.mapUsers).toBe(original);
    expect(r.state.annotations).toEqual({});
  });
});
