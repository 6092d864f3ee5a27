/**
 * The merge writes only what the authenticator reads exactly as intended, asked of Go itself:
 * every merged aws-auth is either refused before anything is written, or read back by the
 * authenticator's own parsing path (test/support/authenticator-oracle) as exactly the owner's
 * entries, with everybody else's entries read as before. Names are arbitrary Unicode: every
 * plane, noncharacters, C0/C1 controls, YAML 1.1 line breaks, the BOM, lone surrogates and the
 * scalars YAML 1.1 types as something else.
 */
import * as fc from 'fast-check';
import { stringify } from 'yaml';
import { AwsAuthInputError, AwsAuthParseError, applyOwner, renderList } from '../../../../lambda/aws-auth/core';
import type { ConfigMapState, DesiredEntries, MergeOptions } from '../../../../lambda/aws-auth/core';
import { describeWithOracle, useOracleSession } from '../../../support/authenticator-oracle';
import type { GoRoleMapping, GoUserMapping, OracleResult } from '../../../support/authenticator-oracle';

const OPTIONS: MergeOptions = { allowClusterAdmin: true, takeOverUnowned: false };
const OWNED_ACCOUNT = '444455556666';
const FOREIGN_ACCOUNT = '111122223333';
/** Which writer produced a generated aws-auth (kept by the merge like any annotation). */
const WRITER_ANNOTATION = 'example.com/writer';

/** Characters and words that break naive YAML writers, one fragment each. */
const SPECIALS = [
  '\u0000', '\u0001', '\u0008', '\t', '\n', '\u000b', '\u000c', '\r', '\u001b', '\u001f', '\u007f', '\u0080', '\u0085', '\u009f', '\u00a0', '\u00ad',
  '\u2028', '\u2029', '\ufeff', '\ufffd', '\ufffe', '\uffff', '\u{1fffe}', '\u{1ffff}', '\u{10fffd}', '\u{10ffff}', '\u{1f600}', '\u3000', '\ufdd0',
  '\ud800', '\udfff', '\udbff\udfff',
  'yes', 'no', 'on', 'off', 'y', 'N', '~', 'null', 'NULL', 'true', '0x1F', '0o17', '0b101', '1e3', '012', '09', '1_000', '.inf', '-.Inf', '.nan', '1:20',
  '2001-12-14', '<<', ' ', '  ', '#', ' #', ': ', ':', '- ', '-', '?', '"', "'", '\\', '\\n', '\\u0041', '{', '}', '[', ']', ',', '&a', '*a', '!!str', '!', '%', '@', '`', '|', '>',
  '{{SessionName}}', '{{EC2PrivateDNSName}}', 'system:masters', 'dev', 'ü', 'Δ',
];
const fragment = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SPECIALS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }) },
  { weight: 2, arbitrary: fc.stringMatching(/^[a-z][a-z0-9:-]{0,6}$/) },
);
/** Any name: concatenated fragments (often empty-free, sometimes empty). */
const anyName = fc.array(fragment, { minLength: 1, maxLength: 4 }).map((p) => p.join(''));
const hasLoneSurrogate = (s: string): boolean => /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
/** A name a ConfigMap can hold (UTF-8: no lone surrogates), for entries already in aws-auth. */
const storedName = anyName.filter((s) => !hasLoneSurrogate(s));

/** Owned names: any name, or (more often) one with what validation refuses replaced, so merges also succeed. */
// eslint-disable-next-line no-control-regex
const REFUSED_RE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const ownedName = fc.oneof({ weight: 1, arbitrary: anyName }, { weight: 3, arbitrary: anyName.map((n) => n.replace(REFUSED_RE, '_').trim() || 'x') });

/** Role names: usually valid IAM names, sometimes arbitrary text (then validation refuses). */
const iamName = fc.oneof({ weight: 4, arbitrary: fc.stringMatching(/^[A-Za-z0-9+=,.@_-]{1,12}$/) }, { weight: 1, arbitrary: anyName });
const ownedRole = fc.record({
  path: fc.constantFrom('', 'team/', 'a/b/'),
  name: iamName,
  username: ownedName,
  groups: fc.array(ownedName, { maxLength: 3 }),
});
const ownedUser = fc.record({ name: iamName, username: ownedName, groups: fc.array(ownedName, { maxLength: 2 }) });
const ownedArb = fc.record({
  roles: fc.array(ownedRole, { maxLength: 3 }),
  users: fc.array(ownedUser, { maxLength: 2 }),
  accounts: fc.uniqueArray(fc.constantFrom(OWNED_ACCOUNT, '000011112222'), { maxLength: 2 }),
});
type Owned = typeof ownedArb extends fc.Arbitrary<infer T> ? T : never;

function desiredOf(o: Owned): DesiredEntries {
  return {
    mapRoles: o.roles.map((r) => ({ rolearn: `arn:aws:iam::${OWNED_ACCOUNT}:role/${r.path}${r.name}`, username: r.username, groups: r.groups })),
    mapUsers: o.users.map((u) => ({ userarn: `arn:aws:iam::${OWNED_ACCOUNT}:user/${u.name}`, username: u.username, groups: u.groups })),
    mapAccounts: o.accounts,
  };
}

/** Entries already in aws-auth, in the shapes eksctl, EKS, CDK and hand edits leave. */
const foreignValue = fc.oneof({ weight: 6, arbitrary: storedName }, { weight: 1, arbitrary: fc.constantFrom<unknown>(true, 12, null, 1.5) });
const foreignRole = fc.oneof(
  fc.record({ rolearn: fc.constantFrom(`arn:aws:iam::${FOREIGN_ACCOUNT}:role/f1`, `arn:aws:iam::${FOREIGN_ACCOUNT}:role/F2`, `arn:aws:iam::${FOREIGN_ACCOUNT}:role/p/f3`), username: storedName, groups: fc.array(storedName, { maxLength: 3 }) }),
  fc.record({ rolearn: fc.constant(`arn:aws:iam::${FOREIGN_ACCOUNT}:role/f4`), username: storedName, groups: fc.array(storedName, { maxLength: 2 }), userid: storedName }),
  fc.record({ sso: fc.record({ permissionSetName: fc.constantFrom('ReadOnly', 'Admin'), accountID: fc.constant(FOREIGN_ACCOUNT) }), username: storedName, groups: fc.array(storedName, { maxLength: 2 }) }),
  fc.record({ RoleArn: fc.constant(`arn:aws:iam::${FOREIGN_ACCOUNT}:role/f5`), UserName: storedName, Groups: fc.array(storedName, { maxLength: 2 }) }),
  fc.constant({ rolearn: `arn:aws:iam::${FOREIGN_ACCOUNT}:role/node`, username: 'system:node:{{EC2PrivateDNSName}}', groups: ['system:bootstrappers', 'system:nodes'] }),
);
const foreignUser = fc.record({ userarn: fc.constantFrom(`arn:aws:iam::${FOREIGN_ACCOUNT}:user/u1`, `arn:aws:iam::${FOREIGN_ACCOUNT}:user/U2`), username: storedName, groups: fc.array(storedName, { maxLength: 2 }) });

/**
 * JSON as a careful writer leaves it: characters go-yaml refuses raw (and NEL, LS, PS) as
 * `\uXXXX` escapes, which YAML and JSON read alike.
 */
function escapedJson(items: unknown[]): string {
  return JSON.stringify(items).replace(/[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const stateArb: fc.Arbitrary<ConfigMapState> = fc.record({
  roles: fc.array(foreignRole, { maxLength: 4 }),
  users: fc.array(foreignUser, { maxLength: 2 }),
  accounts: fc.uniqueArray(fc.constantFrom(FOREIGN_ACCOUNT, '012345678901'), { maxLength: 2 }),
  style: fc.constantFrom('block', 'json', 'yaml-1.2'),
  typed: fc.array(fc.record({ rolearn: fc.constant(`arn:aws:iam::${FOREIGN_ACCOUNT}:role/typed`), username: foreignValue, groups: fc.array(foreignValue, { maxLength: 2 }) }), { maxLength: 1 }),
}).map(({ roles, users, accounts, style, typed }) => {
  const data: Record<string, string> = { other: 'x: 1' };
  // yaml-1.2: another tool's writer (the `yaml` library), which knows nothing of YAML 1.1 or go-yaml.
  const write = (items: unknown[]): string => (style === 'json' ? escapedJson(items) : style === 'yaml-1.2' ? stringify(items) : renderList(items));
  if (roles.length + typed.length) data.mapRoles = write([...roles, ...typed]);
  if (users.length) data.mapUsers = write(users);
  if (accounts.length) data.mapAccounts = renderList(accounts);
  return { data, annotations: { [WRITER_ANNOTATION]: style } };
});

/** The role ARN as the authenticator must hold it: IAM path stripped. */
function expectedRoleArn(name: string): string {
  return `arn:aws:iam::${OWNED_ACCOUNT}:role/${name}`;
}

function isOwnedKey(key: string): boolean {
  return key.includes(`::${OWNED_ACCOUNT}:`);
}

function othersOf<T>(m: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(m).filter(([k]) => !isOwnedKey(k)));
}

function errorsOf(r: OracleResult): string[] {
  return (['mapRoles', 'mapUsers', 'mapAccounts'] as const).filter((k) => r[k].error !== undefined).map((k) => `${k}: ${r[k].stage}: ${r[k].error}`);
}

describeWithOracle('aws-auth merge read back by the authenticator', () => {
  const session = useOracleSession();
  const oracle = { read: (data: Record<string, string>) => session().read(data) };

  test('the renderer writes foreign entries Go reads without errors (so do escaped JSON writers)', async () => {
    await fc.assert(fc.asyncProperty(stateArb, async (state) => {
      const go = await oracle.read(state.data);
      if (state.annotations[WRITER_ANNOTATION] === 'yaml-1.2') return; // another tool: may write what Go refuses
      expect(errorsOf(go).filter((e) => !e.includes(': json: '))).toEqual([]); // typed values: json type errors only
    }), { numRuns: 150 });
  });

  test('every merge is refused before writing, naming the field, or read by Go as exactly the intended entries, everybody else unchanged', async () => {
    let accepted = 0;
    let refused = 0;
    let parseRefused = 0;
    await fc.assert(fc.asyncProperty(stateArb, ownedArb, async (state, owned) => {
      let result;
      const before = await oracle.read(state.data);
      try {
        result = applyOwner(state, 'owner-a', desiredOf(owned), OPTIONS);
      } catch (e) {
        if (e instanceof AwsAuthParseError) {
          parseRefused++; // the stored aws-auth is refused as a whole (fail closed), nothing written
          return;
        }
        expect(e).toBeInstanceOf(AwsAuthInputError);
        // A sentence naming the field, e.g. mapRoles[1].groups[0] ... ; use ...
        expect((e as Error).message).toMatch(/^(mapRoles|mapUsers|mapAccounts)(\[\d+\](\.(rolearn|userarn|username|groups(\[\d+\])?))?)?:? .*; /s);
        refused++;
        return;
      }
      accepted++;
      const after = await oracle.read(result.state.data);
      // No key Go ignored is revived, no key Go read is lost; type errors stay as they were.
      for (const k of ['mapRoles', 'mapUsers', 'mapAccounts'] as const) {
        expect({ key: k, stage: after[k].stage === 'tojson' ? 'tojson' : undefined }).toEqual({ key: k, stage: before[k].stage === 'tojson' ? 'tojson' : undefined });
        if (before[k].stage === undefined) expect({ key: k, error: after[k].error }).toEqual({ key: k, error: undefined });
      }
      // The owner's entries, exactly.
      const roles: Record<string, GoRoleMapping> = {};
      for (const r of owned.roles) {
        const arn = expectedRoleArn(r.name);
        roles[arn.toLowerCase()] = { rolearn: arn, username: r.username, groups: r.groups };
      }
      expect(Object.fromEntries(Object.entries(after.roles).filter(([k]) => isOwnedKey(k)))).toEqual(roles);
      const users: Record<string, GoUserMapping> = {};
      for (const u of owned.users) {
        const arn = `arn:aws:iam::${OWNED_ACCOUNT}:user/${u.name}`;
        users[arn] = { userarn: arn, username: u.username, groups: u.groups };
      }
      expect(Object.fromEntries(Object.entries(after.users).filter(([k]) => isOwnedKey(k)))).toEqual(users);
      const ownedAccounts: readonly string[] = owned.accounts;
      expect(after.accounts.filter((a) => ownedAccounts.includes(a)).sort()).toEqual([...ownedAccounts].sort());
      // Everybody else: the same mappings, the same dropped entries, the same accounts.
      expect(othersOf(after.roles)).toEqual(othersOf(before.roles));
      expect(othersOf(after.users)).toEqual(othersOf(before.users));
      expect(after.mapRoles.rejected.map((r) => r.entry)).toEqual(before.mapRoles.rejected.map((r) => r.entry));
      expect(after.accounts.filter((a) => !ownedAccounts.includes(a))).toEqual(before.accounts.filter((a) => !ownedAccounts.includes(a)));
    }), { numRuns: 300 });
    // Both outcomes must actually occur, or the property proves little.
    expect(accepted).toBeGreaterThan(20);
    expect(refused).toBeGreaterThan(20);
    expect(parseRefused).toBeLessThan(accepted);
  });

  test('names made only of characters go-yaml reads alike are accepted and read back exactly', async () => {
    const printable = fc.string({ unit: 'binary', minLength: 1, maxLength: 8 })
      .map((s) => s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g, 'x').trim()) // eslint-disable-line no-control-regex
      .filter((s) => s.length > 0 && !/^(system|eks|aws|amazon|iam):/i.test(s) && !s.includes('{{'));
    await fc.assert(fc.asyncProperty(printable, fc.array(printable, { maxLength: 3 }), async (username, groups) => {
      const unique = [...new Set(groups)];
      const r = applyOwner({ data: {}, annotations: {} }, 'owner-a', { mapRoles: [{ rolearn: expectedRoleArn('r'), username, groups: unique }], mapUsers: [], mapAccounts: [] }, OPTIONS);
      const go = await oracle.read(r.state.data);
      expect(errorsOf(go)).toEqual([]);
      expect(go.mapRoles.entries).toEqual([{ rolearn: expectedRoleArn('r'), username, groups: unique }]);
    }), { numRuns: 200 });
  });
});
