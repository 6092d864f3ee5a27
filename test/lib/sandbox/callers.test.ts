import { stringify } from 'yaml';
import type { ConfigMapState } from '../../../lambda/aws-auth/core';
import { callerGroups, callerPrincipal } from '../../../lib/sandbox/callers';

const ACCT = '111111111111';
const state = (mapRoles: unknown[], mapUsers: unknown[] = []): ConfigMapState => ({
  data: { mapRoles: stringify(mapRoles), ...(mapUsers.length ? { mapUsers: stringify(mapUsers) } : {}) }, annotations: {},
});
const entries = [{ principalArn: `arn:aws:iam::${ACCT}:role/handler`, groups: ['eks-access:aws-auth-writer'] }];

describe('callerPrincipal', () => {
  test.each([
    ['an assumed-role session becomes its role', `arn:aws:sts::${ACCT}:assumed-role/reader/alice@example.com`, { kind: 'role', arn: `arn:aws:iam::${ACCT}:role/reader` }],
    ['a China-partition session keeps its partition', `arn:aws-cn:sts::${ACCT}:assumed-role/reader/s`, { kind: 'role', arn: `arn:aws-cn:iam::${ACCT}:role/reader` }],
    ['a user stays a user', `arn:aws:iam::${ACCT}:user/ci-bot`, { kind: 'user', arn: `arn:aws:iam::${ACCT}:user/ci-bot` }],
    ['a role stays a role', `arn:aws:iam::${ACCT}:role/x`, { kind: 'role', arn: `arn:aws:iam::${ACCT}:role/x` }],
  ])('%s', (_, arn, expected) => {
    expect(callerPrincipal(arn)).toEqual(expected);
  });
});

describe('callerGroups', () => {
  test('an access entry wins over aws-auth for the same principal (API_AND_CONFIG_MAP)', () => {
    const awsAuth = state([{ rolearn: `arn:aws:iam::${ACCT}:role/handler`, username: 'h', groups: ['system:masters'] }]);
    expect(callerGroups(`arn:aws:sts::${ACCT}:assumed-role/handler/lambda`, entries, () => awsAuth)).toEqual(['eks-access:aws-auth-writer']);
  });

  test('without an access entry, the live aws-auth maps the caller as the authenticator does (read on every call)', () => {
    let awsAuth = state([]);
    const caller = `arn:aws:sts::${ACCT}:assumed-role/eks-access-dev-verifier/eks-access-cli`;
    expect(callerGroups(caller, entries, () => awsAuth)).toEqual([]);
    awsAuth = state([{ rolearn: `arn:aws:iam::${ACCT}:role/eks-access-dev-verifier`, username: 'v', groups: ['eks-access:verifier'] }]);
    expect(callerGroups(caller, entries, () => awsAuth)).toEqual(['eks-access:verifier']);
  });

  test('a role entry written with an IAM path maps nobody, as for the authenticator', () => {
    const awsAuth = state([{ rolearn: `arn:aws:iam::${ACCT}:role/team/reader`, username: 'r', groups: ['reader'] }]);
    expect(callerGroups(`arn:aws:sts::${ACCT}:assumed-role/reader/s`, entries, () => awsAuth)).toEqual([]);
  });

  test('a user is found in mapUsers', () => {
    const awsAuth = state([], [{ userarn: `arn:aws:iam::${ACCT}:user/ci-bot`, username: 'ci-bot', groups: ['reader'] }]);
    expect(callerGroups(`arn:aws:iam::${ACCT}:user/ci-bot`, entries, () => awsAuth)).toEqual(['reader']);
  });

  test('an aws-auth the authenticator cannot parse maps nobody', () => {
    const broken: ConfigMapState = { data: { mapRoles: '- rolearn: [unclosed' }, annotations: {} };
    expect(callerGroups(`arn:aws:iam::${ACCT}:user/ci-bot`, entries, () => broken)).toEqual([]);
  });
});
