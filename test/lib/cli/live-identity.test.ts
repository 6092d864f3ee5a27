import { stringify } from 'yaml';
import { AwsAuthParseError } from '../../../lambda/aws-auth/core';
import { canonicalArn, liveIdentity } from '../../../lib/cli/live-identity';
import type { MappedPrincipal } from '../../../lib/cli/live-identity';

const A = '111122223333';
const READER: MappedPrincipal = { kind: 'role', arn: `arn:aws:iam::${A}:role/external_reader` };
const BOT: MappedPrincipal = { kind: 'user', arn: `arn:aws:iam::${A}:user/ci-bot` };
const SSO: MappedPrincipal = { kind: 'role', arn: `arn:aws:iam::${A}:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_ReadOnly_0123456789abcdef` };

const state = (data: Record<string, unknown>) => ({
  data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, typeof v === 'string' ? v : stringify(v)])),
  annotations: {},
});
const readerEntry = (groups: string[], extra: Record<string, unknown> = {}) => ({ rolearn: READER.arn, username: 'reader', groups, ...extra });

describe('liveIdentity: the username and groups the authenticator gives a principal', () => {
  test('compliant: the entry as declared', () => {
    expect(liveIdentity(state({ mapRoles: [readerEntry(['reader'])] }), READER))
      .toEqual({ status: 'mapped', identities: [{ username: 'reader', groups: ['reader'], source: 'mapRoles entry 1' }] });
  });

  test('a hand edit to system:masters is what the principal gets', () => {
    expect(liveIdentity(state({ mapRoles: [readerEntry(['system:masters'])] }), READER))
      .toEqual({ status: 'mapped', identities: [{ username: 'reader', groups: ['system:masters'], source: 'mapRoles entry 1' }] });
  });

  test('the ARN is compared lower-cased, and field names case-insensitively (the last spelling winning)', () => {
    const entry = { RoleARN: READER.arn.toUpperCase().replace('ARN:AWS:IAM', 'arn:aws:iam'), UserName: 'reader', Groups: ['reader'], groups: ['system:masters'] };
    expect(liveIdentity(state({ mapRoles: [entry] }), READER))
      .toEqual({ status: 'mapped', identities: [{ username: 'reader', groups: ['system:masters'], source: 'mapRoles entry 1' }] });
  });

  test('of two entries for one role the last wins, even when only its case differs', () => {
    const upper = readerEntry(['system:masters'], { rolearn: READER.arn.replace('external_reader', 'EXTERNAL_READER') });
    expect(liveIdentity(state({ mapRoles: [readerEntry(['reader']), upper] }), READER))
      .toEqual({ status: 'mapped', identities: [{ username: 'reader', groups: ['system:masters'], source: 'mapRoles entry 2' }] });
    expect(liveIdentity(state({ mapRoles: [upper, readerEntry(['reader'])] }), READER))
      .toEqual({ status: 'mapped', identities: [{ username: 'reader', groups: ['reader'], source: 'mapRoles entry 2' }] });
  });

  test('a role entry written with an IAM path maps nobody (the caller\'s canonical ARN has no path)', () => {
    const pathed = readerEntry(['system:masters'], { rolearn: `arn:aws:iam::${A}:role/team/external_reader` });
    expect(liveIdentity(state({ mapRoles: [readerEntry(['reader']), pathed] }), READER))
      .toEqual({ status: 'mapped', identities: [{ username: 'reader', groups: ['reader'], source: 'mapRoles entry 1' }] });
    expect(liveIdentity(state({ mapRoles: [pathed] }), READER)).toEqual({ status: 'missing' });
  });

  test('a config role ARN with a path is looked up without it', () => {
    const entry = { rolearn: `arn:aws:iam::${A}:role/AWSReservedSSO_ReadOnly_0123456789abcdef`, username: 'sso-reader:{{SessionName}}', groups: ['reader'] };
    expect(canonicalArn(SSO)).toBe(entry.rolearn);
    expect(liveIdentity(state({ mapRoles: [entry] }), SSO))
      .toEqual({ status: 'mapped', identities: [{ username: 'sso-reader:{{SessionName}}', groups: ['reader'], source: 'mapRoles entry 1' }] });
  });

  test('entries the authenticator refuses map nobody: rolearn together with sso, or no ARN', () => {
    const both = readerEntry(['system:masters'], { sso: { permissionSetName: 'ReadOnly', accountID: A } });
    expect(liveIdentity(state({ mapRoles: [both, { username: 'x', groups: ['system:masters'] }] }), READER)).toEqual({ status: 'missing' });
  });

  test('an sso entry for the role\'s permission set is a candidate beside the exact entry (the authenticator may pick either)', () => {
    const exact = { rolearn: canonicalArn(SSO), username: 'sso-reader:{{SessionName}}', groups: ['reader'] };
    const sso = { sso: { permissionSetName: 'ReadOnly', accountID: A }, username: 'sso:{{SessionName}}', groups: ['system:masters'] };
    expect(liveIdentity(state({ mapRoles: [exact, sso] }), SSO)).toEqual({
      status: 'mapped',
      identities: [
        { username: 'sso-reader:{{SessionName}}', groups: ['reader'], source: 'mapRoles entry 1' },
        { username: 'sso:{{SessionName}}', groups: ['system:masters'], source: 'mapRoles entry 2' },
      ],
    });
    // Another permission set, another account or an invalid block matches nothing.
    for (const other of [{ permissionSetName: 'Admin', accountID: A }, { permissionSetName: 'ReadOnly', accountID: '999999999999' }, { permissionSetName: 'ReadOnly', accountID: 'x' }]) {
      expect(liveIdentity(state({ mapRoles: [{ ...sso, sso: other }] }), SSO)).toEqual({ status: 'missing' });
    }
  });

  test('user ARNs: compared lower-cased; each spelling\'s last entry is a candidate', () => {
    const bot = (arn: string, groups: string[]) => ({ userarn: arn, username: 'ci-bot', groups });
    expect(liveIdentity(state({ mapUsers: [bot(BOT.arn, ['reader']), bot(BOT.arn, ['developer'])] }), BOT))
      .toEqual({ status: 'mapped', identities: [{ username: 'ci-bot', groups: ['developer'], source: 'mapUsers entry 2' }] });
    expect(liveIdentity(state({ mapUsers: [bot(BOT.arn, ['reader']), bot(BOT.arn.toUpperCase(), ['system:masters'])] }), BOT)).toEqual({
      status: 'mapped',
      identities: [
        { username: 'ci-bot', groups: ['reader'], source: 'mapUsers entry 1' },
        { username: 'ci-bot', groups: ['system:masters'], source: 'mapUsers entry 2' },
      ],
    });
  });

  test('mapRoles is asked first for any principal; a mapUsers entry with a role ARN maps the role when no role entry does', () => {
    const asUser = { userarn: READER.arn, username: 'reader', groups: ['system:masters'] };
    expect(liveIdentity(state({ mapUsers: [asUser] }), READER))
      .toEqual({ status: 'mapped', identities: [{ username: 'reader', groups: ['system:masters'], source: 'mapUsers entry 1' }] });
    expect(liveIdentity(state({ mapRoles: [readerEntry(['reader'])], mapUsers: [asUser] }), READER))
      .toEqual({ status: 'mapped', identities: [{ username: 'reader', groups: ['reader'], source: 'mapRoles entry 1' }] });
    const userInRoles = { rolearn: BOT.arn, username: 'ci-bot', groups: ['system:masters'] };
    expect(liveIdentity(state({ mapRoles: [userInRoles], mapUsers: [{ userarn: BOT.arn, username: 'ci-bot', groups: ['reader'] }] }), BOT))
      .toEqual({ status: 'mapped', identities: [{ username: 'ci-bot', groups: ['system:masters'], source: 'mapRoles entry 1' }] });
  });

  test('no entry: missing; with the account in mapAccounts, the canonical ARN with no groups', () => {
    expect(liveIdentity(state({}), READER)).toEqual({ status: 'missing' });
    expect(liveIdentity(state({ mapAccounts: [A] }), SSO))
      .toEqual({ status: 'mapped', identities: [{ username: canonicalArn(SSO), groups: [], source: 'mapAccounts' }] });
  });

  test('a username or groups that are not strings: unreadable, naming the entry', () => {
    const bad = readerEntry([]);
    expect(liveIdentity(state({ mapRoles: `- rolearn: ${READER.arn}\n  username: reader\n  groups: [reader, yes]\n` }), READER))
      .toEqual({ status: 'unreadable', source: 'mapRoles entry 1', entry: { ...bad, groups: ['reader', true] } });
    expect(liveIdentity(state({ mapRoles: [readerEntry(['reader'], { groups: 'reader' })] }), READER).status).toBe('unreadable');
  });

  test('aws-auth the authenticator cannot parse throws, as the merge does', () => {
    expect(() => liveIdentity(state({ mapRoles: '- rolearn: [' }), READER)).toThrow(AwsAuthParseError);
  });
});
