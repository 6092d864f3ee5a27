/**
 * The core reads stored aws-auth values as the authenticator does, asked of Go itself: where
 * `parseList` answers, Go reads the same entries (same strings, same values it cannot use as
 * strings, same entries dropped by Validate); where Go ignores a whole key, `parseList` refuses
 * it (fail closed). Plain scalars are typed as go-yaml v2 types them (`goResolvePlain`).
 */
import * as fc from 'fast-check';
import { AwsAuthParseError, parseList } from '../../../../lambda/aws-auth/core';
import { goResolvePlain } from '../../../../lambda/aws-auth/core/yaml11';
import { describeWithOracle, useOracleSession } from '../../../support/authenticator-oracle';
import type { GoRoleMapping, GoUserMapping, OracleKey } from '../../../support/authenticator-oracle';

const ROLE = 'arn:aws:iam::111122223333:role/r';
const USER = 'arn:aws:iam::111122223333:user/u';

/** Plain scalars with YAML 1.1 / Go number syntax edge cases (no YAML indicators). */
const NUMBERISH = fc.stringMatching(/^[+-]?[0-9._xXoObBeEaAfF+-]{1,8}$/).filter((s) => s !== '-' && !s.startsWith('- ') && !/^-[ ]/.test(s));
const WORDS = ['yes', 'No', 'ON', 'off', 'y', 'N', '~', 'null', 'Null', 'TRUE', 'nan', 'NaN', '.nan', '.Inf', '-.inf', '+.INF', 'inf', 'e3', 'E5', '1e400', '1e-400', '0x', '0x_1F', '0o17', '0O17', '0B11',
  '09', '012', '0_12', '1_', '_1', '1:20', '1:20:30.5', '2001-12-14', '2001-12-14t21:59:43.10-05:00', '+12', '+.5', '.5', '.5e3', '._5', '.5_0', '0.', '-0b101', '0b-1', '0b+1', '-0b-1',
  '9223372036854775807', '9223372036854775808', '18446744073709551615', '18446744073709551616', '-9223372036854775809', '0xFFFFFFFFFFFFFFFF', '0x10000000000000000', '<<', '=', 'a b', 'system:nodes'];
const plainToken = fc.oneof(fc.constantFrom(...WORDS), NUMBERISH);

function goCategory(key: OracleKey<GoRoleMapping>): { kind: 'string'; value: string } | { kind: 'number' | 'bool' | 'null' | 'nonfinite' | 'syntax' } {
  if (key.stage === 'tojson') return key.error?.includes('unsupported value') ? { kind: 'nonfinite' } : { kind: 'syntax' };
  if (key.error?.includes('cannot unmarshal number')) return { kind: 'number' };
  if (key.error?.includes('cannot unmarshal bool')) return { kind: 'bool' };
  const u = key.entries[0]?.username;
  return u === '' ? { kind: 'null' } : { kind: 'string', value: u };
}

function tsCategory(v: ReturnType<typeof goResolvePlain>): string {
  if (v === null) return 'null';
  if (typeof v === 'number') return Number.isFinite(v) ? 'number' : 'nonfinite';
  return typeof v === 'boolean' ? 'bool' : 'string';
}

/** A JS value as encoding/json stores it in a Go string field. */
function goStr(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function field(o: Record<string, unknown>, name: string): unknown {
  const k = Object.keys(o).find((key) => key.toLowerCase() === name);
  return k === undefined ? undefined : o[k];
}

function goGroups(v: unknown): string[] | null {
  return Array.isArray(v) ? v.map(goStr) : null;
}

/** A parsed role item as encoding/json decodes it into config.RoleMapping (then JSON-encoded). */
function asGoRole(item: Record<string, unknown>): GoRoleMapping {
  const out: Record<string, unknown> = {};
  const rolearn = goStr(field(item, 'rolearn'));
  if (rolearn !== '') out.rolearn = rolearn;
  const sso = field(item, 'sso');
  if (typeof sso === 'object' && sso !== null && !Array.isArray(sso)) {
    const s = sso as Record<string, unknown>;
    const partition = goStr(field(s, 'partition'));
    out.sso = { permissionSetName: goStr(field(s, 'permissionsetname')), accountID: goStr(field(s, 'accountid')), ...(partition !== '' ? { partition } : {}) };
  }
  out.username = goStr(field(item, 'username'));
  out.groups = goGroups(field(item, 'groups'));
  const userid = goStr(field(item, 'userid'));
  if (userid !== '') out.userid = userid;
  return out as unknown as GoRoleMapping;
}

function asGoUser(item: Record<string, unknown>): GoUserMapping {
  const userid = goStr(field(item, 'userid'));
  return { userarn: goStr(field(item, 'userarn')), username: goStr(field(item, 'username')), groups: goGroups(field(item, 'groups')), ...(userid !== '' ? { userid } : {}) };
}

/** Scalars as they appear in stored aws-auth values: plain, quoted, escaped, with raw oddities. */
const RAW = [' ', '\t', '\r', '\u0000', '\u0007', '\u007f', '\u0085', '\u009f', '\u00a0', '\u2028', '\u2029', '\ufeff', '\ufffe', '\uffff', '\u{1ffff}', '\u{1f600}', 'é'];
const ESCAPES = ['\\x41', '\\u0041', '\\U0001F600', '\\N', '\\_', '\\L', '\\P', '\\e', '\\0', '\\a', '\\v', '\\t', '\\/', '\\ud83d\\ude00', '\\"', '\\\\', '\\ ', '\\uFFFE', '\\u0085'];
const text = fc.array(fc.oneof(fc.constantFrom(...RAW), fc.stringMatching(/^[a-z0-9:]{1,4}$/)), { minLength: 1, maxLength: 3 }).map((p) => p.join(''));
const scalarArb = fc.oneof(
  { weight: 3, arbitrary: plainToken },
  { weight: 2, arbitrary: fc.array(fc.oneof(text, fc.constantFrom(...ESCAPES)), { maxLength: 3 }).map((p) => `"${p.join('')}"`) },
  { weight: 1, arbitrary: text.map((t) => `'${t.replace(/'/g, "''")}'`) },
  { weight: 1, arbitrary: text },
);
const keyArb = fc.constantFrom('rolearn', 'RoleArn', 'username', 'UserName', 'groups', 'userid', 'extra');
const itemArb = fc.record({
  arn: fc.constantFrom(ROLE, 'arn:aws:iam::111122223333:role/R2', ''),
  fields: fc.uniqueArray(fc.tuple(keyArb, scalarArb), { maxLength: 3, selector: ([k]) => k.toLowerCase() }),
  groups: fc.array(scalarArb, { maxLength: 3 }),
  style: fc.constantFrom('block', 'flow'),
});

function render(items: (typeof itemArb extends fc.Arbitrary<infer T> ? T : never)[]): string {
  return items.map((it) => {
    const fields = it.fields.filter(([k]) => !['rolearn', 'groups'].includes(k.toLowerCase()));
    if (it.style === 'flow') {
      const pairs = [`rolearn: ${it.arn || '""'}`, ...fields.map(([k, v]) => `${k}: ${v}`), `groups: [${it.groups.join(', ')}]`];
      return `- {${pairs.join(', ')}}\n`;
    }
    const lines = [`- rolearn: ${it.arn || '""'}`, ...fields.map(([k, v]) => `  ${k}: ${v}`), '  groups:', ...it.groups.map((g) => `  - ${g}`)];
    return `${lines.join('\n')}\n`;
  }).join('');
}

/** What parseList reads, or undefined when it refuses (fail closed); any other error fails the test. */
function oursOrRefused(dataKey: string, src: string, mode: 'entries' | 'scalars'): unknown[] | undefined {
  try {
    return parseList(dataKey, src, mode).items;
  } catch (e) {
    expect(e).toBeInstanceOf(AwsAuthParseError);
    return undefined;
  }
}

describeWithOracle('stored aws-auth read by the core and by the authenticator', () => {
  const session = useOracleSession();
  const oracle = { read: (data: Record<string, string>) => session().read(data) };

  test('goResolvePlain types plain scalars as go-yaml v2 does', async () => {
    const check = async (token: string): Promise<boolean> => {
      const go = goCategory((await oracle.read({ mapRoles: `- rolearn: ${ROLE}\n  username: ${token}\n  groups: []\n` })).mapRoles);
      if (go.kind === 'syntax') return false;
      const ts = goResolvePlain(token);
      expect({ token, kind: tsCategory(ts) }).toEqual({ token, kind: go.kind });
      if (go.kind === 'string') expect(ts).toBe(go.value);
      return true;
    };
    for (const w of WORDS) expect(await check(w)).toBe(true);
    await fc.assert(fc.asyncProperty(NUMBERISH, async (t) => { await check(t); }), { numRuns: 300 });
  });

  test('where parseList answers, Go reads the same entries; where Go drops a key, parseList refuses it', async () => {
    let answered = 0;
    let refused = 0;
    await fc.assert(fc.asyncProperty(fc.array(itemArb, { minLength: 1, maxLength: 3 }), async (items) => {
      const src = render(items);
      const go = (await oracle.read({ mapRoles: src })).mapRoles;
      const ours = oursOrRefused('mapRoles', src, 'entries');
      if (ours === undefined) {
        refused++;
        return;
      }
      answered++;
      expect({ src, stage: go.stage === 'tojson' ? go.error : undefined }).toEqual({ src, stage: undefined });
      const decoded = ours.map((o) => asGoRole(o as Record<string, unknown>));
      const valid = (r: GoRoleMapping): boolean => (r.rolearn !== undefined) !== (r.sso !== undefined);
      expect({ src, entries: decoded.filter(valid) }).toEqual({ src, entries: go.entries });
      expect(decoded.filter((r) => !valid(r))).toEqual(go.rejected.map((r) => r.entry));
    }), { numRuns: 400 });
    expect(answered).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(20);
  });

  test('JSON values (as CDK writes them, raw characters included): same reading or a refusal', async () => {
    const jsonValue = fc.oneof(text, fc.constantFrom<unknown>(true, false, null, 0, 12, -1.5, 1e21, ''));
    const entryArb = fc.record({
      rolearn: fc.constantFrom(ROLE, ''), username: jsonValue, groups: fc.oneof(fc.array(jsonValue, { maxLength: 3 }), fc.constant(null)), userid: jsonValue,
    }, { requiredKeys: ['rolearn'] });
    let answered = 0;
    await fc.assert(fc.asyncProperty(fc.array(entryArb, { minLength: 1, maxLength: 3 }), fc.boolean(), async (items, pretty) => {
      const src = pretty ? JSON.stringify(items, null, '\t') : JSON.stringify(items);
      const go = (await oracle.read({ mapRoles: src })).mapRoles;
      const ours = oursOrRefused('mapRoles', src, 'entries');
      if (ours === undefined) return;
      answered++;
      expect({ src, stage: go.stage === 'tojson' ? go.error : undefined }).toEqual({ src, stage: undefined });
      const decoded = ours.map((o) => asGoRole(o as Record<string, unknown>));
      expect({ src, entries: decoded.filter((r) => r.rolearn !== undefined) }).toEqual({ src, entries: go.entries });
    }), { numRuns: 300 });
    expect(answered).toBeGreaterThan(100);
  });

  test('mapUsers and mapAccounts: same reading or a refusal', async () => {
    const users = fc.array(fc.record({ name: scalarArb, group: scalarArb }), { minLength: 1, maxLength: 3 })
      .map((us) => us.map((u) => `- userarn: ${USER}\n  username: ${u.name}\n  groups:\n  - ${u.group}\n`).join(''));
    const accounts = fc.array(fc.oneof(plainToken, scalarArb), { minLength: 1, maxLength: 3 }).map((as) => as.map((a) => `- ${a}\n`).join(''));
    await fc.assert(fc.asyncProperty(users, accounts, async (mapUsers, mapAccounts) => {
      const go = await oracle.read({ mapUsers, mapAccounts });
      for (const [dataKey, src, mode] of [['mapUsers', mapUsers, 'entries'], ['mapAccounts', mapAccounts, 'scalars']] as const) {
        const ours = oursOrRefused(dataKey, src, mode);
        if (ours === undefined) continue;
        if (dataKey === 'mapUsers') {
          expect({ src, error: go.mapUsers.stage === 'tojson' ? go.mapUsers.error : undefined }).toEqual({ src, error: undefined });
          expect({ src, entries: ours.map((o) => asGoUser(o as Record<string, unknown>)) }).toEqual({ src, entries: go.mapUsers.entries });
        } else {
          expect({ src, error: go.mapAccounts.error, entries: ours }).toEqual({ src, error: undefined, entries: go.mapAccounts.entries });
        }
      }
    }), { numRuns: 300 });
  });
});
