/**
 * The oracle reproduces aws-iam-authenticator's reading of aws-auth (facts read in upstream
 * pkg/mapper/configmap/configmap.go, pkg/config/{types,mapper}.go and apimachinery's ToJSON):
 * if one of these fails, the oracle is no longer a faithful stand-in.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { OracleSession, buildOracle, describeWithOracle, readAll, readOne } from './authenticator-oracle';

const ROLE = 'arn:aws:iam::111122223333:role/Admin';

describe('oracle availability', () => {
  test('reports why when go is missing, naming the Debian package', () => {
    const a = buildOracle('go-that-does-not-exist');
    expect(a).toEqual({ available: false, reason: expect.stringContaining('go not found on PATH (Debian package golang-go)') });
  });

  test('reports why when the Debian Go sources are missing (or go itself)', () => {
    const hasGo = spawnSync('go', ['version']).status === 0;
    const a = buildOracle('go', path.join(__dirname, 'no-such-gopath'));
    expect(a).toEqual({
      available: false,
      reason: hasGo
        ? `Go sources gopkg.in/yaml.v2/yaml.go, sigs.k8s.io/yaml/yaml.go not found under ${path.join(__dirname, 'no-such-gopath')}/src (Debian packages golang-k8s-sigs-yaml-dev, golang-gopkg-yaml.v2-dev)`
        : expect.stringContaining('go not found on PATH'),
    });
  });
});

describeWithOracle('authenticator oracle', () => {
  test('a JSON list goes through the YAML reader; a value starting with { (after Unicode space) is JSON and not a list', () => {
    const [list, object, nel] = readAll([
      { mapRoles: JSON.stringify([{ rolearn: ROLE, username: 'a', groups: ['x'] }]) },
      { mapRoles: ` \n{"rolearn":"${ROLE}","username":"a","groups":[]}` },
      // unicode.IsSpace(NEL) is true, so the prefix check sees JSON, which encoding/json then refuses.
      { mapRoles: `\u0085{"rolearn":"${ROLE}","username":"a","groups":[]}` },
    ]);
    expect(list.mapRoles).toEqual({ present: true, skipped: false, entries: [{ rolearn: ROLE, username: 'a', groups: ['x'] }], rejected: [] });
    expect(object.mapRoles).toMatchObject({ stage: 'json', error: 'json: cannot unmarshal object into Go value of type []main.RoleMapping', entries: [] });
    expect(nel.mapRoles).toMatchObject({ stage: 'json', error: expect.stringContaining('invalid character'), entries: [] });
  });

  test('YAML 1.1 typing: a value of the wrong type is skipped by encoding/json, the rest kept', () => {
    const r = readOne({ mapRoles: `- rolearn: ${ROLE}\n  username: yes\n  groups: [NO, x, 012, 1:20]\n` });
    expect(r.mapRoles.stage).toBe('json');
    expect(r.mapRoles.entries).toEqual([{ rolearn: ROLE, username: '', groups: ['', 'x', '', '1:20'] }]);
  });

  test('a YAML error drops the whole key (a raw U+FFFE, nodes included)', () => {
    const r = readOne({ mapRoles: `- rolearn: ${ROLE}\n  username: node\n  groups: [system:nodes]\n- rolearn: ${ROLE}2\n  username: "\ufffe"\n  groups: []\n` });
    expect(r.mapRoles).toMatchObject({ stage: 'tojson', error: 'yaml: control characters are not allowed', entries: [] });
    expect(r.roles).toEqual({});
  });

  test('Validate drops rolearn+sso and entries without a principal; saveMap keys roles lower-cased, the last one winning', () => {
    const r = readOne({
      mapRoles: `- rolearn: ${ROLE}\n  sso: {permissionSetName: A, accountID: "111122223333"}\n  username: both\n  groups: []\n`
        + `- username: none\n  groups: []\n- rolearn: ${ROLE}\n  username: first\n  groups: []\n- rolearn: ${ROLE.toLowerCase()}\n  username: last\n  groups: []\n`
        + '- sso: {permissionSetName: ReadOnly, accountID: "111122223333"}\n  username: sso\n  groups: [view]\n',
    });
    expect(r.mapRoles.rejected.map((x) => [x.index, x.error])).toEqual([[0, 'only one of rolearn or SSO can be supplied'], [1, 'one of rolearn or SSO must be supplied']]);
    expect(Object.keys(r.roles).sort()).toEqual([ROLE.toLowerCase(), 'arn:aws:iam::111122223333:role/awsreservedsso_readonly_*']);
    expect(r.roles[ROLE.toLowerCase()].username).toBe('last');
  });

  test('users are keyed as written (the lookup compares ignoring case); a user without userarn is dropped', () => {
    const r = readOne({ mapUsers: '- userarn: arn:aws:iam::1:user/A\n  username: a\n  groups: []\n- userarn: arn:aws:iam::1:user/a\n  username: b\n  groups: []\n- username: c\n' });
    expect(Object.keys(r.users)).toEqual(['arn:aws:iam::1:user/A', 'arn:aws:iam::1:user/a']);
    expect(r.mapUsers.rejected).toEqual([{ index: 2, error: 'value for userarn must be supplied', entry: { userarn: '', username: 'c', groups: null } }]);
  });

  test('field names match ignoring case; among spellings, the last in byte order wins (json.Marshal sorts map keys)', () => {
    const r = readOne({ mapRoles: `- RoleARN: ${ROLE}X\n  rolearn: ${ROLE}\n  username: u\n  Groups: [g]\n` });
    expect(r.mapRoles.entries).toEqual([{ rolearn: ROLE, username: 'u', groups: ['g'] }]);
  });

  test('blank, ``, "" and \'\' are skipped; mapAccounts keeps plain text and, on a type error, the rest', () => {
    const [skip, accounts, bad] = readAll([
      { mapRoles: "''", mapUsers: '``', mapAccounts: ' \n' },
      { mapAccounts: '- 012\n- "111122223333"\n- 1e3\n- ~\n' },
      { mapAccounts: '- {a: b}\n- "111122223333"\n' },
    ]);
    expect([skip.mapRoles.skipped, skip.mapUsers.skipped, skip.mapAccounts.skipped]).toEqual([true, true, true]);
    expect(accounts.mapAccounts.entries).toEqual(['012', '111122223333', '1e3', '']);
    expect(bad.mapAccounts).toMatchObject({ stage: 'yaml', entries: ['111122223333'] });
  });

  test('a lone surrogate reaches Go as U+FFFD, as it reaches the API server', () => {
    expect(readOne({ mapRoles: `- rolearn: ${ROLE}\n  username: "a\ud800"\n  groups: []\n` }).mapRoles.entries[0].username).toBe('a\ufffd');
  });

  test('a session answers in order and agrees with the batch reader', async () => {
    const inputs = Array.from({ length: 50 }, (_, i) => ({ mapRoles: `- rolearn: ${ROLE}${i}\n  username: u${i}\n  groups: []\n` }));
    const session = OracleSession.start();
    try {
      expect(await Promise.all(inputs.map((d) => session.read(d)))).toEqual(readAll(inputs));
    } finally {
      await session.close();
    }
  });
});
